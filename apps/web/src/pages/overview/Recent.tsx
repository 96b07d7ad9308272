import { Link } from 'react-router';
import { useRecentAudit } from '../../api/audit.ts';
import { useRecentIncidents } from '../../api/incidents.ts';
import { Badge } from '../../components/Badge.tsx';
import { formatClock } from '../../lib/format.ts';

export function RecentIncidents() {
  const { data } = useRecentIncidents();
  return (
    <section className="panel" aria-labelledby="recent-incidents">
      <h2 id="recent-incidents">
        Recent incidents{' '}
        <Link to="/incidents" className="small">
          all →
        </Link>
      </h2>
      {data && data.items.length === 0 && <p className="muted">No incidents yet.</p>}
      <ul className="recent">
        {data?.items.map((i) => (
          <li key={i.id}>
            <span className="mono muted">{formatClock(i.createdAt)}</span>
            <Badge kind="severity" value={i.severity} />
            <Link to={`/incidents/${i.id}`}>{i.title}</Link>
            <Badge kind="status" value={i.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What operators and the engine did lately (the audit trail's newest entries). */
export function RecentActivity() {
  const { data } = useRecentAudit();
  return (
    <section className="panel" aria-labelledby="recent-activity">
      <h2 id="recent-activity">
        Recent actions{' '}
        <Link to="/audit" className="small">
          audit →
        </Link>
      </h2>
      {data && data.items.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      <ul className="recent">
        {data?.items.map((e) => (
          <li key={e.id}>
            <span className="mono muted">{formatClock(e.at)}</span>
            <span className="mono">{e.action}</span>
            <span>{e.target}</span>
            <span className="muted">by {e.actor}</span>
            <Badge kind="result" value={e.result} />
          </li>
        ))}
      </ul>
    </section>
  );
}
