import type { PatchWave } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import {
  deployedPercent,
  majorityVersion,
  riskLevel,
  suggestNextVersion,
  waveSegments,
} from './patches.ts';

const wave = (percent: number, state: PatchWave['state']): PatchWave => ({
  percent,
  hosts: [],
  state,
  measurements: [],
  attempts: 0,
  startedAt: null,
  finishedAt: null,
});

describe('patch helpers', () => {
  it('splits cumulative wave percentages into bar segments', () => {
    const waves = [wave(10, 'passed'), wave(50, 'verifying'), wave(100, 'pending')];
    expect(waveSegments(waves).map((s) => [s.width, s.state])).toEqual([
      [10, 'passed'],
      [40, 'verifying'],
      [50, 'pending'],
    ]);
    expect(deployedPercent(waves)).toBe(50);
    expect(deployedPercent([wave(10, 'rolled_back')])).toBe(0);
  });

  it('finds the version most hosts run and suggests the next patch', () => {
    const hosts = [
      { id: 'a', serviceId: 'cart', region: 'r', version: '1.2.3' },
      { id: 'b', serviceId: 'cart', region: 'r', version: '1.2.3' },
      { id: 'c', serviceId: 'cart', region: 'r', version: '1.2.4' },
      { id: 'd', serviceId: 'other', region: 'r', version: '9.9.9' },
    ];
    expect(majorityVersion(hosts, 'cart')).toBe('1.2.3');
    expect(majorityVersion(hosts, 'nope')).toBeNull();
    expect(suggestNextVersion('1.14.7')).toBe('1.14.8');
    expect(suggestNextVersion('2.0.0-rc.1')).toBe('2.0.1');
    expect(suggestNextVersion('weird')).toBe('1.0.1');
  });

  it('names risk levels around the approval line', () => {
    expect([0.1, 0.3, 0.49, 0.5, 0.9].map(riskLevel)).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});
