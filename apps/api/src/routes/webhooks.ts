import {
  formatId,
  type Page,
  parseIdNumber,
  type WebhookSubscription,
  WebhookSubscriptionInput,
} from '@watchfloor/domain';
import { type WebhookDispatcher, WebhookError } from '@watchfloor/webhooks';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { actorOf } from '../actor.ts';
import { ApiError } from '../errors.ts';
import { IdParam, PageQuery } from '../query.ts';
import type { AppDeps, AppEnv, Role } from '../types.ts';
import { validate } from '../validate.ts';

const webhookStatus: Record<WebhookError['code'], ContentfulStatusCode> = {
  invalid_input: 400,
  invalid_destination: 400,
  not_found: 404,
  conflict: 409,
  inactive: 409,
};

/** A refused webhook operation as the standard error body; a refused destination names `url`. */
export const toWebhookApiError = (error: WebhookError): ApiError => {
  if (error.code === 'invalid_destination') {
    return new ApiError(400, error.code, `url: ${error.message}`, { field: 'url' });
  }
  if (error.code === 'invalid_input') {
    const field = /^([\w.[\]]+): /.exec(error.message)?.[1] ?? 'body';
    return new ApiError(400, 'validation_failed', error.message, { field });
  }
  return new ApiError(webhookStatus[error.code], error.code, error.message);
};

const run = async <T>(operation: () => T | Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    throw error instanceof WebhookError ? toWebhookApiError(error) : error;
  }
};

/** Cursor = the last id of the page, base64url; anything else is refused as a 400. */
const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
const decodeCursor = (cursor: string, prefix: 'WH' | 'DLV'): number => {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  const n = new RegExp(`^${prefix}-\\d+$`).test(id) ? parseIdNumber(id) : null;
  if (n === null || encodeCursor(id) !== cursor) {
    throw new ApiError(400, 'invalid_cursor', 'cursor: not a cursor this server issued', {
      field: 'cursor',
    });
  }
  return n;
};

/** One page of an in-memory list already in order; `after` says what follows the cursor. */
const paginate = <T extends { id: string }>(
  items: readonly T[],
  query: { limit: number; cursor?: string | undefined },
  prefix: 'WH' | 'DLV',
  after: (itemNumber: number, cursorNumber: number) => boolean,
): Page<T> => {
  const from = query.cursor === undefined ? null : decodeCursor(query.cursor, prefix);
  const rest =
    from === null ? items : items.filter((item) => after(parseIdNumber(item.id) ?? 0, from));
  const found = rest.slice(0, query.limit);
  const last = found.at(-1);
  return {
    items: found,
    nextCursor: rest.length > query.limit && last ? encodeCursor(last.id) : null,
  };
};

/**
 * Receiver URLs often carry a credential in their path or query (chat hooks do), so only the
 * operator sees them whole; viewers, anonymous readers and the audit trail see the origin.
 */
export const redactUrl = (url: string): string => {
  try {
    const { origin, pathname, search } = new URL(url);
    return pathname === '/' && search === '' ? `${origin}/` : `${origin}/…`;
  } catch {
    return '…';
  }
};

const forRole = (role: Role, subscription: WebhookSubscription): WebhookSubscription =>
  role === 'operator' ? subscription : { ...subscription, url: redactUrl(subscription.url) };

/**
 * `WH-` ids: the next after the highest subscription, skipping ones held by creations still
 * checking their destination, so concurrent creations never collide and refusals leave no gap.
 */
const subscriptionIds = (dispatcher: () => WebhookDispatcher) => {
  const held = new Set<number>();
  return async <T>(create: (id: string) => Promise<T>): Promise<T> => {
    let n = 1;
    for (const s of dispatcher().listSubscriptions())
      n = Math.max(n, (parseIdNumber(s.id) ?? 0) + 1);
    while (held.has(n)) n++;
    held.add(n);
    try {
      return await create(formatId('WH', n));
    } finally {
      held.delete(n);
    }
  };
};

/**
 * Outbound webhooks: subscriptions (the secret is shown once, at creation), their delivery
 * logs, test sends and redelivery. Every change is audited, never with the secret.
 */
export const webhooksRoutes = ({ engine, webhooks }: AppDeps) => {
  const dispatcher = (): WebhookDispatcher => {
    if (!webhooks) {
      throw new ApiError(503, 'webhooks_unavailable', 'Webhooks are not configured on this server');
    }
    return webhooks;
  };
  const withNewId = subscriptionIds(() => dispatcher());
  return new Hono<AppEnv>()
    .use('*', async (_c, next) => {
      dispatcher();
      await next();
    })
    .get('/', validate('query', PageQuery), (c) => {
      const { items, nextCursor } = paginate(
        dispatcher().listSubscriptions(),
        c.req.valid('query'),
        'WH',
        (n, k) => n > k,
      );
      return c.json({ items: items.map((s) => forRole(c.var.role, s)), nextCursor });
    })
    .post('/', validate('json', WebhookSubscriptionInput), async (c) => {
      const input = c.req.valid('json');
      const who = actorOf(c);
      const created = await run(() =>
        withNewId((id) => dispatcher().subscribe(input, who.actor, id)),
      );
      await engine.recordAudit(who, 'webhook.create', created.id, {
        url: redactUrl(created.url),
        events: created.events,
        description: created.description,
      });
      return c.json(created, 201);
    })
    .get('/:id', validate('param', IdParam), (c) => {
      const { id } = c.req.valid('param');
      const subscription = dispatcher().getSubscription(id);
      if (!subscription) throw new ApiError(404, 'not_found', `no webhook subscription ${id}`);
      return c.json(forRole(c.var.role, subscription));
    })
    .delete('/:id', validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const wasActive = dispatcher().getSubscription(id)?.active === true;
      const updated = await run(() => dispatcher().unsubscribe(id));
      if (wasActive) {
        await engine.recordAudit(actorOf(c), 'webhook.deactivate', id, {
          active: false,
          reason: updated.deactivatedReason,
        });
      }
      return c.json(updated);
    })
    .get('/:id/deliveries', validate('param', IdParam), validate('query', PageQuery), (c) => {
      const { id } = c.req.valid('param');
      if (!dispatcher().getSubscription(id)) {
        throw new ApiError(404, 'not_found', `no webhook subscription ${id}`);
      }
      const log = dispatcher().listDeliveries(id);
      return c.json(paginate(log, c.req.valid('query'), 'DLV', (n, k) => n < k));
    })
    .post('/:id/test', validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const delivery = await run(() => dispatcher().sendTest(id));
      await engine.recordAudit(actorOf(c), 'webhook.test', id, {
        deliveryId: delivery.id,
        eventId: delivery.eventId,
      });
      return c.json(delivery, 202);
    })
    .post('/deliveries/:id/redeliver', validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const delivery = await run(() => dispatcher().redeliver(id));
      await engine.recordAudit(actorOf(c), 'webhook.redeliver', delivery.subscriptionId, {
        deliveryId: delivery.id,
        redeliveryOf: id,
        eventId: delivery.eventId,
      });
      return c.json(delivery, 202);
    });
};
