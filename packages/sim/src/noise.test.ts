import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';
import type { SimEvent } from './types.ts';

type AlertEvent = Extract<SimEvent, { type: 'alert' }>;

describe('NoiseMaker', () => {
  it('adds about noisePerHour noise alerts an hour, flapping ones and blips', () => {
    const sim = createSimulator({ seed: 47, faultGeneration: false, noisePerHour: 12 });
    const run = (steps: number): AlertEvent[] => {
      const alerts: AlertEvent[] = [];
      for (let i = 0; i < steps; i++)
        for (const e of sim.step()) if (e.type === 'alert') alerts.push(e);
      return alerts;
    };
    const alerts = run(24 * 360).filter((a) => a.status === 'firing');
    const perHour = alerts.length / 24;
    expect(perHour).toBeGreaterThan(7);
    expect(perHour).toBeLessThan(18);
    const causes = new Set(alerts.map((a) => JSON.stringify(a.cause)));
    expect(causes).toEqual(new Set(['{"noise":"flapping"}', '{"noise":"blip"}']));
    const flapping = alerts.filter((a) => 'noise' in a.cause && a.cause.noise === 'flapping');
    const repeats = new Map<string, number>();
    for (const a of flapping) {
      // A flapping episode is one instance, so its repeats share host and fingerprint.
      const id = a.fingerprint;
      repeats.set(id, (repeats.get(id) ?? 0) + 1);
    }
    expect(Math.max(...repeats.values())).toBeGreaterThanOrEqual(3);
  });

  it('makes no noise when noisePerHour is 0', () => {
    const sim = createSimulator({ seed: 48, faultGeneration: false, noisePerHour: 0 });
    for (let i = 0; i < 2000; i++) expect(sim.step().some((e) => e.type === 'alert')).toBe(false);
  });
});
