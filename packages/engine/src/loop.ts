import { TICK_SECONDS } from '@watchfloor/sim';

export interface WallClock {
  now(): number;
}

const LOOP_MS = 250;
/** Bounds work per loop so the API stays responsive at 3600x; extra virtual time is dropped. */
const MAX_STEPS_PER_LOOP = 120;
/**
 * Wall time of ticks the loop runs before letting requests in (lock and event loop): a large
 * estate at high speed takes seconds for a loop's steps, which no request should wait for.
 */
const SLICE_MS = 30;
const TICK_MS = TICK_SECONDS * 1000;

export interface LoopContext {
  clock: WallClock;
  /** Runs up to `steps` ticks under the lock, stopping once the wall clock reaches `until`; returns how many ran. */
  advance: (steps: number, until: number) => Promise<number>;
  /** What a loop turn does while the simulation is stopped (stores what is pending). */
  idle: () => Promise<void>;
  onError: (error: unknown) => void;
}

/** The wall-clock loop: turns wall time times speed into simulator ticks, in slices. */
export class Loop {
  #running = false;
  #speed: number;
  #budgetMs = 0;
  #lastWall = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: LoopContext,
    speed: number,
  ) {
    this.#speed = speed;
  }

  get running(): boolean {
    return this.#running;
  }

  get speed(): number {
    return this.#speed;
  }

  set speed(speed: number) {
    this.#speed = speed;
  }

  /** Starts or stops the simulation; time that passed while stopped is not made up. */
  setRunning(running: boolean): void {
    this.#running = running;
    this.#budgetMs = 0;
    this.#lastWall = this.ctx.clock.now();
  }

  /** Starts the timer (idempotent). */
  start(): void {
    if (this.#timer) return;
    this.#lastWall = this.ctx.clock.now();
    const loop = async () => {
      const now = this.ctx.clock.now();
      const elapsed = now - this.#lastWall;
      this.#lastWall = now;
      try {
        if (this.#running) {
          this.#budgetMs = Math.min(
            this.#budgetMs + elapsed * this.#speed,
            MAX_STEPS_PER_LOOP * TICK_MS,
          );
          const steps = Math.floor(this.#budgetMs / TICK_MS);
          this.#budgetMs -= steps * TICK_MS;
          await this.#advanceSliced(steps);
        } else {
          await this.ctx.idle();
        }
      } catch (error) {
        this.#budgetMs = 0;
        this.ctx.onError(error);
      }
      if (this.#timer) this.#timer = setTimeout(loop, LOOP_MS);
    };
    this.#timer = setTimeout(loop, LOOP_MS);
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Slices of about SLICE_MS, answering waiting requests in between. */
  async #advanceSliced(steps: number): Promise<void> {
    let left = steps;
    do {
      const until = this.ctx.clock.now() + SLICE_MS;
      left -= await this.ctx.advance(left, until);
      // A timer, not setImmediate: the whole event loop turns (timers too) before the next slice.
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    } while (left > 0 && this.#running);
  }
}
