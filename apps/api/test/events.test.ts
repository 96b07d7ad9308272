import { EventAnalysis } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { harness, json } from './harness.ts';

describe('event triage API', () => {
  it('analyzes an event into category, severity, priority and reasons', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/events/analyze', {
      body: {
        source: 'payments',
        level: 'error',
        message: 'connection pool exhausted (100/100)',
        traceId: 'abc',
      },
    });
    expect(res.status).toBe(200);
    const body = EventAnalysis.parse(await res.json());
    expect(body).toMatchObject({
      category: 'system_error',
      severity: 'high',
      runbookAction: 'scale_out',
    });
  });

  it('validates a payload against required dotted fields', async () => {
    const h = await harness();
    const body = await json(
      h.call('POST', '/api/events/validate', {
        body: { payload: { user: { id: 1 } }, requiredFields: ['user.id', 'user.email'] },
      }),
    );
    expect(body).toEqual({ valid: false, missingFields: ['user.email'] });
  });

  it('names the bad field', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/events/validate', {
      body: { payload: [], requiredFields: [] },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('payload');
    const bad = await h.call('POST', '/api/events/analyze', { body: { status: 'teapot' } });
    expect(bad.status).toBe(400);
  });
});
