import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import {
  Alert,
  AlertBatchInput,
  AlertmanagerWebhook,
  ApiErrorBody,
  AuditEvent,
  EventAnalysis,
  EventInput,
  Fault,
  FaultInput,
  FitInput,
  FitResult,
  Incident,
  IncidentTransitionInput,
  KillSwitchInput,
  KillSwitchState,
  LogEntry,
  page,
  Service,
  SimulationState,
  SpeedInput,
  ValidatePayloadInput,
} from '@watchfloor/domain';
import { z } from 'zod';
import {
  AlertListQuery,
  AuditListQuery,
  IdParam,
  IncidentListQuery,
  LogListQuery,
  PageQuery,
} from './query.ts';

type Method = RouteConfig['method'];
interface Doc {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  ok: z.ZodType;
  status?: 200 | 201;
  mutation?: boolean;
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const loose = z.record(z.string(), z.unknown());
const IncidentDetail = Incident.extend({
  alerts: z.array(Alert),
  audit: z.array(AuditEvent),
  actions: z.array(loose),
});

/**
 * Every route, described from the same zod schemas the handlers validate with. The route-table
 * test fails when a registered route is missing here.
 */
export const ROUTE_DOCS: Doc[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'system',
    summary: 'Liveness and store status (503 when the store is unreachable)',
    ok: loose,
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'system',
    summary: 'Prometheus exposition format',
    ok: z.string(),
  },
  {
    method: 'get',
    path: '/api/metrics',
    tag: 'system',
    summary: 'KPIs: alerts, incidents, noise reduction, MTTR, actions',
    ok: loose,
  },
  {
    method: 'get',
    path: '/api/topology',
    tag: 'simulation',
    summary: 'Regions, services with health and latest metrics, hosts',
    ok: z.object({
      regions: z.array(z.string()),
      services: z.array(Service.extend({ health: z.string() })),
      hosts: z.array(loose),
    }),
  },
  {
    method: 'get',
    path: '/api/simulation',
    tag: 'simulation',
    summary: 'Simulation state and fault scenarios',
    ok: SimulationState.extend({ scenarios: z.array(z.string()) }),
  },
  {
    method: 'post',
    path: '/api/simulation/start',
    tag: 'simulation',
    summary: 'Run the simulation',
    ok: SimulationState,
    mutation: true,
  },
  {
    method: 'post',
    path: '/api/simulation/stop',
    tag: 'simulation',
    summary: 'Pause the simulation',
    ok: SimulationState,
    mutation: true,
  },
  {
    method: 'patch',
    path: '/api/simulation',
    tag: 'simulation',
    summary: 'Change speed (1..3600)',
    body: SpeedInput,
    ok: SimulationState,
    mutation: true,
  },
  {
    method: 'get',
    path: '/api/simulation/faults',
    tag: 'simulation',
    summary: 'Ground truth: faults and the alerts they caused',
    query: PageQuery,
    ok: page(Fault),
  },
  {
    method: 'post',
    path: '/api/simulation/faults',
    tag: 'simulation',
    summary: 'Inject a fault scenario on a service',
    body: FaultInput,
    ok: Fault,
    status: 201,
    mutation: true,
  },
  {
    method: 'get',
    path: '/api/alerts',
    tag: 'alerts',
    summary: 'Alerts, newest first',
    query: AlertListQuery,
    ok: page(Alert),
  },
  {
    method: 'get',
    path: '/api/alerts/{id}',
    tag: 'alerts',
    summary: 'One alert',
    params: IdParam,
    ok: Alert,
  },
  {
    method: 'post',
    path: '/api/alerts',
    tag: 'alerts',
    summary: 'Ingest one alert or an array (Alertmanager fields)',
    body: AlertBatchInput,
    ok: z.object({ items: z.array(Alert) }),
    status: 201,
    mutation: true,
  },
  {
    method: 'post',
    path: '/api/integrations/alertmanager',
    tag: 'alerts',
    summary: 'Alertmanager webhook receiver (payload version 4)',
    body: AlertmanagerWebhook,
    ok: loose,
    mutation: true,
  },
  {
    method: 'get',
    path: '/api/incidents',
    tag: 'incidents',
    summary: 'Incidents, filterable; format=csv exports',
    query: IncidentListQuery,
    ok: page(Incident),
  },
  {
    method: 'get',
    path: '/api/incidents/{id}',
    tag: 'incidents',
    summary: 'Incident with its alerts, audit trail and actions',
    params: IdParam,
    ok: IncidentDetail,
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/ack',
    tag: 'incidents',
    summary: 'Acknowledge (409 when resolved or already acknowledged)',
    params: IdParam,
    body: IncidentTransitionInput,
    ok: Incident,
    mutation: true,
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/resolve',
    tag: 'incidents',
    summary: 'Resolve (409 when already resolved)',
    params: IdParam,
    body: IncidentTransitionInput,
    ok: Incident,
    mutation: true,
  },
  {
    method: 'post',
    path: '/api/forecasts/fit',
    tag: 'forecasts',
    summary: "Fit Holt's linear / damped trend; given parameters stay fixed",
    body: FitInput,
    ok: FitResult,
  },
  {
    method: 'post',
    path: '/api/events/analyze',
    tag: 'events',
    summary: 'Triage an arbitrary event (rules first)',
    body: EventInput,
    ok: EventAnalysis,
  },
  {
    method: 'post',
    path: '/api/events/validate',
    tag: 'events',
    summary: 'Check a payload for required dotted fields',
    body: ValidatePayloadInput,
    ok: z.object({ valid: z.boolean(), missingFields: z.array(z.string()) }),
  },
  {
    method: 'get',
    path: '/api/logs',
    tag: 'observability',
    summary: 'Logs, newest first',
    query: LogListQuery,
    ok: page(LogEntry),
  },
  {
    method: 'get',
    path: '/api/audit',
    tag: 'observability',
    summary: 'Audit trail of every change; format=csv exports',
    query: AuditListQuery,
    ok: page(AuditEvent),
  },
  {
    method: 'get',
    path: '/api/kill-switch',
    tag: 'safety',
    summary: 'Kill switch state',
    ok: KillSwitchState,
  },
  {
    method: 'post',
    path: '/api/kill-switch',
    tag: 'safety',
    summary: 'Engage or release the kill switch',
    body: KillSwitchInput,
    ok: KillSwitchState,
    mutation: true,
  },
];

