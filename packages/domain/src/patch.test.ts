import { describe, expect, it } from 'vitest';
import { PatchInput } from './patch.ts';

describe('PatchInput', () => {
  it('takes a service and a version like 1.2.3', () => {
    expect(PatchInput.safeParse({ service: 'orders-db', version: '2.4.0' }).success).toBe(true);
    expect(PatchInput.safeParse({ service: 'orders-db', version: '2.4.0-rc.1' }).success).toBe(
      true,
    );
  });

  it('refuses other version strings and unknown fields', () => {
    const bad = PatchInput.safeParse({ service: 'orders-db', version: 'latest' });
    expect(bad.error?.issues[0]?.path).toEqual(['version']);
    expect(PatchInput.safeParse({ service: 's', version: '1.0.0', force: true }).success).toBe(
      false,
    );
  });
});
