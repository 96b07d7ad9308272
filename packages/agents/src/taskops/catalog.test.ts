import { RemediationKind } from '@watchfloor/domain';
import { ACTION_TIERS } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { listRunbooks, RUNBOOKS } from './catalog.ts';

describe('runbook catalog', () => {
  it('lists every action once, with its parameter schema as JSON Schema', () => {
    const listed = listRunbooks();
    expect(listed.map((r) => r.action)).toEqual(RemediationKind.options);
    for (const r of listed) {
      expect(r.params).toMatchObject({ type: 'object', additionalProperties: false });
      expect(r.timeoutSeconds).toBeGreaterThan(0);
      expect(r.title.length).toBeGreaterThan(3);
    }
    const scaleOut = listed.find((r) => r.action === 'scale_out');
    expect(scaleOut?.params).toMatchObject({ properties: { instances: { type: 'integer' } } });
  });

  it('accepts empty parameters for every action and refuses unknown ones', () => {
    for (const r of RUNBOOKS) {
      expect(r.params.safeParse({}).success).toBe(true);
      expect(r.params.safeParse({ surprise: 1 }).success).toBe(false);
    }
  });

  it('applies to the same tiers the simulator accepts', () => {
    for (const r of RUNBOOKS) expect([...r.tiers]).toEqual([...ACTION_TIERS[r.action]]);
  });

  it('marks backups, verification and log rotation as routine', () => {
    expect(RUNBOOKS.filter((r) => r.routine).map((r) => r.action)).toEqual([
      'rotate_logs',
      'backup_datastore',
      'verify_backup',
    ]);
  });
});
