import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useRecentAudit } from '../../api/audit.ts';
import { useRecentIncidents } from '../../api/incidents.ts';
import { Badge } from '../../components/Badge.tsx';
import { formatClock } from '../../lib/format.ts';

/** A titled overview panel listing the newest few of something, with a link to all of it. */
function RecentPanel<T extends { id: string }>({
  id,
  title,
  more,
  empty,
  items,
  row,
}: {
  id: string;
  title: string;
  more: { to: string; label: string };
  empty: string;
  items: T[] | undefined;
  row: (item: T) => ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title}{' '}
        <Link to={more.to} className="small">
          {more.label}
        </Link>
      </h2>
      {items && items.length === 0 && <p className="muted">{empty}</p>}
      <ul className="recent">
        {items?.map((item) => (
          <li key={item.id}>{row(item)}</li>
        ))}
      </ul>
    </section>
  );
}

export function RecentIncidents() {
  const { data } = useRecentIncidents();
  return (
    <RecentPanel
      id="recent-incidents"
      title="Recent incidents"
      more={{ to: '/incidents', label: 'all →' }}
      empty="No incidents yet."
      items={data?.items}
      row={(i) => (
        <>
          <span className="mono muted">{formatClock(i.createdAt)}</span>
          <Badge kind="severity" value={i.severity} />
          <Link to={`/incidents/${i.id}`}>{i.title}</Link>
          <Badge kind="status" value={i.status} />
        </>
      )}
    />
  );
}

/** What operators and the engine did lately (the audit trail's newest entries). */
export function RecentActivity() {
  const { data } = useRecentAudit();
  return (
    <RecentPanel
      id="recent-activity"
      title="Recent actions"
      more={{ to: '/audit', label: 'audit →' }}
      empty="Nothing recorded yet."
      items={data?.items}
      row={(e) => (
        <>
          <span className="mono muted">{formatClock(e.at)}</span>
          <span className="mono">{e.action}</span>
          <span>{e.target}</span>
          <span className="muted">by {e.actor}</span>
          <Badge kind="result" value={e.result} />
        </>
      )}
    />
  );
}
