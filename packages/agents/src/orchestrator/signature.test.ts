import { FaultScenario } from '@watchfloor/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_RULES } from './baseline.ts';
import type { IncidentView } from './incident-view.ts';
import { perceive } from './signature.ts';
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
    expect(quiet.key).toBe('api|HighErrorRate+MemoryPressure|multi');
    expect(quiet.family).toBe('api|MemoryPressure');
  });

  it('tells one affected service from several, and one root tier from another', () => {
    const one = perceive(view({ services: ['checkout', 'checkout'] }));
    const many = perceive(view());
    const db = perceive(view({ rootTier: 'datastore' }));
    expect(one.multiService).toBe(false);
    expect(many.multiService).toBe(true);
    expect(new Set([one.key, many.key, db.key]).size).toBe(3);
  });

  it('puts incidents with the same cause alerts in one family', () => {
    const a = perceive(view({ alertNames: ['DeploymentRegression', 'HighErrorRate'] }));
    const b = perceive(view({ alertNames: ['DeploymentRegression', 'UpstreamTimeout'] }));
    expect(a.key).not.toBe(b.key);
    expect(a.family).toBe(b.family);
  });
});
