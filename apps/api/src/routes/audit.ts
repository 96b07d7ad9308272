import type { AuditEvent } from '@watchfloor/domain';
import { pages } from '@watchfloor/engine';
import { Hono } from 'hono';
import { EXPORT_LIMIT, toCsv } from '../csv.ts';
import { AuditListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';
import { cachedReads } from './cached-read.ts';

const csvHeader = [
  'id',
  'at',
  'actor',
  'action',
  'target',
  'result',
  'requestId',
  'before',
  'after',
];
const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
const csvRow = (e: AuditEvent) => [
  e.id,
  e.at,
  e.actor,
  e.action,
  e.target,
  e.result,
  e.requestId,
  json(e.before),
  json(e.after),
];

export const auditRoutes = (deps: AppDeps) => {
  const { repo } = deps;
  const send = cachedReads(deps);
  return new Hono<AppEnv>().get('/', validate('query', AuditListQuery), async (c) => {
    const { format, ...query } = c.req.valid('query');
    if (format === 'json') return send(c, JSON.stringify(query), () => repo.listAudit(query));
    const rows: unknown[][] = [];
    for await (const event of pages((cursor) => repo.listAudit({ ...query, limit: 500, cursor }))) {
      rows.push(csvRow(event));
      if (rows.length >= EXPORT_LIMIT) break;
    }
    c.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return c.body(toCsv(csvHeader, rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
};
