import { gunzipSync } from 'node:zlib';
import { Alert, Incident, IncidentSummary, page } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DETAIL_ALERTS } from '../src/routes/incidents.ts';
import { firingAlert, harness, json } from './harness.ts';

/** What POST /api/alerts answers: the stored alerts, with their ids and incidents. */
const AlertPage = z.object({ items: z.array(Alert) });
const IncidentPage = page(IncidentSummary);

describe('alerts become incidents', () => {
  it('groups repeats of one alert on one service into one incident and keeps others apart', async () => {
    const h = await harness({ faultGeneration: false });
    const [a, b] = h.engine.topology.services.map((s) => s.id);
    const res = await h.call('POST', '/api/alerts', {
      body: [
        firingAlert('HighErrorRate', String(a), { host: 'h1' }),
        firingAlert('HighErrorRate', String(a), { host: 'h2' }),
        firingAlert('HighLatencyP95', String(b)),
      ],
    });
    expect(res.status).toBe(201);
    const { items } = AlertPage.parse(await res.json());
    expect(items).toHaveLength(3);
    expect(items[0]?.incidentId).toBe(items[1]?.incidentId);
    expect(items[2]?.incidentId).not.toBe(items[0]?.incidentId);

    const list = IncidentPage.parse(await json(h.call('GET', '/api/incidents')));
    expect(list.items).toHaveLength(2);
    const detail = await json(h.call('GET', `/api/incidents/${items[0]?.incidentId}`));
    expect(Incident.safeParse(detail).success).toBe(true);
    expect(detail.alerts.map((x: Alert) => x.id)).toEqual([items[0]?.id, items[1]?.id]);
    expect(detail.alerts[0].labels.host).toBe('h1');
    // The template narrator answers at once and names the suspected root.
    expect(detail.narrative).toContain(String(detail.suspectedRoot.service));
  });

  it('dedupes a repeated firing alert by fingerprint', async () => {
    const h = await harness({ faultGeneration: false });
    const service = String(h.engine.topology.services[0]?.id);
    const first = AlertPage.parse(
      await json(h.call('POST', '/api/alerts', { body: firingAlert('X', service) })),
    );
    const again = AlertPage.parse(
      await json(h.call('POST', '/api/alerts', { body: firingAlert('X', service) })),
    );
    expect(again.items[0]?.id).toBe(first.items[0]?.id);
  });

  it('resolves an incident by itself when its alerts resolve', async () => {
    const h = await harness({ faultGeneration: false });
    const service = String(h.engine.topology.services[0]?.id);
    const fired = AlertPage.parse(
      await json(h.call('POST', '/api/alerts', { body: firingAlert('Y', service) })),
    );
    const resolved = await h.call('POST', '/api/alerts', {
      body: { ...firingAlert('Y', service), status: 'resolved' },
    });
    expect(resolved.status).toBe(201);
    const incident = Incident.parse(
      await json(h.call('GET', `/api/incidents/${fired.items[0]?.incidentId}`)),
    );
    expect(incident.status).toBe('resolved');
    const alert = Alert.parse(await json(h.call('GET', `/api/alerts/${fired.items[0]?.id}`)));
    expect(alert.status).toBe('resolved');
    expect(alert.endsAt).not.toBeNull();
  });

  it('acknowledges and resolves through the API with a timeline and an audit trail', async () => {
    const h = await harness({ faultGeneration: false });
    const service = String(h.engine.topology.services[0]?.id);
    const fired = AlertPage.parse(
      await json(h.call('POST', '/api/alerts', { body: firingAlert('Z', service) })),
    );
    const id = String(fired.items[0]?.incidentId);
    const ack = Incident.parse(
      await json(h.call('POST', `/api/incidents/${id}/ack`, { body: { note: 'on it' } })),
    );
    expect(ack.status).toBe('acknowledged');
    expect((await h.call('POST', `/api/incidents/${id}/ack`)).status).toBe(409);
    const done = Incident.parse(await json(h.call('POST', `/api/incidents/${id}/resolve`)));
    expect(done.status).toBe('resolved');
    expect(done.timeline.map((t) => t.kind)).toEqual([
      'opened',
      'alert',
      'acknowledged',
      'resolved',
    ]);
    expect((await h.call('POST', `/api/incidents/${id}/resolve`)).status).toBe(409);
    const detail = await json(h.call('GET', `/api/incidents/${id}`));
    expect(detail.audit.map((e: { action: string }) => e.action)).toEqual([
      'incident.resolve',
      'incident.acknowledge',
    ]);
  });

  it('filters incidents by status, service and text, and exports them as CSV', async () => {
    const h = await harness({ faultGeneration: false });
    const [a, b] = h.engine.topology.services.map((s) => s.id);
    await h.call('POST', '/api/alerts', {
      body: [firingAlert('DiskFull', String(a)), firingAlert('HighCPU', String(b))],
    });
    const first = IncidentPage.parse(await json(h.call('GET', `/api/incidents?service=${a}`)));
    expect(first.items.map((i) => i.services)).toEqual([[a]]);
    await h.call('POST', `/api/incidents/${first.items[0]?.id}/ack`);
    const acked = IncidentPage.parse(
      await json(h.call('GET', '/api/incidents?status=acknowledged')),
    );
    expect(acked.items.map((i) => i.id)).toEqual([first.items[0]?.id]);
    const text = IncidentPage.parse(await json(h.call('GET', '/api/incidents?q=highcpu')));
    expect(text.items.map((i) => i.title)).toEqual([`HighCPU on ${b}`]);
    const csv = await h.call('GET', '/api/incidents?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toContain('id,title,status');
    expect(lines).toHaveLength(3);
  });

  it('paginates with a cursor without repeating or skipping', async () => {
    const h = await harness({ faultGeneration: false });
    const services = h.engine.topology.services.slice(0, 12).map((s) => s.id);
    await h.call('POST', '/api/alerts', { body: services.map((s) => firingAlert('PageProbe', s)) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.call(
        'GET',
        `/api/incidents?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const body = IncidentPage.parse(await res.json());
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});

describe('the incident list on the wire', () => {
  it('sends summaries: counts instead of alert ids and no timeline', async () => {
    const h = await harness({ faultGeneration: false });
    const [a] = h.engine.topology.services.map((s) => s.id);
    await h.call('POST', '/api/alerts', {
      body: [
        firingAlert('HighErrorRate', String(a), { host: 'h1' }),
        firingAlert('HighErrorRate', String(a), { host: 'h2' }),
      ],
    });
    const raw = await json(h.call('GET', '/api/incidents'));
    const [item] = raw.items;
    expect(item).not.toHaveProperty('alertIds');
    expect(item).not.toHaveProperty('timeline');
    expect(item.suspectedRoot).not.toHaveProperty('reason');
    expect(item).toMatchObject({ alertCount: 2, serviceCount: 1, services: [a] });
    const detail = await json(h.call('GET', `/api/incidents/${item.id}`));
    expect(detail.alertIds).toHaveLength(2);
    expect(detail.suspectedRoot.reason).toEqual(expect.any(String));
  });

  it('carries the latest alerts of a large incident in its detail and counts them all', async () => {
    const h = await harness({ faultGeneration: false });
    const [a] = h.engine.topology.services.map((s) => s.id);
    const body = Array.from({ length: DETAIL_ALERTS + 20 }, (_, i) =>
      firingAlert('HighErrorRate', String(a), { host: `h${i}` }),
    );
    const stored = AlertPage.parse(await json(h.call('POST', '/api/alerts', { body })));
    const id = stored.items[0]?.incidentId;
    expect(new Set(stored.items.map((x) => x.incidentId))).toEqual(new Set([id]));
    const detail = await json(h.call('GET', `/api/incidents/${id}`));
    expect(detail.alertCount).toBe(DETAIL_ALERTS + 20);
    expect(detail.alerts).toHaveLength(DETAIL_ALERTS);
    expect(detail.alerts.at(-1).id).toBe(stored.items.at(-1)?.id);
  });

  it('answers 304 to a matching If-None-Match until the incidents change', async () => {
    const h = await harness({ faultGeneration: false });
    const [a] = h.engine.topology.services.map((s) => s.id);
    await h.call('POST', '/api/alerts', { body: [firingAlert('HighErrorRate', String(a))] });
    const first = await h.call('GET', '/api/incidents');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toContain('no-cache');
    const again = await h.call('GET', '/api/incidents', {
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const { items } = IncidentPage.parse(await first.json());
    await h.call('POST', `/api/incidents/${items[0]?.id}/ack`);
    const changed = await h.call('GET', '/api/incidents', {
      headers: { 'if-none-match': String(etag) },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(IncidentPage.parse(await changed.json()).items[0]?.status).toBe('acknowledged');
  });

  it('gzips a large page for clients that accept it, byte for byte the same JSON', async () => {
    const h = await harness({ faultGeneration: false });
    const services = h.engine.topology.services.slice(0, 20).map((s) => s.id);
    await h.call('POST', '/api/alerts', { body: services.map((s) => firingAlert('Probe', s)) });
    const plain = await h.call('GET', '/api/incidents?limit=20');
    const zipped = await h.call('GET', '/api/incidents?limit=20', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const text = await plain.text();
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text));
    expect(gunzipSync(bytes).toString()).toBe(text);
  });
});
