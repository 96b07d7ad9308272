/** A seeded source of randomness; every random choice in the simulator goes through one. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Gaussian via Box-Muller. */
  normal(mean?: number, sd?: number): number;
}

/** splitmix32: spreads a seed's bits so nearby seeds give unrelated streams. */
const splitmix32 = (value: number): number => {
  let a = (value + 0x9e3779b9) | 0;
  a ^= a >>> 16;
  a = Math.imul(a, 0x21f0aaad);
  a ^= a >>> 15;
  a = Math.imul(a, 0x735a2d97);
  return (a ^ (a >>> 15)) >>> 0;
};

/** Folds any finite number (negative, fractional, above 2^32) into 32 bits. */
const seedBits = (seed: number): number => {
  const whole = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  const low = whole >>> 0;
  const high = Math.floor(whole / 2 ** 32) >>> 0;
  return (low ^ splitmix32(high)) >>> 0;
};

/** sfc32: small, fast, and passes PractRand far beyond what a demo needs. */
class Sfc32 implements Rng {
  #a: number;
  #b: number;
  #c: number;
  #d = 1;
  #spare: number | null = null;

  constructor(seed: number, stream: number) {
    const base = seedBits(seed);
    this.#a = splitmix32(base ^ Math.imul(stream + 1, 0x85ebca6b));
    this.#b = splitmix32(this.#a);
    this.#c = splitmix32(this.#b);
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  normal(mean = 0, sd = 1): number {
    if (this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return mean + sd * z;
    }
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }
}

/**
 * A PRNG for one purpose (`stream`) of a seeded run. Separate streams keep, say, metric
 * noise identical whether or not an operator injects a fault.
 * @example const rng = createRng(42, STREAM.metrics); rng.normal(0, 0.03);
 */
export const createRng = (seed: number, stream = 0): Rng => new Sfc32(seed, stream);

/** Stream numbers; append new ones so existing seeds keep their sequences. */
export const STREAM = {
  estate: 0,
  profile: 1,
  metrics: 2,
  faults: 3,
  alerts: 4,
  noise: 5,
  logs: 6,
} as const;
