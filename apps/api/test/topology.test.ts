import { Host, page } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { ServiceDetail, ServicePage, TopologySummary } from '../src/routes/topology-view.ts';
import { firingAlert, type Harness, harness, json } from './harness.ts';

/** Follows `nextCursor` to the end, returning every page. */
async function walk(h: Harness, path: string): Promise<{ items: { id: string }[] }[]> {
  const pages = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await h.call('GET', `${path}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = page(Host.pick({ id: true })).parse(await res.json());
    pages.push(body);
    cursor = body.nextCursor;
  } while (cursor);
  return pages;
}

const errorOf = async (res: Response) => {
  const body = (await res.json()) as { error: { message: string } };
  return { status: res.status, message: body.error.message };
};

describe('topology at the default estate', () => {
  it('summarises every service by tier, region and health, each drawn once', async () => {
    const h = await harness();
    const summary = TopologySummary.parse(await json(h.call('GET', '/api/topology')));
    const services = h.engine.topology.services;
    expect(summary.totals.services).toBe(services.length);
    expect(summary.totals.hosts).toBe(h.engine.topology.hosts.length);
    expect(summary.regions.length).toBeGreaterThanOrEqual(2);
    expect(summary.cells.reduce((n, c) => n + c.services, 0)).toBe(services.length);
    // 36 services fit: every one is drawn, in its own tier and region.
    const shown = summary.cells.flatMap((c) =>
      c.shown.map((s) => ({ ...s, cell: `${c.tier}|${c.region}` })),
    );
    expect(shown.map((s) => s.id).sort()).toEqual(services.map((s) => s.id).sort());
    for (const s of shown) expect(s.cell).toBe(`${s.tier}|${s.region}`);
    expect(summary.totals.healthy).toBe(services.length);
  });

  it('counts a service with a critical alert as critical and draws it first', async () => {
    const h = await harness({ faultGeneration: false });
    const target = h.engine.topology.services.find((s) => s.tier === 'domain');
    if (!target) throw new Error('the estate has domain services');
    // Read first: answers are cached until the next store write, which the alert is.
    const before = TopologySummary.parse(await json(h.call('GET', '/api/topology?tiles=1')));
    expect(before.totals.critical).toBe(0);
    await h.call('POST', '/api/alerts', { body: firingAlert('Probe', target.id) });
    const summary = TopologySummary.parse(await json(h.call('GET', '/api/topology?tiles=1')));
    expect(summary.totals.critical).toBe(1);
    const cell = summary.cells.find((c) => c.tier === 'domain' && c.region === target.region);
    expect(cell?.shown.map((s) => [s.id, s.health])).toEqual([[target.id, 'critical']]);
    const critical = ServicePage.parse(
      await json(h.call('GET', '/api/topology/services?health=critical')),
    );
    expect(critical.items.map((s) => s.id)).toEqual([target.id]);
    expect(critical.total).toBe(1);
  });

  it('filters services by text, tier and region', async () => {
    const h = await harness();
    const res = ServicePage.parse(
      await json(h.call('GET', '/api/topology/services?tier=datastore,cache&limit=500')),
    );
    expect(res.items.length).toBeGreaterThan(0);
    expect(new Set(res.items.map((s) => s.tier))).toEqual(new Set(['datastore', 'cache']));
    const one = res.items[0];
    if (!one) throw new Error('a datastore exists');
    const byText = ServicePage.parse(
      await json(
        h.call(
          'GET',
          `/api/topology/services?q=${one.id.slice(1).toUpperCase()}&region=${one.region}`,
        ),
      ),
    );
    expect(byText.items.map((s) => s.id)).toContain(one.id);
    for (const s of byText.items) expect(s.region).toBe(one.region);
  });

  it('keeps a cursor valid after its service stops matching the filter', async () => {
    const h = await harness({ faultGeneration: false });
    const [a, b] = h.engine.topology.services;
    if (!a || !b) throw new Error('two services');
    for (const s of [a, b]) await h.call('POST', '/api/alerts', { body: firingAlert('P', s.id) });
    const first = ServicePage.parse(
      await json(h.call('GET', '/api/topology/services?health=critical&limit=1')),
    );
    expect(first.items.map((s) => s.id)).toEqual([a.id]);
    await h.call('POST', '/api/alerts', {
      body: { ...firingAlert('P', a.id), status: 'resolved' },
    });
    const next = ServicePage.parse(
      await json(
        h.call('GET', `/api/topology/services?health=critical&limit=1&cursor=${first.nextCursor}`),
      ),
    );
    expect(next.items.map((s) => s.id)).toEqual([b.id]);
  });

  it('shows one service with its hosts and callers, and 404s an unknown one', async () => {
    const h = await harness();
    const callee = h.engine.topology.services.find((s) => s.tier === 'datastore');
    if (!callee) throw new Error('a datastore exists');
    const detail = ServiceDetail.parse(
      await json(h.call('GET', `/api/topology/services/${callee.id}`)),
    );
    expect(detail.hosts.length).toBeGreaterThanOrEqual(2);
    for (const host of detail.hosts) expect(host.serviceId).toBe(callee.id);
    const callers = h.engine.topology.services.filter((s) => s.dependsOn.includes(callee.id));
    expect(detail.calledBy.sort()).toEqual(callers.map((s) => s.id).sort());
    const missing = await h.call('GET', '/api/topology/services/no-such-service');
    expect(missing.status).toBe(404);
  });

  it('pages hosts, by service too', async () => {
    const h = await harness();
    const pages = await walk(h, '/api/topology/hosts?limit=7');
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(ids).toEqual(h.engine.topology.hosts.map((x) => x.id));
    const service = h.engine.topology.services[3]?.id ?? '';
    const own = await json(h.call('GET', `/api/topology/hosts?service=${service}&limit=1`));
    expect(own.items[0].serviceId).toBe(service);
    const rest = await walk(h, `/api/topology/hosts?service=${service}&limit=1`);
    expect(rest.flatMap((p) => p.items).length).toBe(
      h.engine.topology.hosts.filter((x) => x.serviceId === service).length,
    );
  });

  it('refuses bad filters, sizes and cursors naming the field', async () => {
    const h = await harness();
    const cases: [string, string][] = [
      ['/api/topology?tiles=25', 'tiles'],
      ['/api/topology/services?limit=501', 'limit'],
      ['/api/topology/services?limit=0', 'limit'],
      ['/api/topology/services?tier=mainframe', 'tier'],
      ['/api/topology/services?health=sick', 'health'],
      ['/api/topology/services?cursor=bm9wZQ', 'cursor'],
      ['/api/topology/hosts?limit=abc', 'limit'],
      ['/api/topology/hosts?cursor=%25%25', 'cursor'],
    ];
    for (const [path, field] of cases) {
      const { status, message } = await errorOf(await h.call('GET', path));
      expect(status, path).toBe(400);
      expect(message, path).toMatch(new RegExp(`^${field}[:.\\[]`));
    }
  });
});

describe('topology at a 5,000-service estate', async () => {
  const h = await harness({ services: 5000, faultGeneration: false });

  it('keeps the summary the size of a few cells, not of the estate', async () => {
    const res = await h.call('GET', '/api/topology');
    const text = await res.text();
    const summary = TopologySummary.parse(JSON.parse(text));
    expect(summary.totals.services).toBe(5000);
    expect(summary.cells.length).toBe(summary.tiers.length * summary.regions.length);
    for (const cell of summary.cells) expect(cell.shown.length).toBeLessThanOrEqual(8);
    const small = await (await (await harness()).call('GET', '/api/topology')).text();
    expect(text.length).toBeLessThan(small.length * 8);
  });

  it('answers a page of at most `limit` services, and the cursor walks all 5,000 once', async () => {
    const pages = await walk(h, '/api/topology/services?limit=500');
    expect(pages.length).toBe(10);
    for (const p of pages) expect(p.items.length).toBeLessThanOrEqual(500);
    const ids = pages.flatMap((p) => p.items.map((s) => s.id));
    expect(ids.length).toBe(5000);
    expect(new Set(ids).size).toBe(5000);
    expect(ids).toEqual(h.engine.topology.services.map((s) => s.id));
    const first = ServicePage.parse(await json(h.call('GET', '/api/topology/services')));
    expect(first.items.length).toBe(50);
    expect(first.total).toBe(5000);
  });

  it('walks ~15,000 hosts in bounded pages', async () => {
    const pages = await walk(h, '/api/topology/hosts?limit=500');
    const ids = pages.flatMap((p) => p.items.map((x) => x.id));
    expect(ids.length).toBe(h.engine.topology.hosts.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of pages) expect(p.items.length).toBeLessThanOrEqual(500);
  });
});
