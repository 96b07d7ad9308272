import type { FaultScenario, Tier } from '@watchfloor/domain';
import type { Rng } from './prng.ts';

/** What a log line can mention about its service right now. */
export interface LineContext {
  service: string;
  /** The affected dependency the trouble comes from (callers only). */
  upstream: string;
  upstreamRegion: string;
  region: string;
  latencyMs: number;
  errorRate: number;
  cpu: number;
  memory: number;
  disk: number;
  throughputRps: number;
  connections: number;
  queueDepth: number;
  version: string;
}

type Line = (c: LineContext, rng: Rng) => string;

const pct = (x: number): number => Math.round(x * 100);
const NOUNS = ['orders', 'carts', 'payments', 'users', 'items', 'sessions', 'invoices'];
const HANDLERS = ['OrderHandler.submit', 'CartController.update', 'PaymentService.capture'];

const ROUTINE: Record<Tier, readonly Line[]> = {
  edge: [
    (c, r) => `GET /${r.pick(NOUNS)} 200 in ${Math.round(c.latencyMs * r.float(0.4, 1))}ms`,
    (c) => `routed ${Math.round(c.throughputRps)} req/s, ${pct(c.errorRate * 10) / 10}% 5xx`,
    (_, r) => `TLS certificate for *.shop.example valid for ${r.int(20, 80)} more days`,
  ],
  api: [
    (c, r) => `POST /v1/${r.pick(NOUNS)} 201 in ${Math.round(c.latencyMs * r.float(0.4, 1))}ms`,
    (c, r) =>
      `GET /v1/${r.pick(NOUNS)}/${r.int(1000, 99999)} 200 in ${Math.round(c.latencyMs * r.float(0.3, 0.9))}ms`,
  ],
  domain: [
    (_, r) => `processed ${r.int(20, 400)} ${r.pick(NOUNS)} events`,
    (_, r) => `reconciled batch ${r.int(10000, 99999)} (${r.int(10, 500)} items)`,
    (c) => `heap ${pct(c.memory)}% after minor GC`,
  ],
  datastore: [
    (_, r) => `checkpoint complete: wrote ${r.int(200, 9000)} buffers`,
    (_, r) => `automatic vacuum of table "${r.pick(NOUNS)}": ${r.int(0, 5000)} dead tuples removed`,
    (c) => `connections ${Math.round(c.connections * 200)}/200`,
  ],
  queue: [
    (c) => `consumer lag ${Math.round(c.queueDepth)} messages`,
    (c, r) => `published ${Math.round(c.throughputRps * r.float(8, 12))} messages in the last 10s`,
  ],
  cache: [
    (_, r) => `hit ratio 0.${r.int(90, 99)}`,
    (_, r) => `evicted ${r.int(0, 4000)} keys (maxmemory-policy allkeys-lru)`,
  ],
};

const ROOT: Record<FaultScenario, readonly Line[]> = {
  db_saturation: [
    (c, r) =>
      `connection pool exhausted (${Math.round(c.connections * 200)}/200 in use), ${r.int(5, 80)} clients waiting`,
    (c, r) =>
      `slow query ${Math.round(c.latencyMs * r.float(20, 60))}ms: SELECT … FROM ${r.pick(NOUNS)} WHERE …`,
  ],
  memory_leak: [
    (c, r) => `GC pause ${r.float(0.3, 2.5).toFixed(1)}s, heap ${pct(c.memory)}%`,
    (c) => `heap usage ${pct(c.memory)}% of 2048MiB after full GC`,
  ],
  bad_deploy: [
    (c, r) =>
      `unhandled error in ${r.pick(HANDLERS)}: TypeError: cannot read properties of undefined (reading 'currency') (version ${c.version})`,
    (c, r) => `HTTP 500 on POST /v1/${r.pick(NOUNS)} (version ${c.version})`,
  ],
  disk_filling: [
    (c) => `disk /var/lib/data ${pct(c.disk)}% full`,
    (c) =>
      c.disk > 0.95
        ? 'write failed: No space left on device'
        : `disk /var/lib/data ${pct(c.disk)}% full`,
  ],
  dependency_timeout: [
    (c, r) =>
      `request handling slow: p95 ${Math.round(c.latencyMs)}ms, ${r.int(100, 600)} in flight`,
    (_, r) => `worker pool saturated (${r.pick([64, 128, 256])} of them busy)`,
  ],
  network_partition: [
    (c, r) => `lost connections from peers outside ${c.region}: ${r.int(20, 400)} dropped`,
  ],
  queue_backlog: [
    (c, r) => `consumer lag ${Math.round(c.queueDepth)} messages, oldest ${r.int(60, 900)}s old`,
    (_, r) => `consumer group rebalancing, ${r.int(2, 12)} partitions unassigned`,
  ],
};

const timedOut: Line = (c) => `upstream ${c.upstream} timed out after 3000ms`;
const slowUpstream: Line = (c, r) =>
  `upstream ${c.upstream} responded in ${Math.round(c.latencyMs * r.float(0.6, 0.9))}ms (p95)`;

const CALLER: Record<FaultScenario, readonly Line[]> = {
  db_saturation: [(c) => `could not acquire a connection to ${c.upstream} within 5000ms`, timedOut],
  memory_leak: [timedOut, slowUpstream],
  bad_deploy: [
    (c) => `upstream ${c.upstream} returned 500 Internal Server Error`,
    (c, r) => `retries exhausted calling ${c.upstream} (${r.int(3, 5)} attempts)`,
  ],
  disk_filling: [
    (c) => `write to ${c.upstream} failed: could not extend file: No space left on device`,
    slowUpstream,
  ],
  dependency_timeout: [timedOut, slowUpstream],
  network_partition: [
    (c) => `cross-region call to ${c.upstream} (${c.upstreamRegion}) failed: dial tcp: i/o timeout`,
    (c) => `connection to ${c.upstream}.${c.upstreamRegion}.internal refused`,
  ],
  queue_backlog: [
    (c, r) => `publish to ${c.upstream} slow: ${r.int(300, 2000)}ms (broker back-pressure)`,
    slowUpstream,
  ],
};

const RECOVERED: Record<FaultScenario, Line> = {
  db_saturation: (c) => `connection pool back to ${Math.round(c.connections * 200)}/200 in use`,
  memory_leak: (c) => `process restarted, heap ${pct(c.memory)}%`,
  bad_deploy: (c) => `rolled back from version ${c.version}`,
  disk_filling: (_, r) => `retention job freed ${r.int(20, 120)}GiB on /var/lib/data`,
  dependency_timeout: (c) => `latency back to normal: p95 ${Math.round(c.latencyMs)}ms`,
  network_partition: () => 'cross-region connectivity restored',
  queue_backlog: () => 'backlog drained, consumers caught up',
};

export const routineLine = (tier: Tier, c: LineContext, rng: Rng): string =>
  rng.pick(ROUTINE[tier])(c, rng);
export const rootLine = (s: FaultScenario, c: LineContext, rng: Rng): string =>
  rng.pick(ROOT[s])(c, rng);
export const callerLine = (s: FaultScenario, c: LineContext, rng: Rng): string =>
  rng.pick(CALLER[s])(c, rng);
export const recoveredLine = (s: FaultScenario, c: LineContext, rng: Rng): string =>
  RECOVERED[s](c, rng);
