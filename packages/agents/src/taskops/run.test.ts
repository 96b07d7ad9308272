import type { RemediationKind } from '@watchfloor/domain';
import { createSimulator, type SimEvent } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { IdempotencyLedger } from './idempotency.ts';
import { runTask, type TaskEffect, type TaskRecord } from './run.ts';
import { viewOf } from './test-view.ts';

const now = () => '2026-01-05T00:00:10.000Z';
const options = { now, requestedBy: 'operator' };

/** An effect that records its calls and answers applied. */
const recording = () => {
  const calls: [RemediationKind, string][] = [];
  const effect: TaskEffect = (kind, service) => {
    calls.push([kind, service]);
    return { applied: true, message: `did ${kind} on ${service}` };
  };
  return { calls, effect };
};

describe('runTask', () => {
  it('changes nothing on a dry run: the simulation goes on exactly as without it', async () => {
    const drive = async (dryRun: boolean) => {
      const sim = createSimulator({ seed: 17 });
      const events: SimEvent[] = [];
      for (let i = 0; i < 20; i++) events.push(...sim.step());
      const service = sim.topology.services.find((s) => s.tier === 'datastore')?.id ?? '';
      let task: TaskRecord | null = null;
      if (dryRun) {
        task = await runTask(
          { action: 'scale_in', service, dryRun: true },
          viewOf(sim, events),
          (kind, s, p) => sim.applyAction(kind, s, p),
          options,
        );
      }
      for (let i = 0; i < 30; i++) events.push(...sim.step());
      return { events: JSON.stringify(events), topology: JSON.stringify(sim.topology), task };
    };
    const [quiet, dry] = [await drive(false), await drive(true)];
    expect(dry.events).toBe(quiet.events);
    expect(dry.topology).toBe(quiet.topology);
    expect(dry.task?.status).toBe('dry_run');
    expect(dry.task?.plan).toHaveLength(1);
    expect(dry.task?.result).toBeNull();
    expect(dry.task?.startedAt).toBeNull();
  });

  it('acts once for an idempotency key, however often it is sent', async () => {
    const sim = createSimulator({ seed: 3, faultGeneration: false });
    const view = viewOf(sim, sim.step());
    const service = sim.topology.services[4]?.id ?? '';
    const ledger = new IdempotencyLedger<TaskRecord>();
    const { calls, effect } = recording();
    const input = { action: 'restart_service' as const, service, idempotencyKey: 'inc-7-restart' };
    const first = await runTask(input, view, effect, { ...options, ledger });
    const again = await runTask(input, view, effect, { ...options, ledger });
    const both = await Promise.all([
      runTask(input, view, effect, { ...options, ledger }),
      runTask(input, view, effect, { ...options, ledger }),
    ]);
    expect(calls).toEqual([['restart_service', service]]);
    expect(first.status).toBe('succeeded');
    for (const t of [again, ...both]) expect(t).toEqual(first);
  });

  it('refuses without calling the effect when a precondition fails', async () => {
    const sim = createSimulator({ seed: 3, faultGeneration: false });
    const view = viewOf(sim, sim.step());
    const api = sim.topology.services.find((s) => s.tier === 'api')?.id ?? '';
    const { calls, effect } = recording();
    const task = await runTask({ action: 'backup_datastore', service: api }, view, effect, options);
    expect(calls).toEqual([]);
    expect(task.status).toBe('failed');
    expect(task.result?.message).toContain('tier_supported');
    expect(task.startedAt).toBeNull();
  });

  it('records a task as blocked while the kill switch is engaged', async () => {
    const sim = createSimulator({ seed: 3, faultGeneration: false });
    const view = viewOf(sim, sim.step(), true);
    const { calls, effect } = recording();
    const service = sim.topology.services[0]?.id ?? '';
    const task = await runTask({ action: 'rotate_logs', service }, view, effect, options);
    expect(calls).toEqual([]);
    expect(task.status).toBe('blocked');
    expect(task.result?.message).toContain('kill switch engaged: drill');
  });

  it('reports what the effect said, and a refusal or a guard block as such', async () => {
    const sim = createSimulator({ seed: 3, faultGeneration: false });
    const view = viewOf(sim, sim.step());
    const db = sim.topology.services.find((s) => s.tier === 'datastore')?.id ?? '';
    const real: TaskEffect = (kind, s, p) => sim.applyAction(kind, s, p);
    const refused = await runTask({ action: 'verify_backup', service: db }, view, real, options);
    expect(refused.status).toBe('failed');
    expect(refused.result).toEqual({ applied: false, message: `no backup of ${db} to verify` });
    const backup = await runTask({ action: 'backup_datastore', service: db }, view, real, options);
    expect(backup.status).toBe('succeeded');
    expect(backup.result?.message).toMatch(/^backed up/);
    const guarded: TaskEffect = () => ({
      applied: false,
      message: 'kill switch engaged',
      blocked: true,
    });
    const blocked = await runTask({ action: 'verify_backup', service: db }, view, guarded, options);
    expect(blocked.status).toBe('blocked');
  });

  it('fails a task whose effect throws or outlives its timeout', async () => {
    const sim = createSimulator({ seed: 3, faultGeneration: false });
    const view = viewOf(sim, sim.step());
    const service = sim.topology.services[0]?.id ?? '';
    const throwing: TaskEffect = () => {
      throw new Error('host unreachable');
    };
    const thrown = await runTask({ action: 'free_disk', service }, view, throwing, options);
    expect(thrown.status).toBe('failed');
    expect(thrown.result?.message).toBe('free_disk failed: host unreachable');
    const never: TaskEffect = () => new Promise(() => {});
    const slow = await runTask({ action: 'free_disk', service }, view, never, {
      ...options,
      timeout: () => Promise.resolve(),
    });
    expect(slow.status).toBe('failed');
    expect(slow.result?.message).toBe('free_disk timed out after 180s');
  });
});
