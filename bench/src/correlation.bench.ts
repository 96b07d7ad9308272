import { AlertCorrelator, baselineGroups, pairwiseScores } from '@watchfloor/agents';
import { flatness, storm, throughput } from './correlation-load.ts';
import { prng, type Storm, simulateLive, simulateStorm } from './storms.ts';

/**
 * Correlation quality over seeded storm scenarios, against an Alertmanager-style baseline
 * (alertname + service within 5 minutes), then throughput and memory over 10,000 alerts: a
 * live stream that resolves and forgets, and a storm that never resolves, so all 10,000 fire
 * at the end (see correlation-load.ts).
 *
 * Scenarios: fault generation off; 2-5 faults of random applicable scenarios injected on
 * random distinct services at random minutes 2-20 (so they overlap), over the simulator's
 * default noise (12 noise alerts an hour: flapping series and blips); 45 virtual minutes on
 * estates of 36, 60, 120 and 250 services. Alert rules fire per host. The correlator's
 * weights were tuned on seeds 1000-1023; seeds 2000-2023 were held out and are reported
 * separately, the targets judged on all 48.
 *
 * Live: the estate as the engine runs it by default: the simulator's own fault generator on
 * (a new fault every 30-60 virtual seconds, each lasting 3-8 minutes, so about 7 at once on
 * 36 services) and its default noise, 2 virtual hours per seed. Alerts are correlated online
 * in the engine's order (fire, resolve, forget every 5 virtual minutes); truth is the engine
 * live score's (the fault behind an alert, else `noise:<fingerprint>`). Seeds 1-5 were
 * looked at while improving the correlator, seeds 101-105 were held out.
 */
const SCENARIOS = 24;
const TUNING_SEEDS = 1000;
const HELD_OUT_SEEDS = 2000;
const ESTATES = [36, 60, 120, 250] as const;
const LIVE_TUNING_SEEDS = [1, 2, 3, 4, 5] as const;
const LIVE_HELD_OUT_SEEDS = [101, 102, 103, 104, 105] as const;
const LIVE_MINUTES = 120;
const LIVE_SERVICES = 36;
/** As the engine's desk: clusters whose alerts all resolved over 30 minutes ago are forgotten. */
const FORGET_AFTER_MS = 30 * 60_000;

interface Result {
  clusters: string[][];
  /** Suspected root service per cluster, same order. */
  roots: string[];
}

function correlate(storm: Storm): Result {
  const correlator = new AlertCorrelator({ topology: storm.topology });
  const placedIn = new Map<string, string>();
  const mergedInto = new Map<string, string>();
  const find = (key: string): string => {
    let k = key;
    for (let next = mergedInto.get(k); next !== undefined; next = mergedInto.get(k)) k = next;
    return k;
  };
  for (const item of storm.feed) {
    if (item.kind === 'resolve') {
      correlator.resolve(item.id, item.at);
      continue;
    }
    const placement = correlator.add(item.alert);
    placedIn.set(item.alert.id, placement.incidentKey);
    for (const key of placement.mergedKeys) mergedInto.set(key, placement.incidentKey);
  }
  const clusters = new Map<string, string[]>();
  for (const [id, key] of placedIn) {
    const final = find(key);
    clusters.set(final, [...(clusters.get(final) ?? []), id]);
  }
  return {
    clusters: [...clusters.values()],
    roots: [...clusters.keys()].map((key) => correlator.assess(key).suspectedRoot.service),
  };
}

function baseline(storm: Storm): Result {
  const clusters = baselineGroups(storm.alerts);
  const serviceOf = new Map(storm.alerts.map((a) => [a.id, a.labels.service ?? '']));
  return { clusters, roots: clusters.map((c) => serviceOf.get(c[0] ?? '') ?? '') };
}

interface Tally {
  predicted: string[][];
  truth: string[][];
  alerts: number;
  rootHits: number;
  rootCases: number;
  f1s: number[];
}

const emptyTally = (): Tally => ({
  predicted: [],
  truth: [],
  alerts: 0,
  rootHits: 0,
  rootCases: 0,
  f1s: [],
});

