import type { MetricSample, SimulationState } from '@watchfloor/domain';
import { DEFAULT_ENDED_FAULTS_KEPT, type Simulator } from '@watchfloor/sim';
import type { AgentDesk } from './agent-desk.ts';
import { AgentOps } from './agent-ops.ts';
import { Autopilot, type AutopilotContext } from './autopilot.ts';
import { IncidentDesk } from './desk.ts';
import { FaultBook } from './faults.ts';
import { IdAllocator } from './ids.ts';
import { IncidentOps } from './incident-ops.ts';
import { KillSwitch } from './kill-switch.ts';
import { LiveScore } from './live-score.ts';
import { Loop, type WallClock } from './loop.ts';
import { Narration } from './narration.ts';
import type { EngineOptions } from './options.ts';
import { Outcomes } from './outcomes.ts';
import { Predictive } from './predictive.ts';
import { Recorder } from './records.ts';
import { Rollouts } from './rollouts.ts';
import { SimFeed } from './sim-feed.ts';
import { SimulationControl } from './simulation-control.ts';
import { StoreWriter } from './store-writer.ts';
import { TaskRunner } from './task-runner.ts';

/** What the parts need from the engine that holds them: its simulator, time and lock. */
export interface EngineHooks {
  clock: WallClock;
  /** The current simulator (a restart replaces it). */
  sim: () => Simulator;
  now: () => string;
  agents: () => AgentDesk;
  state: () => SimulationState;
  /** The loop's work: runs ticks under the lock, stopping once the wall clock reaches `until`. */
  advance: (steps: number, until: number) => Promise<number>;
  /** The loop's work while stopped: stores what is pending, under the lock. */
  idle: () => Promise<void>;
  /** Stores a model's narrative, under the lock. */
  storeNarrative: (incidentId: string, text: string) => Promise<void>;
}

export interface Parts {
  ids: IdAllocator;
  records: Recorder;
  store: StoreWriter;
  desk: IncidentDesk;
  killSwitch: KillSwitch;
  autopilot: Autopilot;
  predictive: Predictive;
  tasks: TaskRunner;
  rollouts: Rollouts;
  narration: Narration;
  faults: FaultBook;
  score: LiveScore;
  feed: SimFeed;
  loop: Loop;
  control: SimulationControl;
  incidentOps: IncidentOps;
  agentOps: AgentOps;
  latestMetrics: Map<string, MetricSample>;
}

/** Builds the engine's parts, each given only the collaborators it uses. */
export function assemble(options: EngineOptions, hooks: EngineHooks): Parts {
  const { sim, now, agents, state } = hooks;
  const ids = new IdAllocator();
  const records = new Recorder(ids, now);
  const latestMetrics = new Map<string, MetricSample>();
  const onError = (error: unknown) => options.onBackgroundError?.(error);
  const { clock, advance, idle } = hooks;
  const loop = new Loop({ clock, advance, idle, onError }, options.speed ?? 1);
  const store = new StoreWriter(options.repo, ids, records, () => sim().now, options);
  const desk = new IncidentDesk(ids, sim().topology, (seconds) =>
    options.onTiming?.('correlation', seconds),
  );
  const killSwitch = new KillSwitch({
    records,
    now,
    faultGeneration: options.simulator?.faultGeneration ?? true,
    setFaultGeneration: (on) => sim().setFaultGeneration(on),
    haltRollouts: (reason, batch) => rollouts.haltAll(reason, batch),
    cancelQueued: () => autopilot.cancelQueued(),
  });
  const killSwitchEngaged = () => killSwitch.state.engaged;
  const ctx: AutopilotContext = {
    sim,
    ids,
    desk,
    agents,
    now,
    latestMetrics,
    guarded: (action, batch, run) => killSwitch.guarded(action, batch, run),
    fireAlert: (draft, batch) => desk.fire(draft, now(), batch),
    clearAlert: (alert, batch) => {
      desk.clear(alert, now(), now(), batch);
    },
    log: (level, source, message, batch) => {
      batch.logs.push(records.log(level, source, message, now()));
    },
    audit: (actor, action, target, batch, change) => {
      batch.audit.push(records.audit({ actor, requestId: null }, action, target, change));
    },
  };
  const agentsOn = options.agentsEnabled ?? true;
  const predictive = new Predictive(ctx);
  const tasks = new TaskRunner(ctx);
  const autopilot = new Autopilot(ctx, agentsOn, predictive, tasks, new Outcomes(ctx));
  const rollouts = new Rollouts(ctx, agentsOn);
  desk.onOpened = (incident) => autopilot.noteOpened(incident);
  const narration = new Narration(options.narrator, hooks.storeNarrative);
  const faults = new FaultBook(options.simulator?.endedFaultsKept ?? DEFAULT_ENDED_FAULTS_KEPT);
  const score = new LiveScore();
  const observe = (samples: readonly MetricSample[]) => predictive.observe(samples);
  const feed = new SimFeed({ sim, desk, records, faults, latestMetrics, score, observe });
  const control = new SimulationControl({
    sim,
    loop,
    faults,
    records,
    now,
    state,
    killSwitchEngaged,
  });
  const topology = () => sim().topology;
  const incidentOps = new IncidentOps({ desk, ids, records, topology, now });
  const agentOps = new AgentOps({
    agents,
    now,
    autopilot,
    tasks,
    rollouts,
    records,
    killSwitchEngaged,
  });
  return {
    ids,
    records,
    store,
    desk,
    killSwitch,
    autopilot,
    predictive,
    tasks,
    rollouts,
    narration,
    faults,
    score,
    feed,
    loop,
    control,
    incidentOps,
    agentOps,
    latestMetrics,
  };
}
