import { formatAgo } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';

/** "updated 3 s ago" for a query's dataUpdatedAt; turns amber once it is stale. */
export function UpdatedAgo({ at, staleAfterMs = 15_000 }: { at: number; staleAfterMs?: number }) {
  const now = useNow();
  if (!at) return <span className="updated muted">loading…</span>;
  const stale = now - at > staleAfterMs;
  return (
    <span className={`updated ${stale ? 'stale' : 'muted'}`} title={new Date(at).toISOString()}>
      updated {formatAgo(now, at)}
    </span>
  );
}
