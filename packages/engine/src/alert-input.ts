import type { Alert, AlertInput, Topology } from '@watchfloor/domain';
import { fingerprint } from '@watchfloor/sim';
import { EngineError } from './errors.ts';

export interface DraftContext {
  at: string;
  source: Alert['source'];
  topology: Topology;
  /** Prefix for error field names, e.g. `[3]` inside a batch. */
  field: string;
}

/** Turns a posted alert into a stored one's draft, naming `labels.service` by topology id. */
export function toAlertDraft(
  input: AlertInput,
  ctx: DraftContext,
): Omit<Alert, 'id' | 'incidentId'> {
  const named = input.labels.service ?? '';
  const service = ctx.topology.services.find((s) => s.id === named || s.name === named);
  if (!service) {
    throw new EngineError(
      'invalid',
      `labels.service "${named}" is not a service in the topology (find it with GET /api/topology/services?q=)`,
      `${ctx.field ? `${ctx.field}.` : ''}labels.service`,
    );
  }
  const labels = { ...input.labels, service: service.id };
  const endsAt = input.endsAt ?? null;
  const status = input.status ?? (endsAt !== null && endsAt <= ctx.at ? 'resolved' : 'firing');
  return {
    fingerprint: input.fingerprint ?? fingerprint(labels),
    status,
    labels,
    annotations: input.annotations ?? {},
    startsAt: input.startsAt ?? ctx.at,
    endsAt: status === 'resolved' ? (endsAt ?? ctx.at) : null,
    receivedAt: ctx.at,
    source: ctx.source,
  };
}
