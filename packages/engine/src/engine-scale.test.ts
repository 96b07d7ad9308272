import { REFIT_COST } from '@watchfloor/agents';
import { createMemoryRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { engineActor } from './errors.ts';
import { FORECAST_REFIT_BUDGET } from './predictive.ts';

const start = new Date('2026-01-05T09:00:00.000Z');
const clock = { now: () => 0 };

describe('engine at scale', () => {
  it('runs the estate size it is given', async () => {
    const repo = createMemoryRepository();
    const engine = new Engine({ repo, seed: 3, start, clock, simulator: { services: 120 } });
    expect(engine.topology.services).toHaveLength(120);
    expect(() => new Engine({ repo, seed: 3, start, clock, simulator: { services: 5 } })).toThrow(
      RangeError,
    );
  });

  it('refits forecast models a few series per tick until every series has one', async () => {
    const engine = new Engine({ repo: createMemoryRepository(), seed: 12, start, clock });
    await engine.init();
    await engine.advance(4 * 30); // four 5-minute buckets: the least a forecast is fitted on
    const { series } = engine.forecastStats();
    expect(series).toBe(36 * 6);
    // Every first fit searches from scratch, the dearest kind.
    const rounds = Math.ceil((series * REFIT_COST.cold) / FORECAST_REFIT_BUDGET);
    let before = engine.forecastStats().spent;
    for (let tick = 0; tick < rounds; tick++) {
      await engine.advance(1);
      const { spent } = engine.forecastStats();
      expect(spent - before).toBeLessThanOrEqual(FORECAST_REFIT_BUDGET);
      before = spent;
    }
    expect(engine.forecastStats().fitted).toBe(series);
    const forecast = engine.forecast('orders-db', 'memory');
    expect(forecast?.actual.length).toBeGreaterThanOrEqual(4);
    engine.forecastSeries().forEach(({ service, metric }, i) => {
      expect(engine.forecastSeriesPosition(service, metric)).toBe(i);
    });
    expect(engine.forecastSeriesPosition('no-such-service', 'memory')).toBeUndefined();
  });

  it('lets a change in while the loop works through a backlog of ticks', async () => {
    let wall = 0;
    // Every reading of this clock moves 30 ms: each slice of the loop runs one tick.
    const engine = new Engine({
      repo: createMemoryRepository(),
      seed: 4,
      start,
      clock: { now: () => (wall += 30) },
      speed: 3600,
    });
    await engine.init();
    await engine.setRunning(true, engineActor);
    engine.startTimer();
    wall += 60_000; // a minute of wall time at 3600x: the first loop owes more than its 120 steps
    const turn = () => new Promise((r) => setImmediate(r));
    while (engine.state().ticks === 0) await turn();
    await engine.recordAudit(engineActor, 'test.change', 'loop');
    // The change went through between slices, long before the loop's 120 steps were done.
    expect(engine.state().ticks).toBeLessThan(60);
    while (engine.state().ticks < 120) await turn();
    await engine.setRunning(false, engineActor);
    await engine.close();
  });
});
