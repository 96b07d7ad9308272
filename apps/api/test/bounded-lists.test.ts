import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTE_DOCS } from '../src/openapi.ts';
import { harness } from './harness.ts';

/** Lists whose length is fixed by the product, not by the estate or by time. */
const FIXED_LISTS = new Set([
  '/api/agents', // the five agents
  '/api/tasks/runbooks', // the runbook catalog
]);

const reads = ROUTE_DOCS.filter((r) => r.method === 'get');
const isList = (schema: z.ZodType) => schema instanceof z.ZodObject && 'items' in schema.shape;
const takesLimit = (r: (typeof reads)[number]) => r.query !== undefined && 'limit' in r.query.shape;

describe('no read answers an unbounded list', () => {
  it('pages every list that can grow (with limit and cursor)', () => {
    const lists = reads.filter((r) => isList(r.ok));
    expect(lists.length).toBeGreaterThan(10);
    const unpaged = lists.filter((r) => !takesLimit(r) && !FIXED_LISTS.has(r.path));
    expect(unpaged.map((r) => r.path)).toEqual([]);
    for (const r of lists.filter(takesLimit))
      expect(r.query?.shape, r.path).toHaveProperty('cursor');
  });

  it('refuses a limit over the ceiling with a 400 naming limit, on every paged read', async () => {
    const h = await harness();
    const paged = reads.filter(takesLimit);
    for (const r of paged) {
      // Parameters are validated before anything is looked up, so any id will do.
      const path = r.path.replace('{id}', r.path.startsWith('/api/agents') ? 'taskops' : 'X-1');
      const res = await h.call('GET', `${path}?limit=100000`);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message, path).toMatch(/^limit: /);
    }
  });
});
