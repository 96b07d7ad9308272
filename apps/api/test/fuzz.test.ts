import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harness } from './harness.ts';

const RUNS = 10_000;

/** Route templates from the app itself, so new routes are fuzzed without editing this file. */
const templates = async () => {
  const h = await harness();
  const seen = new Set<string>();
  for (const r of h.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api')) continue;
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen].sort();
};

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'INC-000001',
    'ALT-000001',
    '',
    '%00',
    '../../etc/passwd',
    '-1',
    '1e999',
    'NaN',
    '🔥',
    'a'.repeat(300),
  ),
);
const jsonValue = fc.jsonValue({ maxDepth: 4 });
const body = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  fc
    .record({ labels: fc.dictionary(junkString, junkString), status: junkString })
    .map((v) => JSON.stringify(v)),
  fc
    .record({
      speed: fc.oneof(fc.double(), junkString),
      engaged: fc.anything(),
      reason: fc.anything(),
    })
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"labels":'),
  fc.constant(''),
);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'limit',
        'cursor',
        'status',
        'severity',
        'service',
        'q',
        'since',
        'level',
        'source',
        'format',
        'incidentId',
        'actor',
        fc.sample(junkString, 1)[0] ?? 'x',
      ),
      junkString,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

describe('fuzzing every route with malformed input', () => {
  it(`answers ${RUNS} malformed requests without a 5xx and leaves the store unchanged when it refuses`, async () => {
    const h = await harness({ faultGeneration: false });
    const routes = await templates();
    expect(routes.length).toBeGreaterThan(10);
    const fingerprint = async () =>
      JSON.stringify([
        await h.repo.lastId('alert'),
        await h.repo.lastId('incident'),
        await h.repo.lastId('audit'),
        await h.repo.getKillSwitch(),
        await h.repo.getCounters(),
        h.engine.state().speed,
        h.engine.state().running,
      ]);
    let refused = 0;
    let fiveHundreds = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        junkString,
        query,
        body,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
        async (route, param, qs, raw, contentType) => {
          const [method = 'GET', template = '/'] = route.split(' ');
          const path = template.replace(/:id\b/g, encodeURIComponent(param));
          const before = await fingerprint();
          const res = await h.app.request(`${path}${qs ? `?${qs}` : ''}`, {
            method,
            headers: {
              authorization: 'Bearer operator-token-for-tests-0001',
              ...(contentType ? { 'content-type': contentType } : {}),
            },
            body: method === 'GET' ? undefined : raw,
          });
          if (res.status >= 500) fiveHundreds++;
          expect(res.status, `${method} ${path}?${qs} ${raw.slice(0, 80)}`).toBeLessThan(500);
          if (res.status >= 400) {
            refused++;
            expect(await fingerprint()).toBe(before);
            const payload = (await res.json()) as { error?: { code?: string; message?: string } };
            expect(typeof payload.error?.message).toBe('string');
          }
        },
      ),
      { numRuns: RUNS, seed: 20261123 },
    );
    expect(fiveHundreds).toBe(0);
    expect(refused).toBeGreaterThan(RUNS / 2);
  });
});