function score(tally: Tally, storm: Storm, result: Result): void {
  const tag = (ids: readonly string[]) => ids.map((id) => `${storm.seed}/${id}`);
  tally.predicted.push(...result.clusters.map(tag));
  tally.truth.push(...storm.truth.map(tag));
  tally.alerts += storm.alerts.length;
  tally.f1s.push(pairwiseScores(result.clusters, storm.truth).f1);
  const rootOf = new Map(storm.faults.map((f) => [f.id, f.rootService]));
  result.clusters.forEach((cluster, i) => {
    const counts = new Map<string, number>();
    for (const id of cluster) {
      const fault = storm.faultOf.get(id);
      if (fault) counts.set(fault, (counts.get(fault) ?? 0) + 1);
    }
    for (const [fault, n] of counts) {
      if (n * 2 <= cluster.length) continue;
      tally.rootCases++;
      if (result.roots[i] === rootOf.get(fault)) tally.rootHits++;
    }
  });
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function summary(tally: Tally) {
  const pooled = pairwiseScores(tally.predicted, tally.truth);
  return {
    precision: round(pooled.precision),
    recall: round(pooled.recall),
    f1: round(pooled.f1),
    f1MeanPerScenario: round(tally.f1s.reduce((a, b) => a + b, 0) / tally.f1s.length),
    f1WorstScenario: round(Math.min(...tally.f1s)),
    alerts: tally.alerts,
    incidents: tally.predicted.length,
    noiseReduction: round(1 - tally.predicted.length / tally.alerts),
    rootTop1: round(tally.rootCases === 0 ? 0 : tally.rootHits / tally.rootCases),
    rootClusters: tally.rootCases,
  };
}

function run(firstSeed: number, ours: Tally, theirs: Tally) {
  const mine = emptyTally();
  let faults = 0;
  for (let i = 0; i < SCENARIOS; i++) {
    const seed = firstSeed + i;
    const random = prng(seed);
    const storm = simulateStorm({
      seed,
      services: ESTATES[i % ESTATES.length] ?? 36,
      faults: 2 + Math.floor(random() * 4),
      firstMinute: 2,
      lastMinute: 20,
      minutes: 45,
    });
    faults += storm.faults.length;
    const result = correlate(storm);
    score(ours, storm, result);
    score(mine, storm, result);
    score(theirs, storm, baseline(storm));
  }
  const { f1, f1WorstScenario, noiseReduction, rootTop1 } = summary(mine);
  return {
    seeds: `${firstSeed}-${firstSeed + SCENARIOS - 1}`,
    faults,
    f1,
    f1WorstScenario,
    noiseReduction,
    rootTop1,
  };
}

function quality() {
  const ours = emptyTally();
  const theirs = emptyTally();
  const tuning = run(TUNING_SEEDS, ours, theirs);
  const heldOut = run(HELD_OUT_SEEDS, ours, theirs);
  return {
    scenarios: SCENARIOS * 2,
    faults: tuning.faults + heldOut.faults,
    truthClusters: ours.truth.length,
    alertops: summary(ours),
    baseline: summary(theirs),
    alertopsBySet: { tuning, heldOut },
  };
}

interface LiveResult extends Result {
  /** The incidents the engine's desk would show: a cluster reopened after all its alerts resolved is a new incident. */
  incidents: string[][];
}

/**
 * Online as the engine does it: fire and resolve in simulator order, forget every 5 virtual
 * minutes. Besides the correlator's clusters, the desk's view: an incident resolves once none
 * of its alerts fires, and a later alert placed in its cluster opens a fresh incident.
 */
function correlateLive(storm: Storm): LiveResult {
  const correlator = new AlertCorrelator({ topology: storm.topology });
  const placedIn = new Map<string, string>();
  const mergedInto = new Map<string, string>();
  const find = (map: Map<string, string>, key: string): string => {
    let k = key;
    for (let next = map.get(k); next !== undefined; next = map.get(k)) k = next;
    return k;
  };
  const incidentOfKey = new Map<string, string>();
  const firing = new Map<string, Set<string>>();
  const incidentOf = new Map<string, string>();
  const incidentMergedInto = new Map<string, string>();
  const rootOf = new Map<string, string>();
  let lastForget = 0;
  for (const item of storm.feed) {
    if (item.kind === 'resolve') {
      correlator.resolve(item.id, item.at);
      const incident = incidentOf.get(item.id);
      if (incident !== undefined) firing.get(find(incidentMergedInto, incident))?.delete(item.id);
      continue;
    }
    const placement = correlator.add(item.alert);
    placedIn.set(item.alert.id, placement.incidentKey);
    for (const key of placement.mergedKeys) mergedInto.set(key, placement.incidentKey);
    // As the engine does, assess the incident on every alert; its last root is what operators see.
    rootOf.set(
      placement.incidentKey,
      correlator.assess(placement.incidentKey).suspectedRoot.service,
    );
    let incident = incidentOfKey.get(placement.incidentKey);
    if (incident === undefined || (firing.get(incident)?.size ?? 0) === 0) {
      incident = item.alert.id;
      incidentOfKey.set(placement.incidentKey, incident);
      firing.set(incident, new Set());
    }
    const live = firing.get(incident) ?? new Set<string>();
    for (const key of placement.mergedKeys) {
      const other = incidentOfKey.get(key);
      incidentOfKey.delete(key);
      const ids = other === undefined ? undefined : firing.get(other);
      if (other === undefined || other === incident || !ids || ids.size === 0) continue;
      for (const id of ids) live.add(id);
      firing.delete(other);
      incidentMergedInto.set(other, incident);
    }
    live.add(item.alert.id);
    incidentOf.set(item.alert.id, incident);
    const at = Date.parse(item.alert.startsAt);
    if (at - lastForget >= 5 * 60_000) {
      lastForget = at;
      const before = new Date(at - FORGET_AFTER_MS).toISOString();
      for (const key of correlator.forget(before)) incidentOfKey.delete(key);
    }
  }
  const group = (of: Map<string, string>, final: (key: string) => string) => {
    const groups = new Map<string, string[]>();
    for (const [id, key] of of) {
      const k = final(key);
      groups.set(k, [...(groups.get(k) ?? []), id]);
    }
    return groups;
  };
  const clusters = group(placedIn, (key) => find(mergedInto, key));
  const incidents = group(incidentOf, (key) => find(incidentMergedInto, key));
  const roots = [...clusters.keys()].map((key) => rootOf.get(key) ?? '');
  return { clusters: [...clusters.values()], roots, incidents: [...incidents.values()] };
}

function live() {
  const ours = emptyTally();
  const desk = emptyTally();
  const theirs = emptyTally();
  let faults = 0;
  const bySet = (seeds: readonly number[]) => {
    const mine = emptyTally();
    for (const seed of seeds) {
      const storm = simulateLive({ seed, services: LIVE_SERVICES, minutes: LIVE_MINUTES });
      faults += storm.faults.length;
      const result = correlateLive(storm);
      score(ours, storm, result);
      score(mine, storm, result);
      score(desk, storm, { clusters: result.incidents, roots: [] });
      score(theirs, storm, baseline(storm));
    }
    const { f1, precision, recall, f1WorstScenario } = summary(mine);
    return { seeds: seeds.join(','), precision, recall, f1, f1WorstSeed: f1WorstScenario };
  };
  const tuning = bySet(LIVE_TUNING_SEEDS);
  const heldOut = bySet(LIVE_HELD_OUT_SEEDS);
  const { f1MeanPerScenario, f1WorstScenario, ...alertops } = summary(ours);
  const deskView = summary(desk);
  const base = summary(theirs);
  return {
    seeds: LIVE_TUNING_SEEDS.length + LIVE_HELD_OUT_SEEDS.length,
    services: LIVE_SERVICES,
    virtualMinutesPerSeed: LIVE_MINUTES,
    faults,
    alertops: { ...alertops, f1MeanPerSeed: f1MeanPerScenario, f1WorstSeed: f1WorstScenario },
    engineDesk: {
      precision: deskView.precision,
      recall: deskView.recall,
      f1: deskView.f1,
      incidents: deskView.incidents,
      noiseReduction: deskView.noiseReduction,
      note: 'incidents as the engine desk shows them: a cluster whose alerts all resolved reopens as a new incident',
    },
    baseline: {
      precision: base.precision,
      recall: base.recall,
      f1: base.f1,
      noiseReduction: base.noiseReduction,
    },
    alertopsBySet: { tuning, heldOut },
  };
}

const q = quality();
const l = live();
const t = throughput();
const st = storm();
const target = (value: number, goal: number) => ({ value, target: goal, met: value >= goal });
process.stdout.write(
  `${JSON.stringify({
    ...q,
    live: l,
    throughput: t,
    storm: st,
    targets: {
      f1: target(q.alertops.f1, 0.95),
      noiseReduction: target(q.alertops.noiseReduction, 0.9),
      rootTop1: target(q.alertops.rootTop1, 0.8),
      f1OverBaseline: target(round(q.alertops.f1 - q.baseline.f1), 0.2),
      liveF1: target(l.alertops.f1, 0.8),
      throughput: target(t.alertsPerSecond, 2000),
      stormThroughput: target(st.alertsPerSecond, 2000),
      // Correlation must not slow as firing alerts pile up: the last 2,000 at least half as fast as the first.
      stormFlat: target(round(flatness(st.alertsPerSecondBy2000), 2), 0.5),
    },
  })}\n`,
);
