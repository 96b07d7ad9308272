import type { IncidentFacts } from './facts.ts';
import type { Narrative } from './narrative.ts';

export interface NarrateOptions {
  /** Cancels the narration; a narrator then answers with the template. */
  signal?: AbortSignal;
}

/** Turns incident facts into operator prose and runbook recommendations. Never rejects. */
export interface Narrator {
  narrate(facts: IncidentFacts, options?: NarrateOptions): Promise<Narrative>;
}
