import { type Forecast, MetricName, type PredictedRisk } from '@watchfloor/domain';
import { lazy, Suspense, useId } from 'react';
import { useSearchParams } from 'react-router';
import { type ForecastFilters, useForecasts } from '../../api/forecasts.ts';
import { useSimulation } from '../../api/simulation.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { ServiceOptions } from '../../components/ServicePicker.tsx';
import { formatMetric, formatParam, formatSse, METRIC_LABELS } from '../../lib/forecast.ts';
import { formatMinutes, formatPercent, formatTime } from '../../lib/format.ts';

// Recharts loads only once a chart is on screen (shared with the overview's chart).
const ForecastChart = lazy(() => import('./ForecastChart.tsx'));

function useForecastFilters(): [ForecastFilters, (patch: Partial<ForecastFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const metric = MetricName.safeParse(params.get('metric'));
  const filters: ForecastFilters = {
    service: params.get('service') ?? '',
    metric: metric.success ? metric.data : '',
  };
  // From the address as it is now, so two quick changes do not undo each other.
  const update = (patch: Partial<ForecastFilters>) =>
    setParams(
      (current) => {
        const search = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value) search.set(key, value);
          else search.delete(key);
        }
        return search;
      },
      { replace: true },
    );
  return [filters, update];
}

export default function ForecastsPage() {
  const [filters, update] = useForecastFilters();
  const forecasts = useForecasts(filters);
  const servicesId = useId();
  const metricId = useId();
  const pages = forecasts.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const risks = pages[0]?.risks ?? [];
  const riskCount = pages[0]?.riskCount ?? risks.length;
  return (
    <>
      <PageHeader title="Forecasts" updatedAt={forecasts.dataUpdatedAt} />
      <p className="muted small page-intro">
        PredictiveOps fits Holt's linear (or damped) trend to each service metric in five-minute
        buckets and projects 24 h ahead with a prediction interval; a predicted threshold crossing
        raises a risk before the alert would fire.
      </p>
      <search className="filters" aria-label="Choose forecasts">
        <SearchBox
          label="Service"
          value={filters.service}
          list={servicesId}
          placeholder="all services"
          onChange={(service) => update({ service: service.trim() })}
        />
        <ServiceOptions id={servicesId} q={filters.service} />
        <div className="field-inline">
          <label htmlFor={metricId}>Metric</label>
          <select
            id={metricId}
            value={filters.metric}
            onChange={(event) => {
              const metric = MetricName.safeParse(event.target.value);
              update({ metric: metric.success ? metric.data : '' });
            }}
          >
            <option value="">All metrics</option>
            {MetricName.options.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
      </search>
      <ErrorNote error={forecasts.error} />
      <Risks risks={risks} count={riskCount} loaded={forecasts.isSuccess} />
      {forecasts.isSuccess && items.length === 0 && !forecasts.hasNextPage && (
        <EmptyState filtered={filters.service !== '' || filters.metric !== ''} />
      )}
      <div className="forecast-grid">
        {items.map((f) => (
          <ForecastCard key={`${f.service}|${f.metric}`} forecast={f} />
        ))}
      </div>
      <LoadMore query={forecasts} label="More forecasts" />
    </>
  );
}

function EmptyState({ filtered }: { filtered: boolean }) {
  const { data: sim } = useSimulation();
  return (
    <section className="panel empty-state" aria-label="No forecasts yet">
      <h2>No forecasts {filtered ? 'for this choice ' : ''}yet</h2>
      <p>
        A series is forecast once it has four five-minute buckets of history — about{' '}
        <strong>20 virtual minutes</strong> of simulation.{' '}
        {sim && !sim.running
          ? 'The simulation is stopped: start it in the sidebar.'
          : sim
            ? `The simulation runs at ×${sim.speed}.`
            : ''}{' '}
        Raising the speed to ×600 or ×3600 fills the charts within seconds.
      </p>
    </section>
  );
}

function Risks({
  risks,
  count,
  loaded,
}: {
  risks: PredictedRisk[];
  count: number;
  loaded: boolean;
}) {
  const sorted = [...risks].sort((a, b) => a.inSeconds - b.inSeconds);
  return (
    <section className="panel" aria-labelledby="risks-heading">
      <h2 id="risks-heading">Predicted risks ({count})</h2>
      {count > risks.length && (
        <p className="muted small">
          The {risks.length} soonest crossings of {count}.
        </p>
      )}
      {loaded && risks.length === 0 ? (
        <p className="muted">No metric is predicted to cross its threshold soon.</p>
      ) : (
        <table className="data-table" aria-label="Predicted risks">
          <thead>
            <tr>
              <th scope="col">service</th>
              <th scope="col">metric</th>
              <th scope="col">now</th>
              <th scope="col">threshold</th>
              <th scope="col">trend / min</th>
              <th scope="col">crosses in</th>
              <th scope="col">at (UTC)</th>
              <th scope="col">confidence</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={`${r.service}|${r.metric}`}>
                <td>{r.service}</td>
                <td>{METRIC_LABELS[r.metric]}</td>
                <td className="num">{formatMetric(r.metric, r.current)}</td>
                <td className="num">{formatMetric(r.metric, r.threshold)}</td>
                <td className="num">{formatMetric(r.metric, r.trendPerMinute)}</td>
                <td className="num">{formatMinutes(r.inSeconds / 60)}</td>
                <td className="mono">{formatTime(r.predictedCrossingAt)}</td>
                <td className="num">{formatPercent(r.confidence, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ForecastCard({ forecast: f }: { forecast: Forecast }) {
  const { params } = f;
  const title = `${f.service} · ${METRIC_LABELS[f.metric]}`;
  return (
    <article className="panel forecast-card" aria-label={title} data-testid="forecast-card">
      <h2>
        {title} {f.anomalous && <Badge kind="flag" value="anomalous" />}
        {f.predictedCrossing && <Badge kind="flag" value="crossing" />}
      </h2>
      <Suspense fallback={<div className="chart-placeholder">Loading chart…</div>}>
        <ForecastChart forecast={f} />
      </Suspense>
      <dl className="facts params" aria-label="Fitted parameters">
        <div>
          <dt>α (level)</dt>
          <dd className="mono">{formatParam(params.alpha)}</dd>
        </div>
        <div>
          <dt>β (trend)</dt>
          <dd className="mono">{formatParam(params.beta)}</dd>
        </div>
        <div>
          <dt>φ (damping)</dt>
          <dd className="mono">{params.phi === undefined ? 'none' : formatParam(params.phi)}</dd>
        </div>
        <div>
          <dt>SSE</dt>
          <dd className="mono">{formatSse(params.sse)}</dd>
        </div>
        <div>
          <dt>anomaly score</dt>
          <dd className={`mono ${f.anomalous ? 'text-crit' : ''}`}>{f.anomalyScore.toFixed(2)}</dd>
        </div>
        <div>
          <dt>threshold</dt>
          <dd>
            {f.threshold
              ? `${f.threshold.direction} ${formatMetric(f.metric, f.threshold.value)}`
              : 'none'}
          </dd>
        </div>
        <div>
          <dt>predicted crossing</dt>
          <dd>
            {f.predictedCrossing
              ? `in ${formatMinutes(f.predictedCrossing.inSeconds / 60)} (${formatTime(f.predictedCrossing.at)})`
              : 'none within 24 h'}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        {f.damped ? 'Damped' : 'Linear'} Holt · {f.stepSeconds / 60}-min buckets · fitted{' '}
        {formatTime(f.fittedAt)} UTC
      </p>
    </article>
  );
}
