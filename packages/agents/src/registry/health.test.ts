import { describe, expect, it } from 'vitest';
import { deriveHealth } from './health.ts';

const t = (seconds: number): string =>
  new Date(Date.UTC(2026, 0, 5) + seconds * 1000).toISOString();

describe('deriveHealth', () => {
  const running = { state: 'running', lastHeartbeat: t(0), lastErrorAt: null, now: t(10) } as const;

  it('is healthy while beating without recent errors', () => {
    expect(deriveHealth(running)).toBe('healthy');
    expect(deriveHealth({ ...running, lastErrorAt: t(-500) })).toBe('healthy');
  });

  it('is degraded after a recent error', () => {
    expect(deriveHealth({ ...running, lastErrorAt: t(5) })).toBe('degraded');
  });

  it('is down when silent too long, stopped, or never started', () => {
    expect(deriveHealth({ ...running, now: t(31) })).toBe('down');
    expect(deriveHealth({ ...running, state: 'stopped' })).toBe('down');
    expect(deriveHealth({ ...running, state: 'initialized', lastHeartbeat: null })).toBe('down');
  });
});
