import type { IncidentFacts } from './facts.ts';
import type { Narrative } from './narrative.ts';
import type { Narrator } from './narrator.ts';
import { narrateTemplate } from './template.ts';

export interface WithinOptions {
  /**
   * Receives the narrator's answer when it comes after the budget, e.g. to update the stored
   * narrative. Without it, a late narration is cancelled.
   */
  onLate?: (narrative: Narrative) => void;
}

/**
 * Resolves with the narrator's answer if it comes within `budgetMs`, else with the template at
 * once, so the loop never waits on a model. Never rejects.
 * @example const narrative = await narrateWithin(narrator, facts, 250, { onLate: store });
 */
export function narrateWithin(
  narrator: Narrator,
  facts: IncidentFacts,
  budgetMs: number,
  options: WithinOptions = {},
): Promise<Narrative> {
  return new Promise((resolve) => {
    const cancel = new AbortController();
    let settled = false;
    const settle = (narrative: Narrative) => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      resolve(narrative);
      return true;
    };
    const timer = setTimeout(() => {
      settle(narrateTemplate(facts));
      if (!options.onLate) cancel.abort(new Error(`narration exceeded its ${budgetMs} ms budget`));
    }, budgetMs);
    const late = (narrative: Narrative) => {
      try {
        options.onLate?.(narrative);
      } catch {
        // The caller's hook failing must not surface as an unhandled rejection here.
      }
    };
    let pending: Promise<Narrative>;
    try {
      pending = narrator.narrate(facts, options.onLate ? {} : { signal: cancel.signal });
    } catch {
      pending = Promise.resolve(narrateTemplate(facts));
    }
    pending.then(
      (narrative) => {
        if (!settle(narrative)) late(narrative);
      },
      () => settle(narrateTemplate(facts)),
    );
  });
}
