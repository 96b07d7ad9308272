import {
  formatId,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookSubscription,
  type WebhookSubscriptionCreated,
  type WebhookSubscriptionInput,
} from '@watchfloor/domain';
import { type BackoffOptions, DEFAULT_BACKOFF, retryDelayMs } from './backoff.ts';
import { DeliveryLog } from './delivery-log.ts';
import { abandonDelivery, createDelivery, isOutstanding, recordAttempt } from './delivery-state.ts';
import { checkDestination, type LookupAll } from './destination.ts';
import { WebhookError } from './errors.ts';
import { type FetchLike, sendAttempt } from './send.ts';
import type {
  LoggedDelivery,
  StoredWebhookSubscription,
  WebhookChange,
  WebhookStore,
} from './store.ts';
import {
  assertSubscriptionId,
  deactivateSubscription,
  newSubscription,
  parseSubscriptionInput,
  publicView,
} from './subscription.ts';

export interface WebhookDispatcherOptions {
  store?: WebhookStore;
  fetch?: FetchLike;
  /** Wall clock in milliseconds. */
  now?: () => number;
  /** Uniform in [0, 1), for retry jitter. */
  random?: () => number;
  lookup?: LookupAll;
  /** WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE: let receivers on private networks through. */
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Deliveries kept per subscription; the oldest go first. */
  logLimit?: number;
  /** Attempts in flight at once; the rest wait for the next tick. */
  maxConcurrent?: number;
  /** Failures nobody awaits (background writes); the default logs them. */
  onError?: (error: unknown, context: string) => void;
}

export interface PublishOptions {
  /** Defaults to a fresh `EVT-` id; pass one to make redelivery of the same fact idempotent. */
  eventId?: string;
  createdAt?: string;
}

const byDueTime = (a: WebhookDelivery, b: WebhookDelivery): number =>
  (a.nextAttemptAt ?? '').localeCompare(b.nextAttemptAt ?? '');

/**
 * Signed outbound webhooks: subscriptions, a bounded delivery log, and retries with backoff.
 * `publish` never waits on a receiver: attempts run in the background, `tick()` (called by
 * the engine loop) starts retries that are due, and `drain()` waits for what is in flight.
 *
 * @example
 * const webhooks = new WebhookDispatcher({ store, allowPrivate: env.WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE });
 * webhooks.restore(...(await loadWebhooks(repo)));
 * webhooks.publish('incident.opened', incident);
 * setInterval(() => webhooks.tick(), 1000);
 */
export class WebhookDispatcher {
  readonly #store: WebhookStore;
  readonly #fetch: FetchLike;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #lookup: LookupAll | undefined;
  readonly #allowPrivate: boolean;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoff: BackoffOptions;
  readonly #maxConcurrent: number;
  readonly #onError: (error: unknown, context: string) => void;

  #subscriptions = new Map<string, StoredWebhookSubscription>();
  #log: DeliveryLog;
  #inFlight = new Set<string>();
  #running = new Set<Promise<void>>();
  #writes: Promise<void> = Promise.resolve();
  #nextDelivery = 1;
  #nextEvent = 1;

  constructor(options: WebhookDispatcherOptions = {}) {
    this.#store = options.store ?? { save: () => {} };
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#lookup = options.lookup;
    this.#allowPrivate = options.allowPrivate ?? false;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxAttempts = options.maxAttempts ?? 6;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#maxConcurrent = options.maxConcurrent ?? 16;
    this.#onError =
      options.onError ?? ((error, context) => console.error(`[webhooks] ${context}:`, error));
    this.#log = new DeliveryLog(options.logLimit ?? 1000);
  }

