import { initialKillSwitch, type KillSwitchState } from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import type { BatchBuilder } from './batch.ts';
import type { Actor } from './errors.ts';
import { type GuardedAction, type GuardOutcome, guard } from './guard.ts';
import type { Recorder } from './records.ts';

export interface KillSwitchContext {
  records: Recorder;
  now: () => string;
  /** Whether the simulator generates faults at all (they pause while the switch is engaged). */
  faultGeneration: boolean;
  setFaultGeneration: (on: boolean) => void;
  /** Halts every rollout where it is; returns how many. */
  haltRollouts: (reason: string, batch: BatchBuilder) => number;
  /** Drops the agents' queued decisions; returns how many. */
  cancelQueued: () => number;
}

/** The kill switch: its state, engaging and releasing it, and the gate autonomous actions pass. */
export class KillSwitch {
  #state: KillSwitchState = initialKillSwitch;

  constructor(private readonly ctx: KillSwitchContext) {}

  get state(): KillSwitchState {
    return this.#state;
  }

  async restore(repo: Repository): Promise<void> {
    this.#state = await repo.getKillSwitch();
  }

  /** Tells the simulator whether to generate faults now. */
  syncFaultGeneration(): void {
    this.ctx.setFaultGeneration(this.ctx.faultGeneration && !this.#state.engaged);
  }

  set(engaged: boolean, reason: string, who: Actor, batch: BatchBuilder): KillSwitchState {
    const { records } = this.ctx;
    const before = this.#state;
    const at = this.ctx.now();
    const after: KillSwitchState = engaged
      ? {
          ...before,
          engaged: true,
          reason,
          engagedAt: before.engaged ? before.engagedAt : at,
          engagedBy: before.engaged ? before.engagedBy : who.actor,
          haltedCount: before.engaged ? before.haltedCount : 0,
          cancelledCount: before.engaged ? before.cancelledCount : 0,
          blockedCount: before.engaged ? before.blockedCount : 0,
        }
      : { ...before, engaged: false, reason, releasedAt: at, releasedBy: who.actor };
    if (engaged && !before.engaged) {
      // Stop what is in flight: rollouts halt where they are, queued decisions are dropped.
      after.haltedCount = this.ctx.haltRollouts(`kill switch engaged: ${reason}`, batch);
      after.cancelledCount = this.ctx.cancelQueued();
      if (after.cancelledCount > 0) batch.count('actionsBlocked', after.cancelledCount);
    }
    this.#state = after;
    this.syncFaultGeneration();
    batch.killSwitch = after;
    batch.audit.push(
      records.audit(who, engaged ? 'kill_switch.engage' : 'kill_switch.release', 'kill-switch', {
        before: { engaged: before.engaged },
        after: { engaged: after.engaged, reason },
      }),
    );
    batch.logs.push(
      records.log(
        engaged ? 'error' : 'warn',
        'engine',
        `Kill switch ${engaged ? 'ENGAGED' : 'released'} by ${who.actor}: ${reason}`,
        at,
      ),
    );
    return after;
  }

  /** The gate for an action that runs outside a tick (see `guard`), recorded in `batch`. */
  async gate<T>(
    action: GuardedAction,
    run: (startedAt: string) => Promise<T>,
    batch: BatchBuilder,
  ): Promise<GuardOutcome<T>> {
    const outcome = await guard(() => this.#state, this.ctx.now, action, run);
    this.record(action, outcome, batch);
    return outcome;
  }

  /** The same gate for work already inside the lock (agents acting during a tick). */
  guarded<T>(
    action: GuardedAction,
    batch: BatchBuilder,
    run: () => T,
  ): { status: 'ran'; result: T } | { status: 'blocked'; reason: string } {
    const at = this.ctx.now();
    if (this.#state.engaged) {
      const reason = `kill switch engaged${this.#state.reason ? `: ${this.#state.reason}` : ''} (${action.kind} on ${action.target})`;
      this.record(action, { status: 'blocked', at, reason }, batch);
      return { status: 'blocked', reason };
    }
    const result = run();
    this.record(action, { status: 'ran', startedAt: at, result }, batch);
    return { status: 'ran', result };
  }

  /** Records a guarded action, run or blocked (a block counts against the switch). */
  record<T>(action: GuardedAction, outcome: GuardOutcome<T>, batch: BatchBuilder): void {
    const { records } = this.ctx;
    const who = { actor: action.actor, requestId: null };
    if (outcome.status === 'blocked') {
      this.#state = { ...this.#state, blockedCount: this.#state.blockedCount + 1 };
      batch.killSwitch = this.#state;
      batch.count('actionsBlocked');
      batch.audit.push(
        records.audit(who, action.kind, action.target, {
          result: 'blocked',
          after: { reason: outcome.reason },
        }),
      );
    } else {
      batch.count('actionsRun');
      batch.audit.push(
        records.audit(who, action.kind, action.target, { after: { startedAt: outcome.startedAt } }),
      );
    }
  }
}
