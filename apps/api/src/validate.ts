import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError, validationError } from './errors.ts';
import type { AppEnv } from './types.ts';

/** Distinct query strings remembered per route; pollers repeat a handful. */
const QUERY_MEMO = 256;

/**
 * zod at the edge: a failed parse becomes a 400 naming the field. A query string's parse is
 * remembered (it depends on nothing else), so a polled list is not re-parsed on every request.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) => {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error, target);
  });
  if (target !== 'query') return validator;
  const memo = new Map<string, object>();
  const remembering: MiddlewareHandler = async function validateQuery(c, next) {
    const url = c.req.url;
    const at = url.indexOf('?');
    const key = at === -1 ? '' : url.slice(at + 1);
    const known = memo.get(key);
    if (known) {
      c.req.addValidatedData('query', known);
      return next();
    }
    return validator(c, async () => {
      // Frozen: every later request with this query string shares the object.
      const parsed = Object.freeze(c.req.valid('query' as never) as object);
      if (memo.size >= QUERY_MEMO) memo.delete(memo.keys().next().value ?? '');
      memo.set(key, parsed);
      await next();
    });
  };
  return remembering as typeof validator;
};

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
