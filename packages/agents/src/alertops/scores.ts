export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Pairwise clustering scores: of the pairs of items put together, the share that belong
 * together (precision), and of those that belong together, the share put together (recall).
 * Items missing from either side are left out; no pairs on a side scores 1.
 * @example pairwiseScores([['a', 'b', 'c']], [['a', 'b'], ['c']]) // precision 1/3, recall 1
 */
export function pairwiseScores(
  predicted: readonly (readonly string[])[],
  truth: readonly (readonly string[])[],
): PairwiseScores {
  const truthOf = new Map<string, number>();
  truth.forEach((group, i) => {
    for (const id of group) truthOf.set(id, i);
  });
  const predictedOf = new Map<string, number>();
  predicted.forEach((group, i) => {
    for (const id of group) if (truthOf.has(id)) predictedOf.set(id, i);
  });
  const count = (labels: Iterable<string>): Map<string, number> => {
    const sizes = new Map<string, number>();
    for (const label of labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
    return sizes;
  };
  const both = [...predictedOf.keys()];
  const sum = (m: Map<string, number>) => [...m.values()].reduce((acc, n) => acc + pairs(n), 0);
  const together = sum(count(both.map((id) => `${predictedOf.get(id)}|${truthOf.get(id)}`)));
  const predictedPairs = sum(count(both.map((id) => String(predictedOf.get(id)))));
  const truthPairs = sum(count(both.map((id) => String(truthOf.get(id)))));
  const precision = predictedPairs === 0 ? 1 : together / predictedPairs;
  const recall = truthPairs === 0 ? 1 : together / truthPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
