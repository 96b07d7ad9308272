import type { IncidentFacts } from './facts.ts';
import type { Narrative } from './narrative.ts';
import type { Narrator } from './narrator.ts';
import { compareText, recommendActions, sortedAlerts } from './recommend.ts';

const percent = (confidence: number): string => `${Math.round(confidence * 100)}%`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const list = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

function summaryOf(facts: IncidentFacts): string {
  const alerts = sortedAlerts(facts.alerts);
  const services = [...facts.services].sort(compareText);
  const parts = [`${facts.id} (${facts.severity}, ${facts.status}): ${facts.title}.`];
  const first = alerts[0];
  if (first) {
    parts.push(
      `${plural(facts.alertCount, 'alert')} across ${plural(services.length, 'service')} ` +
        `(${list(services)}) since ${first.startsAt}, first ${first.alertname} on ${first.service}.`,
    );
  } else if (services.length > 0) {
    parts.push(`Affects ${list(services)}.`);
  }
  const done = facts.actions.map((a) => `${a.kind} on ${a.service} (${a.status})`);
  parts.push(done.length > 0 ? `Actions so far: ${list(done)}.` : 'No actions taken yet.');
  return parts.join(' ');
}

function rootCauseOf(facts: IncidentFacts): string {
  const root = facts.suspectedRoot;
  if (root) {
    return `Suspected root: ${root.service} (confidence ${percent(root.confidence)}) — ${root.reason}`;
  }
  const first = sortedAlerts(facts.alerts)[0];
  return first
    ? `No suspected root yet; the earliest alert is ${first.alertname} on ${first.service}.`
    : 'No suspected root yet.';
}

/**
 * The deterministic narrative: same facts, same text. Recommended kinds come from the catalog.
 * @example narrateTemplate(facts).rootCause // 'Suspected root: orders-db (confidence 82%) — …'
 */
export function narrateTemplate(facts: IncidentFacts): Narrative {
  return {
    source: 'template',
    summary: summaryOf(facts),
    rootCause: rootCauseOf(facts),
    recommendedActions: recommendActions(facts),
  };
}

/** The default narrator: no network, no randomness, answers at once. */
export class TemplateNarrator implements Narrator {
  async narrate(facts: IncidentFacts): Promise<Narrative> {
    return narrateTemplate(facts);
  }
}
