import { describe, expect, it } from 'vitest';
import { baselineAction } from './baseline.ts';
import { perceive } from './signature.ts';
import { view } from './test-fixtures.ts';

const all = () => true;

describe('baselineAction', () => {
  it('follows the most specific alert present', () => {
    const pick = (names: string[]) => baselineAction(perceive(view({ alertNames: names })), all);
    expect(pick(['HighErrorRate', 'DeploymentRegression'])?.action).toBe('rollback_deploy');
    expect(pick(['HighLatencyP95', 'DiskWillFillSoon'])?.action).toBe('free_disk');
    expect(pick(['HighErrorRate', 'HighLatencyP95'])?.action).toBe('restart_service');
    expect(pick(['HighLatencyP95'])?.action).toBe('scale_out');
    expect(pick(['CrossRegionUnreachable', 'HighErrorRate'])?.action).toBe('failover_region');
    expect(pick(['DatabaseConnectionsSaturated'])?.action).toBe('scale_out');
  });

  it('skips a rule whose action does not apply to the service', () => {
    const sig = perceive(view({ alertNames: ['DeploymentRegression', 'HighErrorRate'] }));
    expect(baselineAction(sig, (k) => k !== 'rollback_deploy')?.action).toBe('restart_service');
  });

  it('has nothing to say about alerts it does not know', () => {
    expect(baselineAction(perceive(view({ alertNames: ['CustomAlert'] })), all)).toBeNull();
  });
});
