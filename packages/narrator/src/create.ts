import { BedrockNarrator, type BedrockNarratorOptions } from './bedrock.ts';
import type { Narrator } from './narrator.ts';
import { TemplateNarrator } from './template.ts';

/** A narrator setting that cannot work; raised at start-up rather than at the first incident. */
export class NarratorConfigError extends Error {
  override readonly name = 'NarratorConfigError';
}

export type NarratorConfig = { kind: 'template' | 'bedrock' } & Partial<BedrockNarratorOptions>;

/**
 * The narrator WATCHFLOOR_NARRATOR asks for.
 * @example createNarrator({ kind: 'bedrock', modelId: env.BEDROCK_MODEL_ID, region: env.AWS_REGION })
 */
export function createNarrator(config: NarratorConfig): Narrator {
  if (config.kind === 'template') return new TemplateNarrator();
  const modelId = config.modelId?.trim();
  if (!modelId) {
    throw new NarratorConfigError(
      'The bedrock narrator needs a model id: set BEDROCK_MODEL_ID (e.g. a Bedrock model or ' +
        'inference profile id), or use WATCHFLOOR_NARRATOR=template.',
    );
  }
  if (config.timeoutMs !== undefined && !(config.timeoutMs > 0)) {
    throw new NarratorConfigError(
      `The narrator timeout must be positive, got ${config.timeoutMs}.`,
    );
  }
  return new BedrockNarrator({ ...config, modelId });
}
