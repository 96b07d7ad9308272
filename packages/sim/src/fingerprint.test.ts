import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.ts';

describe('fingerprint', () => {
  it('is 16 hex digits', () => {
    expect(fingerprint({ alertname: 'HighCPU', service: 'payments' })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('hashes the empty label set to the FNV-1a offset basis', () => {
    expect(fingerprint({})).toBe('cbf29ce484222325');
  });

  it('does not depend on label order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (labels) => {
        const reversed = Object.fromEntries(Object.entries(labels).reverse());
        return fingerprint(labels) === fingerprint(reversed);
      }),
    );
  });

  it('tells apart labels that differ in value or in where the pairs split', () => {
    expect(fingerprint({ a: 'b', c: 'd' })).not.toBe(fingerprint({ a: 'b', c: 'e' }));
    expect(fingerprint({ a: 'b=c' })).not.toBe(fingerprint({ a: 'b', c: '' }));
  });
});
