import type { Alert } from '@watchfloor/domain';
import fc from 'fast-check';
import { type AlertNode, toAlertNode } from './alert-node.ts';
import type { DependencyIndex } from './dependency-index.ts';
import { alert, at, estate } from './test-estate.ts';

/** Every symptom kind: origin, propagated (some naming a dependency), local, other. */
const ALERTNAMES = [
  'DatabaseConnectionsSaturated',
  'MemoryPressure',
  'HighLatencyP95',
  'HighErrorRate',
  'UpstreamTimeout',
  'CrossRegionUnreachable',
  'HealthCheckFlapping',
  'PodRestarted',
  'SomethingOdd',
];
const SERVICES = [...estate.services.map((s) => s.id), 'legacy-mainframe'];

export interface RandomAlert {
  service: string;
  alertname: string;
  /** Seconds after the tests' reference instant. */
  start: number;
  host: string;
  /** Which of its dependencies its summary names as timing out (any service if it has none). */
  calling: number | null;
  /** Seconds it fired for, or null while it fires. */
  lasted: number | null;
  /** A fingerprint from a small pool, so re-fires happen. */
  refire: number | null;
  severity: 'critical' | 'warning' | 'info';
}

/**
 * A random alert on the test estate starting within `within` seconds; `services` narrows
 * where (a few related services make cascades, siblings and re-fires common).
 */
export const randomAlert = (
  within = 1800,
  services: readonly string[] = SERVICES,
): fc.Arbitrary<RandomAlert> =>
  fc.record({
    service: fc.constantFrom(...services),
    alertname: fc.constantFrom(...ALERTNAMES),
    start: fc.integer({ min: 0, max: within }),
    host: fc.constantFrom('a', 'b'),
    calling: fc.option(fc.nat({ max: SERVICES.length - 1 }), { nil: null }),
    lasted: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: null }),
    refire: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 4, nil: null }),
    severity: fc.constantFrom('critical', 'warning', 'info'),
  });

function calling(service: string, n: number): string {
  const callees = estate.services.find((s) => s.id === service)?.dependsOn ?? [];
  return callees[n % Math.max(1, callees.length)] ?? SERVICES[n] ?? '';
}

/** The alert as the engine would store it (resolved when it `lasted`). */
export function toAlert(r: RandomAlert, id: string): Alert {
  const a = alert({
    id,
    alertname: r.alertname,
    service: r.service,
    start: r.start,
    host: `${r.service}-${r.host}`,
    severity: r.severity,
    summary:
      r.calling === null
        ? undefined
        : `${r.service} sees timeouts calling ${calling(r.service, r.calling)}`,
  });
  if (r.refire !== null) a.fingerprint = `refire-${r.refire}`;
  if (r.lasted === null) return a;
  return { ...a, status: 'resolved', endsAt: at(r.start + r.lasted) };
}

export const toNode = (r: RandomAlert, seq: number, deps: DependencyIndex): AlertNode =>
  toAlertNode(toAlert(r, `N-${seq}`), deps, seq);
