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
import { formatPercent } from '../../lib/format.ts';
import { type CurveRow, hasSeries } from '../../lib/learning.ts';

const tick = { fill: '#9fb3c8', fontSize: 12 };

/** First-action success per block of 50 incidents, learning on vs off. */
export default function LearningChart({ rows }: { rows: CurveRow[] }) {
  const on = hasSeries(rows, 'on');
  const off = hasSeries(rows, 'off');
  const label = `First-action success per 50 incidents over ${rows.length} blocks${on ? ', learning on' : ''}${off ? ', learning off' : ''}`;
  return (
    <div className="chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#223041" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={tick} stroke="#3a4a5c" minTickGap={20} />
          <YAxis
            tick={tick}
            width={52}
            stroke="#3a4a5c"
            domain={[0, 1]}
            tickFormatter={(v: number) => formatPercent(v, 0)}
          />
          <Tooltip
            labelFormatter={(value) => `incidents ${String(value)}`}
            formatter={(value) => formatPercent(typeof value === 'number' ? value : null, 0)}
            contentStyle={{ background: '#101822', border: '1px solid #2b3a4d', color: '#e6edf3' }}
          />
          <Legend wrapperStyle={{ color: '#c9d6e3', fontSize: 13 }} />
          {on && (
            <Line
              dataKey="on"
              name="learning on"
              stroke="#3fb950"
              strokeWidth={3}
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls
            />
          )}
          {off && (
            <Line
              dataKey="off"
              name="learning off (static rules)"
              stroke="#93a7bb"
              strokeWidth={2}
              strokeDasharray="5 4"
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
