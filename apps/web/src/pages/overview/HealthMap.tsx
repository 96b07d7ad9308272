import { Tier } from '@watchfloor/domain';
import { Link } from 'react-router';
import type { ServiceView, TopologyView } from '../../api/schemas.ts';
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

/** Services by tier (rows) and region (columns), coloured by health; a click filters incidents. */
export function HealthMap({ topology }: { topology: TopologyView }) {
  const { regions, services } = topology;
  const counts = { healthy: 0, warning: 0, critical: 0 };
  for (const s of services) counts[s.health]++;
  return (
    <div className="health-map">
      <p className="legend">
        <span className="swatch health-healthy" /> {counts.healthy} healthy{' '}
        <span className="swatch health-warning" /> {counts.warning} warning{' '}
        <span className="swatch health-critical" /> {counts.critical} critical
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
          {Tier.options.map((tier) => (
            <tr key={tier}>
              <th scope="row">{tier}</th>
              {regions.map((region) => (
                <td key={region}>
                  {services
                    .filter((s) => s.tier === tier && s.region === region)
                    .map((s) => (
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
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
