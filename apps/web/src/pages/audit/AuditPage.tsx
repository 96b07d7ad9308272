import type { AuditEvent } from '@watchfloor/domain';
import { useSearchParams } from 'react-router';
import { type AuditFilters, auditPath, useAudit } from '../../api/audit.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { formatTime } from '../../lib/format.ts';

const FIELDS = ['actor', 'action', 'target'] as const;

function useAuditFilters(): [AuditFilters, (patch: Partial<AuditFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    target: params.get('target') ?? '',
  };
  const update = (patch: Partial<AuditFilters>) => {
    const next = { ...filters, ...patch };
    const search = new URLSearchParams();
    for (const f of FIELDS) if (next[f]) search.set(f, next[f]);
    setParams(search, { replace: true });
  };
  return [filters, update];
}

const change = (e: AuditEvent): string => {
  const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
  const before = show(e.before);
  const after = show(e.after);
  if (!before && !after) return '';
  return before ? `${before} → ${after}` : after;
};

export default function AuditPage() {
  const [filters, update] = useAuditFilters();
  const audit = useAudit(filters);
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Audit" updatedAt={audit.dataUpdatedAt}>
        <ExportButton
          path={auditPath(filters, { format: 'csv' })}
          filename="audit.csv"
          label="Export CSV"
        />
      </PageHeader>
      <search className="filters" aria-label="Filter the audit trail">
        <SearchBox
          label="Actor"
          value={filters.actor}
          placeholder="operator, engine…"
          onChange={(actor) => update({ actor })}
        />
        <SearchBox
          label="Action"
          value={filters.action}
          placeholder="kill_switch.engage…"
          onChange={(action) => update({ action })}
        />
        <SearchBox
          label="Target"
          value={filters.target}
          placeholder="INC-000042…"
          onChange={(target) => update({ target })}
        />
        <span className="muted small">exact matches</span>
      </search>
      <ErrorNote error={audit.error} />
      {audit.isSuccess && items.length === 0 && <p className="muted">No audit events match.</p>}
      {items.length > 0 && (
        <table className="data-table" aria-label="Audit events">
          <thead>
            <tr>
              <th scope="col">time (UTC)</th>
              <th scope="col">actor</th>
              <th scope="col">action</th>
              <th scope="col">target</th>
              <th scope="col">result</th>
              <th scope="col">change</th>
              <th scope="col">request</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="mono">{formatTime(e.at)}</td>
                <td>{e.actor}</td>
                <td className="mono">{e.action}</td>
                <td className="mono">{e.target}</td>
                <td>
                  <Badge kind="result" value={e.result} />
                </td>
                <td className="mono small change">{change(e)}</td>
                <td className="mono small muted">{e.requestId ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore query={audit} />
    </>
  );
}
