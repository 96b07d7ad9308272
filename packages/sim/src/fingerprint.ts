const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEPARATOR = 0xff; // never appears in UTF-8, so `a=b` + `c` cannot collide with `a=bc`

const encoder = new TextEncoder();

/**
 * Alertmanager-style label fingerprint: FNV-1a 64-bit over the sorted `name=value` pairs,
 * as 16 hex digits. Label order does not matter.
 * @example fingerprint({ alertname: 'HighCPU', service: 'payments' }) // '3f1c…'
 */
export function fingerprint(labels: Readonly<Record<string, string>>): string {
  let hash = OFFSET;
  for (const name of Object.keys(labels).sort()) {
    const bytes = encoder.encode(`${name}=${labels[name] ?? ''}`);
    for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
    hash = ((hash ^ BigInt(SEPARATOR)) * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
