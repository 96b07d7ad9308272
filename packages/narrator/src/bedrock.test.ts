import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BedrockNarrator, type BedrockNarratorOptions } from './bedrock.ts';
import {
  converseError,
  converseOk,
  type FakeConverse,
  startFakeConverse,
} from './fake-converse.ts';
import type { FallbackReason } from './fallback.ts';
import { dbSaturation } from './fixtures.ts';
import { narrateTemplate } from './template.ts';

const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';

const goodReply = JSON.stringify({
  summary: 'Checkout is failing because orders-db ran out of connections at 10:02.',
  rootCause: 'orders-db connection pool saturation (82% confidence).',
  recommendedActions: [{ kind: 'scale_out', service: 'orders-db', why: 'relieve the pool' }],
});

let fake: FakeConverse;
let reasons: FallbackReason[];

beforeEach(async () => {
  fake = await startFakeConverse(() => converseOk(goodReply));
  reasons = [];
});
afterEach(() => fake.close());

const narrator = (options: Partial<BedrockNarratorOptions> = {}) =>
  new BedrockNarrator({
    modelId: MODEL_ID,
    region: 'eu-west-1',
    endpoint: fake.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    timeoutMs: 1000,
    baseDelayMs: 10,
    random: () => 0.5,
    onFallback: (reason) => reasons.push(reason),
    ...options,
  });

