/** murmur3's finaliser: spreads every input bit over the output. */
const fmix32 = (value: number): number => {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * A uniform number in [0, 1) fixed by the seed and the parts. Used where a decision must not
 * depend on call order (is this version a regression? this host's noise at this tick?).
 * @example hashUnit(42, 'regression', 'payments-api', '2.4.0') < 0.25
 */
export function hashUnit(seed: number, ...parts: readonly (string | number)[]): number {
  const text = `${seed}\u0000${parts.join('\u0000')}`;
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h) / 4294967296;
}
