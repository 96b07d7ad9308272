import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { type BreakerOptions, type BreakerState, CircuitBreaker } from './breaker.ts';
import type { IncidentFacts } from './facts.ts';
import { describeFailure, type FallbackReason, isRetryable } from './fallback.ts';
import type { Narrative } from './narrative.ts';
import type { NarrateOptions, Narrator } from './narrator.ts';
import { factsMessage, SYSTEM_PROMPT } from './prompt.ts';
import { parseReply, ReplyError } from './reply.ts';
import { retry } from './retry.ts';
import { abortable } from './sleep.ts';
import { narrateTemplate } from './template.ts';

export interface BedrockNarratorOptions extends BreakerOptions {
  /** Bedrock model or inference profile id (BEDROCK_MODEL_ID). */
  modelId: string;
  /** AWS region (AWS_REGION); the SDK's own resolution when unset. */
  region?: string;
  /** Any Converse-compatible endpoint, e.g. a local fake in tests. */
  endpoint?: string;
  /** Static credentials; the SDK's default chain when unset. */
  credentials?: BedrockRuntimeClientConfig['credentials'];
  /** Budget for one narration, retries included. Default 4 s. */
  timeoutMs?: number;
  /** Retries after the first request. Default 2. */
  retries?: number;
  /** Default 200 ms; see `retry`. */
  baseDelayMs?: number;
  /** Default 2 s. */
  maxDelayMs?: number;
  /** In [0, 1), for the retry jitter. Default `Math.random`. */
  random?: () => number;
  /** Default 700. */
  maxTokens?: number;
  /** Told why the template answered instead of the model. */
  onFallback?: (reason: FallbackReason) => void;
}

/** Marks the narration's own deadline, so it is told apart from the caller cancelling. */
class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * Narrates with a Bedrock model through Converse, guarded by a deadline, retries with full
 * jitter and a circuit breaker; any failure answers with the template instead.
 */
export class BedrockNarrator implements Narrator {
  readonly #client: BedrockRuntimeClient;
  readonly #breaker: CircuitBreaker;
  readonly #options: BedrockNarratorOptions;

  constructor(options: BedrockNarratorOptions) {
    this.#options = options;
    this.#breaker = new CircuitBreaker(options);
    this.#client = new BedrockRuntimeClient({
      // Our retries are the only ones: the SDK's would multiply them and blow the deadline.
      maxAttempts: 1,
      // Converse is one request and one reply: HTTP/1.1 suffices and, unlike the client's default
      // HTTP/2 session, works with any plain HTTP endpoint and cancels a request by itself.
      requestHandler: new NodeHttpHandler(),
      ...(options.region !== undefined && { region: options.region }),
      ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
      ...(options.credentials !== undefined && { credentials: options.credentials }),
    });
  }

  get breakerState(): BreakerState {
    return this.#breaker.state;
  }

  async narrate(facts: IncidentFacts, options: NarrateOptions = {}): Promise<Narrative> {
    if (!this.#breaker.tryAcquire()) {
      return this.#fallback(facts, {
        code: 'circuit_open',
        message: 'the circuit breaker is open after repeated failures',
        attempts: 0,
      });
    }
    const timeoutMs = this.#options.timeoutMs ?? 4000;
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DeadlineError(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const signal = options.signal
      ? AbortSignal.any([deadline.signal, options.signal])
      : deadline.signal;
    let attempts = 0;
    try {
      const narrative = await retry(
        () => {
          attempts += 1;
          return abortable(this.#converse(facts, signal), signal);
        },
        {
          signal,
          isRetryable,
          retries: this.#options.retries,
          baseDelayMs: this.#options.baseDelayMs,
          maxDelayMs: this.#options.maxDelayMs,
          random: this.#options.random,
        },
      );
      this.#breaker.recordSuccess();
      return narrative;
    } catch (error) {
      if (deadline.signal.aborted) {
        this.#breaker.recordFailure();
        return this.#fallback(facts, {
          code: 'timeout',
          message: String(deadline.signal.reason),
          attempts,
        });
      }
      if (options.signal?.aborted) {
        this.#breaker.release();
        return this.#fallback(facts, {
          code: 'aborted',
          message: 'the caller cancelled',
          attempts,
        });
      }
      this.#breaker.recordFailure();
      return this.#fallback(facts, { ...describeFailure(error), attempts });
    } finally {
      clearTimeout(timer);
    }
  }

  async #converse(facts: IncidentFacts, signal: AbortSignal): Promise<Narrative> {
    const output: ConverseCommandOutput = await this.#client.send(
      new ConverseCommand({
        modelId: this.#options.modelId,
        system: [{ text: SYSTEM_PROMPT }],
        messages: [{ role: 'user', content: [{ text: factsMessage(facts) }] }],
        inferenceConfig: { maxTokens: this.#options.maxTokens ?? 700, temperature: 0 },
      }),
      { abortSignal: signal },
    );
    const text = (output.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
    if (output.stopReason === 'max_tokens') {
      throw new ReplyError('malformed_json', 'the model ran out of tokens before finishing');
    }
    return parseReply(text, facts);
  }

  #fallback(facts: IncidentFacts, reason: FallbackReason): Narrative {
    try {
      this.#options.onFallback?.(reason);
    } catch {
      // A broken log hook must not take the narration down with it.
    }
    return narrateTemplate(facts);
  }
}