describe('BedrockNarrator', () => {
  it('uses a good JSON reply from the model', async () => {
    const narrative = await narrator().narrate(dbSaturation);
    expect(narrative).toEqual({ source: 'bedrock', ...JSON.parse(goodReply) });
    expect(reasons).toEqual([]);
  });

  it('posts the facts to the Converse path of the model, signed', async () => {
    await narrator().narrate(dbSaturation);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/model/${encodeURIComponent(MODEL_ID)}/converse`);
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/bedrock\//,
    );
    expect(request?.body).toMatchObject({
      system: [{ text: expect.stringContaining('JSON') }],
      messages: [{ role: 'user', content: [{ text: expect.stringContaining('"orders-db"') }] }],
      inferenceConfig: { temperature: 0 },
    });
  });

  it('falls back to the template within about the timeout when the model is slow', async () => {
    fake.reply = () => ({ ...converseOk(goodReply), delayMs: 3000 });
    const started = Date.now();
    const narrative = await narrator({ timeoutMs: 150 }).narrate(dbSaturation);
    const elapsed = Date.now() - started;
    expect(narrative).toEqual(narrateTemplate(dbSaturation));
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(600);
    expect(reasons).toMatchObject([{ code: 'timeout', attempts: 1 }]);
  });

  it('retries server errors, then falls back to the template', async () => {
    fake.reply = () => converseError(500, 'InternalServerException', 'boom');
    const narrative = await narrator().narrate(dbSaturation);
    expect(narrative.source).toBe('template');
    expect(fake.requests).toHaveLength(3);
    expect(reasons).toMatchObject([{ code: 'service_error', attempts: 3 }]);
    expect(reasons[0]?.message).toContain('InternalServerException (HTTP 500)');
  });

  it('retries throttling and uses the answer once the model lets it through', async () => {
    let calls = 0;
    fake.reply = () =>
      ++calls < 3 ? converseError(429, 'ThrottlingException', 'slow down') : converseOk(goodReply);
    const narrative = await narrator().narrate(dbSaturation);
    expect(narrative.source).toBe('bedrock');
    expect(fake.requests).toHaveLength(3);
  });

  it('falls back after throttling outlasts the retries', async () => {
    fake.reply = () => converseError(429, 'ThrottlingException', 'slow down');
    const narrative = await narrator({ retries: 1 }).narrate(dbSaturation);
    expect(narrative.source).toBe('template');
    expect(fake.requests).toHaveLength(2);
    expect(reasons[0]?.message).toContain('ThrottlingException (HTTP 429)');
  });

  it('does not retry a request the service refused as invalid', async () => {
    fake.reply = () => converseError(400, 'ValidationException', 'bad model id');
    await narrator().narrate(dbSaturation);
    expect(fake.requests).toHaveLength(1);
    expect(reasons).toMatchObject([{ code: 'service_error', attempts: 1 }]);
  });

  it('falls back when the model does not answer with JSON', async () => {
    fake.reply = () => converseOk('Here is your summary: checkout is down.');
    const narrative = await narrator().narrate(dbSaturation);
    expect(narrative).toEqual(narrateTemplate(dbSaturation));
    expect(fake.requests).toHaveLength(1);
    expect(reasons).toMatchObject([{ code: 'malformed_json' }]);
  });

  it('falls back when the model invents an action outside the runbook catalog', async () => {
    fake.reply = () =>
      converseOk(
        JSON.stringify({
          summary: 'Checkout is failing.',
          rootCause: 'orders-db.',
          recommendedActions: [{ kind: 'drop_database', service: 'orders-db', why: 'start fresh' }],
        }),
      );
    const narrative = await narrator().narrate(dbSaturation);
    expect(narrative.source).toBe('template');
    expect(reasons).toMatchObject([{ code: 'invalid_reply' }]);
    expect(reasons[0]?.message).toContain('recommendedActions.0.kind');
  });

  it('falls back when the model names a service outside the incident', async () => {
    fake.reply = () =>
      converseOk(
        JSON.stringify({
          summary: 'Checkout is failing.',
          rootCause: 'orders-db.',
          recommendedActions: [{ kind: 'restart_service', service: 'billing', why: 'why not' }],
        }),
      );
    await narrator().narrate(dbSaturation);
    expect(reasons).toMatchObject([{ code: 'invalid_reply' }]);
  });

  it('accepts JSON wrapped in a code fence', async () => {
    fake.reply = () => converseOk(`\`\`\`json\n${goodReply}\n\`\`\``);
    expect((await narrator().narrate(dbSaturation)).source).toBe('bedrock');
  });

  it('retries when the endpoint cannot be reached, then falls back', async () => {
    await fake.close();
    const narrative = await narrator().narrate(dbSaturation);
    expect(narrative.source).toBe('template');
    expect(reasons).toMatchObject([{ code: 'network_error', attempts: 3 }]);
  });

  it('answers with the template when the caller cancels, without opening the breaker', async () => {
    fake.reply = () => ({ ...converseOk(goodReply), delayMs: 3000 });
    const subject = narrator({ failureThreshold: 1 });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 30);
    const narrative = await subject.narrate(dbSaturation, { signal: cancel.signal });
    expect(narrative.source).toBe('template');
    expect(reasons).toMatchObject([{ code: 'aborted' }]);
    expect(subject.breakerState).toBe('closed');
  });

  it('opens the breaker after repeated failures and skips the network until the cooldown', async () => {
    let now = 1_000_000;
    fake.reply = () => converseError(503, 'ServiceUnavailableException', 'down');
    const subject = narrator({
      retries: 0,
      failureThreshold: 3,
      cooldownMs: 30_000,
      now: () => now,
    });

    for (let i = 0; i < 3; i++) await subject.narrate(dbSaturation);
    expect(fake.requests).toHaveLength(3);
    expect(subject.breakerState).toBe('open');

    now += 29_999;
    const whileOpen = await subject.narrate(dbSaturation);
    expect(whileOpen).toEqual(narrateTemplate(dbSaturation));
    expect(fake.requests).toHaveLength(3);
    expect(reasons.at(-1)).toEqual(expect.objectContaining({ code: 'circuit_open', attempts: 0 }));

    now += 1;
    expect(subject.breakerState).toBe('half-open');
    fake.reply = () => converseOk(goodReply);
    expect((await subject.narrate(dbSaturation)).source).toBe('bedrock');
    expect(fake.requests).toHaveLength(4);
    expect(subject.breakerState).toBe('closed');
    await subject.narrate(dbSaturation);
    expect(fake.requests).toHaveLength(5);
  });

  it('opens again when the trial call after the cooldown fails', async () => {
    let now = 0;
    fake.reply = () => converseError(500, 'InternalServerException', 'down');
    const subject = narrator({ retries: 0, failureThreshold: 2, cooldownMs: 1000, now: () => now });
    await subject.narrate(dbSaturation);
    await subject.narrate(dbSaturation);
    now += 1000;
    await subject.narrate(dbSaturation);
    expect(fake.requests).toHaveLength(3);
    expect(subject.breakerState).toBe('open');
    await subject.narrate(dbSaturation);
    expect(fake.requests).toHaveLength(3);
  });
});
