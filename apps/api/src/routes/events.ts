import { analyzeEvent, missingFields } from '@watchfloor/agents';
import { EventInput, ValidatePayloadInput } from '@watchfloor/domain';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';

/**
 * Event triage for any system's events: rules classify them (category, severity, priority,
 * recommended action, reasons); `validate` checks a payload for required dotted fields.
 *
 * @example POST /api/events/analyze {"source":"waf","message":"Possible SQL injection","status":403}
 *   -> {"category":"security_issue","severity":"high","priority":1,...}
 * @example POST /api/events/validate {"payload":{"user":{"id":1}},"requiredFields":["user.id","user.email"]}
 *   -> {"valid":false,"missingFields":["user.email"]}
 */
export const eventsRoutes = (_deps: AppDeps) =>
  new Hono<AppEnv>()
    .post('/analyze', validate('json', EventInput), (c) =>
      c.json(analyzeEvent(c.req.valid('json'))),
    )
    .post('/validate', validate('json', ValidatePayloadInput), (c) => {
      const { payload, requiredFields } = c.req.valid('json');
      const missing = missingFields(payload, requiredFields);
      return c.json({ valid: missing.length === 0, missingFields: missing });
    });
