import { TERMINAL } from '@watchfloor/agents';
import type { PatchPlan } from '@watchfloor/domain';

/** What memory keeps of every recent plan: enough for the list, the success rate, re-planning. */
export type PlanSummary = Pick<PatchPlan, 'id' | 'service' | 'state' | 'updatedAt'>;

/**
 * The patch plans the engine holds. Whole plans (~5 KB each) for every live one and the
 * `endedInFull` most recently ended; a summary of each of the last `keep` plans. A plan that
 * ended longer ago is read back from the store (PATCHES_NS), which has every plan: holding
 * `keep` whole plans grew the heap for as long as the engine ran short of `keep` plans.
 * `set` has Map's shape so a restore can fill it plan by plan.
 */
export class PlanWindow {
  readonly #full = new Map<string, PatchPlan>();
  /** Ids of ended plans in `#full`, in the order they ended (the oldest is dropped first). */
  readonly #ended = new Set<string>();
  /** In the order plans were created (restored oldest first), like the store's list. */
  readonly #summaries = new Map<string, PlanSummary>();

  constructor(
    private readonly keep: number,
    private readonly endedInFull: number,
  ) {}

  /** Plans summarised (the length of the list the API pages). */
  get size(): number {
    return this.#summaries.size;
  }

  /** Plans held whole. */
  get heldInFull(): number {
    return this.#full.size;
  }

  get(id: string): PatchPlan | undefined {
    return this.#full.get(id);
  }

  set(id: string, plan: PatchPlan): this {
    this.#full.set(id, plan);
    const { service, state, updatedAt } = plan;
    this.#summaries.set(id, { id, service, state, updatedAt });
    this.#ended.delete(id);
    if (TERMINAL.has(state)) this.#ended.add(id);
    this.#trim();
    return this;
  }

  /** Whole plans held, oldest first. */
  values(): IterableIterator<PatchPlan> {
    return this.#full.values();
  }

  /** The last `keep` plans, newest first. */
  summaries(): PlanSummary[] {
    return [...this.#summaries.values()].reverse();
  }

  #trim(): void {
    if (this.#summaries.size > this.keep) {
      // As before summaries existed: the oldest ended plan goes; live ones always stay.
      for (const summary of this.#summaries.values()) {
        if (!TERMINAL.has(summary.state)) continue;
        this.#summaries.delete(summary.id);
        this.#full.delete(summary.id);
        this.#ended.delete(summary.id);
        break;
      }
    }
    for (const id of this.#ended) {
      if (this.#ended.size <= this.endedInFull) break;
      this.#ended.delete(id);
      this.#full.delete(id);
    }
  }
}
