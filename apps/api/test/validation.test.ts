import { ApiErrorBody, MAX_LABELS } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/app.ts';
import { harness } from './harness.ts';

async function expectClientError(res: Response, status: number, mention?: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(ApiErrorBody.safeParse(body).success).toBe(true);
  if (mention) expect(JSON.stringify(body)).toContain(mention);
  return body as ApiErrorBody;
}

describe('bad input', () => {
  it('names a missing required label', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/alerts', { body: { labels: { service: 'x' } } });
    const body = await expectClientError(res, 400, 'labels');
    expect(body.error.message).toContain('alertname');
  });

  it('names a field with the wrong type', async () => {
    const h = await harness();
    await expectClientError(
      await h.call('PATCH', '/api/simulation', { body: { speed: 'fast' } }),
      400,
      'speed',
    );
    await expectClientError(
      await h.call('POST', '/api/kill-switch', { body: { engaged: 'yes', reason: 'x' } }),
      400,
      'engaged',
    );
  });

  it('names a missing field', async () => {
    const h = await harness();
    await expectClientError(
      await h.call('POST', '/api/kill-switch', { body: { engaged: true } }),
      400,
      'reason',
    );
    await expectClientError(
      await h.call('POST', '/api/simulation/faults', { body: { scenario: 'bad_deploy' } }),
      400,
      'service',
    );
  });

  it('rejects out-of-range numbers and unknown enum values', async () => {
    const h = await harness();
    await expectClientError(
      await h.call('PATCH', '/api/simulation', { body: { speed: 5000 } }),
      400,
      'speed',
    );
    await expectClientError(
      await h.call('POST', '/api/simulation/faults', {
        body: { scenario: 'meteor', service: 'x' },
      }),
      400,
      'scenario',
    );
  });

  it('names the index of a bad alert in a batch', async () => {
    const h = await harness();
    const service = h.engine.topology.services[0]?.id;
    const good = { labels: { alertname: 'A', service } };
    const res = await h.call('POST', '/api/alerts', {
      body: [good, { labels: { alertname: 'B', service: 'nope' } }],
    });
    await expectClientError(res, 400, '[1].labels.service');
    expect((await h.repo.listAlerts({ limit: 10 })).items).toHaveLength(0);
  });

  it('rejects an alert for a service that is not in the topology', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/alerts', {
      body: { labels: { alertname: 'A', service: 'ghost' } },
    });
    await expectClientError(res, 400, 'labels.service');
  });

  it('answers invalid JSON with a 400', async () => {
    const h = await harness();
    await expectClientError(await h.call('POST', '/api/alerts', { raw: '{"labels": ' }), 400);
    await expectClientError(await h.call('POST', '/api/kill-switch', { raw: 'not json' }), 400);
    await expectClientError(
      await h.call('POST', '/api/incidents/INC-000001/ack', { raw: '{oops' }),
      400,
    );
  });

  it('refuses a body over the limit with 413', async () => {
    const h = await harness();
    const huge = 'x'.repeat(MAX_BODY_BYTES + 10);
    const res = await h.call('POST', '/api/alerts', {
      raw: JSON.stringify({ labels: { alertname: huge } }),
    });
    await expectClientError(res, 413);
  });

  it('refuses an alert with more labels or annotations than one stored item can hold', async () => {
    const h = await harness();
    const service = String(h.engine.topology.services[0]?.id);
    const many = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    const labels = { alertname: 'Wide', service };
    const tooMany = await h.call('POST', '/api/alerts', {
      body: { labels: { ...labels, ...many(MAX_LABELS - 1) } },
    });
    const body = await expectClientError(tooMany, 400, 'labels');
    expect(JSON.stringify(body)).toContain(`at most ${MAX_LABELS}`);
    await expectClientError(
      await h.call('POST', '/api/alerts', {
        body: { labels, annotations: many(MAX_LABELS + 1) },
      }),
      400,
      'annotations',
    );
    const atLimit = await h.call('POST', '/api/alerts', {
      body: { labels: { ...labels, ...many(MAX_LABELS - 2) }, annotations: many(MAX_LABELS) },
    });
    expect(atLimit.status).toBe(201);
  });

  it('rejects unknown keys instead of ignoring them', async () => {
    const h = await harness();
    await expectClientError(
      await h.call('POST', '/api/kill-switch', {
        body: { engaged: true, reason: 'x', force: true },
      }),
      400,
      'force',
    );
  });

  it('validates query strings and cursors', async () => {
    const h = await harness();
    await expectClientError(await h.call('GET', '/api/incidents?limit=0'), 400, 'limit');
    await expectClientError(await h.call('GET', '/api/incidents?status=sleeping'), 400, 'status');
    await expectClientError(await h.call('GET', '/api/logs?since=yesterday'), 400, 'since');
    await expectClientError(await h.call('GET', '/api/incidents?cursor=%%%bogus'), 400, 'cursor');
  });

  it('answers unknown routes and ids with a 404 body', async () => {
    const h = await harness();
    await expectClientError(await h.call('GET', '/api/nothing-here'), 404);
    await expectClientError(await h.call('GET', '/api/incidents/INC-999999'), 404);
    await expectClientError(await h.call('POST', '/api/incidents/INC-999999/ack'), 404);
  });

  it('never answers 5xx to a wide spread of malformed bodies', async () => {
    const h = await harness();
    const bodies = [
      '',
      'null',
      '[]',
      '[null]',
      '"text"',
      '123',
      'true',
      '{}',
      '{"labels":null}',
      '{"labels":{"alertname":1}}',
      '{"labels":[]}',
      '[{"labels":{}}]',
      '{"speed":null}',
      '{"engaged":null,"reason":null}',
      '\u0000',
      '{"__proto__":{"x":1}}',
    ];
    const targets = [
      ['POST', '/api/alerts'],
      ['PATCH', '/api/simulation'],
      ['POST', '/api/kill-switch'],
      ['POST', '/api/simulation/faults'],
      ['POST', '/api/incidents/INC-000001/ack'],
    ] as const;
    for (const [method, path] of targets) {
      for (const raw of bodies) {
        const res = await h.call(method, path, { raw });
        expect(res.status, `${method} ${path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path} ${raw}`).toBeLessThan(500);
        expect(ApiErrorBody.safeParse(await res.json()).success).toBe(true);
      }
    }
  });
});

describe('remembered query parses', () => {
  it('refuses a bad query string every time and answers a repeated good one alike', async () => {
    const h = await harness({ faultGeneration: false });
    for (let i = 0; i < 3; i++)
      await expectClientError(await h.call('GET', '/api/incidents?limit=0'), 400, 'limit');
    await h.call('POST', '/api/alerts', {
      body: [{ labels: { alertname: 'Probe', service: h.engine.topology.services[0]?.id } }],
    });
    const first = (await (await h.call('GET', '/api/incidents?limit=1&status=open')).json()) as {
      items: unknown[];
    };
    const again = await (await h.call('GET', '/api/incidents?limit=1&status=open')).json();
    expect(first.items).toHaveLength(1);
    expect(again).toEqual(first);
    // The same string on another route is that route's own parse.
    await expectClientError(await h.call('GET', '/api/alerts?status=open'), 400, 'status');
  });
});
