import type { MetricSample } from '@watchfloor/domain';
import type { SimEvent, Simulator } from '@watchfloor/sim';
import type { TaskView } from './view.ts';

/** A view over a simulator after `events`, for tests: latest metrics, kill switch as given. */
export function viewOf(sim: Simulator, events: readonly SimEvent[], engaged = false): TaskView {
  const metrics = new Map<string, MetricSample>();
  for (const e of events) {
    if (e.type === 'metrics') for (const s of e.samples) metrics.set(s.service, s);
  }
  return {
    topology: sim.topology,
    metrics,
    killSwitch: { engaged, reason: engaged ? 'drill' : null },
  };
}
