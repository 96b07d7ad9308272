import type { Alert, Incident, Task } from '@watchfloor/domain';
import { RemediationKind } from '@watchfloor/domain';
import {
  factsFromIncident,
  type Narrative,
  type Narrator,
  narrateTemplate,
} from '@watchfloor/narrator';

/** One readable paragraph block from a narrative, as stored on the incident. */
export const narrativeText = (n: Narrative): string =>
  [
    n.summary,
    `Root cause: ${n.rootCause}`,
    n.recommendedActions.length > 0
      ? `Recommended: ${n.recommendedActions.map((a) => `${a.kind} on ${a.service} (${a.why})`).join('; ')}`
      : '',
    n.source === 'bedrock' ? '(narrated by Bedrock)' : '',
  ]
    .filter(Boolean)
    .join('\n\n');

/**
 * Incident narratives that never block: the deterministic template answers at once; when a
 * model narrator is configured it runs in the background and its answer is stored later.
 */
export class Narration {
  readonly #inFlight = new Set<string>();

  constructor(
    private readonly narrator: Narrator | undefined,
    private readonly store: (incidentId: string, text: string) => Promise<void>,
  ) {}

  describe(incident: Incident, alerts: readonly Alert[], tasks: readonly Task[]): string {
    if (incident.narrative) return incident.narrative;
    const facts = factsFromIncident(
      incident,
      alerts,
      tasks.map((t) => ({ kind: t.action, service: t.service, status: t.status })),
      RemediationKind.options,
    );
    if (this.narrator && !this.#inFlight.has(incident.id)) {
      this.#inFlight.add(incident.id);
      void this.narrator
        .narrate(facts)
        .then((n) =>
          n.source === 'bedrock' ? this.store(incident.id, narrativeText(n)) : undefined,
        )
        .catch(() => undefined)
        .finally(() => this.#inFlight.delete(incident.id));
    }
    return narrativeText(narrateTemplate(facts));
  }
}
