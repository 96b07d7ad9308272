import type { Service, Tier, Topology } from '@watchfloor/domain';
import { createSimulator } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { assessRisk, transitiveCallers } from './risk.ts';

const service = (id: string, tier: Tier, dependsOn: string[] = []): Service => ({
  id,
  name: id,
  tier,
  region: 'eu-west-1',
  dependsOn,
});

/** `callers` domain services all calling `target` (a domain service), none customer-facing. */
const fan = (callers: number): Topology => ({
  regions: ['eu-west-1'],
  services: [
    service('target', 'domain'),
    ...Array.from({ length: callers }, (_, k) => service(`caller-${k}`, 'domain', ['target'])),
  ],
  hosts: [],
});

const risk = (topology: Topology, target = 'target', to = '1.3.0', recentFailures = 0) =>
  assessRisk({ service: target, topology, fromVersion: '1.2.0', toVersion: to, recentFailures });

describe('assessRisk', () => {
  it('grows with the blast radius: more transitive callers, more risk', () => {
    const scores = [0, 2, 5, 9, 14].map((n) => risk(fan(n)).score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(scores).size).toBe(scores.length);
  });

  it('counts callers of callers, and weighs customer-facing and stateful services', () => {
    const chain: Topology = {
      regions: ['eu-west-1'],
      services: [
        service('db', 'datastore'),
        service('svc', 'domain', ['db']),
        service('api', 'api', ['svc']),
        service('gw', 'edge', ['api']),
      ],
      hosts: [],
    };
    expect(transitiveCallers('db', chain)).toEqual(['api', 'gw', 'svc']);
    const db = risk(chain, 'db');
    expect(db.reasons.join('\n')).toMatch(/3 services call it[\s\S]*gw[\s\S]*stateful datastore/);
    expect(db.score).toBeGreaterThan(risk(chain, 'gw').score);
  });

  it('adds risk for a major version jump and for recent failed rollouts', () => {
    const base = risk(fan(3)).score;
    expect(risk(fan(3), 'target', '2.0.0').score).toBeGreaterThan(base);
    expect(risk(fan(3), 'target', '1.3.0', 2).score).toBeGreaterThan(base);
    expect(risk(fan(3), 'target', '1.3.0', 2).reasons.at(-1)).toContain('2 recent failed rollouts');
  });

  it('keeps the score within 0..1 on a real estate', () => {
    const sim = createSimulator({ seed: 5, faultGeneration: false });
    for (const s of sim.topology.services) {
      const r = assessRisk({
        service: s.id,
        topology: sim.topology,
        fromVersion: '1.0.0',
        toVersion: '2.0.0',
        recentFailures: 5,
      });
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });
});
