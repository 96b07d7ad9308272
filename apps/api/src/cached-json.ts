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

const acceptsGzip = (c: Context) => /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');

/**
 * Answers a read from the cache as ready-made bytes: no per-request serialising, string
 * encoding or compressing (gzip is made once per cached answer). The ETag lets a polling
 * dashboard get `304 Not Modified` until the data changes; `no-cache` makes browsers
 * revalidate every time, so nothing shown is stale.
 */
export async function sendCachedJson(
  c: Context,
  cache: ReadCache,
  key: string,
  load: () => Promise<unknown>,
): Promise<Response> {
  const encoded = await cache.get(key, async () => new EncodedJson(await load()));
  const headers: Record<string, string> = {
    ETag: encoded.etag,
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept-Encoding',
  };
  if (c.req.header('if-none-match') === encoded.etag) return c.body(null, 304, headers);
  headers['Content-Type'] = 'application/json';
  if (encoded.body.length >= GZIP_FROM_BYTES && acceptsGzip(c)) {
    headers['Content-Encoding'] = 'gzip';
    return c.body(encoded.gzipped, 200, headers);
  }
  return c.body(encoded.body, 200, headers);
}
