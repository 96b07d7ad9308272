import { z } from 'zod';
import { Alert } from './alert.ts';
import { AuditEvent } from './audit.ts';
import { Incident } from './incident.ts';
import { OrchestratorDecision } from './outcome.ts';
import { Task } from './task.ts';

/**
 * `GET /api/incidents/:id`: the incident with its latest alerts in full (`alertCount` counts
 * them all), its audit trail, the actions taken and any decision waiting for approval.
 */
export const IncidentDetail = Incident.extend({
  alerts: z.array(Alert),
  audit: z.array(AuditEvent),
  actions: z.array(Task),
  pendingApproval: OrchestratorDecision.nullable(),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;
