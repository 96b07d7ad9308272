import { z } from 'zod';
import { IsoTime } from './common.ts';

export const FaultScenario = z.enum([
  'db_saturation',
  'memory_leak',
  'bad_deploy',
  'disk_filling',
  'dependency_timeout',
  'network_partition',
  'queue_backlog',
]);
export type FaultScenario = z.infer<typeof FaultScenario>;

/** Ground truth of one fault: where it started and how it spread. Agents never read this. */
export const Fault = z.object({
  id: z.string(),
  scenario: FaultScenario,
  rootService: z.string(),
  startedAt: IsoTime,
  endsAt: IsoTime,
  endedAt: IsoTime.nullable(),
  /** Every service the fault reached, with when; each non-root reached via a dependency edge. */
  affected: z.array(z.object({ service: z.string(), at: IsoTime, via: z.string().nullable() })),
  alertIds: z.array(z.string()),
  injectedBy: z.enum(['generator', 'operator']),
});
export type Fault = z.infer<typeof Fault>;

export const SimulationState = z.object({
  running: z.boolean(),
  speed: z.number().min(1).max(3600),
  seed: z.number().int(),
  virtualTime: IsoTime,
  faultGeneration: z.boolean(),
  activeFaults: z.number().int().nonnegative(),
  faultsInjected: z.number().int().nonnegative(),
  alertsEmitted: z.number().int().nonnegative(),
  ticks: z.number().int().nonnegative(),
  /** False while the knowledge base is unreachable; the simulation waits for it. */
  storeAvailable: z.boolean(),
});
export type SimulationState = z.infer<typeof SimulationState>;

export const SpeedInput = z.object({ speed: z.number().min(1).max(3600) }).strict();
export const FaultInput = z
  .object({ scenario: FaultScenario, service: z.string().min(1).max(200) })
  .strict();
