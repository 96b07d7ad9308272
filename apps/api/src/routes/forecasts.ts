import { FitInput, type FitResult } from '@watchfloor/domain';
import { ForecastInputError, fitHolt } from '@watchfloor/forecast';
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
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

export const forecastsRoutes = (_deps: AppDeps) =>
  new Hono<AppEnv>().post('/fit', validate('json', FitInput), (c) =>
    c.json(fit(c.req.valid('json'))),
  );
