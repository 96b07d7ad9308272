import type { AgentConfig } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { configPatch } from './agent-config.ts';

const base: AgentConfig = {
  enabled: true,
  automationLevel: 'AUTO',
  approvalRequired: false,
  thresholds: { confidence: 0.5, maxActionsPerHour: 30 },
};

describe('configPatch', () => {
  it('is empty when nothing changed', () => {
    expect(configPatch(base, { ...base, thresholds: { ...base.thresholds } })).toEqual({});
  });

  it('carries only the changed fields, thresholds included', () => {
    expect(
      configPatch(base, {
        ...base,
        automationLevel: 'SEMI_AUTO',
        thresholds: { confidence: 0.7, maxActionsPerHour: 30 },
      }),
    ).toEqual({ automationLevel: 'SEMI_AUTO', thresholds: { confidence: 0.7 } });
    expect(configPatch(base, { ...base, enabled: false, approvalRequired: true })).toEqual({
      enabled: false,
      approvalRequired: true,
    });
  });
});
