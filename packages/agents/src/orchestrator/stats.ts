import type { AgentId, AgentLearning, LearningCurvePoint, LearningStats } from '@watchfloor/domain';
import { RemediationKind } from '@watchfloor/domain';
import { betaMean } from './beta.ts';
import type { OutcomeLog } from './outcome-log.ts';
import type { PolicyBook } from './policy-book.ts';
import { totalOf } from './policy-book.ts';
import { rateOf, type Tally } from './read.ts';
import type { AgentSelector } from './selector.ts';
import { CURVE_BLOCK } from './tuning.ts';

const round = (x: number): number => Math.round(x * 1000) / 1000;
const roundOrNull = (x: number | null): number | null => (x === null ? null : round(x));

export interface StatsSources {
  learning: boolean;
  book: PolicyBook;
  log: OutcomeLog;
  selector: AgentSelector;
}

/** The action with the best posterior mean among those tried on a signature. */
function bestAction(arms: Record<string, Tally>) {
  let best: LearningStats['signatures'][number]['bestAction'] = null;
  for (const [kind, t] of Object.entries(arms)) {
    const parsed = RemediationKind.safeParse(kind);
    const samples = t.s + t.f;
    if (!parsed.success || samples === 0) continue;
    const mean = round(betaMean(t.s + 1, t.f + 1));
    if (!best || mean > best.mean) best = { kind: parsed.data, mean, samples };
  }
  return best;
}

function curvePoints(log: OutcomeLog): LearningCurvePoint[] {
  const points: LearningCurvePoint[] = [];
  for (const [block, bucket] of Object.entries(log.curve())) {
    const from = Number(block) * CURVE_BLOCK;
    for (const [learning, t] of [
      [true, bucket.on],
      [false, bucket.off],
    ] as const) {
      const incidents = t.s + t.f;
      if (incidents === 0) continue;
      const firstActionSuccessRate = roundOrNull(rateOf(t));
      points.push({
        learning,
        from,
        to: from + CURVE_BLOCK - 1,
        incidents,
        firstActionSuccessRate,
      });
    }
  }
  return points.sort((a, b) => a.from - b.from || Number(b.learning) - Number(a.learning));
}

export function learningStats(src: StatsSources): LearningStats {
  const t = src.log.totals();
  const judged = t.mitigated + t.not_mitigated + t.worsened + t.recurred;
  const signatures = src.book
    .signatures()
    .map((key) => {
      const book = src.book.signature(key);
      const total = totalOf(book);
      return {
        signature: key,
        samples: total.s + total.f,
        successRate: roundOrNull(rateOf(total)),
        bestAction: bestAction(book.arms),
        lastSeenAt: book.lastSeenAt,
      };
    })
    .sort((a, b) => b.samples - a.samples || (a.signature < b.signature ? -1 : 1));
  const tallies = src.selector.agentTallies();
  const agents = (['alertops', 'predictiveops', 'patchops', 'taskops'] as const).map((id) => {
    const tally = tallies[id] ?? { s: 0, f: 0 };
    return { id, samples: tally.s + tally.f, successRate: roundOrNull(rateOf(tally)) };
  });
  return {
    learning: src.learning,
    relevanceThreshold: round(src.selector.threshold(src.learning)),
    totals: {
      outcomes: src.log.count(),
      mitigated: t.mitigated,
      notMitigated: t.not_mitigated,
      worsened: t.worsened,
      recurred: t.recurred,
      escalated: t.escalated,
      successRate: judged === 0 ? null : round(t.mitigated / judged),
    },
    signatures,
    agents,
    curve: curvePoints(src.log),
  };
}

/** One agent's share of the learning stats, for its status page. */
export function agentLearning(stats: LearningStats, id: AgentId): AgentLearning {
  const mine = stats.agents.find((a) => a.id === id);
  const all = stats.totals.mitigated + stats.totals.notMitigated + stats.totals.worsened;
  const judged = all + stats.totals.recurred;
  return {
    enabled: stats.learning,
    samples: id === 'orchestrator' ? judged : (mine?.samples ?? 0),
    successRate: id === 'orchestrator' ? stats.totals.successRate : (mine?.successRate ?? null),
    relevanceThreshold: stats.relevanceThreshold,
    signatures: stats.signatures.length,
  };
}
