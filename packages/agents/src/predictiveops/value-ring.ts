/** The latest `capacity` values of a series, oldest overwritten first. */
export class ValueRing {
  readonly #values: Float64Array;
  #head = 0;
  #count = 0;

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
  }

  get length(): number {
    return this.#count;
  }

  push(value: number): void {
    this.#values[this.#head] = value;
    this.#head = (this.#head + 1) % this.#values.length;
    this.#count = Math.min(this.#count + 1, this.#values.length);
  }

  /** The k-th of the last `n` values (0 = oldest of them). */
  #recent(n: number, k: number): number {
    const cap = this.#values.length;
    return this.#values[(this.#head - n + k + cap) % cap] ?? 0;
  }

  /** Everything kept, oldest first. */
  values(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.#count; k++) out.push(this.#recent(this.#count, k));
    return out;
  }

  /** Least-squares line through the last `n` values: its value at the newest and its slope per step. */
  line(n: number): { end: number; slope: number } | null {
    if (n < 3 || this.#count < n) return null;
    const mid = (n - 1) / 2;
    let mean = 0;
    for (let k = 0; k < n; k++) mean += this.#recent(n, k);
    mean /= n;
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < n; k++) {
      sxy += (k - mid) * (this.#recent(n, k) - mean);
      sxx += (k - mid) * (k - mid);
    }
    const slope = sxy / sxx;
    return { end: mean + slope * mid, slope };
  }
}
