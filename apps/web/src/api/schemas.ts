import {
  Alert,
  AuditEvent,
  Incident,
  IsoTime,
  KillSwitchState,
  LogEntry,
  MetricName,
  page,
  Service,
  SimulationState,
  Topology,
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

export const TopologyView = Topology.extend({ services: z.array(ServiceView) });
export type TopologyView = z.infer<typeof TopologyView>;

export const Kpis = z.object({
  alertsReceived: z.number(),
  alertsResolved: z.number(),
  incidents: z.number(),
  incidentsOpen: z.number(),
  incidentsResolved: z.number(),
  noiseReduction: z.number().nullable(),
  mttrMinutes: z.number().nullable(),
  faultsStarted: z.number(),
  actionsRun: z.number(),
  actionsBlocked: z.number(),
  firingAlerts: z.number(),
  virtualTime: IsoTime,
});
export type Kpis = z.infer<typeof Kpis>;

export const SimulationView = SimulationState.extend({ scenarios: z.array(z.string()) });
export type SimulationView = z.infer<typeof SimulationView>;

export const IncidentDetail = Incident.extend({
  alerts: z.array(Alert),
  audit: z.array(AuditEvent),
  actions: z.array(z.unknown()),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentPage = page(Incident);
export const LogPage = page(LogEntry);
export const AuditPage = page(AuditEvent);
export { Incident, KillSwitchState };
