import { createSimulator } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { planTask } from './plan.ts';
import { viewOf } from './test-view.ts';

const sim = createSimulator({ seed: 31, faultGeneration: false, noisePerHour: 0 });
const events = sim.step();
const view = viewOf(sim, events);
const byTier = (tier: string): string =>
  sim.topology.services.find((s) => s.tier === tier)?.id ?? '';
const failing = (p: ReturnType<typeof planTask>) =>
  p.preconditions.filter((c) => !c.ok).map((c) => c.name);

describe('planTask', () => {
  it('plans one step with defaults filled in and every check passing on a healthy estate', () => {
    const p = planTask({ action: 'scale_out', service: byTier('datastore') }, view);
    expect(p.plan).toEqual([
      expect.objectContaining({
        order: 1,
        action: 'scale_out',
        service: byTier('datastore'),
        params: { instances: 1 },
        timeoutSeconds: 300,
      }),
    ]);
    expect(failing(p)).toEqual([]);
  });

  it('names the failed checks: unknown service, wrong tier, bad parameters, kill switch', () => {
    expect(failing(planTask({ action: 'restart_service', service: 'nope' }, view))).toEqual([
      'service_exists',
    ]);
    expect(failing(planTask({ action: 'clear_cache', service: byTier('api') }, view))).toEqual([
      'tier_supported',
    ]);
    const bad = planTask(
      { action: 'scale_in', service: byTier('api'), params: { instances: 0 } },
      view,
    );
    expect(failing(bad)).toEqual(['params_valid']);
    expect(bad.preconditions.find((c) => c.name === 'params_valid')?.reason).toContain(
      'params.instances',
    );
    const engaged = viewOf(sim, events, true);
    expect(failing(planTask({ action: 'rotate_logs', service: byTier('api') }, engaged))).toEqual([
      'kill_switch_released',
    ]);
  });

  it('refuses to scale in a service under pressure', () => {
    const api = byTier('api');
    const hot = viewOf(sim, events);
    const sample = hot.metrics.get(api);
    const metrics = new Map(hot.metrics);
    if (sample) metrics.set(api, { ...sample, values: { ...sample.values, cpu: 0.93 } });
    const p = planTask({ action: 'scale_in', service: api }, { ...hot, metrics });
    expect(failing(p)).toEqual(['not_under_pressure']);
    expect(failing(planTask({ action: 'scale_in', service: api }, view))).toEqual([]);
  });

  it('fails over only to a region the service has callers in', () => {
    const lonely = sim.topology.services.find(
      (s) => !sim.scenariosFor(s.id).includes('network_partition'),
    );
    const peered = sim.topology.services.find((s) =>
      sim.scenariosFor(s.id).includes('network_partition'),
    );
    expect(
      failing(planTask({ action: 'failover_region', service: lonely?.id ?? '' }, view)),
    ).toEqual(['peer_region_available']);
    expect(
      failing(planTask({ action: 'failover_region', service: peered?.id ?? '' }, view)),
    ).toEqual([]);
    const elsewhere = {
      action: 'failover_region' as const,
      service: peered?.id ?? '',
      params: { toRegion: 'mars-1' },
    };
    expect(failing(planTask(elsewhere, view))).toEqual(['peer_region_available']);
  });
});
