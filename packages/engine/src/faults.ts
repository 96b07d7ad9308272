import type { Fault } from '@watchfloor/domain';
import type { SimFault } from '@watchfloor/sim';
import type { BatchBuilder } from './batch.ts';

/**
 * Ground truth held in memory: every active fault and the most recent ended ones, with the
 * alert ids they caused (the store keeps the whole history).
 */
export class FaultBook {
  readonly #faults = new Map<string, Fault>();
  /** Ids of ended faults in `#faults`, in the order they ended (oldest is dropped first). */
  readonly #ended = new Set<string>();

  /** `endedKept`: ended faults held, as many as the simulator keeps. */
  constructor(private readonly endedKept: number) {}

  get(id: string): Fault | undefined {
    return this.#faults.get(id);
  }

  /** Newest first. */
  list(): Fault[] {
    return [...this.#faults.values()].reverse();
  }

  record(fault: SimFault, batch: BatchBuilder): void {
    const known = this.#faults.get(fault.id);
    const record: Fault = {
      id: fault.id,
      scenario: fault.scenario,
      rootService: fault.rootService,
      startedAt: fault.startedAt,
      endsAt: fault.endsAt,
      endedAt: fault.endedAt,
      affected: fault.affected.map((a) => ({ ...a })),
      alertIds: known?.alertIds ?? [],
      injectedBy: fault.injectedBy,
    };
    this.#faults.set(record.id, record);
    batch.faults.set(record.id, record);
    if (record.endedAt !== null && !this.#ended.has(record.id)) this.#faultEnded(record.id);
  }

  /** Adds an alert the fault caused (once). */
  noteAlert(faultId: string, alertId: string, batch: BatchBuilder): void {
    const fault = this.#faults.get(faultId);
    if (fault && !fault.alertIds.includes(alertId)) {
      const next = { ...fault, alertIds: [...fault.alertIds, alertId] };
      this.#faults.set(next.id, next);
      batch.faults.set(next.id, next);
    }
  }

  /** Bounds the faults held: the oldest ended ones go once there are more than `endedKept`. */
  #faultEnded(id: string): void {
    this.#ended.add(id);
    for (const old of this.#ended) {
      if (this.#ended.size <= this.endedKept) return;
      this.#ended.delete(old);
      this.#faults.delete(old);
    }
  }
}
