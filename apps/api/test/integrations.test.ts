import { describe, expect, it } from 'vitest';
import { harness, json } from './harness.ts';

const webhook = (alerts: unknown[], extra: Record<string, unknown> = {}) => ({
  version: '4',
  groupKey: '{}:{service="x"}',
  status: 'firing',
  receiver: 'watchfloor',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  truncatedAlerts: 0,
  ...extra,
  alerts,
});

describe('POST /api/integrations/alertmanager', () => {
  it('accepts a version 4 payload with Alertmanager zero end times and unknown keys', async () => {
    const h = await harness({ faultGeneration: false });
    const service = String(h.engine.topology.services[1]?.name);
    const res = await h.call('POST', '/api/integrations/alertmanager', {
      body: webhook(
        [
          {
            status: 'firing',
            labels: { alertname: 'HighErrorRate', service, severity: 'critical' },
            annotations: { summary: 's' },
            startsAt: '2026-11-23T10:00:00.123456789Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'http://prometheus/graph',
            fingerprint: 'abc123',
            somethingNew: true,
          },
        ],
        { futureField: { nested: 1 } },
      ),
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.accepted).toHaveLength(1);
    expect(body.rejected).toEqual([]);
    const alert = await json(h.call('GET', `/api/alerts/${body.accepted[0].id}`));
    expect(alert).toMatchObject({
      source: 'alertmanager',
      status: 'firing',
      fingerprint: 'abc123',
      endsAt: null,
    });
    expect(alert.labels.service).toBe(h.engine.topology.services[1]?.id);
  });

  it('closes out a firing alert when the resolved notification arrives', async () => {
    const h = await harness({ faultGeneration: false });
    const service = String(h.engine.topology.services[0]?.id);
    const labels = { alertname: 'DiskFull', service };
    await h.call('POST', '/api/integrations/alertmanager', {
      body: webhook([{ status: 'firing', labels, fingerprint: 'f1' }]),
    });
    const res = await h.call('POST', '/api/integrations/alertmanager', {
      body: webhook(
        [{ status: 'resolved', labels, fingerprint: 'f1', endsAt: '2026-11-23T10:05:00Z' }],
        { status: 'resolved' },
      ),
    });
    const body = await json(res);
    expect(body.accepted[0].status).toBe('resolved');
    const incident = await json(h.call('GET', `/api/incidents/${body.accepted[0].incidentId}`));
    expect(incident.status).toBe('resolved');
  });

  it('reports alerts for unknown services instead of failing the batch', async () => {
    const h = await harness({ faultGeneration: false });
    const service = String(h.engine.topology.services[0]?.id);
    const res = await h.call('POST', '/api/integrations/alertmanager', {
      body: webhook([
        { status: 'firing', labels: { alertname: 'A', service: 'not-ours' } },
        { status: 'firing', labels: { alertname: 'B', service } },
      ]),
    });
    const body = await json(res);
    expect(body.accepted).toHaveLength(1);
    expect(body.rejected).toEqual([
      expect.objectContaining({ index: 0, field: 'alerts[0].labels.service' }),
    ]);
  });

  it('refuses a payload that is not version 4, naming the field', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/integrations/alertmanager', {
      body: webhook([], { version: '3' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('version');
  });

  it('needs the bearer token Alertmanager is configured with', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/integrations/alertmanager', {
      body: webhook([]),
      as: 'none',
    });
    expect(res.status).toBe(401);
  });
});