const errors = {
  400: { description: 'Bad input; the message names the field', content: json(ApiErrorBody) },
  401: { description: 'Missing or invalid bearer token', content: json(ApiErrorBody) },
  403: { description: 'Viewer token used for a change', content: json(ApiErrorBody) },
  404: { description: 'Not found', content: json(ApiErrorBody) },
  409: { description: 'Conflict (state or kill switch)', content: json(ApiErrorBody) },
  413: { description: 'Body over 1 MiB', content: json(ApiErrorBody) },
  429: { description: 'Rate limited; see Retry-After', content: json(ApiErrorBody) },
  503: { description: 'Knowledge base unreachable', content: json(ApiErrorBody) },
};

/** The OpenAPI 3.1 document served at /api/openapi.json. */
export function openApiDocument(version: string) {
  const doc = new OpenAPIHono();
  doc.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  for (const route of ROUTE_DOCS) {
    doc.openAPIRegistry.registerPath({
      method: route.method,
      path: route.path,
      tags: [route.tag],
      summary: route.summary,
      ...(route.mutation ? { security: [{ bearer: [] }] } : {}),
      request: {
        ...(route.query ? { query: route.query } : {}),
        ...(route.params ? { params: route.params } : {}),
        ...(route.body
          ? {
              body: {
                content: json(route.body),
                required: route.mutation !== true || !route.params,
              },
            }
          : {}),
      },
      responses: {
        [route.status ?? 200]: { description: 'OK', content: json(route.ok) },
        ...errors,
      },
    });
  }
  return doc.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Watchfloor API',
      version,
      description:
        'Live AIOps watch floor: simulator, incidents, agents, kill switch. Changes need `Authorization: Bearer <operator token>`.',
    },
  });
}
