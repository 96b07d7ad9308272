/**
 * What active faults do to each service this tick, gathered before metrics are drawn.
 * Only touched services are reset, so a quiet 5,000-service estate costs nothing here.
 */
export class Effects {
  /** Multiplies p95 latency. */
  readonly latencyMul: Float64Array;
  readonly throughputMul: Float64Array;
  /** Added to the error rate. */
  readonly errorAdd: Float64Array;
  readonly cpuAdd: Float64Array;
  /** Fills the way from the healthy value to (nearly) full, 0..1. */
  readonly cpuFill: Float64Array;
  readonly memoryFill: Float64Array;
  readonly diskFill: Float64Array;
  readonly connectionFill: Float64Array;
  readonly queueAdd: Float64Array;
  /** Share of calls to dependencies that time out. */
  readonly upstreamTimeouts: Float64Array;
  /** Share of cross-region calls that fail. */
  readonly crossRegionErrors: Float64Array;
  /** 1 when a fresh deploy made things worse. */
  readonly regression: Float64Array;
  /** Serial of the fault that weighs most on the service, -1 for none. */
  readonly strongest: Int32Array;
  readonly strength: Float64Array;
  /** The affected dependency the strongest fault came through, -1 for none (the root). */
  readonly upstream: Int32Array;
  readonly touched: number[] = [];
  readonly #marked: Uint8Array;

  constructor(size: number) {
    this.latencyMul = new Float64Array(size).fill(1);
    this.throughputMul = new Float64Array(size).fill(1);
    this.errorAdd = new Float64Array(size);
    this.cpuAdd = new Float64Array(size);
    this.cpuFill = new Float64Array(size);
    this.memoryFill = new Float64Array(size);
    this.diskFill = new Float64Array(size);
    this.connectionFill = new Float64Array(size);
    this.queueAdd = new Float64Array(size);
    this.upstreamTimeouts = new Float64Array(size);
    this.crossRegionErrors = new Float64Array(size);
    this.regression = new Float64Array(size);
    this.strongest = new Int32Array(size).fill(-1);
    this.strength = new Float64Array(size);
    this.upstream = new Int32Array(size).fill(-1);
    this.#marked = new Uint8Array(size);
  }

  isTouched(i: number): boolean {
    return this.#marked[i] === 1;
  }

  /** Marks a service as affected by `fault` with weight `strength` (arriving from `via`). */
  touch(i: number, fault: number, strength: number, via: number): void {
    if (this.#marked[i] !== 1) {
      this.#marked[i] = 1;
      this.touched.push(i);
    }
    if (strength > (this.strength[i] ?? 0)) {
      this.strength[i] = strength;
      this.strongest[i] = fault;
      this.upstream[i] = via;
    }
  }

  reset(): void {
    for (const i of this.touched) {
      this.#marked[i] = 0;
      this.latencyMul[i] = 1;
      this.throughputMul[i] = 1;
      this.errorAdd[i] = 0;
      this.cpuAdd[i] = 0;
      this.cpuFill[i] = 0;
      this.memoryFill[i] = 0;
      this.diskFill[i] = 0;
      this.connectionFill[i] = 0;
      this.queueAdd[i] = 0;
      this.upstreamTimeouts[i] = 0;
      this.crossRegionErrors[i] = 0;
      this.regression[i] = 0;
      this.strongest[i] = -1;
      this.strength[i] = 0;
      this.upstream[i] = -1;
    }
    this.touched.length = 0;
  }

  slow(i: number, factor: number): void {
    this.latencyMul[i] = (this.latencyMul[i] ?? 1) * factor;
  }

  fail(i: number, rate: number): void {
    this.errorAdd[i] = (this.errorAdd[i] ?? 0) + rate;
  }

  shed(i: number, share: number): void {
    this.throughputMul[i] = (this.throughputMul[i] ?? 1) * (1 - share);
  }

  /** Raises a fill-style effect to at least `value` (two leaks do not make 200%). */
  fill(target: Float64Array, i: number, value: number): void {
    if (value > (target[i] ?? 0)) target[i] = value;
  }

  add(target: Float64Array, i: number, value: number): void {
    target[i] = (target[i] ?? 0) + value;
  }
}
