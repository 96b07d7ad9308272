import type { Alert, AlertSeverity } from '@watchfloor/domain';
import type { DependencyIndex } from './dependency-index.ts';
import { alertSeverityOf, POINTS_UPSTREAM, type SymptomKind, symptomKind } from './symptoms.ts';

/** What the correlator keeps of one alert: the labels it reasons on and times as numbers. */
export interface AlertNode {
  id: string;
  fingerprint: string;
  alertname: string;
  /** Topology id when the label names a known service. */
  service: string;
  host: string;
  severity: AlertSeverity;
  kind: SymptomKind;
  /** Epoch ms of startsAt. */
  onset: number;
  /** Epoch ms the alert resolved, null while it fires. */
  endedAt: number | null;
  /** The dependency the alert's summary names as timing out or unreachable, if any. */
  upstream: string | null;
  /** Arrival order, for stable tie-breaks. */
  seq: number;
}

const mentions = (text: string, name: string): boolean => {
  const at = text.indexOf(name);
  if (at < 0) return false;
  const before = text[at - 1];
  const after = text[at + name.length];
  const word = /[\w-]/;
  return !(before && word.test(before)) && !(after && word.test(after));
};

/** The dependency of `service` that an alert's summary names (e.g. "checkout sees timeouts calling orders-db"). */
function upstreamOf(alert: Alert, service: string, deps: DependencyIndex): string | null {
  const alertname = alert.labels.alertname ?? '';
  if (!POINTS_UPSTREAM.has(alertname)) return null;
  const text = `${alert.annotations.summary ?? ''} ${alert.annotations.description ?? ''}`;
  for (const callee of deps.callees(service)) if (mentions(text, callee)) return callee;
  return null;
}

export function toAlertNode(alert: Alert, deps: DependencyIndex, seq: number): AlertNode {
  const alertname = alert.labels.alertname ?? 'unknown';
  const service = deps.idOf(alert.labels.service ?? 'unknown');
  const onset = Date.parse(alert.startsAt);
  const ended = alert.status === 'resolved' && alert.endsAt ? Date.parse(alert.endsAt) : null;
  return {
    id: alert.id,
    fingerprint: alert.fingerprint,
    alertname,
    service,
    host: alert.labels.host ?? '',
    severity: alertSeverityOf(alert.labels.severity),
    kind: symptomKind(alertname),
    onset: Number.isFinite(onset) ? onset : Date.parse(alert.receivedAt),
    endedAt: ended !== null && Number.isFinite(ended) ? ended : null,
    upstream: upstreamOf(alert, service, deps),
    seq,
  };
}
