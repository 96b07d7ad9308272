/**
 * Remembers what each position of a repeated batch resolved to. The simulator sends every
 * service's sample in the same order each tick, so comparing one (interned) string replaces
 * a map lookup per sample; a batch in another order just resolves again.
 */
export class ByPosition<T> {
  readonly #keys: string[] = [];
  readonly #values: T[] = [];

  constructor(private readonly resolve: (key: string) => T) {}

  get(position: number, key: string): T {
    if (this.#keys[position] === key) return this.#values[position] as T;
    const value = this.resolve(key);
    this.#keys[position] = key;
    this.#values[position] = value;
    return value;
  }
}
