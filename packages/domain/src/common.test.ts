import { describe, expect, it } from 'vitest';
import { AlertInput } from './alert.ts';
import { formatId, parseIdNumber } from './common.ts';
import { KillSwitchInput } from './kill-switch.ts';

describe('ids', () => {
  it('formats readable prefixed ids that sort as strings up to a million', () => {
    expect(formatId('INC', 42)).toBe('INC-000042');
    expect(formatId('ALT', 1234567)).toBe('ALT-1234567');
    expect([formatId('A', 9), formatId('A', 10)].sort()).toEqual(['A-000009', 'A-000010']);
  });

  it('reads the number back, and null for anything else', () => {
    expect(parseIdNumber('INC-000042')).toBe(42);
    expect(parseIdNumber('ALT-1234567')).toBe(1234567);
    expect(parseIdNumber('nonsense')).toBeNull();
    expect(parseIdNumber('inc-1')).toBeNull();
  });
});

describe('inputs', () => {
  it('requires an alert name and a service label', () => {
    expect(AlertInput.safeParse({ labels: { alertname: 'A', service: 's' } }).success).toBe(true);
    const missing = AlertInput.safeParse({ labels: { service: 's' } });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['labels']);
    expect(missing.error?.issues[0]?.message).toContain('alertname');
  });

  it('refuses unknown alert fields and bad times', () => {
    expect(
      AlertInput.safeParse({ labels: { alertname: 'A', service: 's' }, extra: 1 }).success,
    ).toBe(false);
    expect(
      AlertInput.safeParse({ labels: { alertname: 'A', service: 's' }, startsAt: 'soon' }).success,
    ).toBe(false);
  });

  it('needs a reason to engage or release the kill switch', () => {
    expect(KillSwitchInput.safeParse({ engaged: true, reason: 'drill' }).success).toBe(true);
    expect(KillSwitchInput.safeParse({ engaged: true, reason: '   ' }).success).toBe(false);
  });
});
