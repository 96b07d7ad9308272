import { FaultScenario, RemediationKind } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { TIERS } from './estate.ts';
import { ACTION_TIERS, rightActions } from './remediation.ts';
import { SCENARIOS } from './scenarios.ts';

describe('remediation table', () => {
  it('names a right action for every scenario on every tier it can start on', () => {
    for (const scenario of FaultScenario.options) {
      for (const tier of SCENARIOS[scenario].tiers) {
        const kinds = rightActions(scenario, tier);
        expect(kinds.length).toBeGreaterThan(0);
        for (const kind of kinds) expect(ACTION_TIERS[kind]).toContain(tier);
      }
    }
  });

  it('keeps cache clearing to caches and backups to datastores', () => {
    expect(ACTION_TIERS.clear_cache).toEqual(['cache']);
    expect(ACTION_TIERS.backup_datastore).toEqual(['datastore']);
    expect(ACTION_TIERS.verify_backup).toEqual(['datastore']);
    for (const kind of RemediationKind.options)
      expect(TIERS).toEqual(expect.arrayContaining([...ACTION_TIERS[kind]]));
  });
});
