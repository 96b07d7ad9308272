import type { Page } from '@watchfloor/domain';
import { ApiError } from './errors.ts';

/**
 * Pages an in-memory list the way the store pages its lists: `cursor` is the key of the last
 * item of the previous page, opaque to clients.
 */
export function paginate<T>(
  items: readonly T[],
  query: { limit: number; cursor?: string | undefined },
  keyOf: (item: T) => string,
): Page<T> {
  let start = 0;
  if (query.cursor) {
    const key = Buffer.from(query.cursor, 'base64url').toString('utf8');
    const index = items.findIndex((item) => keyOf(item) === key);
    if (index < 0)
      throw new ApiError(400, 'invalid_cursor', 'cursor: not a cursor this server issued', {
        field: 'cursor',
      });
    start = index + 1;
  }
  const slice = items.slice(start, start + query.limit);
  const last = slice.at(-1);
  const more = start + query.limit < items.length;
  return {
    items: slice,
    nextCursor:
      more && last !== undefined ? Buffer.from(keyOf(last), 'utf8').toString('base64url') : null,
  };
}
