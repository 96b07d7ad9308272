import type { IncidentFacts } from './facts.ts';
import { modelReplySchema, type Narrative } from './narrative.ts';

export type ReplyProblem = 'empty_reply' | 'malformed_json' | 'invalid_reply';

/** The model answered, but not with something we may show. Not worth a retry. */
export class ReplyError extends Error {
  override readonly name = 'ReplyError';
  constructor(
    readonly code: ReplyProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Models sometimes wrap JSON in a code fence despite being told not to; accept that much. */
const unfence = (text: string): string => {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(text.trim());
  return fenced?.[1] ?? text.trim();
};

/**
 * Parses and validates a model's text against the facts: action kinds from the catalog and
 * services of the incident only. Throws a `ReplyError` otherwise.
 */
export function parseReply(text: string, facts: IncidentFacts): Narrative {
  const body = unfence(text);
  if (body.length === 0) throw new ReplyError('empty_reply', 'the model returned no text');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ReplyError('malformed_json', `the model's reply is not JSON: ${detail}`);
  }
  const parsed = modelReplySchema(facts).safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ReplyError('invalid_reply', `the model's reply was refused: ${issues.join('; ')}`);
  }
  return { source: 'bedrock', ...parsed.data };
}
