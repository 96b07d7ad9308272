import { FitInput, type FitResult } from '@watchfloor/domain';
import { ForecastInputError, fitHolt } from '@watchfloor/forecast';
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import { paginate } from '../paginate.ts';
import { ForecastListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';

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

/**
 * PredictiveOps' view: per service/metric, fitted Holt parameters, a 24 h forecast with its
 * interval, the anomaly score and the predicted threshold crossing; plus the live risks.
 * Series with too little history yet (fewer than 4 five-minute buckets) are left out.
 */
export const forecastsRoutes = ({ engine }: AppDeps) =>
  new Hono<AppEnv>()
    .get('/', validate('query', ForecastListQuery), (c) => {
      const { service, metric, ...page } = c.req.valid('query');
      const series = engine
        .forecastSeries()
        .filter((s) => (!service || s.service === service) && (!metric || s.metric === metric))
        .map((s) => ({ key: `${s.service}|${s.metric}`, ...s }));
      const slice = paginate(series, page, (s) => s.key);
      const items = slice.items.flatMap((s) => engine.forecast(s.service, s.metric) ?? []);
      return c.json({ items, nextCursor: slice.nextCursor, risks: engine.predictedRisks() });
    })
    .post('/fit', validate('json', FitInput), (c) => c.json(fit(c.req.valid('json'))));
