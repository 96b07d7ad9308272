import type { PatchWave } from '@watchfloor/domain';

/** FNV-1a, enough to order hosts by seed without a PRNG. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/**
 * Splits hosts into waves covering `percents` of them cumulatively (each at least one more
 * host; waves that would add none are left out). The seed picks which hosts go first.
 * @example planWaves(['a', 'b', 'c'], [10, 25, 50, 100], 1).map((w) => w.hosts.length) // [1, 1, 1]
 */
export function planWaves(
  hosts: readonly string[],
  percents: readonly number[],
  seed: number,
): PatchWave[] {
  const order = [...hosts].sort(
    (a, b) => hash(`${seed}:${a}`) - hash(`${seed}:${b}`) || (a < b ? -1 : 1),
  );
  const waves: PatchWave[] = [];
  let covered = 0;
  for (const percent of percents) {
    const target = Math.min(order.length, Math.max(1, Math.ceil((percent / 100) * order.length)));
    if (target <= covered) continue;
    waves.push({
      percent,
      hosts: order.slice(covered, target),
      state: 'pending',
      measurements: [],
      attempts: 0,
      startedAt: null,
      finishedAt: null,
    });
    covered = target;
  }
  const last = waves.at(-1);
  if (last && covered < order.length) last.hosts.push(...order.slice(covered));
  if (last) last.percent = 100;
  return waves;
}
