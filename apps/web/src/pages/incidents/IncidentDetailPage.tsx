import type { Task } from '@watchfloor/domain';
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/auth-status.ts';
import { useApproveIncident, useIncident, useIncidentTransition } from '../../api/incidents.ts';
import type { IncidentDetail } from '../../api/schemas.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ReadOnlyHint } from '../../components/ReadOnlyHint.tsx';
import { formatPercent, formatTime } from '../../lib/format.ts';

export default function IncidentDetailPage() {
  const { id = '' } = useParams();
  const incident = useIncident(id);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/incidents">← Incidents</Link>
      </p>
      {incident.data ? (
        <Detail incident={incident.data} updatedAt={incident.dataUpdatedAt} />
      ) : (
        <>
          <PageHeader title={id} />
          {incident.isPending && <p className="muted">Loading…</p>}
        </>
      )}
      <ErrorNote error={incident.error} />
    </>
  );
}

function Detail({ incident: i, updatedAt }: { incident: IncidentDetail; updatedAt: number }) {
  const transition = useIncidentTransition(i.id);
  const { canOperate } = useSession();
  const timeline = [...i.timeline].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <>
      <PageHeader title={`${i.id} · ${i.title}`} updatedAt={updatedAt}>
        <button
          type="button"
          disabled={!canOperate || transition.isPending}
          onClick={() => transition.mutate('ack')}
        >
          Acknowledge
        </button>
        <button
          type="button"
          className="primary"
          disabled={!canOperate || transition.isPending}
          onClick={() => transition.mutate('resolve')}
        >
          Resolve
        </button>
      </PageHeader>
      <ReadOnlyHint to="acknowledge or resolve incidents" />
      <ErrorNote error={transition.error} />
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge kind="status" value={i.status} />
          </dd>
        </div>
        <div>
          <dt>Severity</dt>
          <dd>
            <Badge kind="severity" value={i.severity} />
          </dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd className="mono">{formatTime(i.createdAt)}</dd>
        </div>
        <div>
          <dt>Acknowledged</dt>
          <dd className="mono">{formatTime(i.acknowledgedAt)}</dd>
        </div>
        <div>
          <dt>Resolved</dt>
          <dd className="mono">{formatTime(i.resolvedAt)}</dd>
        </div>
        <div>
          <dt>Affected services</dt>
          <dd>
            {i.services.map((s) => (
              <Link key={s} className="tag" to={`/incidents?service=${encodeURIComponent(s)}`}>
                {s}
              </Link>
            ))}
          </dd>
        </div>
      </dl>
      {i.pendingApproval && <PendingApproval incident={i} />}
      <div className="grid-2">
        <section className="panel" aria-labelledby="root-heading">
          <h2 id="root-heading">Suspected root</h2>
          {i.suspectedRoot ? (
            <p>
              <strong className="big">{i.suspectedRoot.service}</strong>{' '}
              <span className="confidence">
                confidence {formatPercent(i.suspectedRoot.confidence, 0)}
              </span>
              <br />
              <span className="muted">{i.suspectedRoot.reason}</span>
            </p>
          ) : (
            <p className="muted">No suspected root yet.</p>
          )}
          <h2>Narrative</h2>
          <p className={i.narrative ? '' : 'muted'}>{i.narrative ?? 'No narrative yet.'}</p>
        </section>
        <section className="panel" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <ol className="timeline" aria-label="Timeline">
            {timeline.map((t, n) => (
              <li key={`${t.at}-${n}`}>
                <span className="mono muted">{formatTime(t.at)}</span>
                <Badge kind="timeline" value={t.kind} />
                <span>{t.message}</span>
                {t.actor && <span className="muted"> — {t.actor}</span>}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <Actions actions={i.actions} />
      <section className="panel" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts ({i.alertCount})</h2>
        {i.alertCount > i.alerts.length && (
          <p className="muted">
            Showing the latest {i.alerts.length} of {i.alertCount}; the CSV export and{' '}
            <code>GET /api/alerts?incidentId={i.id}</code> have them all.
          </p>
        )}
        <table className="data-table" aria-label="Alerts">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">status</th>
              <th scope="col">labels</th>
              <th scope="col">summary</th>
              <th scope="col">starts (UTC)</th>
              <th scope="col">ends (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {i.alerts.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.id}</td>
                <td>
                  <Badge kind="alert" value={a.status} />
                </td>
                <td>
                  {Object.entries(a.labels).map(([k, v]) => (
                    <span key={k} className="label-pair">
                      {k}=<strong>{v}</strong>
                    </span>
                  ))}
                </td>
                <td>{a.annotations.summary ?? a.annotations.description ?? ''}</td>
                <td className="mono">{formatTime(a.startsAt)}</td>
                <td className="mono">{formatTime(a.endsAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit</h2>
        {i.audit.length === 0 ? (
          <p className="muted">No audit entries for this incident.</p>
        ) : (
          <ul className="recent">
            {i.audit.map((e) => (
              <li key={e.id}>
                <span className="mono muted">{formatTime(e.at)}</span>
                <span className="mono">{e.action}</span>
                <span className="muted">by {e.actor}</span>
                <Badge kind="result" value={e.result} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The orchestrator's recommendation waiting for a human, and the button that runs it. */
function PendingApproval({ incident: i }: { incident: IncidentDetail }) {
  const approve = useApproveIncident(i.id);
  const { canOperate } = useSession();
  const d = i.pendingApproval;
  if (!d) return null;
  const resolved = i.status === 'resolved';
  return (
    <section className="panel approval-panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">
        {resolved ? 'Recommendation (incident resolved)' : 'Awaiting approval'}
      </h2>
      {d.action ? (
        <p>
          Recommended: <strong className="big">{d.action.kind.replaceAll('_', ' ')}</strong> on{' '}
          <strong>{d.action.service}</strong> <span className="muted">by {d.action.executor}</span>{' '}
          <span className="confidence">confidence {formatPercent(d.confidence, 0)}</span>
        </p>
      ) : (
        <p>No runbook action fits; the orchestrator leaves this to operators.</p>
      )}
      <p className="muted">{d.reason}</p>
      <p className="small muted">
        Agents {d.agents.join(', ')} · static rules would pick{' '}
        {d.baseline ? d.baseline.replaceAll('_', ' ') : 'nothing'} · decided{' '}
        {formatTime(d.decidedAt)}
        {d.alternatives.length > 0 &&
          ` · alternatives ${d.alternatives
            .map(
              (a) => `${a.kind.replaceAll('_', ' ')} (${formatPercent(a.mean, 0)}, n=${a.samples})`,
            )
            .join(', ')}`}
      </p>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!canOperate || approve.isPending || !d.action || resolved}
          onClick={() => approve.mutate()}
        >
          {approve.isPending ? 'Running…' : 'Approve and run'}
        </button>
        {approve.isSuccess && (
          <span className="ok-note" role="status">
            {approve.data.id} {approve.data.action.replaceAll('_', ' ')}: {approve.data.status}
          </span>
        )}
      </div>
      <ErrorNote error={approve.error} />
      <ReadOnlyHint to="approve recommended actions" />
    </section>
  );
}

/** Runbook actions run for this incident, by agents or operators. */
function Actions({ actions }: { actions: Task[] }) {
  return (
    <section className="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions ({actions.length})</h2>
      {actions.length === 0 ? (
        <p className="muted">No action has run for this incident.</p>
      ) : (
        <table className="data-table" aria-label="Actions">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">action</th>
              <th scope="col">status</th>
              <th scope="col">by</th>
              <th scope="col">requested (UTC)</th>
              <th scope="col">finished (UTC)</th>
              <th scope="col">result</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((t) => (
              <tr key={t.id}>
                <td className="mono">{t.id}</td>
                <td>
                  {t.action.replaceAll('_', ' ')} <span className="muted">on {t.service}</span>
                  {t.dryRun && <span className="muted small"> (dry run)</span>}
                </td>
                <td>
                  <Badge kind="task" value={t.status} />
                </td>
                <td>{t.requestedBy}</td>
                <td className="mono">{formatTime(t.requestedAt)}</td>
                <td className="mono">{formatTime(t.finishedAt)}</td>
                <td className="small">
                  {t.result?.message ?? t.reason ?? ''}
                  {t.preconditions.some((p) => !p.ok) && (
                    <span className="error-text">
                      {' '}
                      failed checks:{' '}
                      {t.preconditions
                        .filter((p) => !p.ok)
                        .map((p) => p.reason)
                        .join('; ')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
