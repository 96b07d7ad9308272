import type { Precondition, Service } from '@watchfloor/domain';
import type { TaskView } from './view.ts';

/** A check on the view before an action runs; `params` are already validated. */
export type Check = (
  service: Service,
  view: TaskView,
  params: Readonly<Record<string, string | number>>,
) => Precondition;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export const killSwitchReleased = (view: TaskView): Precondition =>
  view.killSwitch.engaged
    ? {
        name: 'kill_switch_released',
        ok: false,
        reason: `kill switch engaged${view.killSwitch.reason ? `: ${view.killSwitch.reason}` : ''}`,
      }
    : { name: 'kill_switch_released', ok: true, reason: 'kill switch released' };

export const hasHosts: Check = (service, view) => {
  const count = view.topology.hosts.filter((h) => h.serviceId === service.id).length;
  return {
    name: 'has_hosts',
    ok: count > 0,
    reason: count > 0 ? `${service.id} runs on ${count} hosts` : `${service.id} has no hosts`,
  };
};

/** Regions of the service's callers other than its own: where a standby can take over. */
export const peerRegions = (service: Service, view: TaskView): string[] => {
  const regions = new Set<string>();
  for (const s of view.topology.services) {
    if (s.region !== service.region && s.dependsOn.includes(service.id)) regions.add(s.region);
  }
  return [...regions].sort();
};

export const peerRegionAvailable: Check = (service, view, params) => {
  const peers = peerRegions(service, view);
  const wanted = params.toRegion === undefined ? undefined : String(params.toRegion);
  if (peers.length === 0) {
    return {
      name: 'peer_region_available',
      ok: false,
      reason: `${service.id} has no callers outside ${service.region}, so no standby region`,
    };
  }
  const ok = wanted === undefined || peers.includes(wanted);
  return {
    name: 'peer_region_available',
    ok,
    reason: ok
      ? `standby in ${wanted ?? peers[0]}`
      : `${service.id} can fail over to ${peers.join(' or ')}, not ${wanted}`,
  };
};

/** Scaling in or backing up adds strain: only when CPU and errors are comfortably low. */
const headroom =
  (name: string, cpuLimit: number, why: string): Check =>
  (service, view) => {
    const values = view.metrics.get(service.id)?.values;
    if (!values) return { name, ok: false, reason: `no recent metrics for ${service.id}` };
    const cpu = values.cpu ?? 0;
    const errors = values.error_rate ?? 0;
    const ok = cpu < cpuLimit && errors < 0.05;
    return {
      name,
      ok,
      reason: ok
        ? `CPU ${pct(cpu)}, errors ${pct(errors)}`
        : `CPU ${pct(cpu)}, errors ${pct(errors)}: ${why}`,
    };
  };

export const notUnderPressure = headroom(
  'not_under_pressure',
  0.7,
  'scaling in now would add strain',
);
export const datastoreHasHeadroom = headroom(
  'datastore_has_headroom',
  0.85,
  'a backup now would slow it further',
);
