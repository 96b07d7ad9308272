import type { MetricSample } from '@watchfloor/domain';
import type { MetricHistory } from './history.ts';

/** Feeds past samples (e.g. replayed from the store at start-up); returns how many were kept. */
export const warmHistory = (history: MetricHistory, samples: Iterable<MetricSample>): number => {
  let kept = 0;
  for (const sample of samples) if (history.add(sample)) kept++;
  return kept;
};
