import { lazy, Suspense } from 'react';
import { useMetrics } from '../../api/overview.ts';
import { useTopologySummary } from '../../api/topology.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { toRates } from '../../lib/rates.ts';
import { HealthMap } from './HealthMap.tsx';
import { KpiCards } from './KpiCards.tsx';
import { RecentActivity, RecentIncidents } from './Recent.tsx';

// Recharts is the heaviest dependency: fetched only when the chart is on screen.
const RateChart = lazy(() => import('./RateChart.tsx'));

export default function OverviewPage() {
  const metrics = useMetrics();
  const topology = useTopologySummary();
  const rates = toRates(metrics.data?.history ?? []);
  return (
    <>
      <PageHeader title="Overview" updatedAt={metrics.dataUpdatedAt} />
      <ErrorNote error={metrics.data ? null : metrics.error} />
      <KpiCards kpis={metrics.data?.latest} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="rates-heading">
          <h2 id="rates-heading">Alert rate vs incident rate</h2>
          <p className="muted small">per virtual minute, from successive KPI polls</p>
          <Suspense fallback={<div className="chart-placeholder">Loading chart…</div>}>
            <RateChart points={rates} />
          </Suspense>
        </section>
        <section className="panel" aria-labelledby="health-heading">
          <h2 id="health-heading">Service health</h2>
          <ErrorNote error={topology.data ? null : topology.error} />
          {topology.data && <HealthMap topology={topology.data} />}
        </section>
      </div>
      <div className="grid-2">
        <RecentIncidents />
        <RecentActivity />
      </div>
    </>
  );
}
