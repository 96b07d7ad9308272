import { FaultScenario } from '@watchfloor/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_RULES } from './baseline.ts';
import type { IncidentView } from './incident-view.ts';
import { perceive, rootCauseEvident } from './signature.ts';
import { view } from './test-fixtures.ts';

const NAMES = [...new Set(BASELINE_RULES.map((r) => r.alert)), 'PodRestarted', 'CustomAlert'];

describe('perceive', () => {
  it('gives the same signature whatever the order or repetition of alerts and services', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        (names, picks) => {
          const shuffled = picks.map((p) => names[p % names.length] ?? 'x');
          const a = perceive(view({ alertNames: names }));
          const b = perceive(view({ alertNames: [...shuffled, ...names].reverse() }));
          const c = perceive(view({ alertNames: names, services: ['edge-gw', 'checkout'] }));
          expect(b).toEqual(a);
          expect(c).toEqual(a);
        },
      ),
    );
  });

  it('contains no fault id or scenario name, even when the caller has them at hand', () => {
    for (const scenario of FaultScenario.options) {
      const leaky = { ...view(), scenario, faultId: 'FLT-000042', rootCause: scenario };
      const incident: IncidentView = leaky;
      const text = JSON.stringify(perceive(incident));
      expect(text).not.toContain(scenario);
      expect(text).not.toContain('FLT-');
    }
  });

  it('reads symptoms from alert names and keeps instance noise out of the key', () => {
    const quiet = perceive(view({ alertNames: ['MemoryPressure', 'HighErrorRate'] }));
    const noisy = perceive(
      view({ alertNames: ['MemoryPressure', 'PodRestarted', 'HighErrorRate'] }),
    );
    expect(noisy.key).toBe(quiet.key);
    expect(noisy.alertNames).toContain('PodRestarted');
    expect(quiet.symptoms).toEqual(['error_rate', 'memory']);
    expect(quiet.key).toBe('api|memory');
    expect(quiet.family).toBe('*|memory');
  });

  it('keys on the root tier, not on how far the trouble spread', () => {
    const one = perceive(view({ services: ['checkout', 'checkout'] }));
    const many = perceive(view());
    const db = perceive(view({ rootTier: 'datastore' }));
    expect(one.multiService).toBe(false);
    expect(many.multiService).toBe(true);
    expect(one.key).toBe(many.key);
    expect(db.key).not.toBe(many.key);
  });

  it('puts incidents with the same cause in one family, whatever the tier', () => {
    const a = perceive(view({ alertNames: ['DeploymentRegression', 'HighErrorRate'] }));
    const b = perceive(
      view({ alertNames: ['DeploymentRegression', 'UpstreamTimeout'], rootTier: 'domain' }),
    );
    expect(a.key).toBe('api|release');
    expect(b.key).toBe('domain|release');
    expect(a.family).toBe(b.family);
  });

  it("keys on the root's own alerts, keeping callers' relayed symptoms out", () => {
    const rootOnly = perceive(
      view({ rootTier: 'queue', alertNames: ['QueueBacklog'], rootAlertNames: ['QueueBacklog'] }),
    );
    const withCallers = perceive(
      view({
        rootTier: 'queue',
        alertNames: ['QueueBacklog', 'HighErrorRate', 'UpstreamTimeout', 'MemoryPressure'],
        rootAlertNames: ['QueueBacklog', 'HighLatencyP95'],
      }),
    );
    expect(withCallers.key).toBe(rootOnly.key);
    expect(withCallers.key).toBe('queue|queue');
    // What the whole incident showed is still there for the operator rules.
    expect(withCallers.alertNames).toContain('MemoryPressure');
  });

  it('keys a root without a cause alert on its own symptoms, by tier', () => {
    const cache = perceive(
      view({
        rootTier: 'cache',
        alertNames: ['HighLatencyP95', 'UpstreamTimeout'],
        rootAlertNames: ['HighLatencyP95'],
      }),
    );
    expect(cache.key).toBe('cache|symptoms:latency');
    expect(cache.family).toBe('cache|symptoms');
  });

  it('blames a silent root its callers cannot reach across regions', () => {
    const silent = perceive(
      view({
        rootTier: 'datastore',
        alertNames: ['CrossRegionUnreachable', 'HighErrorRate'],
        rootAlertNames: [],
      }),
    );
    expect(silent.key).toBe('datastore|relayed:cross_region');
    // A caller that cannot reach its dependency has no cause of its own.
    expect(rootCauseEvident(['CrossRegionUnreachable', 'HighErrorRate'])).toBe(false);
    expect(rootCauseEvident(['HighLatencyP95', 'DatabaseConnectionsSaturated'])).toBe(true);
    expect(rootCauseEvident(['PredictedMemoryExhaustion'])).toBe(true);
  });
});
