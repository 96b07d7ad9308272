import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWaves } from './waves.ts';

const hosts = (n: number) => Array.from({ length: n }, (_, k) => `h-${k}`);

describe('planWaves', () => {
  it('puts every host in exactly one wave, growing to 100%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer(), (n, seed) => {
        const waves = planWaves(hosts(n), [10, 25, 50, 100], seed);
        const all = waves.flatMap((w) => w.hosts);
        expect(all.sort()).toEqual(hosts(n).sort());
        expect(waves.at(-1)?.percent).toBe(100);
        expect(waves.every((w) => w.hosts.length > 0 && w.state === 'pending')).toBe(true);
        // The canary leaves stable hosts to compare with whenever there are two or more.
        if (n >= 2) expect(waves[0]?.hosts.length).toBeLessThan(n);
      }),
    );
  });

  it('sizes waves 10%, 25%, 50%, 100% of a large service', () => {
    const sizes = planWaves(hosts(40), [10, 25, 50, 100], 1).map((w) => w.hosts.length);
    expect(sizes).toEqual([4, 6, 10, 20]);
  });

  it('leaves out waves that would add no host', () => {
    expect(planWaves(hosts(3), [10, 25, 50, 100], 1).map((w) => w.percent)).toEqual([10, 50, 100]);
  });

  it('picks the same hosts first for the same seed', () => {
    expect(planWaves(hosts(20), [10, 100], 7)).toEqual(planWaves(hosts(20), [10, 100], 7));
    expect(planWaves(hosts(20), [10, 100], 7)[0]?.hosts).not.toEqual(
      planWaves(hosts(20), [10, 100], 8)[0]?.hosts,
    );
  });
});
