import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { answerCached, type EncodedJson } from './cached-json.ts';
import { identify, readRefusal } from './middleware/auth.ts';
import { recordAnswer } from './middleware/request-log.ts';
import { API_SECURITY_HEADERS } from './middleware/security-headers.ts';
import type { Telemetry } from './telemetry.ts';
import type { AuthConfig, Role } from './types.ts';

/** A cached read as Hono answered it: its bytes, and the path and route pattern to log. */
export interface Replayable {
  encoded: EncodedJson;
  path: string;
  route: string;
}

/**
 * The cached reads Hono answered at the current write version, by role and exact URL, so the
 * node server can answer the same request again without Hono (see `replayFirst`). Emptied on
 * every store write, like the read cache it mirrors; bounded, least recently used out.
 */
export class ReplayCache {
  readonly #entries = new Map<string, Replayable>();
  #version = -1;
  /** Requests answered from here (tests and benchmarks tell the two paths apart by it). */
  replayed = 0;

  constructor(
    private readonly version: () => number,
    private readonly capacity = 256,
  ) {}

  /** Keeps an answer loaded at `loadedAt`, unless the store was written since. */
  remember(role: Role, url: string, loadedAt: number, entry: Replayable): void {
    if (loadedAt !== this.#current()) return;
    const key = `${role} ${url}`;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.capacity)
      this.#entries.delete(this.#entries.keys().next().value ?? '');
  }

  find(role: Role, url: string): Replayable | undefined {
    this.#current();
    return this.#entries.get(`${role} ${url}`);
  }

  #current(): number {
    const current = this.version();
    if (current !== this.#version) {
      this.#entries.clear();
      this.#version = current;
    }
    return current;
  }
}

/** The security headers as node's flat header list, built once. */
const SECURITY = Object.entries(API_SECURITY_HEADERS).flatMap(([name, value]) => [
  name.toLowerCase(),
  value,
]);

/**
 * Requests Hono's middleware would treat differently from a plain cached read: other methods,
 * cross-origin (CORS), a body (body limit), or a request id of the client's own (echoed).
 */
const needsHono = (req: IncomingMessage): boolean =>
  req.method !== 'GET' ||
  req.headers.origin !== undefined ||
  req.headers['x-request-id'] !== undefined ||
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

export interface ReplayDeps {
  replay: ReplayCache;
  auth: AuthConfig;
  logger: Logger;
  telemetry: Telemetry;
}

/**
 * Node's request listener with the replay in front of Hono. A GET that Hono answered from the
 * read cache at the current write version is answered again here with the same bytes and
 * headers, after the same checks (the caller's token, as `auth` decides a read), and with the
 * same request id, log line and metrics; everything else, and any refusal, goes to Hono.
 * Worth it because Hono's per-request work (a `Request`, a `Headers`, the middleware chain,
 * ~100 routes) costs several times what sending ready bytes does.
 */
export function replayFirst(deps: ReplayDeps, hono: RequestListener): RequestListener {
  const { replay, auth, logger, telemetry } = deps;
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    if (needsHono(req)) return hono(req, res);
    const caller = identify(auth, req.headers.authorization);
    const found = req.url === undefined ? undefined : replay.find(caller.role, req.url);
    if (!found || readRefusal(auth, caller)) return hono(req, res);
    const { status, headers, body } = answerCached(
      found.encoded,
      req.headers['if-none-match'],
      req.headers['accept-encoding'],
    );
    const reqId = randomUUID();
    const raw = ['x-request-id', reqId, ...SECURITY];
    for (const name in headers) raw.push(name.toLowerCase(), headers[name] ?? '');
    if (body) raw.push('content-length', String(body.byteLength));
    res.writeHead(status, raw);
    res.end(body);
    replay.replayed++;
    recordAnswer(logger, telemetry, {
      reqId,
      method: 'GET',
      path: found.path,
      route: found.route,
      status,
      ms: performance.now() - started,
    });
  };
}
