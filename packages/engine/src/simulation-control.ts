import type { Fault, FaultScenario, SimulationState } from '@watchfloor/domain';
import type { KnowledgeItem, Repository } from '@watchfloor/kb';
import { type SimFault, SimulationError, type Simulator } from '@watchfloor/sim';
import type { BatchBuilder } from './batch.ts';
import { type Actor, EngineError } from './errors.ts';
import type { FaultBook } from './faults.ts';
import type { Loop } from './loop.ts';
import type { Recorder } from './records.ts';

/** Speed and virtual time, stored so a restart continues where the simulation was. */
interface PersistedSimulation {
  speed: number;
  virtualTime: string;
}

export const simulationItem = (speed: number, virtualTime: string): KnowledgeItem => ({
  namespace: 'engine',
  key: 'simulation',
  value: { speed, virtualTime } satisfies PersistedSimulation,
});

/** Where a restart continues from; null for a fresh store. */
export const savedSimulation = async (repo: Repository): Promise<PersistedSimulation | null> =>
  (await repo.getKnowledge('engine', 'simulation')) as PersistedSimulation | null;

export interface SimulationControlContext {
  sim: () => Simulator;
  loop: Loop;
  faults: FaultBook;
  records: Recorder;
  now: () => string;
  state: () => SimulationState;
  killSwitchEngaged: () => boolean;
}

/** What an operator does to the simulation: start/stop, speed, injected faults; each audited. */
export class SimulationControl {
  constructor(private readonly ctx: SimulationControlContext) {}

  setRunning(running: boolean, who: Actor, batch: BatchBuilder): SimulationState {
    const { records } = this.ctx;
    const before = this.ctx.state();
    this.ctx.loop.setRunning(running);
    const after = this.ctx.state();
    batch.audit.push(
      records.audit(who, running ? 'simulation.start' : 'simulation.stop', 'simulation', {
        before: { running: before.running },
        after: { running: after.running },
      }),
    );
    batch.logs.push(
      records.log(
        'info',
        'engine',
        `Simulation ${running ? 'started' : 'stopped'} by ${who.actor}`,
        this.ctx.now(),
      ),
    );
    return after;
  }

  setSpeed(speed: number, who: Actor, batch: BatchBuilder): SimulationState {
    const before = this.ctx.loop.speed;
    this.ctx.loop.speed = speed;
    batch.audit.push(
      this.ctx.records.audit(who, 'simulation.speed', 'simulation', {
        before: { speed: before },
        after: { speed },
      }),
    );
    batch.knowledge.push(simulationItem(speed, this.ctx.now()));
    return this.ctx.state();
  }

  injectFault(scenario: FaultScenario, service: string, who: Actor, batch: BatchBuilder): Fault {
    const { records, faults } = this.ctx;
    if (this.ctx.killSwitchEngaged()) {
      throw new EngineError(
        'kill_switch_engaged',
        'Kill switch is engaged: no new faults are injected',
      );
    }
    let fault: SimFault;
    try {
      fault = this.ctx.sim().injectFault(scenario, service);
    } catch (error) {
      if (error instanceof SimulationError) {
        throw new EngineError(
          'invalid',
          error.message,
          error.code === 'unknown_service' ? 'service' : 'scenario',
        );
      }
      throw error;
    }
    faults.record(fault, batch);
    batch.count('faultsStarted');
    const record = faults.get(fault.id) as Fault;
    batch.audit.push(records.audit(who, 'simulation.fault', fault.rootService, { after: record }));
    batch.logs.push(
      records.log(
        'warn',
        'engine',
        `Operator injected ${scenario} on ${fault.rootService}`,
        this.ctx.now(),
      ),
    );
    return record;
  }
}
