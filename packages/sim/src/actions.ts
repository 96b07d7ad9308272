import type { RemediationKind } from '@watchfloor/domain';
import type { DeployBook } from './deploys.ts';
import type { Effects } from './effects.ts';
import type { ActiveFault } from './faults.ts';
import type { EstateGraph } from './graph.ts';
import { ACTION_TIERS, rightActions } from './remediation.ts';
import type { ActionEffect, ActionParams } from './types.ts';

/** A short-lived side effect of an action, e.g. the reconnect storm after a restart. */
interface Aftermath {
  service: number;
  untilTick: number;
  errorAdd: number;
  latencyMul: number;
}

/** How long a wrong action's aftermath lasts, in ticks. */
export const AFTERMATH_TICKS = 3;
/** Capacity limits, as multiples of a service's host count. */
const MAX_CAPACITY = 3;

export interface ActionContext {
  tick: number;
  at: string;
  active: readonly ActiveFault[];
  deploys: DeployBook;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const refuse = (message: string): ActionEffect => ({ applied: false, message });

/**
 * Carries out runbook actions on the estate. Whether an action helps is decided from the
 * active faults (ground truth) and never told to the caller: the right action on a root ends
 * its fault at the next step; restarting or backing up a struggling service, or scaling it in,
 * makes its symptoms worse.
 */
export class ActionDesk {
  readonly #graph: EstateGraph;
  /** Serving instances per service; starts at the host count. */
  readonly #instances: Float64Array;
  readonly #backups = new Map<number, string>();
  /** Services whose instance count differs from their host count. */
  readonly #scaled = new Set<number>();
  #aftermath: Aftermath[] = [];

  constructor(graph: EstateGraph) {
    this.#graph = graph;
    this.#instances = Float64Array.from(graph.hosts, (h) => h.length);
  }

  apply(kind: RemediationKind, i: number, params: ActionParams, ctx: ActionContext): ActionEffect {
    const s = this.#graph.services[i];
    if (!s) return refuse('no such service');
    if (!ACTION_TIERS[kind].includes(s.tier)) {
      const tiers = ACTION_TIERS[kind].join(' or ');
      return refuse(`${kind} applies to ${tiers} services; ${s.id} is ${article(s.tier)}`);
    }
    const refusal = this.#refusal(kind, i, params, ctx);
    if (refusal !== null) return refuse(refusal);

    const struggling = ctx.active.some(
      (a) => a.fault.mitigatedAt === undefined && a.reached.some((r) => r.service === i),
    );
    let mitigated = 0;
    for (const a of ctx.active) {
      if (a.reached[0]?.service !== i || a.fault.mitigatedAt !== undefined) continue;
      if (!rightActions(a.fault.scenario, s.tier).includes(kind)) continue;
      a.fault.mitigatedAt = ctx.at;
      a.fault.mitigatedBy = kind;
      a.endTick = Math.min(a.endTick, ctx.tick + 1);
      mitigated++;
    }
    const message = this.#carryOut(kind, i, params, ctx);
    if (mitigated === 0 && struggling) this.#worsen(kind, i, ctx.tick);
    return { applied: true, message };
  }

  /** Adds capacity changes and recent aftermath to this tick's effects (after faults). */
  effects(tick: number, fx: Effects): void {
    this.#aftermath = this.#aftermath.filter((a) => a.untilTick >= tick);
    for (const a of this.#aftermath) {
      fx.touch(a.service, -1, 0, -1);
      fx.fail(a.service, a.errorAdd);
      fx.slow(a.service, a.latencyMul);
    }
    for (const i of this.#scaled) {
      const hosts = this.#graph.hosts[i] ?? [];
      const instances = this.#instances[i] ?? hosts.length;
      if (instances === hosts.length || hosts.length === 0) continue;
      const load = hosts.length / instances;
      fx.touch(i, -1, 0, -1);
      fx.add(fx.cpuAdd, i, Math.max(-0.15, 0.25 * (load - 1)));
      // Fewer instances under a fault: each one takes more of the strain.
      if ((fx.strongest[i] ?? -1) >= 0 && load > 1) {
        fx.slow(i, 1 + 4 * (load - 1));
        fx.fail(i, 0.1 * (load - 1));
      }
    }
  }

