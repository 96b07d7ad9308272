import type { IncidentSeverity, Tier } from '@watchfloor/domain';

/** What the orchestrator sees of an incident: what an operator sees, never ground truth. */
export interface IncidentView {
  id: string;
  /** Names of the incident's alerts; duplicates and order do not matter. */
  alertNames: readonly string[];
  services: readonly string[];
  /** Names of the alerts firing on the suspected root itself; when absent, all of them. */
  rootAlertNames?: readonly string[];
  suspectedRoot: { service: string; confidence: number } | null;
  /** Tier of the suspected root service, when known. */
  rootTier: Tier | null;
  severity: IncidentSeverity;
  openedAt: string;
}
