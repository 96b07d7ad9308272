import { lazy, Suspense } from 'react';
import { useLearning } from '../../api/agents.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { formatCount, formatPercent } from '../../lib/format.ts';
import { curveRows } from '../../lib/learning.ts';

const LearningChart = lazy(() => import('./LearningChart.tsx'));

/** What the orchestrator has learned: the curve, the totals and the busiest signatures. */
export function LearningPanel() {
  const learning = useLearning();
  const stats = learning.data;
  const rows = curveRows(stats?.curve ?? []);
  const top = [...(stats?.signatures ?? [])].sort((a, b) => b.samples - a.samples).slice(0, 8);
  return (
    <section className="panel" aria-labelledby="learning-heading">
      <h2 id="learning-heading">
        Learning{' '}
        {stats && (
          <span className={`badge ${stats.learning ? 'result-ok' : ''}`}>
            {stats.learning ? 'learning on' : 'learning off (static baseline)'}
          </span>
        )}
      </h2>
      <ErrorNote error={stats ? null : learning.error} />
      {stats && (
        <div className="grid-2">
          <div>
            <h3>First-action success per 50 incidents</h3>
            {rows.length === 0 ? (
              <div className="chart-placeholder">
                No outcomes yet: the curve starts once incidents have been acted on and judged.
              </div>
            ) : (
              <Suspense fallback={<div className="chart-placeholder">Loading chart…</div>}>
                <LearningChart rows={rows} />
              </Suspense>
            )}
          </div>
          <div>
            <dl className="facts" aria-label="Learning totals">
              <div>
                <dt>outcomes</dt>
                <dd>{formatCount(stats.totals.outcomes)}</dd>
              </div>
              <div>
                <dt>success rate</dt>
                <dd>{formatPercent(stats.totals.successRate)}</dd>
              </div>
              <div>
                <dt>mitigated</dt>
                <dd>{formatCount(stats.totals.mitigated)}</dd>
              </div>
              <div>
                <dt>not mitigated</dt>
                <dd>{formatCount(stats.totals.notMitigated)}</dd>
              </div>
              <div>
                <dt>worsened</dt>
                <dd>{formatCount(stats.totals.worsened)}</dd>
              </div>
              <div>
                <dt>recurred</dt>
                <dd>{formatCount(stats.totals.recurred)}</dd>
              </div>
              <div>
                <dt>escalated</dt>
                <dd>{formatCount(stats.totals.escalated)}</dd>
              </div>
              <div>
                <dt>relevance threshold</dt>
                <dd title="The agent selector's relevance threshold (50..85)">
                  {stats.relevanceThreshold.toFixed(1)}
                </dd>
              </div>
            </dl>
          </div>
        </div>
      )}
      {stats && (
        <>
          <h3>Most seen signatures</h3>
          {top.length === 0 ? (
            <p className="muted small">None yet.</p>
          ) : (
            <table className="data-table compact" aria-label="Learned signatures">
              <thead>
                <tr>
                  <th scope="col">signature</th>
                  <th scope="col">n</th>
                  <th scope="col">success</th>
                  <th scope="col">best action</th>
                </tr>
              </thead>
              <tbody>
                {top.map((s) => (
                  <tr key={s.signature}>
                    <td className="small change">
                      <code>{s.signature}</code>
                    </td>
                    <td className="num">{s.samples}</td>
                    <td className="num">{formatPercent(s.successRate, 0)}</td>
                    <td>
                      {s.bestAction
                        ? `${s.bestAction.kind.replaceAll('_', ' ')} (${formatPercent(s.bestAction.mean, 0)})`
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
