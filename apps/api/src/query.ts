import {
  IncidentSeverity,
  IncidentStatus,
  LogLevel,
  MetricName,
  PatchState,
  TaskStatus,
  Tier,
} from '@watchfloor/domain';
import { z } from 'zod';

/** `limit` and `cursor`; every list has a ceiling so no answer grows with the estate. */
export const pageQuery = (max: number, fallback: number) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(max).default(fallback),
    cursor: z.string().min(1).max(1000).optional(),
  });

export const PageQuery = pageQuery(500, 50);

/** `status=open,acknowledged` -> ['open', 'acknowledged'], each checked against the enum. */
export const csvOf = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

export const ExportFormat = z.enum(['json', 'csv']).default('json');

export const IncidentListQuery = PageQuery.extend({
  status: csvOf(IncidentStatus).optional(),
  severity: csvOf(IncidentSeverity).optional(),
  service: z.string().min(1).max(200).optional(),
  q: z.string().min(1).max(200).optional(),
  format: ExportFormat,
});

export const AlertListQuery = PageQuery.extend({
  status: z.enum(['firing', 'resolved']).optional(),
  service: z.string().min(1).max(200).optional(),
  incidentId: z.string().min(1).max(50).optional(),
});

export const LogListQuery = PageQuery.extend({
  /** Only entries newer than this log id (a live tail). */
  after: z
    .string()
    .regex(/^LOG-\d+$/, { message: 'must be a log id like LOG-000123' })
    .optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  level: csvOf(LogLevel).optional(),
  source: z.string().min(1).max(200).optional(),
  q: z.string().min(1).max(200).optional(),
});

export const AuditListQuery = PageQuery.extend({
  actor: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
  target: z.string().min(1).max(200).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  format: ExportFormat,
});

export const IdParam = z.object({ id: z.string().min(1).max(50) });

/** Each forecast carries ~400 points, so a page is kept small. */
export const ForecastListQuery = pageQuery(50, 10).extend({
  service: z.string().min(1).max(200).optional(),
  metric: MetricName.optional(),
});

export const PatchListQuery = PageQuery.extend({ state: PatchState.optional() });

export const TaskListQuery = PageQuery.extend({
  status: TaskStatus.optional(),
  service: z.string().min(1).max(200).optional(),
  incidentId: z.string().min(1).max(50).optional(),
});

export const ServiceHealth = z.enum(['healthy', 'warning', 'critical']);
export type ServiceHealth = z.infer<typeof ServiceHealth>;

export const TopologyQuery = z.object({
  /** Services drawn per tier × region cell (worst health first); 0 gives counts only. */
  tiles: z.coerce.number().int().min(0).max(24).default(8),
});

export const ServiceListQuery = PageQuery.extend({
  q: z.string().min(1).max(200).optional(),
  tier: csvOf(Tier).optional(),
  region: z.string().min(1).max(100).optional(),
  health: csvOf(ServiceHealth).optional(),
});

export const HostListQuery = PageQuery.extend({
  service: z.string().min(1).max(200).optional(),
  region: z.string().min(1).max(100).optional(),
  version: z.string().min(1).max(100).optional(),
});
