import { AlertCorrelator } from '@watchfloor/agents';
import type { Alert, Incident, Topology } from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import type { BatchBuilder } from './batch.ts';
import type { IdAllocator } from './ids.ts';
import {
  absorb,
  alertMembers,
  alertResolved,
  attachAlert,
  openIncident,
  rememberAlerts,
} from './incidents.ts';

const activeStatuses = ['open', 'acknowledged', 'mitigating', 'escalated'] as const;
/** Correlation memory: clusters whose alerts all ended this long ago are forgotten. */
const FORGET_AFTER_MS = 30 * 60_000;

/**
 * The live state of alerts and incidents: firing alerts by fingerprint, incidents not yet
 * resolved, and the AlertOps correlator that decides which incident an alert belongs to.
 * Every change goes into the caller's batch, so the store sees it in one write.
 */
export class IncidentDesk {
  readonly firing = new Map<string, Alert>();
  readonly #firingByFingerprint = new Map<string, string>();
  /** Firing alerts by service and by incident, so neither needs a walk over all of them. */
  readonly #firingByService = new Map<string, Map<string, Alert>>();
  readonly #firingByIncident = new Map<string, Set<string>>();
  readonly active = new Map<string, Incident>();
  readonly #correlator: AlertCorrelator;
  /** Correlator cluster key -> incident id. */
  readonly #incidentOfKey = new Map<string, string>();
  #lastForget = 0;
  /** Incidents folded into another, so old alert links can be followed to where they went. */
  readonly #mergedInto = new Map<string, string>();
  /** Told about every incident this desk opens (the orchestrator waits for it to settle). */
  onOpened: ((incident: Incident) => void) | undefined;

  constructor(
    private readonly ids: IdAllocator,
    topology: Topology,
    private readonly onTiming?: (seconds: number) => void,
  ) {
    this.#correlator = new AlertCorrelator({ topology });
  }

