import type { Page } from '@watchfloor/domain';
import { ApiError } from './errors.ts';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

const invalidCursor = () =>
  new ApiError(400, 'invalid_cursor', 'cursor: not a cursor this server issued', {
    field: 'cursor',
  });

const encode = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/**
 * Pages an in-memory list the way the store pages its lists: `cursor` is the key of the last
 * item of the previous page, opaque to clients. (Finds the cursor by a scan; long lists with
 * an index use `paginateByPosition` directly.)
 */
export function paginate<T>(
  items: readonly T[],
  query: PageRequest,
  keyOf: (item: T) => string,
): Page<T> {
  return paginateByPosition(items, query, {
    keyOf,
    positionOf: (key) => {
      const index = items.findIndex((item) => keyOf(item) === key);
      return index < 0 ? undefined : index;
    },
  });
}

/**
 * Pages a fixed-order list through a filter. The cursor is found by its position in the whole
 * list, so it stays valid when its item stops matching (a service that turned healthy while an
 * operator paged through the unhealthy ones), and a page costs O(limit) when few are skipped.
 */
export function paginateByPosition<T>(
  items: readonly T[],
  query: PageRequest,
  options: {
    keyOf: (item: T) => string;
    positionOf: (key: string) => number | undefined;
    matches?: (item: T) => boolean;
  },
): Page<T> {
  const { keyOf, positionOf, matches = () => true } = options;
  let start = 0;
  if (query.cursor) {
    const key = decode(query.cursor);
    const position = positionOf(key);
    if (position === undefined || encode(key) !== query.cursor) throw invalidCursor();
    start = position + 1;
  }
  const found: T[] = [];
  let more = false;
  for (let i = start; i < items.length; i++) {
    const item = items[i] as T;
    if (!matches(item)) continue;
    if (found.length === query.limit) {
      more = true;
      break;
    }
    found.push(item);
  }
  const last = found.at(-1);
  return { items: found, nextCursor: more && last !== undefined ? encode(keyOf(last)) : null };
}
