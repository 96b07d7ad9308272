import { type Incident, IncidentTransitionInput, summarizeIncident } from '@watchfloor/domain';
import { pages } from '@watchfloor/engine';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import { EXPORT_LIMIT, toCsv } from '../csv.ts';
import { IdParam, IncidentListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { optionalJson, validate } from '../validate.ts';
import { cachedReads } from './cached-read.ts';

const csvHeader = [
  'id',
  'title',
  'status',
  'severity',
  'suspectedRoot',
  'confidence',
  'services',
  'alerts',
  'createdAt',
  'acknowledgedAt',
  'resolvedAt',
];
const csvRow = (i: Incident) => [
  i.id,
  i.title,
  i.status,
  i.severity,
  i.suspectedRoot?.service,
  i.suspectedRoot?.confidence,
  i.services.join(' '),
  i.alertCount,
  i.createdAt,
  i.acknowledgedAt,
  i.resolvedAt,
];

/** Alerts the detail answer carries at most (the latest); the rest page via /api/alerts. */
export const DETAIL_ALERTS = 100;

export const incidentsRoutes = (deps: AppDeps) => {
  const { engine, repo } = deps;
  const send = cachedReads(deps);
  return new Hono<AppEnv>()
    .get('/', validate('query', IncidentListQuery), async (c) => {
      const { format, ...query } = c.req.valid('query');
      if (format === 'json') {
        // Encoded once per store write: under load most reads are the same few pages.
        return send(c, JSON.stringify(query), async () => {
          const page = await repo.listIncidents(query);
          return { ...page, items: page.items.map(summarizeIncident) };
        });
      }
      const rows: unknown[][] = [];
      for await (const incident of pages((cursor) =>
        repo.listIncidents({ ...query, limit: 500, cursor }),
      )) {
        rows.push(csvRow(incident));
        if (rows.length >= EXPORT_LIMIT) break;
      }
      c.header('Content-Disposition', 'attachment; filename="incidents.csv"');
      return c.body(toCsv(csvHeader, rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .get('/:id', validate('param', IdParam), async (c) => {
      const incident = await engine.getIncident(c.req.valid('param').id);
      // The record keeps its first and latest alert ids: the first tell the narrator how it
      // began, the latest are what the page lists.
      const [kept, audit] = await Promise.all([
        repo.getAlerts(incident.alertIds),
        repo.listAudit({ target: incident.id, limit: 100 }),
      ]);
      const actions = engine.tasks().filter((t) => t.incidentId === incident.id);
      return c.json({
        ...incident,
        narrative: engine.narrative(incident, kept),
        alerts: kept.slice(-DETAIL_ALERTS),
        audit: audit.items,
        actions,
        pendingApproval: engine.pendingApproval(incident.id),
      });
    })
    .post(
      '/:id/ack',
      validate('param', IdParam),
      optionalJson(IncidentTransitionInput),
      async (c) => {
        const { note } = c.req.valid('json');
        return c.json(await engine.acknowledgeIncident(c.req.valid('param').id, actorOf(c), note));
      },
    )
    .post(
      '/:id/approve',
      validate('param', IdParam),
      optionalJson(IncidentTransitionInput),
      async (c) => c.json(await engine.approveIncident(c.req.valid('param').id, actorOf(c)), 201),
    )
    .post(
      '/:id/resolve',
      validate('param', IdParam),
      optionalJson(IncidentTransitionInput),
      async (c) => {
        const { note } = c.req.valid('json');
        return c.json(await engine.resolveIncident(c.req.valid('param').id, actorOf(c), note));
      },
    );
};
