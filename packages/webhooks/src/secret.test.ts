import { describe, expect, it } from 'vitest';
import { generateSecret, secretPreview } from './secret.ts';

describe('generateSecret', () => {
  it('starts with whsec_ and carries 256 random bits', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });

  it('never hands out the same secret twice', () => {
    const secrets = new Set(Array.from({ length: 200 }, generateSecret));
    expect(secrets.size).toBe(200);
  });
});

describe('secretPreview', () => {
  it('shows only the last four characters', () => {
    expect(secretPreview('whsec_abcdefgh')).toBe('efgh');
  });
});
