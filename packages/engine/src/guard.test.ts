import { initialKillSwitch } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { guard } from './guard.ts';

const action = { kind: 'task.restart_service', target: 'payments', actor: 'taskops' };
const now = () => '2026-01-05T00:00:00.000Z';

describe('guard', () => {
  it('runs the action when the kill switch is released', async () => {
    const outcome = await guard(
      () => initialKillSwitch,
      now,
      action,
      async (at) => `ran at ${at}`,
    );
    expect(outcome).toEqual({ status: 'ran', startedAt: now(), result: `ran at ${now()}` });
  });

  it('never starts the action when the kill switch is engaged', async () => {
    let started = false;
    const engaged = { ...initialKillSwitch, engaged: true, reason: 'drill' };
    const outcome = await guard(
      () => engaged,
      now,
      action,
      async () => {
        started = true;
      },
    );
    expect(started).toBe(false);
    expect(outcome.status).toBe('blocked');
    if (outcome.status === 'blocked') expect(outcome.reason).toContain('drill');
  });

  it('reads the switch when the action starts, not when it was planned', async () => {
    let state = initialKillSwitch;
    const planned = () =>
      guard(
        () => state,
        now,
        action,
        async () => 'ran',
      );
    state = { ...initialKillSwitch, engaged: true };
    expect((await planned()).status).toBe('blocked');
  });
});
