import type { Repository } from '@watchfloor/kb';
import { loadWebhooks, toKnowledgeItems, WebhookDispatcher } from '@watchfloor/webhooks';
import type { Logger } from 'pino';
import type { Env } from './env.ts';

/** How often due retries are started. */
export const WEBHOOK_TICK_MS = 1000;

export interface Webhooks {
  dispatcher: WebhookDispatcher;
  /** Stops starting retries and waits for attempts in flight and their writes (shutdown). */
  stop(): Promise<void>;
}

/**
 * The dispatcher over the knowledge base: restored from what it saved, saving every change
 * through the repository, retries ticking every second until `stop()`.
 */
export async function startWebhooks(repo: Repository, env: Env, logger: Logger): Promise<Webhooks> {
  const dispatcher = new WebhookDispatcher({
    store: { save: (change) => repo.write({ knowledge: toKnowledgeItems(change) }) },
    allowPrivate: env.WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE,
    onError: (err, context) => logger.error({ err, context }, 'webhook delivery problem'),
  });
  const { subscriptions, deliveries, skipped } = await loadWebhooks(repo);
  dispatcher.restore(subscriptions, deliveries);
  if (skipped > 0) logger.warn({ skipped }, 'stored webhook records no longer parse; left out');
  const timer = setInterval(() => dispatcher.tick(), WEBHOOK_TICK_MS);
  timer.unref();
  return {
    dispatcher,
    stop: async () => {
      clearInterval(timer);
      await dispatcher.drain();
    },
  };
}
