import { describe, expect, it } from 'vitest';
import { dbSaturation } from './fixtures.ts';
import type { Narrative } from './narrative.ts';
import type { NarrateOptions, Narrator } from './narrator.ts';
import { narrateTemplate } from './template.ts';
import { narrateWithin } from './within.ts';

const modelNarrative: Narrative = {
  source: 'bedrock',
  summary: 'Checkout is failing.',
  rootCause: 'orders-db.',
  recommendedActions: [],
};

/** Answers after `ms`, and remembers the signal it was given. */
const slowNarrator = (ms: number) => {
  const seen: { signal: AbortSignal | undefined } = { signal: undefined };
  const narrator: Narrator = {
    narrate: (_facts, options: NarrateOptions = {}) => {
      seen.signal = options.signal;
      return new Promise((resolve) => setTimeout(() => resolve(modelNarrative), ms));
    },
  };
  return { narrator, seen };
};

describe('narrateWithin', () => {
  it('uses the narrator when it answers within the budget', async () => {
    const { narrator } = slowNarrator(5);
    expect(await narrateWithin(narrator, dbSaturation, 200)).toEqual(modelNarrative);
  });

  it('answers with the template at the budget, and hands the late answer to onLate', async () => {
    const { narrator } = slowNarrator(120);
    const late: Narrative[] = [];
    const started = Date.now();
    const narrative = await narrateWithin(narrator, dbSaturation, 30, {
      onLate: (n) => late.push(n),
    });
    expect(narrative).toEqual(narrateTemplate(dbSaturation));
    expect(Date.now() - started).toBeLessThan(100);
    expect(late).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(late).toEqual([modelNarrative]);
  });

  it('cancels the narration at the budget when nobody wants the late answer', async () => {
    const { narrator, seen } = slowNarrator(100);
    await narrateWithin(narrator, dbSaturation, 10);
    expect(seen.signal?.aborted).toBe(true);
  });

  it('answers with the template when the narrator breaks its promise and rejects', async () => {
    const broken: Narrator = { narrate: () => Promise.reject(new Error('bug')) };
    expect(await narrateWithin(broken, dbSaturation, 100)).toEqual(narrateTemplate(dbSaturation));
  });
});