  #refusal(
    kind: RemediationKind,
    i: number,
    params: ActionParams,
    ctx: ActionContext,
  ): string | null {
    const s = this.#graph.services[i];
    const id = s?.id ?? '';
    const count = param(params, 'instances', 1);
    if ((kind === 'scale_out' || kind === 'scale_in') && !(Number.isInteger(count) && count > 0)) {
      return `instances must be a positive whole number, not ${String(params.instances)}`;
    }
    const keepDays = param(params, 'keepDays', 7);
    if (
      kind === 'rotate_logs' &&
      !(Number.isInteger(keepDays) && keepDays >= 1 && keepDays <= 90)
    ) {
      return `keepDays must be a whole number of days from 1 to 90, not ${String(params.keepDays)}`;
    }
    const instances = this.#instances[i] ?? 0;
    const hosts = this.#graph.hosts[i]?.length ?? 0;
    switch (kind) {
      case 'scale_in':
        return instances - count < 1 ? `${id} runs ${plural(instances, 'instance')}` : null;
      case 'scale_out':
        return instances + count > hosts * MAX_CAPACITY
          ? `${id} is at its limit of ${plural(hosts * MAX_CAPACITY, 'instance')}`
          : null;
      case 'failover_region': {
        const peers = this.#peerRegions(i);
        if (peers.length === 0) return `${id} has no standby: no callers outside ${s?.region}`;
        const to = params.toRegion;
        return to !== undefined && !peers.includes(String(to))
          ? `${id} can fail over to ${peers.join(' or ')}, not ${String(to)}`
          : null;
      }
      case 'rollback_deploy':
        return ctx.deploys.canRollback(i) ? null : `no earlier version of ${id} to roll back to`;
      case 'verify_backup':
        return this.#backups.has(i) ? null : `no backup of ${id} to verify`;
      default:
        return null;
    }
  }

  /** The action's own effect on the estate, described the way an operator would. */
  #carryOut(kind: RemediationKind, i: number, params: ActionParams, ctx: ActionContext): string {
    const id = this.#graph.services[i]?.id ?? '';
    const hosts = this.#graph.hosts[i]?.length ?? 0;
    const before = this.#instances[i] ?? hosts;
    switch (kind) {
      case 'restart_service':
        return `restarted ${plural(hosts, 'host')} of ${id}`;
      case 'clear_cache':
        return `cleared the cache on ${plural(hosts, 'host')} of ${id}`;
      case 'scale_out':
      case 'scale_in': {
        const delta = param(params, 'instances', 1) * (kind === 'scale_out' ? 1 : -1);
        this.#instances[i] = before + delta;
        this.#scaled.add(i);
        return `scaled ${id} ${kind === 'scale_out' ? 'out' : 'in'} from ${before} to ${before + delta} instances`;
      }
      case 'failover_region':
        return `failed ${id} over to its standby in ${String(params.toRegion ?? this.#peerRegions(i)[0])}`;
      case 'rollback_deploy':
        return ctx.deploys.rollback(i).message;
      case 'rotate_logs':
        return `rotated logs on ${plural(hosts, 'host')} of ${id}, keeping ${param(params, 'keepDays', 7)} days`;
      case 'free_disk':
        return `freed disk on ${plural(hosts, 'host')} of ${id} (old logs, temp files, core dumps)`;
      case 'backup_datastore':
        this.#backups.set(i, ctx.at);
        return `backed up ${id} at ${ctx.at}`;
      case 'verify_backup':
        return `verified the ${this.#backups.get(i) ?? ''} backup of ${id}: restorable`;
    }
  }

  /** A wrong action on a struggling service: restarts and backups add strain for a while. */
  #worsen(kind: RemediationKind, i: number, tick: number): void {
    const untilTick = tick + AFTERMATH_TICKS;
    if (kind === 'restart_service') {
      // Cold caches and a reconnect storm while the dependency is still unwell.
      this.#aftermath.push({ service: i, untilTick, errorAdd: 0.08, latencyMul: 1.6 });
    } else if (kind === 'backup_datastore') {
      this.#aftermath.push({ service: i, untilTick, errorAdd: 0.01, latencyMul: 1.5 });
    } else if (kind === 'failover_region') {
      this.#aftermath.push({ service: i, untilTick, errorAdd: 0.02, latencyMul: 1.3 });
    }
  }

  /** Regions a service can fail over to: where its remote callers are. */
  #peerRegions(i: number): string[] {
    const own = this.#graph.services[i]?.region;
    const regions = new Set<string>();
    for (const c of this.#graph.callers[i] ?? []) {
      const region = this.#graph.services[c]?.region;
      if (region !== undefined && region !== own) regions.add(region);
    }
    return [...regions].sort();
  }
}

const param = (params: ActionParams, name: string, fallback: number): number => {
  const value = params[name];
  return value === undefined ? fallback : Number(value);
};

const article = (tier: string): string => `${/^[aeiou]/.test(tier) ? 'an' : 'a'} ${tier}`;
