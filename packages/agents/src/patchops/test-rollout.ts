import type { PatchPlan } from '@watchfloor/domain';
import type { Simulator } from '@watchfloor/sim';
import { advance } from './advance.ts';
import { approvePlan } from './commands.ts';
import { createPatchPlan } from './create.ts';
import type { RolloutObservation, RolloutStep } from './observation.ts';
import { TERMINAL } from './transitions.ts';

export const observe = (
  sim: Simulator,
  service: string,
  extra: Partial<RolloutObservation> = {},
): RolloutObservation => ({
  killSwitchEngaged: false,
  hosts: sim.hostMetrics(service),
  openIncidents: [],
  topology: sim.topology,
  ...extra,
});

export const hostsOf = (sim: Simulator, service: string): string[] =>
  sim.topology.hosts.filter((h) => h.serviceId === service).map((h) => h.id);

export const versionsOf = (sim: Simulator, service: string): string[] =>
  sim.topology.hosts.filter((h) => h.serviceId === service).map((h) => h.version);

export function newPlan(
  sim: Simulator,
  service: string,
  toVersion: string,
  approve = true,
): PatchPlan {
  const plan = createPatchPlan({
    id: 'PLAN-000001',
    service,
    fromVersion: versionsOf(sim, service)[0] ?? '',
    toVersion,
    topology: sim.topology,
    createdBy: 'patchops',
    now: sim.now.toISOString(),
  });
  if (!approve || !plan.approvalRequired) return plan;
  const approved = approvePlan(plan, 'operator', sim.now.toISOString());
  return approved.ok ? approved.plan : plan;
}

export interface Drive {
  plan: PatchPlan;
  steps: RolloutStep[];
  /** Every plan state seen, including the last. */
  seen: PatchPlan[];
}

/** Advances once per tick, running every step on the simulator, until the plan ends. */
export function drive(sim: Simulator, start: PatchPlan, maxTicks = 200): Drive {
  let plan = start;
  const steps: RolloutStep[] = [];
  const seen: PatchPlan[] = [plan];
  for (let i = 0; i < maxTicks && !TERMINAL.has(plan.state); i++) {
    const result = advance(plan, observe(sim, plan.service), sim.now.toISOString());
    plan = result.plan;
    seen.push(plan);
    if (result.step) {
      steps.push(result.step);
      sim.deploy(result.step.service, result.step.hosts, result.step.version);
    }
    sim.step();
  }
  return { plan, steps, seen };
}
