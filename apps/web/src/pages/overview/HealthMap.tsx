import { Link } from 'react-router';
import type { ServiceView, TopologyCell, TopologySummary } from '../../api/schemas.ts';
import { formatPercent } from '../../lib/format.ts';

const describe = (s: ServiceView): string => {
  const m = s.metrics;
  const parts = [`${s.name}: ${s.health}`, `${s.tier} · ${s.region}`];
  if (m) {
    if (m.latency_p95_ms !== undefined) parts.push(`p95 ${Math.round(m.latency_p95_ms)} ms`);
    if (m.error_rate !== undefined) parts.push(`errors ${formatPercent(m.error_rate, 2)}`);
    if (m.cpu !== undefined) parts.push(`cpu ${formatPercent(m.cpu, 0)}`);
  }
  if (s.dependsOn.length) parts.push(`calls ${s.dependsOn.join(', ')}`);
  return parts.join('\n');
};

const cellPath = (cell: TopologyCell) =>
  `/services?tier=${cell.tier}&region=${encodeURIComponent(cell.region)}`;

function Cell({ cell }: { cell: TopologyCell }) {
  const hidden = cell.services - cell.shown.length;
  const unhealthy = cell.warning + cell.critical;
  return (
    <td>
      {cell.shown.map((s) => (
        <Link
          key={s.id}
          to={`/incidents?service=${encodeURIComponent(s.id)}`}
          className={`service-tile health-${s.health}`}
          title={describe(s)}
          aria-label={`${s.name}, ${s.health}; show its incidents`}
          data-testid={`service-${s.id}`}
        >
          {s.name}
        </Link>
      ))}
      {hidden > 0 && (
        <Link
          to={cellPath(cell)}
          className="more-tiles"
          data-testid={`cell-${cell.tier}-${cell.region}`}
          aria-label={`${cell.services} ${cell.tier} services in ${cell.region}, ${unhealthy} unhealthy; list them`}
        >
          +{hidden.toLocaleString('en')} more
          {unhealthy > 0 && ` (${unhealthy.toLocaleString('en')} unhealthy)`}
        </Link>
      )}
    </td>
  );
}

/**
 * Services by tier (rows) and region (columns), coloured by health; a tile opens its incidents.
 * A large estate shows the worst few per cell and links the rest to the services view.
 */
export function HealthMap({ topology }: { topology: TopologySummary }) {
  const { regions, tiers, totals, cells } = topology;
  const cellOf = new Map(cells.map((c) => [`${c.tier}|${c.region}`, c]));
  return (
    <div className="health-map">
      <p className="legend">
        <span className="swatch health-healthy" /> {totals.healthy.toLocaleString('en')} healthy{' '}
        <span className="swatch health-warning" /> {totals.warning.toLocaleString('en')} warning{' '}
        <span className="swatch health-critical" /> {totals.critical.toLocaleString('en')} critical
        · <Link to="/services">all {totals.services.toLocaleString('en')} services</Link>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">tier</th>
            {regions.map((r) => (
              <th key={r} scope="col">
                {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr key={tier}>
              <th scope="row">{tier}</th>
              {regions.map((region) => {
                const cell = cellOf.get(`${tier}|${region}`);
                return cell ? <Cell key={region} cell={cell} /> : <td key={region} />;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
