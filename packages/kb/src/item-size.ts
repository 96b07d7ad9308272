import { ItemTooLargeError, MAX_ITEM_BYTES } from './errors.ts';
import type { StoredItem } from './plan.ts';

const utf8 = new TextEncoder();
const textBytes = (s: string): number => {
  // Plain ASCII (nearly every string here) is one byte a character: no encoding needed.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return utf8.encode(s).length;
  return s.length;
};

/** A number's stored size: about one byte per two significant digits, plus one. */
const numberBytes = (n: number): number => {
  const digits = String(Math.abs(n)).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
};

/**
 * The size DynamoDB counts for a value (its documented rules: UTF-8 strings, 1 byte per list
 * element and map entry plus 3 for the container, map keys as strings); undefined is dropped.
 */
export const valueBytes = (value: unknown): number => {
  if (typeof value === 'string') return textBytes(value);
  if (typeof value === 'number') return numberBytes(value);
  if (value === null || typeof value === 'boolean') return 1;
  if (Array.isArray(value)) {
    let n = 3;
    for (const item of value) n += 1 + valueBytes(item);
    return n;
  }
  if (typeof value === 'object') {
    let n = 3;
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) n += 1 + textBytes(key) + valueBytes(item);
    }
    return n;
  }
  return 0;
};

/** The stored item's size: every top-level attribute's name and value (see `toRow`). */
export const storedBytes = (item: StoredItem): number => {
  let n = 2 + textBytes(item.pk) + 2 + textBytes(item.sk) + 4 + valueBytes(item.body);
  if (item.search !== undefined) n += 6 + textBytes(item.search);
  if (item.expiresAt !== undefined) n += 9 + numberBytes(item.expiresAt);
  for (const [name, value] of Object.entries(item.index ?? {})) {
    if (value !== undefined) n += textBytes(name) + textBytes(value);
  }
  return n;
};

/** What an over-size record is called in the error: its kind and id (or namespace and key). */
export const recordName = (item: StoredItem): string => {
  const id = (item.body as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `${item.pk} ${id}` : `${item.pk} ${item.sk}`;
};

/** Throws `ItemTooLargeError` for an item DynamoDB (and dynalite) would refuse. */
export const assertItemFits = (item: StoredItem): void => {
  const bytes = storedBytes(item);
  if (bytes > MAX_ITEM_BYTES) throw new ItemTooLargeError(recordName(item), bytes, item.body);
};
