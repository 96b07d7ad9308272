import type { WebhookEvent } from '@watchfloor/domain';
import type { EngineEvent } from '@watchfloor/engine';
import type { WebhookDispatcher } from '@watchfloor/webhooks';

/** What a subscriber receives as `data`: a compact view, with a path back into the API. */
export const webhookDataOf = (event: EngineEvent): { type: WebhookEvent; data: unknown } => {
  switch (event.type) {
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved': {
      const { incident } = event;
      return {
        type: event.type,
        data: {
          incident: {
            id: incident.id,
            title: incident.title,
            status: incident.status,
            severity: incident.severity,
            services: incident.services,
            suspectedRoot: incident.suspectedRoot,
            alertCount: incident.alertCount,
            updatedAt: incident.updatedAt,
            url: `/incidents/${encodeURIComponent(incident.id)}`,
          },
        },
      };
    }
    case 'kill_switch.changed':
      return { type: event.type, data: { killSwitch: event.state } };
    case 'rollout.state_changed': {
      const { plan } = event;
      return {
        type: event.type,
        data: {
          rollout: {
            id: plan.id,
            service: plan.service,
            state: plan.state,
            transition: plan.transitions.at(-1) ?? null,
          },
        },
      };
    }
  }
};

/**
 * The engine's `onEvent`: queues a delivery per interested subscription. It runs inside the
 * engine's store write, so it never throws (a bad event is logged, the write stands).
 */
export const publishEngineEvents =
  (dispatcher: WebhookDispatcher, onError: (error: unknown) => void) =>
  (event: EngineEvent): void => {
    try {
      const { type, data } = webhookDataOf(event);
      dispatcher.publish(type, data);
    } catch (error) {
      onError(error);
    }
  };
