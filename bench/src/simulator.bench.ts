import { createSimulator } from '@watchfloor/sim';

/** Virtual time simulated per wall second for estates of several sizes (10 s resolution). */
function measure(services: number, virtualHours: number) {
  const sim = createSimulator({ seed: 1, services, start: new Date('2026-01-05T00:00:00Z') });
  const steps = (virtualHours * 3600) / 10;
  let events = 0;
  let alerts = 0;
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    for (const e of sim.step()) {
      events++;
      if (e.type === 'alert') alerts++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    services,
    virtualHours,
    wallSeconds: round(seconds),
    virtualHoursPerWallSecond: round(virtualHours / seconds),
    events,
    alerts,
    faults: sim.faults.length,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const runs = [measure(30, 24), measure(500, 24), measure(5000, 1)];
const fiveHundred = runs[1];
process.stdout.write(
  `${JSON.stringify({
    runs,
    target: '24 virtual hours of 500 services in < 10 s',
    targetMet: fiveHundred ? fiveHundred.wallSeconds < 10 : false,
  })}\n`,
);
