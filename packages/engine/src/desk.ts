import type { Alert, Incident } from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import type { BatchBuilder } from './batch.ts';
import type { IdAllocator } from './ids.ts';
import {
  alertResolved,
  attachAlert,
  NAIVE_WINDOW_MS,
  naiveGroupKey,
  openIncident,
} from './incidents.ts';

const activeStatuses = ['open', 'acknowledged', 'mitigating', 'escalated'] as const;

/**
 * The live state of alerts and incidents: firing alerts by fingerprint and incidents not yet
 * resolved. Every change goes into the caller's batch, so the store sees it in one write.
 */
export class IncidentDesk {
  readonly firing = new Map<string, Alert>();
  readonly #firingByFingerprint = new Map<string, string>();
  readonly active = new Map<string, Incident>();
  readonly #activeByGroup = new Map<string, string>();

  constructor(private readonly ids: IdAllocator) {}

  async restore(repo: Repository): Promise<void> {
    for await (const alert of pages((cursor) =>
      repo.listAlerts({ status: 'firing', limit: 500, cursor }),
    )) {
      this.#trackFiring(alert);
    }
    for await (const incident of pages((cursor) =>
      repo.listIncidents({ status: [...activeStatuses], limit: 500, cursor }),
    )) {
      this.#trackActive(incident);
    }
  }

  findFiring(fingerprint: string): Alert | undefined {
    const id = this.#firingByFingerprint.get(fingerprint);
    return id ? this.firing.get(id) : undefined;
  }

  /** A new firing alert: dedupes by fingerprint, then joins or opens an incident. */
  fire(draft: Omit<Alert, 'id' | 'incidentId'>, at: string, batch: BatchBuilder): Alert {
    const existing = this.findFiring(draft.fingerprint);
    if (existing) return existing;
    const alert: Alert = { ...draft, id: this.ids.next('alert'), incidentId: null };
    const key = naiveGroupKey(alert);
    const current = this.#incidentForGroup(key, at);
    let incident: Incident;
    if (current) {
      incident = attachAlert(current, alert, at);
    } else {
      incident = openIncident(this.ids.next('incident'), alert, at);
      batch.count('incidentsOpened');
    }
    alert.incidentId = incident.id;
    this.#trackFiring(alert);
    this.#trackActive(incident);
    batch.alerts.set(alert.id, alert);
    batch.incidents.set(incident.id, incident);
    batch.count('alertsReceived');
    return alert;
  }

  /** A firing alert cleared; its incident resolves itself when nothing in it fires any more. */
  clear(alert: Alert, endsAt: string, at: string, batch: BatchBuilder): Alert {
    const cleared: Alert = { ...alert, status: 'resolved', endsAt };
    this.firing.delete(alert.id);
    this.#firingByFingerprint.delete(alert.fingerprint);
    batch.alerts.set(cleared.id, cleared);
    batch.count('alertsResolved');
    const incident = alert.incidentId ? this.active.get(alert.incidentId) : undefined;
    if (incident) {
      const stillFiring = incident.alertIds.filter((id) => this.firing.has(id)).length;
      this.putIncident(alertResolved(incident, cleared, at, stillFiring), batch);
    }
    return cleared;
  }

  /** Stores an incident change, keeping the active set in step and counting resolutions. */
  putIncident(incident: Incident, batch: BatchBuilder): void {
    const before = this.active.get(incident.id);
    batch.incidents.set(incident.id, incident);
    if (incident.status === 'resolved') {
      if (before) {
        this.active.delete(incident.id);
        if (this.#activeByGroup.get(incident.groupKey) === incident.id) {
          this.#activeByGroup.delete(incident.groupKey);
        }
        batch.count('incidentsResolved');
        if (incident.resolvedAt) {
          batch.count(
            'resolutionMsTotal',
            Date.parse(incident.resolvedAt) - Date.parse(incident.createdAt),
          );
        }
      }
      return;
    }
    this.#trackActive(incident);
  }

  #incidentForGroup(key: string, at: string): Incident | undefined {
    const id = this.#activeByGroup.get(key);
    const incident = id ? this.active.get(id) : undefined;
    if (!incident) return undefined;
    return Date.parse(at) - Date.parse(incident.updatedAt) <= NAIVE_WINDOW_MS
      ? incident
      : undefined;
  }

  #trackFiring(alert: Alert): void {
    this.firing.set(alert.id, alert);
    this.#firingByFingerprint.set(alert.fingerprint, alert.id);
  }

  #trackActive(incident: Incident): void {
    this.active.set(incident.id, incident);
    this.#activeByGroup.set(incident.groupKey, incident.id);
  }
}

/** Walks every page of a cursor-paginated list. */
export async function* pages<T>(
  list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
