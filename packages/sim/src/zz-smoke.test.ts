import { it } from 'vitest';
import { createSimulator } from './index.ts';
it('smoke', () => {
  for (const services of [500]) {
  const sim = createSimulator({ seed: 1, services });
  const t0 = performance.now();
  const eps = new Map<string, number>();
  let alerts = 0, logs = 0, maxLogs = 0, unexplained = 0;
  for (let t = 0; t < 8640; t++) {
    const evs = sim.step();
    let l = 0;
    for (const e of evs) {
      if (e.type === 'log') { logs++; l++; }
      if (e.type === 'alert' && e.status === 'firing') {
        alerts++;
        if ('faultId' in e.cause) {
          const k = `${e.cause.faultId}|${e.labels.service}|${e.labels.alertname}`;
          eps.set(k, (eps.get(k) ?? 0) + 1);
        } else if (e.cause.noise === 'blip' && !['PodRestarted','NodeClockSkew'].includes(e.labels.alertname)) unexplained++;
      }
    }
    maxLogs = Math.max(maxLogs, l);
  }
  const repeated = [...eps.values()].filter((v) => v > 1).length;
  console.log({ services, ms: performance.now() - t0, alerts, perHour: alerts / 6, faults: sim.faults.length, distinct: eps.size, repeated, logsPerStep: logs / 8640, maxLogs, unexplained });
  }
});
