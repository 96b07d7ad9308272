import { FitInput, type FitResult, MetricName } from '@watchfloor/domain';
import { ForecastInputError, fitHolt } from '@watchfloor/forecast';
import { Hono } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import { paginateByPosition } from '../paginate.ts';
import { ForecastListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';
import { cachedReads } from './cached-read.ts';

/** Holt fitting as a service: given parameters are held fixed, the rest are fitted. */
export function fit(input: FitInput): FitResult {
  try {
    const result = fitHolt(input.series, {
      horizon: input.horizon,
      ...(input.damped !== undefined ? { damped: input.damped } : {}),
      ...(input.alpha !== undefined ? { alpha: input.alpha } : {}),
      ...(input.beta !== undefined ? { beta: input.beta } : {}),
      ...(input.phi !== undefined ? { phi: input.phi } : {}),
    });
    const { alpha, beta, phi, level0, trend0, sse, fitted, forecast, lower, upper } = result;
    return {
      alpha,
      beta,
      ...(phi !== undefined ? { phi } : {}),
      level0,
      trend0,
      sse,
      fitted,
      forecast,
      lower,
      upper,
    };
  } catch (error) {
    if (error instanceof ForecastInputError) {
      throw new ApiError(400, 'validation_failed', `${error.field}: ${error.message}`, {
        field: error.field,
      });
    }
    throw error;
  }
}

/** Live risks sent with each page: the soonest crossings (the rest are counted). */
export const MAX_RISKS = 50;

/**
 * PredictiveOps' view: per service/metric, fitted Holt parameters, a 24 h forecast with its
 * interval, the anomaly score and the predicted threshold crossing; plus the live risks.
 * Series with too little history yet (fewer than 4 five-minute buckets) are left out.
 */
export const forecastsRoutes = (deps: AppDeps) => {
  const { engine } = deps;
  const send = cachedReads(deps);
  return new Hono<AppEnv>()
    .get('/', validate('query', ForecastListQuery), (c) =>
      send(c, JSON.stringify(c.req.valid('query')), () =>
        forecastPage(engine, c.req.valid('query')),
      ),
    )
    .post('/fit', validate('json', FitInput), (c) => c.json(fit(c.req.valid('json'))));
};

/** One page of forecasts (fitted on demand, cached by PredictiveOps) and the soonest risks. */
function forecastPage(
  engine: AppDeps['engine'],
  { service, metric, ...page }: z.output<typeof ForecastListQuery>,
) {
  const series = engine.forecastSeries();
  const keyOf = (s: { service: string; metric: string }) => `${s.service}|${s.metric}`;
  const slice = paginateByPosition(series, page, {
    keyOf,
    positionOf: (key) => {
      const cut = key.lastIndexOf('|');
      const metric = MetricName.safeParse(key.slice(cut + 1));
      return metric.success
        ? engine.forecastSeriesPosition(key.slice(0, cut), metric.data)
        : undefined;
    },
    matches: (s) => (!service || s.service === service) && (!metric || s.metric === metric),
  });
  const items = slice.items.flatMap((s) => engine.forecast(s.service, s.metric) ?? []);
  const risks = engine.predictedRisks();
  return {
    items,
    nextCursor: slice.nextCursor,
    risks: [...risks].sort((a, b) => a.inSeconds - b.inSeconds).slice(0, MAX_RISKS),
    riskCount: risks.length,
  };
}
