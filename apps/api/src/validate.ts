import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError, validationError } from './errors.ts';
import type { AppEnv } from './types.ts';

/** zod at the edge: a failed parse becomes a 400 naming the field. */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error, target);
  });

/** A JSON body that may be left out entirely (treated as `{}`), validated like any other. */
export const optionalJson = <Schema extends z.ZodType>(
  schema: Schema,
): MiddlewareHandler<
  AppEnv,
  string,
  { in: { json: z.input<Schema> }; out: { json: z.output<Schema> } }
> =>
  async function optionalJsonBody(c, next) {
    const text = await c.req.text();
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError(400, 'invalid_json', 'Body is not valid JSON');
      }
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error, 'json');
    c.req.addValidatedData('json', parsed.data as object);
    await next();
  };
