import { describe, expect, it } from 'vitest';
import { choose, confidentLeader, optimistic, posteriors } from './policy.ts';
import { seededRandom } from './random.ts';

const book = (arms: Record<string, { s: number; f: number }>) => ({ arms, lastSeenAt: null });

describe('policy', () => {
  it('tries an untried action before one that failed here', () => {
    const arms = posteriors({
      candidates: ['scale_out', 'clear_cache'],
      baseline: null,
      signature: book({ scale_out: { s: 0, f: 2 } }),
      family: book({}),
    });
    expect(optimistic(arms, seededRandom(1))?.kind).toBe('clear_cache');
  });

  it('tries actions that help elsewhere before ones that never do', () => {
    const arms = posteriors({
      candidates: ['verify_backup', 'scale_out'],
      baseline: null,
      signature: book({}),
      family: book({}),
      global: book({ verify_backup: { s: 0, f: 20 }, scale_out: { s: 15, f: 5 } }),
    });
    expect(optimistic(arms, seededRandom(1))?.kind).toBe('scale_out');
  });

  it('exploits an action once it has worked and stops when it keeps failing', () => {
    const worked = posteriors({
      candidates: ['restart_service', 'scale_out', 'rotate_logs'],
      baseline: null,
      signature: book({ restart_service: { s: 3, f: 0 }, scale_out: { s: 0, f: 1 } }),
      family: book({}),
    });
    expect(confidentLeader(worked)?.kind).toBe('restart_service');
    // Exploited every time, whatever the random stream.
    for (let seed = 0; seed < 20; seed++)
      expect(choose(worked, seededRandom(seed))?.kind).toBe('restart_service');

    const failing = posteriors({
      candidates: ['restart_service', 'scale_out'],
      baseline: null,
      signature: book({ restart_service: { s: 1, f: 3 } }),
      family: book({}),
    });
    expect(confidentLeader(failing)).toBeNull();
  });

  it("starts from the operator rule's choice", () => {
    const arms = posteriors({
      candidates: ['restart_service', 'scale_out', 'rollback_deploy'],
      baseline: 'rollback_deploy',
      signature: book({}),
      family: book({}),
    });
    expect(choose(arms, seededRandom(3))?.kind).toBe('rollback_deploy');
  });
});
