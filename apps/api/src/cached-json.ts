import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { ReadCache } from './read-cache.ts';

/** A JSON answer encoded once: its bytes, their gzip (made on first demand) and entity tag. */
export class EncodedJson {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  #gzipped: Uint8Array<ArrayBuffer> | undefined;

  constructor(value: unknown) {
    this.body = Buffer.from(JSON.stringify(value));
    this.etag = `"${createHash('sha1').update(this.body).digest('base64url')}"`;
  }

  get gzipped(): Uint8Array<ArrayBuffer> {
    // zlib hands back a Buffer over a plain ArrayBuffer; the cast only narrows its type.
    this.#gzipped ??= gzipSync(this.body) as Uint8Array<ArrayBuffer>;
    return this.#gzipped;
  }
}

/** Below this a body goes out as is: gzip would cost more than the bytes it saves. */
const GZIP_FROM_BYTES = 1024;

export type CachedAnswer = { headers: Record<string, string> } & (
  | { status: 200; body: Uint8Array<ArrayBuffer> }
  | { status: 304; body: null }
);

/**
 * What a cached read answers a client that sent these `If-None-Match` and `Accept-Encoding`
 * headers: `304` when it holds this version, else the bytes (gzipped when it accepts gzip and
 * they are worth it). Shared by Hono's route and the replay in node's HTTP layer (replay.ts).
 */
export function answerCached(
  encoded: EncodedJson,
  ifNoneMatch: string | undefined,
  acceptEncoding: string | undefined,
): CachedAnswer {
  const headers: Record<string, string> = {
    ETag: encoded.etag,
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept-Encoding',
  };
  if (ifNoneMatch === encoded.etag) return { status: 304, headers, body: null };
  headers['Content-Type'] = 'application/json';
  if (encoded.body.length >= GZIP_FROM_BYTES && /\bgzip\b/i.test(acceptEncoding ?? '')) {
    headers['Content-Encoding'] = 'gzip';
    return { status: 200, headers, body: encoded.gzipped };
  }
  return { status: 200, headers, body: encoded.body };
}

/**
 * Answers a read from the cache as ready-made bytes: no per-request serialising, string
 * encoding or compressing (gzip is made once per cached answer). The ETag lets a polling
 * dashboard get `304 Not Modified` until the data changes; `no-cache` makes browsers
 * revalidate every time, so nothing shown is stale. `loaded` hears of each answer with the
 * write version it was loaded at (the replay remembers it).
 */
export async function sendCachedJson(
  c: Context,
  cache: ReadCache,
  key: string,
  load: () => Promise<unknown>,
  loaded?: (encoded: EncodedJson, version: number) => void,
): Promise<Response> {
  const version = cache.currentVersion();
  const encoded = await cache.get(key, async () => new EncodedJson(await load()));
  loaded?.(encoded, version);
  const answer = answerCached(
    encoded,
    c.req.header('if-none-match'),
    c.req.header('accept-encoding'),
  );
  return answer.status === 304
    ? c.body(null, 304, answer.headers)
    : c.body(answer.body, 200, answer.headers);
}
