import type { Alert, AlertInput, Incident, Topology } from '@watchfloor/domain';
import { toAlertDraft } from './alert-input.ts';
import type { BatchBuilder } from './batch.ts';
import type { IncidentDesk } from './desk.ts';
import { type Actor, EngineError } from './errors.ts';
import type { IdAllocator } from './ids.ts';
import { acknowledge, resolve } from './incidents.ts';
import type { Recorder } from './records.ts';

export interface IncidentOpsContext {
  desk: IncidentDesk;
  ids: IdAllocator;
  records: Recorder;
  topology: () => Topology;
  now: () => string;
}

export type IncidentMove = 'acknowledge' | 'resolve';

/** An incident's next state, or why it cannot move (e.g. `already_resolved`). */
const moves: Record<
  IncidentMove,
  (incident: Incident, at: string, actor: string, note?: string) => Incident | { code: string }
> = {
  acknowledge,
  resolve: (incident, at, actor, note) =>
    incident.status === 'resolved'
      ? { code: 'already_resolved' }
      : resolve(incident, at, actor, note),
};

/** What operators and outside systems do to alerts and incidents; each audited. */
export class IncidentOps {
  constructor(private readonly ctx: IncidentOpsContext) {}

  /** Alerts from outside (API, Alertmanager): validated against the topology, deduped, grouped. */
  ingest(inputs: AlertInput[], source: Alert['source'], who: Actor, batch: BatchBuilder): Alert[] {
    const { desk } = this.ctx;
    const at = this.ctx.now();
    const drafts = inputs.map((input, index) =>
      toAlertDraft(input, {
        at,
        source,
        topology: this.ctx.topology(),
        field: inputs.length > 1 ? `[${index}]` : '',
      }),
    );
    const stored = drafts.map((draft) => {
      if (draft.status === 'firing') return desk.fire(draft, at, batch);
      const firing = desk.findFiring(draft.fingerprint);
      if (firing) return desk.clear(firing, draft.endsAt ?? at, at, batch);
      const alert: Alert = { ...draft, id: this.ctx.ids.next('alert'), incidentId: null };
      batch.alerts.set(alert.id, alert);
      batch.count('alertsReceived');
      return alert;
    });
    batch.audit.push(
      this.ctx.records.audit(who, 'alerts.ingest', source, {
        after: { alertIds: stored.map((a) => a.id) },
      }),
    );
    return stored;
  }

  /**
   * Acknowledges or resolves an incident: the live copy, else `stored` (read before the lock
   * was taken); a refusal is a conflict naming its state.
   */
  move(
    move: IncidentMove,
    id: string,
    stored: Incident,
    who: Actor,
    note: string | undefined,
    batch: BatchBuilder,
  ): Incident {
    const { desk } = this.ctx;
    const incident = desk.active.get(id) ?? stored;
    const next = moves[move](incident, this.ctx.now(), who.actor, note);
    if ('code' in next) {
      throw new EngineError(
        'conflict',
        `Incident ${id} is ${incident.status}: ${next.code.replace('_', ' ')}`,
      );
    }
    desk.putIncident(next, batch);
    batch.audit.push(
      this.ctx.records.audit(who, `incident.${move}`, id, {
        before: { status: incident.status },
        after: { status: next.status },
      }),
    );
    return next;
  }

  /** A model's narrative, landed in the background, stored on the live incident. */
  storeNarrative(id: string, text: string, batch: BatchBuilder): void {
    const incident = this.ctx.desk.active.get(id);
    if (incident) this.ctx.desk.putIncident({ ...incident, narrative: text }, batch);
  }
}
