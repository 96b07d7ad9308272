import { describe, expect, it } from 'vitest';
import { toAlertNode } from './alert-node.ts';
import { DependencyIndex } from './dependency-index.ts';
import { FALLBACK_WEIGHT, linkBetween, sameServiceWeight } from './links.ts';
import { DEFAULT_TUNING } from './options.ts';
import { type AlertSpec, alert, at, estate } from './test-estate.ts';

const deps = new DependencyIndex(estate, 3);
let seq = 0;
/** An alert node; `ended` is seconds after the reference instant, or still firing. */
const node = (spec: Omit<AlertSpec, 'id'>, ended?: number) => ({
  ...toAlertNode(alert({ ...spec, id: `n${seq}` }), deps, seq++),
  endedAt: ended === undefined ? null : Date.parse(at(ended)),
});
const link = (a: ReturnType<typeof node>, b: ReturnType<typeof node>) => {
  const forward = linkBetween(a, b, deps, DEFAULT_TUNING);
  expect(linkBetween(b, a, deps, DEFAULT_TUNING)).toEqual(forward);
  return forward;
};

describe('linkBetween', () => {
  const db = node({ alertname: 'DatabaseConnectionsSaturated', service: 'orders-db', start: 0 });

  it('links a caller that starts timing out after its callee saturates, blaming the callee', () => {
    const caller = node({ alertname: 'UpstreamTimeout', service: 'orders', start: 40 });
    expect(link(caller, db)).toMatchObject({ kind: 'cascade', cause: db.id });
    expect(link(caller, db).weight).toBeGreaterThan(0.95);
  });

  it('weakens with every hop and with the delay', () => {
    const near = node({ alertname: 'HighErrorRate', service: 'orders', start: 60 });
    const far = node({ alertname: 'HighErrorRate', service: 'checkout-api', start: 60 });
    const late = node({ alertname: 'HighErrorRate', service: 'orders', start: 280 });
    expect(link(far, db).weight).toBeLessThan(link(near, db).weight);
    expect(link(late, db).weight).toBeLessThan(link(near, db).weight);
  });

  it('does not blame a callee that started failing well after its caller', () => {
    const caller = node({ alertname: 'HighLatencyP95', service: 'orders', start: -300 });
    expect(link(caller, db).weight).toBe(0);
  });

  it('does not blame a callee for a caller’s own resource trouble', () => {
    const leak = node({ alertname: 'MemoryPressure', service: 'orders', start: 30 });
    expect(link(leak, db).weight).toBe(0);
  });

  it('follows the dependency a timeout names', () => {
    const named = node({
      alertname: 'UpstreamTimeout',
      service: 'checkout-api',
      start: 30,
      summary: 'checkout-api sees timeouts calling payments',
    });
    expect(named.upstream).toBe('payments');
    expect(link(named, db).weight).toBeLessThan(DEFAULT_TUNING.threshold);
  });

  it('never links services with no dependency path within three hops', () => {
    const reports = node({ alertname: 'HighErrorRate', service: 'reports-api', start: 10 });
    expect(link(reports, db).weight).toBe(0);
  });

  it('links repeats of a fingerprint only while the last episode is recent', () => {
    const first = node({ alertname: 'HealthCheckFlapping', service: 'orders', start: 0 }, 20);
    const soon = node({ alertname: 'HealthCheckFlapping', service: 'orders', start: 60 });
    const much = node({ alertname: 'HealthCheckFlapping', service: 'orders', start: 3600 });
    expect(link(first, soon)).toMatchObject({ kind: 'repeat', weight: 0.95 });
    expect(link(first, much).weight).toBe(0);
  });

  it('keeps instance noise away from everything but its own check', () => {
    const flap = node({ alertname: 'HealthCheckFlapping', service: 'orders', start: 10 });
    const errors = node({ alertname: 'HighErrorRate', service: 'orders', start: 10 });
    expect(link(flap, errors).weight).toBe(0);
    expect(link(flap, db).weight).toBe(0);
  });

  it('links symptoms on one service that start together, but not a later fault of its own', () => {
    const latency = node({ alertname: 'HighLatencyP95', service: 'orders', start: 0, host: 'a' });
    const errors = node({ alertname: 'HighErrorRate', service: 'orders', start: 60, host: 'b' });
    const deploy = node({ alertname: 'DeploymentRegression', service: 'orders', start: 600 });
    expect(link(latency, errors).kind).toBe('same-service');
    expect(link(latency, errors).weight).toBeGreaterThanOrEqual(0.9);
    expect(link(latency, deploy).weight).toBe(0);
  });

  it('links callers that name the same failing dependency, which may itself stay silent', () => {
    const a = node({
      alertname: 'CrossRegionUnreachable',
      service: 'checkout-api',
      start: 0,
      summary: 'checkout-api cannot reach payments across regions',
    });
    const b = node({
      alertname: 'CrossRegionUnreachable',
      service: 'search-api',
      start: 30,
      summary: 'search-api cannot reach payments across regions',
    });
    expect(link(a, b)).toMatchObject({ kind: 'sibling', weight: 0.8 });
  });

  it('trusts symptoms on one service less the later they start', () => {
    const w = (seconds: number) => sameServiceWeight(seconds * 1000, DEFAULT_TUNING);
    expect(w(20)).toBeGreaterThan(w(50));
    expect(w(50)).toBeGreaterThan(w(100));
    expect(w(100)).toBeGreaterThanOrEqual(DEFAULT_TUNING.threshold);
    expect(w(200)).toBe(0);
  });

  it('takes a re-fire long after its last episode, or a late symptom, as a fallback only', () => {
    const first = node({ alertname: 'HighErrorRate', service: 'orders', start: 0 }, 30);
    const flap = node({ alertname: 'HighErrorRate', service: 'orders', start: 60 });
    const later = node({ alertname: 'HighErrorRate', service: 'orders', start: 400 });
    expect(link(first, flap).weight).toBe(0.95);
    expect(link(first, later)).toMatchObject({ kind: 'repeat', weight: FALLBACK_WEIGHT });
    const firing = node({ alertname: 'HighLatencyP95', service: 'payments', start: 0 });
    const late = node({ alertname: 'HighErrorRate', service: 'payments', start: 400 });
    expect(link(firing, late)).toMatchObject({ kind: 'same-service', weight: FALLBACK_WEIGHT });
  });

  it('gives a cascade full weight within about a minute per hop, then lets it fade', () => {
    const caller = (start: number) =>
      node({ alertname: 'HighErrorRate', service: 'orders', start });
    expect(link(caller(100), db).weight).toBe(link(caller(10), db).weight);
    expect(link(caller(200), db).weight).toBeLessThan(link(caller(100), db).weight);
    expect(link(caller(290), db).weight).toBeLessThan(DEFAULT_TUNING.threshold);
    // Three unnamed hops alone are too weak a tie in a busy estate.
    const edge = node({ alertname: 'HighErrorRate', service: 'web-gateway', start: 60 });
    expect(link(edge, db).weight).toBeLessThan(DEFAULT_TUNING.threshold);
  });
});
