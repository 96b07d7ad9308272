import { fileURLToPath } from 'node:url';
import { compareWithStatsmodels } from '../../packages/forecast/bench/compare.ts';

/**
 * Our Holt / damped Holt fits against statsmodels on the same series: SSE ratio and fit time
 * ratio per series (goal: SSE <= statsmodels' everywhere, time <= 1/5). Skipped, with the
 * reason, when /usr/bin/python3 with statsmodels is not installed.
 */
const script = fileURLToPath(
  new URL('../../packages/forecast/bench/statsmodels.py', import.meta.url),
);
process.stdout.write(`${JSON.stringify(await compareWithStatsmodels(script))}\n`);
