import type { Forecast } from '@watchfloor/domain';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatMetric,
  formatMetricTick,
  METRIC_LABELS,
  toForecastPoints,
} from '../../lib/forecast.ts';
import { formatClock, formatTime } from '../../lib/format.ts';

const tick = { fill: '#9fb3c8', fontSize: 12 };
const clock = (at: number) => formatClock(new Date(at).toISOString()).slice(0, 5);

/** Actuals, fitted values, the 24 h forecast with its band, threshold, anomalies, crossing. */
export default function ForecastChart({ forecast: f }: { forecast: Forecast }) {
  const points = toForecastPoints(f);
  const format = (value: number) => formatMetric(f.metric, value);
  const crossing = f.predictedCrossing ? Date.parse(f.predictedCrossing.at) : null;
  const label = `${METRIC_LABELS[f.metric]} of ${f.service}: ${f.actual.length} actuals and a ${points.length - f.actual.length}-step forecast${f.threshold ? `, threshold ${format(f.threshold.value)}` : ''}${f.anomalous ? ', latest point anomalous' : ''}`;
  return (
    <div className="chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#223041" strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={clock}
            tick={tick}
            minTickGap={36}
            stroke="#3a4a5c"
          />
          <YAxis
            tick={tick}
            width={56}
            stroke="#3a4a5c"
            tickFormatter={(v: number) => formatMetricTick(f.metric, v)}
          />
          <Tooltip
            labelFormatter={(at) => `${formatTime(new Date(Number(at)).toISOString())} UTC`}
            formatter={(value, name) => [
              Array.isArray(value)
                ? value.map((v) => format(Number(v))).join(' … ')
                : format(Number(value)),
              name,
            ]}
            contentStyle={{ background: '#101822', border: '1px solid #2b3a4d', color: '#e6edf3' }}
          />
          <Legend wrapperStyle={{ color: '#c9d6e3', fontSize: 13 }} />
          <Area
            dataKey="band"
            name="prediction interval"
            stroke="none"
            fill="#4cc9f0"
            fillOpacity={0.15}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey="actual"
            name="actual"
            stroke="#e3ebf3"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="fitted"
            name="fitted"
            stroke="#f0b429"
            strokeWidth={1.5}
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="forecast"
            name="forecast"
            stroke="#4cc9f0"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Scatter
            dataKey="anomaly"
            name="anomaly"
            fill="#f85149"
            shape="diamond"
            isAnimationActive={false}
          />
          {f.threshold && (
            <ReferenceLine
              y={f.threshold.value}
              stroke="#f85149"
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
              label={{
                value: `threshold ${format(f.threshold.value)}`,
                fill: '#ff8a80',
                fontSize: 12,
                position: 'insideBottomLeft',
              }}
            />
          )}
          <ReferenceLine
            x={Date.parse(f.fittedAt)}
            stroke="#6e8196"
            label={{ value: 'now', fill: '#93a7bb', fontSize: 12, position: 'insideTopRight' }}
          />
          {crossing !== null && (
            <ReferenceLine
              x={crossing}
              stroke="#e3a21a"
              strokeDasharray="2 2"
              ifOverflow="extendDomain"
              label={{
                value: `crosses ${clock(crossing)}`,
                fill: '#e3a21a',
                fontSize: 12,
                position: 'insideBottomRight',
              }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
