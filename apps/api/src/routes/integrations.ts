import { type AlertInput, AlertmanagerWebhook } from '@watchfloor/domain';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';
import { estateIndex } from './topology-view.ts';

/**
 * Prometheus Alertmanager's webhook receiver (payload version 4). Alerts for services the
 * topology does not know are reported back instead of failing the batch, so Alertmanager
 * does not retry the good ones forever.
 */
export const integrationsRoutes = ({ engine }: AppDeps) =>
  new Hono<AppEnv>().post('/alertmanager', validate('json', AlertmanagerWebhook), async (c) => {
    const payload = c.req.valid('json');
    const { known } = estateIndex(engine.topology);
    const accepted: AlertInput[] = [];
    const rejected: { index: number; field: string; reason: string }[] = [];
    payload.alerts.forEach((alert, index) => {
      const { alertname, service } = alert.labels;
      if (!alertname)
        rejected.push({ index, field: `alerts[${index}].labels.alertname`, reason: 'missing' });
      else if (!service || !known.has(service)) {
        rejected.push({
          index,
          field: `alerts[${index}].labels.service`,
          reason: `"${service ?? ''}" is not a service in the topology`,
        });
      } else {
        accepted.push({
          labels: alert.labels,
          annotations: alert.annotations,
          status: alert.status,
          ...(alert.startsAt ? { startsAt: alert.startsAt } : {}),
          ...(alert.endsAt && alert.status === 'resolved' ? { endsAt: alert.endsAt } : {}),
          ...(alert.fingerprint ? { fingerprint: alert.fingerprint } : {}),
        });
      }
    });
    const stored =
      accepted.length > 0 ? await engine.ingestAlerts(accepted, 'alertmanager', actorOf(c)) : [];
    return c.json({
      groupKey: payload.groupKey,
      accepted: stored.map((a) => ({ id: a.id, status: a.status, incidentId: a.incidentId })),
      rejected,
    });
  });
