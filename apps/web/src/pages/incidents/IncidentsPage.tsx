import { IncidentSeverity, IncidentStatus } from '@watchfloor/domain';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type IncidentFilters, incidentsPath, useIncidents } from '../../api/incidents.ts';
import { Badge } from '../../components/Badge.tsx';
import { CheckGroup } from '../../components/CheckGroup.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { ServiceOptions } from '../../components/ServicePicker.tsx';
import { formatPercent, formatTime } from '../../lib/format.ts';
import { listParam } from '../../lib/query-string.ts';

/** Filters live in the address (`?status=open&service=orders-db&q=…`) so views can be shared. */
function useIncidentFilters(): [IncidentFilters, (patch: Partial<IncidentFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: IncidentFilters = {
    status: listParam(params.get('status'), IncidentStatus.options),
    severity: listParam(params.get('severity'), IncidentSeverity.options),
    service: params.get('service') ?? '',
    q: params.get('q') ?? '',
  };
  const update = (patch: Partial<IncidentFilters>) => {
    const next = { ...filters, ...patch };
    const search = new URLSearchParams();
    if (next.status.length) search.set('status', next.status.join(','));
    if (next.severity.length) search.set('severity', next.severity.join(','));
    if (next.service) search.set('service', next.service);
    if (next.q) search.set('q', next.q);
    setParams(search, { replace: true });
  };
  return [filters, update];
}

export default function IncidentsPage() {
  const [filters, update] = useIncidentFilters();
  const incidents = useIncidents(filters);
  const serviceListId = useId();
  const items = incidents.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Incidents" updatedAt={incidents.dataUpdatedAt}>
        <ExportButton
          path={incidentsPath(filters, { format: 'csv' })}
          filename="incidents.csv"
          label="Export CSV"
        />
      </PageHeader>
      <search className="filters" aria-label="Filter incidents">
        <CheckGroup
          legend="Status"
          options={IncidentStatus.options}
          selected={filters.status}
          onChange={(status) => update({ status })}
        />
        <CheckGroup
          legend="Severity"
          options={IncidentSeverity.options}
          selected={filters.severity}
          onChange={(severity) => update({ severity })}
        />
        <SearchBox
          label="Service"
          value={filters.service}
          placeholder="any service"
          list={serviceListId}
          onChange={(service) => update({ service })}
        />
        <ServiceOptions id={serviceListId} q={filters.service} />
        <SearchBox
          label="Search"
          value={filters.q}
          placeholder="id, title, service…"
          onChange={(q) => update({ q })}
        />
      </search>
      <ErrorNote error={incidents.error} />
      {incidents.isSuccess && items.length === 0 && (
        <p className="muted">No incidents match these filters.</p>
      )}
      {items.length > 0 && (
        <table className="data-table" aria-label="Incidents">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">title</th>
              <th scope="col">severity</th>
              <th scope="col">status</th>
              <th scope="col">services</th>
              <th scope="col">suspected root</th>
              <th scope="col">alerts</th>
              <th scope="col">opened (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td className="mono">
                  <Link to={`/incidents/${i.id}`}>{i.id}</Link>
                </td>
                <td>
                  <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                </td>
                <td>
                  <Badge kind="severity" value={i.severity} />
                </td>
                <td>
                  <Badge kind="status" value={i.status} />
                </td>
                <td>
                  {i.services.join(', ')}
                  {i.serviceCount > i.services.length && (
                    <span className="muted"> +{i.serviceCount - i.services.length} more</span>
                  )}
                </td>
                <td>
                  {i.suspectedRoot
                    ? `${i.suspectedRoot.service} (${formatPercent(i.suspectedRoot.confidence, 0)})`
                    : '—'}
                </td>
                <td className="num">{i.alertCount}</td>
                <td className="mono">{formatTime(i.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore query={incidents} />
    </>
  );
}
