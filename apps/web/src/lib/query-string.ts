export type QueryValue = string | number | readonly string[] | null | undefined;

/**
 * `?a=1&status=open,acknowledged` from an object: empty values and empty lists are left
 * out, lists are joined with commas (how the API reads them), keys keep their order.
 */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    const text = typeof value === 'object' ? value.filter(Boolean).join(',') : String(value);
    if (text.trim() !== '') search.set(key, text.trim());
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A comma list from a URL parameter, keeping only the allowed values. */
export function listParam<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(',').map((v) => v.trim()));
  return allowed.filter((v) => wanted.has(v));
}
