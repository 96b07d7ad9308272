import type { Repository } from '@watchfloor/kb';
import type { Narrator } from '@watchfloor/narrator';
import type { SimulatorOptions } from '@watchfloor/sim';
import type { EngineEvent } from './events.ts';
import type { WallClock } from './loop.ts';

export interface EngineOptions {
  repo: Repository;
  seed: number;
  /** Wall clock that paces the loop; the simulation itself runs on virtual time. */
  clock?: WallClock;
  speed?: number;
  /** Virtual start time for a fresh store; a restart continues from the stored time. */
  start?: Date;
  /** The simulated estate, e.g. `services` (12…20,000; default 36). */
  simulator?: Omit<SimulatorOptions, 'seed' | 'start'>;
  /** Agents act on incidents (default); off gives the "no agents" baseline. */
  agentsEnabled?: boolean;
  /** A model narrator (Bedrock) run in the background; the template answers meanwhile. */
  narrator?: Narrator;
  /** Learning loop on (default) or the static baseline policy. */
  learning?: boolean;
  /** Newest log entries kept in the store. */
  logKeep?: number;
  /** Receives every stored change worth telling the outside world (webhooks). */
  onEvent?: (event: EngineEvent) => void;
  /** Receives how long engine operations took, for metrics. */
  onTiming?: (name: 'correlation' | 'forecast' | 'store_write', seconds: number) => void;
  /** Called when a background write fails; the batch is kept and retried. */
  onBackgroundError?: (error: unknown) => void;
}