  /**
   * Creates a subscription after checking its destination; the result carries the signing
   * secret, which is never shown again. Resolves once the store has it.
   */
  async subscribe(
    input: WebhookSubscriptionInput,
    author: string,
    id: string,
  ): Promise<WebhookSubscriptionCreated> {
    const parsed = parseSubscriptionInput(input);
    assertSubscriptionId(id);
    if (this.#subscriptions.has(id)) throw new WebhookError('conflict', `${id} already exists`);

    const destination = await checkDestination(parsed.url, {
      allowPrivate: this.#allowPrivate,
      lookup: this.#lookup,
    });
    if (!destination.ok) {
      throw new WebhookError('invalid_destination', `destination refused: ${destination.reason}`);
    }
    if (this.#subscriptions.has(id)) throw new WebhookError('conflict', `${id} already exists`);

    const record = newSubscription(parsed, author, id, this.#now());
    this.#subscriptions.set(id, record);
    try {
      await this.#write({ subscriptions: [record] });
    } catch (error) {
      this.#subscriptions.delete(id);
      throw error;
    }
    return { ...record };
  }

  /** Stops deliveries to a subscription and fails its outstanding ones; its log stays. */
  async unsubscribe(id: string, reason = 'removed by an operator'): Promise<WebhookSubscription> {
    const subscription = this.#subscriptions.get(id);
    if (!subscription) throw new WebhookError('not_found', `no webhook subscription ${id}`);
    if (!subscription.active) return publicView(subscription);
    const { change, updated } = this.#deactivate(subscription, reason);
    await this.#write(change);
    return publicView(updated);
  }

  /**
   * Queues `event` for every active subscription that wants it and starts sending; returns
   * the new deliveries without waiting for any receiver.
   */
  publish(event: WebhookEvent, data: unknown, options: PublishOptions = {}): WebhookDelivery[] {
    const targets = [...this.#subscriptions.values()].filter(
      (s) => s.active && s.events.includes(event),
    );
    if (targets.length === 0) return [];
    const eventId = options.eventId ?? formatId('EVT', this.#nextEvent++);
    const createdAt = options.createdAt ?? new Date(this.#now()).toISOString();
    let body: string;
    try {
      body = JSON.stringify({ id: eventId, type: event, createdAt, data });
    } catch (error) {
      this.#onError(error, `serialising ${event} ${eventId}`);
      return [];
    }
    return this.#enqueue(targets, event, eventId, body);
  }

  /** Sends a `webhook.test` event to one subscription, whatever events it chose. */
  sendTest(subscriptionId: string): WebhookDelivery {
    const subscription = this.#activeSubscription(subscriptionId);
    const eventId = formatId('EVT', this.#nextEvent++);
    const body = JSON.stringify({
      id: eventId,
      type: 'webhook.test',
      createdAt: new Date(this.#now()).toISOString(),
      data: { subscriptionId, message: 'Test delivery from Watchfloor' },
    });
    const [delivery] = this.#enqueue([subscription], 'webhook.test', eventId, body);
    if (!delivery) throw new WebhookError('conflict', 'test delivery was not created');
    return delivery;
  }

  /** Sends a logged delivery's exact body again as a new delivery (same event id). */
  redeliver(deliveryId: string): WebhookDelivery {
    const original = this.#log.get(deliveryId);
    if (!original) throw new WebhookError('not_found', `no webhook delivery ${deliveryId}`);
    const subscription = this.#activeSubscription(original.subscriptionId);
    const [delivery] = this.#enqueue(
      [subscription],
      original.event,
      original.eventId,
      original.requestBody,
    );
    if (!delivery) throw new WebhookError('conflict', 'redelivery was not created');
    return delivery;
  }

  /** Starts every outstanding attempt that is due; returns how many started. */
  tick(): number {
    const now = this.#now();
    const due = this.#log
      .outstanding()
      .filter((d) => !this.#inFlight.has(d.id))
      .filter((d) => d.nextAttemptAt === null || Date.parse(d.nextAttemptAt) <= now)
      .sort(byDueTime);
    let started = 0;
    for (const delivery of due) {
      if (!this.#start(delivery.id)) break;
      started++;
    }
    return started;
  }

  /** Resolves once no attempt is in flight and every write has been handed to the store. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
    await this.#writes;
  }

  /**
   * Replaces the state with what was persisted (see `loadWebhooks`). Outstanding
   * deliveries resume on the next `tick()`; ids continue after the highest restored.
   */
  restore(
    subscriptions: readonly StoredWebhookSubscription[],
    deliveries: readonly LoggedDelivery[],
  ): void {
    if (this.#running.size > 0) throw new Error('restore before sending anything');
    this.#subscriptions = new Map(subscriptions.map((s) => [s.id, { ...s }]));
    this.#log.load(deliveries);
    this.#nextDelivery = this.#log.highestNumber('DLV') + 1;
    this.#nextEvent = this.#log.highestNumber('EVT') + 1;
  }

  listSubscriptions(): WebhookSubscription[] {
    return [...this.#subscriptions.values()]
      .map(publicView)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  getSubscription(id: string): WebhookSubscription | undefined {
    const subscription = this.#subscriptions.get(id);
    return subscription && publicView(subscription);
  }

  /** A subscription's delivery log, newest first. */
  listDeliveries(subscriptionId: string): WebhookDelivery[] {
    return this.#log.list(subscriptionId);
  }

  getDelivery(id: string): WebhookDelivery | undefined {
    return this.#log.get(id);
  }

  #activeSubscription(id: string): StoredWebhookSubscription {
    const subscription = this.#subscriptions.get(id);
    if (!subscription) throw new WebhookError('not_found', `no webhook subscription ${id}`);
    if (!subscription.active) throw new WebhookError('inactive', `${id} is deactivated`);
    return subscription;
  }

  #enqueue(
    targets: readonly StoredWebhookSubscription[],
    event: WebhookEvent,
    eventId: string,
    body: string,
  ): WebhookDelivery[] {
    const created: WebhookDelivery[] = [];
    const logged: LoggedDelivery[] = [];
    for (const subscription of targets) {
      const delivery = createDelivery({
        id: formatId('DLV', this.#nextDelivery++),
        subscriptionId: subscription.id,
        event,
        eventId,
        body,
        nowMs: this.#now(),
        maxAttempts: this.#maxAttempts,
      });
      const added = this.#log.add(delivery);
      if (added.evicted && isOutstanding(added.evicted)) {
        this.#onError(
          new Error(
            `${added.evicted.id} dropped unsent: over ${this.#log.limit} deliveries queued`,
          ),
          `logging ${delivery.id}`,
        );
      }
      created.push(delivery);
      logged.push(added.logged);
    }
    this.#persist({ deliveries: logged });
    for (const delivery of created) if (isOutstanding(delivery)) this.#start(delivery.id);
    return created;
  }

  #start(id: string): boolean {
    if (this.#inFlight.has(id) || this.#inFlight.size >= this.#maxConcurrent) return false;
    this.#inFlight.add(id);
    const running: Promise<void> = this.#attempt(id)
      .catch((error: unknown) => this.#onError(error, `delivering ${id}`))
      .finally(() => {
        this.#inFlight.delete(id);
        this.#running.delete(running);
        // Anything held back by maxConcurrent can go now.
        this.tick();
      });
    this.#running.add(running);
    return true;
  }

  async #attempt(id: string): Promise<void> {
    const delivery = this.#log.get(id);
    if (!delivery || !isOutstanding(delivery)) return;
    const subscription = this.#subscriptions.get(delivery.subscriptionId);
    if (!subscription?.active) {
      this.#settle(abandonDelivery(delivery, 'subscription deactivated'));
      return;
    }

    const startedAtMs = this.#now();
    const result = await sendAttempt(
      {
        url: subscription.url,
        secret: subscription.secret,
        body: delivery.requestBody,
        event: delivery.event,
        deliveryId: delivery.id,
        timestampSeconds: Math.floor(startedAtMs / 1000),
      },
      {
        fetch: this.#fetch,
        timeoutMs: this.#timeoutMs,
        allowPrivate: this.#allowPrivate,
        lookup: this.#lookup,
      },
    );
    const current = this.#log.get(id);
    if (!current) return;
    const next = recordAttempt(current, result, {
      startedAtMs,
      finishedAtMs: this.#now(),
      retryDelayMs: (attempts) => retryDelayMs(attempts, this.#random, this.#backoff),
    });

    const latest = this.#subscriptions.get(delivery.subscriptionId);
    if (result.statusCode === 410 && latest?.active) {
      this.#settle(next);
      this.#persist(this.#deactivate(latest, 'receiver answered 410 Gone').change);
    } else if (next.status === 'retrying' && !latest?.active) {
      this.#settle(abandonDelivery(next, 'subscription deactivated'));
    } else {
      this.#settle(next);
    }
  }

  #deactivate(
    subscription: StoredWebhookSubscription,
    reason: string,
  ): { change: WebhookChange; updated: StoredWebhookSubscription } {
    const updated = deactivateSubscription(subscription, reason, this.#now());
    this.#subscriptions.set(updated.id, updated);
    const abandoned: LoggedDelivery[] = [];
    for (const delivery of this.#log.outstanding()) {
      // An attempt in flight finishes first and is abandoned then if it failed.
      if (delivery.subscriptionId !== updated.id || this.#inFlight.has(delivery.id)) continue;
      const logged = this.#log.update(abandonDelivery(delivery, 'subscription deactivated'));
      if (logged) abandoned.push(logged);
    }
    return { change: { subscriptions: [updated], deliveries: abandoned }, updated };
  }

  #settle(delivery: WebhookDelivery): void {
    const logged = this.#log.update(delivery);
    if (logged) this.#persist({ deliveries: [logged] });
  }

  /** A write nobody waits for: ordered after earlier ones, failures reported. */
  #persist(change: WebhookChange): void {
    this.#write(change).catch((error: unknown) => this.#onError(error, 'saving webhooks'));
  }

  /** Writes go to the store one at a time so a later state never lands before an earlier one. */
  #write(change: WebhookChange): Promise<void> {
    const written = this.#writes.then(() => this.#store.save(change));
    this.#writes = written.catch(() => {});
    return written;
  }
}
