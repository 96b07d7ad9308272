import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatClock } from '../../lib/format.ts';
import type { RatePoint } from '../../lib/rates.ts';

const tick = { fill: '#9fb3c8', fontSize: 13 };
const clock = (at: number) => formatClock(new Date(at).toISOString());

export default function RateChart({ points }: { points: RatePoint[] }) {
  if (points.length < 2) {
    return (
      <div className="chart-placeholder">
        Collecting samples… the chart draws while the simulation runs (rates need the virtual clock
        to move).
      </div>
    );
  }
  return (
    <div
      className="chart"
      role="img"
      aria-label="Alerts and incidents per virtual minute over time"
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#223041" strokeDasharray="3 3" />
          <XAxis dataKey="at" tickFormatter={clock} tick={tick} minTickGap={40} stroke="#3a4a5c" />
          <YAxis tick={tick} width={44} stroke="#3a4a5c" allowDecimals={false} />
          <Tooltip
            labelFormatter={(at) => `${clock(Number(at))} UTC (virtual)`}
            formatter={(value) => (typeof value === 'number' ? value.toFixed(1) : String(value))}
            contentStyle={{ background: '#101822', border: '1px solid #2b3a4d', color: '#e6edf3' }}
          />
          <Legend wrapperStyle={{ color: '#c9d6e3' }} />
          <Line
            type="monotone"
            dataKey="alertsPerMin"
            name="Alerts / min"
            stroke="#f0b429"
            strokeWidth={3}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="incidentsPerMin"
            name="Incidents / min"
            stroke="#4cc9f0"
            strokeWidth={3}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
