/** splitmix32 (as in the simulator's PRNG): spreads a seed's bits over 32 bits. */
const splitmix32 = (value: number): number => {
  let a = (value + 0x9e3779b9) | 0;
  a ^= a >>> 16;
  a = Math.imul(a, 0x21f0aaad);
  a ^= a >>> 15;
  a = Math.imul(a, 0x735a2d97);
  return (a ^ (a >>> 15)) >>> 0;
};

/**
 * A seeded uniform source in [0, 1) (sfc32), for the orchestrator's Thompson sampling.
 * @example const orchestrator = new Orchestrator({ random: seededRandom(seed), ... });
 */
export function seededRandom(seed: number): () => number {
  let a = splitmix32(Math.trunc(Number.isFinite(seed) ? seed : 0) >>> 0);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