  async restore(repo: Repository): Promise<void> {
    const firing: Alert[] = [];
    for await (const alert of pages((cursor) =>
      repo.listAlerts({ status: 'firing', limit: 500, cursor }),
    )) {
      this.#trackFiring(alert);
      firing.push(alert);
    }
    for await (const incident of pages((cursor) =>
      repo.listIncidents({ status: [...activeStatuses], limit: 500, cursor }),
    )) {
      this.active.set(incident.id, incident);
      // The record keeps some of its alert ids; its firing ones are counted in it all the same.
      rememberAlerts(incident, this.#firingByIncident.get(incident.id) ?? []);
    }
    firing.sort((a, b) => a.id.localeCompare(b.id));
    this.#correlator.restore(firing, (a) => a.incidentId ?? a.id);
    for (const alert of firing)
      if (alert.incidentId) this.#incidentOfKey.set(alert.incidentId, alert.incidentId);
  }

  /** Alerts firing on a service, in the order they started firing (as `firing` lists them). */
  firingOn(service: string): Iterable<Alert> {
    return this.#firingByService.get(service)?.values() ?? [];
  }

  findFiring(fingerprint: string): Alert | undefined {
    const id = this.#firingByFingerprint.get(fingerprint);
    return id ? this.firing.get(id) : undefined;
  }

  /** A new firing alert: dedupes by fingerprint, then AlertOps places it in an incident. */
  fire(draft: Omit<Alert, 'id' | 'incidentId'>, at: string, batch: BatchBuilder): Alert {
    const existing = this.findFiring(draft.fingerprint);
    if (existing) return existing;
    const alert: Alert = { ...draft, id: this.ids.next('alert'), incidentId: null };
    const started = performance.now();
    const placement = this.#correlator.add(alert);
    const shape = this.#correlator.assess(placement.incidentKey);
    this.onTiming?.((performance.now() - started) / 1000);

    const knownId = this.#incidentOfKey.get(placement.incidentKey);
    let incident = knownId ? this.active.get(knownId) : undefined;
    if (incident) {
      incident = attachAlert(incident, shape, alert, at, placement.mergedKeys.length > 0);
    } else {
      // A new cluster, or one whose incident an operator already resolved: a fresh incident.
      incident = openIncident(this.ids.next('incident'), placement.incidentKey, shape, alert, at);
      this.#incidentOfKey.set(placement.incidentKey, incident.id);
      batch.count('incidentsOpened');
      this.onOpened?.(incident);
    }
    for (const key of placement.mergedKeys) {
      const mergedId = this.#incidentOfKey.get(key);
      this.#incidentOfKey.delete(key);
      const other = mergedId ? this.active.get(mergedId) : undefined;
      if (!other || other.id === incident.id) continue;
      const folded = absorb(incident, other, at);
      incident = folded.survivor;
      this.#repoint(other.id, incident.id, batch);
      this.#mergedInto.set(other.id, incident.id);
      if (this.#mergedInto.size > 10_000)
        this.#mergedInto.delete(this.#mergedInto.keys().next().value ?? '');
      this.putIncident(folded.merged, batch, { merged: true });
    }
    alert.incidentId = incident.id;
    this.#trackFiring(alert);
    this.putIncident(incident, batch);
    batch.alerts.set(alert.id, alert);
    batch.count('alertsReceived');
    this.#forgetOld(at);
    return alert;
  }

  /** A firing alert cleared; its incident resolves itself when nothing in it fires any more. */
  clear(alert: Alert, endsAt: string, at: string, batch: BatchBuilder): Alert {
    const cleared: Alert = { ...alert, status: 'resolved', endsAt };
    this.#untrackFiring(alert);
    this.#correlator.resolve(alert.id, at);
    batch.alerts.set(cleared.id, cleared);
    batch.count('alertsResolved');
    const incident = alert.incidentId ? this.active.get(alert.incidentId) : undefined;
    if (incident) {
      // Its own firing alerts answer at once; only the last to clear looks through them all.
      const own = this.#firingByIncident.get(incident.id)?.size ?? 0;
      const stillFiring =
        own > 0 ? own : alertMembers(incident).filter((id) => this.firing.has(id)).length;
      this.putIncident(alertResolved(incident, cleared, at, stillFiring), batch);
    }
    return cleared;
  }

  /** Stores an incident change, keeping the active set in step and counting resolutions. */
  putIncident(incident: Incident, batch: BatchBuilder, how: { merged?: boolean } = {}): void {
    const before = this.active.get(incident.id);
    batch.incidents.set(incident.id, incident);
    if (incident.status !== 'resolved') {
      this.active.set(incident.id, incident);
      return;
    }
    if (!before) return;
    this.active.delete(incident.id);
    if (how.merged) {
      // Not a separate problem after all: it no longer counts as an incident of its own.
      batch.count('incidentsOpened', -1);
      batch.count('incidentsMerged');
      return;
    }
    batch.count('incidentsResolved');
    if (incident.resolvedAt) {
      const ms = Date.parse(incident.resolvedAt) - Date.parse(incident.createdAt);
      batch.count('resolutionMsTotal', ms);
      // MTTR with and without agents: did any action run on this incident?
      const acted = incident.timeline.some((t) => t.kind === 'action');
      batch.count(acted ? 'resolvedWithAction' : 'resolvedWithoutAction');
      batch.count(acted ? 'resolutionMsWithAction' : 'resolutionMsWithoutAction', ms);
    }
  }

  /** Clears every simulator and predicted alert still firing (after a restart their estate is gone). */
  clearSimulated(at: string, batch: BatchBuilder): void {
    for (const alert of [...this.firing.values()]) {
      if (alert.source === 'simulator' || alert.source === 'predictive')
        this.clear(alert, at, at, batch);
    }
  }

  /** Worst firing alert severity per service; services missing from the map are healthy. */
  serviceHealth(): Map<string, 'warning' | 'critical'> {
    const health = new Map<string, 'warning' | 'critical'>();
    for (const alert of this.firing.values()) {
      const service = alert.labels.service;
      if (!service) continue;
      if (alert.labels.severity === 'critical') health.set(service, 'critical');
      else if (!health.has(service)) health.set(service, 'warning');
    }
    return health;
  }

  /** The incident an alert's (possibly merged) incident lives on in. */
  currentIncident(id: string): string {
    let current = id;
    for (let next = this.#mergedInto.get(current); next; next = this.#mergedInto.get(current))
      current = next;
    return current;
  }

  #repoint(fromIncident: string, toIncident: string, batch: BatchBuilder): void {
    for (const id of [...(this.#firingByIncident.get(fromIncident) ?? [])]) {
      const alert = this.firing.get(id);
      if (!alert) continue;
      const moved = { ...alert, incidentId: toIncident };
      this.#trackFiring(moved);
      batch.alerts.set(id, moved);
    }
  }

  #forgetOld(at: string): void {
    const now = Date.parse(at);
    if (now - this.#lastForget < FORGET_AFTER_MS / 6) return;
    this.#lastForget = now;
    for (const key of this.#correlator.forget(new Date(now - FORGET_AFTER_MS).toISOString())) {
      this.#incidentOfKey.delete(key);
    }
  }

  /** Files a firing alert (again, when it changed: it keeps its place) and indexes it. */
  #trackFiring(alert: Alert): void {
    const before = this.firing.get(alert.id);
    if (before && serviceOf(before) !== serviceOf(alert)) this.#unindexService(before);
    if (before && before.incidentId !== alert.incidentId) this.#unindexIncident(before);
    this.firing.set(alert.id, alert);
    this.#firingByFingerprint.set(alert.fingerprint, alert.id);
    const onService = this.#firingByService.get(serviceOf(alert)) ?? new Map<string, Alert>();
    onService.set(alert.id, alert);
    this.#firingByService.set(serviceOf(alert), onService);
    if (alert.incidentId === null) return;
    const inIncident = this.#firingByIncident.get(alert.incidentId) ?? new Set<string>();
    inIncident.add(alert.id);
    this.#firingByIncident.set(alert.incidentId, inIncident);
  }

  #untrackFiring(alert: Alert): void {
    const held = this.firing.get(alert.id);
    if (held) {
      this.#unindexService(held);
      this.#unindexIncident(held);
    }
    this.firing.delete(alert.id);
    this.#firingByFingerprint.delete(alert.fingerprint);
  }

  #unindexService(alert: Alert): void {
    const onService = this.#firingByService.get(serviceOf(alert));
    if (onService?.delete(alert.id) && onService.size === 0)
      this.#firingByService.delete(serviceOf(alert));
  }

  #unindexIncident(alert: Alert): void {
    if (alert.incidentId === null) return;
    const inIncident = this.#firingByIncident.get(alert.incidentId);
    if (inIncident?.delete(alert.id) && inIncident.size === 0)
      this.#firingByIncident.delete(alert.incidentId);
  }
}

const serviceOf = (alert: Alert): string => alert.labels.service ?? '';

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
