import os from 'node:os';
import { createSimulator } from '@watchfloor/sim';
import { mainThreadCpuMs } from './thread-cpu.ts';

/**
 * Virtual time simulated per wall second for estates of 30, 500 and 5,000 services, 24
 * virtual hours each at 10 s resolution (SIM_5000_HOURS shortens the largest). Main-thread
 * CPU seconds are reported beside wall seconds: on a busy machine the wall figure includes
 * waiting for a core.
 */
const HOURS_5000 = Number(process.env.SIM_5000_HOURS ?? 24);

function measure(services: number, virtualHours: number) {
  const sim = createSimulator({ seed: 1, services, start: new Date('2026-01-05T00:00:00Z') });
  const steps = (virtualHours * 3600) / 10;
  let events = 0;
  let alerts = 0;
  const started = performance.now();
  const cpu = mainThreadCpuMs();
  for (let i = 0; i < steps; i++) {
    for (const e of sim.step()) {
      events++;
      if (e.type === 'alert') alerts++;
    }
  }
  const used = mainThreadCpuMs() - cpu;
  const seconds = (performance.now() - started) / 1000;
  return {
    services,
    virtualHours,
    wallSeconds: round(seconds),
    mainThreadCpuSeconds: round(used / 1000),
    virtualHoursPerWallSecond: round(virtualHours / seconds),
    events,
    alerts,
    faults: sim.faultsStarted,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const loadBefore = os.loadavg()[0] ?? 0;
const runs = [measure(30, 24), measure(500, 24), measure(5000, HOURS_5000)];
const fiveHundred = runs[1];
process.stdout.write(
  `${JSON.stringify({
    runs,
    target: '24 virtual hours of 500 services in < 10 s',
    targetMet: fiveHundred ? fiveHundred.wallSeconds < 10 : false,
    loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0] ?? 0) },
  })}\n`,
);
