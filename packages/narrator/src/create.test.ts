import { describe, expect, it } from 'vitest';
import { BedrockNarrator } from './bedrock.ts';
import { createNarrator, NarratorConfigError } from './create.ts';
import { TemplateNarrator } from './template.ts';

describe('createNarrator', () => {
  it('makes the template narrator', () => {
    expect(createNarrator({ kind: 'template' })).toBeInstanceOf(TemplateNarrator);
  });

  it('makes the Bedrock narrator from a model id and region', () => {
    const narrator = createNarrator({
      kind: 'bedrock',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      region: 'us-east-1',
    });
    expect(narrator).toBeInstanceOf(BedrockNarrator);
  });

  it('refuses the Bedrock narrator without a model id, naming the variable to set', () => {
    expect(() => createNarrator({ kind: 'bedrock', modelId: ' ' })).toThrow(NarratorConfigError);
    expect(() => createNarrator({ kind: 'bedrock' })).toThrow(/BEDROCK_MODEL_ID/);
  });

  it('refuses a timeout that is not positive', () => {
    expect(() => createNarrator({ kind: 'bedrock', modelId: 'm', timeoutMs: 0 })).toThrow(
      NarratorConfigError,
    );
  });
});
