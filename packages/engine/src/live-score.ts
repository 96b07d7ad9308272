import { type PairwiseScores, pairwiseScores } from '@watchfloor/agents';

/** Simulated alerts kept for the live correlation score. */
const LIVE_SCORE_WINDOW = 2_000;

/**
 * The live correlation score: recent simulator alerts with their ground-truth cluster (the
 * fault, or noise) and the incident they joined, scored pairwise.
 */
export class LiveScore {
  readonly #truth = new Map<string, { truth: string; incident: string }>();

  note(alertId: string, truth: string, incident: string): void {
    this.#truth.set(alertId, { truth, incident });
    if (this.#truth.size > LIVE_SCORE_WINDOW)
      this.#truth.delete(this.#truth.keys().next().value ?? '');
  }

  /** Null until there are any alerts; `currentIncident` follows merges. */
  score(currentIncident: (id: string) => string): (PairwiseScores & { alerts: number }) | null {
    if (this.#truth.size === 0) return null;
    const predicted = new Map<string, string[]>();
    const truth = new Map<string, string[]>();
    for (const [id, t] of this.#truth) {
      const incident = currentIncident(t.incident);
      predicted.set(incident, [...(predicted.get(incident) ?? []), id]);
      truth.set(t.truth, [...(truth.get(t.truth) ?? []), id]);
    }
    return {
      ...pairwiseScores([...predicted.values()], [...truth.values()]),
      alerts: this.#truth.size,
    };
  }
}
