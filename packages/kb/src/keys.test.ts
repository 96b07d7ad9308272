import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from './errors.ts';
import { compareKeys, decodeCursor, encodeCursor, idSortKey, requireIdSortKey } from './keys.ts';

describe('keys', () => {
  it('pads the number of an id to 15 digits so text order is number order', () => {
    expect(idSortKey('INC-000042')).toBe('000000000000042');
    expect(idSortKey('ALT-1234567')).toBe('000000001234567');
    expect(idSortKey('ALT-1234567')?.localeCompare(idSortKey('ALT-999999') ?? '')).toBe(1);
  });

  it('has no key for an id without a number or with more than 15 digits', () => {
    expect(idSortKey('nope')).toBeNull();
    expect(idSortKey('ALT-')).toBeNull();
    expect(idSortKey('ALT-1000000000000000')).toBeNull();
    expect(() => requireIdSortKey('alt-1')).toThrow(TypeError);
  });

  it('decodes only cursors it encoded', () => {
    const sk = '000000000000042';
    expect(decodeCursor(encodeCursor(sk), true)).toBe(sk);
    expect(decodeCursor(encodeCursor('c/10 é'), false)).toBe('c/10 é');
    expect(() => decodeCursor(encodeCursor('c/10'), true)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(`${encodeCursor(sk)}=`, true)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('', false)).toThrow(InvalidCursorError);
  });

  it('orders keys by code point like DynamoDB, not by UTF-16 unit', () => {
    // U+FF5E is one UTF-16 unit above the surrogates of U+1F600, but a lower code point.
    expect(compareKeys('～', '😀')).toBeLessThan(0);
    expect('～' < '😀').toBe(false);
    expect(compareKeys('a', 'ab')).toBeLessThan(0);
    expect(compareKeys('b', 'ab')).toBeGreaterThan(0);
    expect(compareKeys('x', 'x')).toBe(0);
  });
});
