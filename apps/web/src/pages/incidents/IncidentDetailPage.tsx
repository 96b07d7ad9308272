import { Link, useParams } from 'react-router';
import { useSession } from '../../api/auth-status.ts';
import { useIncident, useIncidentTransition } from '../../api/incidents.ts';
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
      <section className="panel" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts ({i.alerts.length})</h2>
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
