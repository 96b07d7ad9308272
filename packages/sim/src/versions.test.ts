import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  majorityVersion,
  newestVersion,
  nextMinor,
  nextPatch,
} from './versions.ts';

describe('versions', () => {
  it('orders by number, not by text', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(newestVersion(['1.2.3', '1.10.0', '1.9.9'])).toBe('1.10.0');
  });

  it('bumps the minor for a release and the patch for a hotfix', () => {
    expect(nextMinor('2.4.7')).toBe('2.5.0');
    expect(nextPatch('2.4.7')).toBe('2.4.8');
  });

  it('takes the version most hosts run, the newer one on a tie', () => {
    expect(majorityVersion(['1.0.1', '1.0.0', '1.0.1'])).toBe('1.0.1');
    expect(majorityVersion(['1.0.0', '1.0.1'])).toBe('1.0.1');
  });
});
