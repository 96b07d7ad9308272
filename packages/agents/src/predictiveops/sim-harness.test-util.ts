import type { FaultScenario, PredictedRisk } from '@watchfloor/domain';
import { createSimulator, type Simulator, THRESHOLDS } from '@watchfloor/sim';
import { RiskDetector } from './risk-detector.ts';
import { thresholdsFromRules } from './thresholds.ts';

export interface SlowFaultRun {
  service: string;
  faultStartMs: number;
  firstRisk: PredictedRisk | null;
  firstRiskMs: number;
  alertMs: number;
}

/** Feeds the detector every tick and checks it every 3 ticks, as the engine does. */
export const feed = (
  sim: Simulator,
  detector: RiskDetector,
  ticks: number,
  onRisk: (r: PredictedRisk, nowMs: number) => void,
  onAlert: (service: string, alertname: string, ms: number) => void = () => {},
) => {
  for (let i = 0; i < ticks; i++) {
    let at = '';
    for (const e of sim.step()) {
      if (e.type === 'metrics') {
        at = e.at;
        for (const s of e.samples) detector.observe(s);
      } else if (e.type === 'alert' && e.status === 'firing') {
        onAlert(e.labels.service, e.labels.alertname, Date.parse(e.at));
      }
    }
    if (sim.ticks % 3 === 0 && at !== '')
      for (const r of detector.check(at)) onRisk(r, Date.parse(at));
  }
};

/** Injects a slow fault after 30 quiet virtual minutes and records the first risk and alert. */
export const runSlowFault = (
  seed: number,
  scenario: FaultScenario,
  alertnames: readonly string[],
): SlowFaultRun => {
  const sim = createSimulator({ seed, faultGeneration: false, noisePerHour: 0 });
  const detector = new RiskDetector(thresholdsFromRules(THRESHOLDS));
  feed(sim, detector, 180, () => {});
  const service = sim.topology.services.find((s) => sim.scenariosFor(s.id).includes(scenario));
  if (!service) throw new Error(`no service takes ${scenario}`);
  const metric = scenario === 'memory_leak' ? 'memory' : 'disk';
  const fault = sim.injectFault(scenario, service.id);
  const run: SlowFaultRun = {
    service: service.id,
    faultStartMs: Date.parse(fault.startedAt),
    firstRisk: null,
    firstRiskMs: Number.NaN,
    alertMs: Number.NaN,
  };
  for (let i = 0; i < 60 && Number.isNaN(run.alertMs); i++) {
    feed(
      sim,
      detector,
      1,
      (r, ms) => {
        if (run.firstRisk || r.service !== service.id || r.metric !== metric) return;
        run.firstRisk = r;
        run.firstRiskMs = ms;
      },
      (s, name, ms) => {
        if (s === service.id && alertnames.includes(name) && Number.isNaN(run.alertMs))
          run.alertMs = ms;
      },
    );
  }
  return run;
};
