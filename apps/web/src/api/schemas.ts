import {
  AgentConfigVersion,
  AgentStatus,
  AuditEvent,
  Forecast,
  Host,
  Incident,
  IncidentDetail,
  IncidentSummary,
  IsoTime,
  KillSwitchState,
  LogEntry,
  MetricName,
  PatchPlan,
  PredictedRisk,
  page,
  Service,
  SimulationState,
  Tier,
} from '@watchfloor/domain';
import { z } from 'zod';

// Response shapes the API builds around the domain types (see apps/api/src/routes).

export const ServiceHealth = z.enum(['healthy', 'warning', 'critical']);
export type ServiceHealth = z.infer<typeof ServiceHealth>;

export const ServiceView = Service.extend({
  health: ServiceHealth,
  metrics: z.partialRecord(MetricName, z.number()).nullable(),
});
export type ServiceView = z.infer<typeof ServiceView>;

/** `GET /api/topology/services`: a page of services; `total` counts every match. */
export const ServicePage = page(ServiceView).extend({ total: z.number() });
export type ServicePage = z.infer<typeof ServicePage>;

export const ServiceDetail = ServiceView.extend({
  hosts: z.array(Host),
  calledBy: z.array(z.string()),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

const HealthCounts = z.object({
  services: z.number(),
  healthy: z.number(),
  warning: z.number(),
  critical: z.number(),
});

/** `GET /api/topology`: counts per tier × region and a few services per cell, worst first. */
export const TopologySummary = z.object({
  regions: z.array(z.string()),
  tiers: z.array(Tier),
  totals: HealthCounts.extend({ hosts: z.number(), dependencies: z.number() }),
  cells: z.array(
    HealthCounts.extend({ tier: Tier, region: z.string(), shown: z.array(ServiceView) }),
  ),
});
export type TopologySummary = z.infer<typeof TopologySummary>;
export type TopologyCell = TopologySummary['cells'][number];

export const Kpis = z.object({
  alertsReceived: z.number(),
  alertsResolved: z.number(),
  incidents: z.number(),
  incidentsOpen: z.number(),
  incidentsResolved: z.number(),
  noiseReduction: z.number().nullable(),
  mttrMinutes: z.number().nullable(),
  /** Incidents an agent acted on vs incidents that ran their course (virtual minutes). */
  mttrWithAgentsMinutes: z.number().nullable(),
  mttrWithoutAgentsMinutes: z.number().nullable(),
  patchSuccess: z.object({
    completed: z.number(),
    rolledBack: z.number(),
    failed: z.number(),
    rate: z.number().nullable(),
  }),
  awaitingApproval: z.number(),
  /** Pairwise scores of live incidents against the simulator's ground truth. */
  liveCorrelation: z
    .object({ precision: z.number(), recall: z.number(), f1: z.number(), alerts: z.number() })
    .nullable(),
  incidentsMerged: z.number(),
  faultsStarted: z.number(),
  actionsRun: z.number(),
  actionsBlocked: z.number(),
  firingAlerts: z.number(),
  virtualTime: IsoTime,
});
export type Kpis = z.infer<typeof Kpis>;

export const SimulationView = SimulationState.extend({ scenarios: z.array(z.string()) });
export type SimulationView = z.infer<typeof SimulationView>;

/** `GET /api/session`: who the stored token is to the server. */
export const SessionRole = z.object({ role: z.enum(['operator', 'viewer', 'anonymous']) });
export type SessionRole = z.infer<typeof SessionRole>;

export const ForecastPage = page(Forecast).extend({
  risks: z.array(PredictedRisk),
  /** Every live risk; `risks` holds the soonest 50. */
  riskCount: z.number(),
});
export type ForecastPage = z.infer<typeof ForecastPage>;

export const PatchPage = page(PatchPlan);
export const AgentPage = page(AgentStatus);
export const AgentDetail = AgentStatus.extend({
  /** The latest versions (at most 20); `configVersions` counts them all. */
  configHistory: z.array(AgentConfigVersion),
  configVersions: z.number(),
});
export type AgentDetail = z.infer<typeof AgentDetail>;

export const IncidentPage = page(IncidentSummary);
export const LogPage = page(LogEntry);
export const AuditPage = page(AuditEvent);
export { Incident, IncidentDetail, KillSwitchState };
