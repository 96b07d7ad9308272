import { type AlertSeverity, formatId } from '@watchfloor/domain';
import { fingerprint } from './fingerprint.ts';
import type { EstateGraph } from './graph.ts';
import type { AlertCause, SimEvent } from './types.ts';

type AlertEvent = Extract<SimEvent, { type: 'alert' }>;

export interface FireInput {
  service: number;
  /** The instance the rule fired on: one of the service's hosts. */
  host: string;
  alertname: string;
  severity: AlertSeverity;
  annotations: Record<string, string>;
  cause: AlertCause;
  at: string;
}

/**
 * Open alert episodes, at most one per (alertname, host) as Prometheus rules fire per
 * instance: firing hands out the next `SA-` key, resolving repeats it with `endsAt` set.
 */
export class AlertBook {
  #serial = 0;
  readonly #open = new Map<string, AlertEvent>();
  readonly #graph: EstateGraph;

  constructor(graph: EstateGraph) {
    this.#graph = graph;
  }

  get openCount(): number {
    return this.#open.size;
  }

  isOpen(host: string, alertname: string): boolean {
    return this.#open.has(`${host}|${alertname}`);
  }

  fire(input: FireInput): AlertEvent {
    const s = this.#graph.services[input.service];
    const labels = {
      alertname: input.alertname,
      service: s?.id ?? '',
      severity: input.severity,
      region: s?.region ?? '',
      host: input.host,
      tier: s?.tier ?? '',
    };
    const event: AlertEvent = {
      type: 'alert',
      at: input.at,
      key: formatId('SA', ++this.#serial),
      status: 'firing',
      fingerprint: fingerprint(labels),
      labels,
      annotations: input.annotations,
      startsAt: input.at,
      endsAt: null,
      cause: input.cause,
    };
    this.#open.set(`${input.host}|${input.alertname}`, event);
    return event;
  }

  /** The resolved event for an open episode, or null when none is open. */
  resolve(host: string, alertname: string, at: string): AlertEvent | null {
    const key = `${host}|${alertname}`;
    const open = this.#open.get(key);
    if (!open) return null;
    this.#open.delete(key);
    return { ...open, at, status: 'resolved', endsAt: at };
  }
}
