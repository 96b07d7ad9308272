import { parseIdNumber } from '@watchfloor/domain';
import { InvalidCursorError } from './errors.ts';
import type { IdKind } from './repository.ts';

/** Partition key of each entity kind in the single table. */
export const PK = {
  alert: 'ALERT',
  incident: 'INCIDENT',
  log: 'LOG',
  audit: 'AUDIT',
  fault: 'FAULT',
  killSwitch: 'KILLSWITCH',
  counters: 'COUNTERS',
  meta: 'META',
} as const satisfies Record<IdKind | 'killSwitch' | 'counters' | 'meta', string>;

export const KILLSWITCH_SK = 'current';
export const LOG_COUNT_SK = 'LOG_COUNT';
/** `META/SCHEMA` holds the layout version every item of the table is written in. */
export const SCHEMA_SK = 'SCHEMA';
/** 2: index key attributes, incident service links and `expiresAt` on every item. */
export const SCHEMA_VERSION = 2;

export const knowledgePk = (namespace: string): string => `KNOWLEDGE#${namespace}`;

const SK_DIGITS = 15;
const MAX_ID_NUMBER = 10 ** SK_DIGITS - 1;
const NUMERIC_SK = /^\d{15}$/;

/** `INC-000042` → `000000000000042`, or null when the id has no usable number. */
export const idSortKey = (id: string): string | null => {
  const n = parseIdNumber(id);
  if (n === null || !Number.isSafeInteger(n) || n > MAX_ID_NUMBER) return null;
  return String(n).padStart(SK_DIGITS, '0');
};

/** Like `idSortKey` but for writes, where a bad id is the caller's bug. */
export const requireIdSortKey = (id: string): string => {
  const sk = idSortKey(id);
  if (sk === null) throw new TypeError(`not a prefixed id with a number: ${JSON.stringify(id)}`);
  return sk;
};

export const encodeCursor = (sk: string): string => Buffer.from(sk, 'utf8').toString('base64url');

/** Decodes a cursor back to the sort key it was made from; `numeric` for id lists. */
export const decodeCursor = (cursor: string, numeric: boolean): string => {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  // Buffer decoding is lenient, so only a canonical round trip counts as ours.
  const canonical = sk.length > 0 && encodeCursor(sk) === cursor;
  if (!canonical || (numeric && !NUMERIC_SK.test(sk))) throw new InvalidCursorError(cursor);
  return sk;
};

/** Orders keys the way DynamoDB orders strings (UTF-8 bytes, i.e. code points). */
export const compareKeys = (a: string, b: string): number => {
  if (a === b) return 0;
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx - cy;
  }
};

export const assertLimit = (limit: number): void => {
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new RangeError(`limit must be an integer from 1 to 500, got ${limit}`);
  }
};

export const assertKeep = (keep: number): void => {
  if (!Number.isSafeInteger(keep) || keep < 0) {
    throw new RangeError(`keep must be a non-negative integer, got ${keep}`);
  }
};
