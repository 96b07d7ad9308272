import { z } from 'zod';
import type { IncidentFacts } from './facts.ts';

export interface RecommendedAction {
  /** Always one of the facts' `runbookCatalog`. */
  kind: string;
  service: string;
  why: string;
}

export interface Narrative {
  source: 'template' | 'bedrock';
  summary: string;
  rootCause: string;
  recommendedActions: RecommendedAction[];
}

/** The only values a field may take, or a schema that refuses everything when there are none. */
const oneOf = (values: readonly string[]) =>
  values.length > 0 ? z.enum(values) : z.never({ message: 'nothing is allowed here' });

/**
 * What a model must answer for these facts: action kinds from the runbook catalog and
 * services of the incident only, so a model cannot invent either.
 */
export const modelReplySchema = (facts: IncidentFacts) =>
  z.object({
    summary: z.string().trim().min(1).max(2000),
    rootCause: z.string().trim().min(1).max(2000),
    recommendedActions: z
      .array(
        z.object({
          kind: oneOf(facts.runbookCatalog),
          service: oneOf(facts.services),
          why: z.string().trim().min(1).max(500),
        }),
      )
      .max(10),
  });
