import { Tier } from '@watchfloor/domain';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ServiceView } from '../../api/schemas.ts';
import {
  type ServiceFilters,
  type ServiceHealth,
  useEstateCounts,
  useServices,
} from '../../api/topology.ts';
import { Badge } from '../../components/Badge.tsx';
import { CheckGroup } from '../../components/CheckGroup.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { DASH, formatPercent } from '../../lib/format.ts';
import { listParam } from '../../lib/query-string.ts';

const HEALTH: readonly ServiceHealth[] = ['critical', 'warning', 'healthy'];

/** Filters live in the address (`/services?health=critical&tier=datastore`) like every list. */
function useServiceFilters(): [ServiceFilters, (patch: Partial<ServiceFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: ServiceFilters = {
    q: params.get('q') ?? '',
    tier: listParam(params.get('tier'), Tier.options),
    region: params.get('region') ?? '',
    health: listParam(params.get('health'), HEALTH),
  };
  const update = (patch: Partial<ServiceFilters>) => {
    const next = { ...filters, ...patch };
    const search = new URLSearchParams();
    if (next.q) search.set('q', next.q);
    if (next.tier.length) search.set('tier', next.tier.join(','));
    if (next.region) search.set('region', next.region);
    if (next.health.length) search.set('health', next.health.join(','));
    setParams(search, { replace: true });
  };
  return [filters, update];
}

const metric = (s: ServiceView, name: 'latency_p95_ms' | 'error_rate' | 'cpu'): string => {
  const value = s.metrics?.[name];
  if (value === undefined) return DASH;
  return name === 'latency_p95_ms' ? `${Math.round(value)} ms` : formatPercent(value, 1);
};

/** Every service of the estate, searchable and paged: the overview only draws a few per cell. */
export default function ServicesPage() {
  const [filters, update] = useServiceFilters();
  const services = useServices(filters);
  const { data: estate } = useEstateCounts();
  const regionId = useId();
  const pages = services.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const total = pages[0]?.total;
  return (
    <>
      <PageHeader title="Services" updatedAt={services.dataUpdatedAt} />
      <p className="muted small page-intro" data-testid="services-count">
        {total === undefined
          ? 'Loading…'
          : `${total.toLocaleString('en')} of ${(estate?.totals.services ?? total).toLocaleString('en')} services match · ${items.length.toLocaleString('en')} shown`}
      </p>
      <search className="filters" aria-label="Filter services">
        <SearchBox
          label="Search"
          value={filters.q}
          placeholder="part of a name…"
          onChange={(q) => update({ q })}
        />
        <CheckGroup
          legend="Health"
          options={HEALTH}
          selected={filters.health}
          onChange={(health) => update({ health })}
        />
        <CheckGroup
          legend="Tier"
          options={Tier.options}
          selected={filters.tier}
          onChange={(tier) => update({ tier })}
        />
        <div className="field field-inline">
          <label htmlFor={regionId}>Region</label>
          <select
            id={regionId}
            value={filters.region}
            onChange={(event) => update({ region: event.target.value })}
          >
            <option value="">any</option>
            {filters.region && !estate?.regions.includes(filters.region) && (
              <option value={filters.region}>{filters.region}</option>
            )}
            {estate?.regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      </search>
      <ErrorNote error={services.error} />
      {services.isSuccess && items.length === 0 && (
        <p className="muted">No services match these filters.</p>
      )}
      {items.length > 0 && (
        <table className="data-table" aria-label="Services">
          <thead>
            <tr>
              <th scope="col">service</th>
              <th scope="col">health</th>
              <th scope="col">tier</th>
              <th scope="col">region</th>
              <th scope="col">p95</th>
              <th scope="col">errors</th>
              <th scope="col">cpu</th>
              <th scope="col">calls</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} data-testid={`service-row-${s.id}`}>
                <td className="mono">
                  <Link to={`/incidents?service=${encodeURIComponent(s.id)}`}>{s.name}</Link>
                </td>
                <td>
                  <Badge kind="health" value={s.health} />
                </td>
                <td>{s.tier}</td>
                <td>{s.region}</td>
                <td className="num">{metric(s, 'latency_p95_ms')}</td>
                <td className="num">{metric(s, 'error_rate')}</td>
                <td className="num">{metric(s, 'cpu')}</td>
                <td className="small">{s.dependsOn.join(', ') || DASH}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore query={services} />
    </>
  );
}
