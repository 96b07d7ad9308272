/**
 * Answers repeated list reads from memory until the engine next writes: every stored change
 * bumps the engine's write version, which empties the cache. Bounded, least recently used out.
 */
export class ReadCache {
  readonly #entries = new Map<string, unknown>();
  #version = -1;

  constructor(
    private readonly version: () => number,
    private readonly capacity = 200,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const current = this.version();
    if (current !== this.#version) {
      this.#entries.clear();
      this.#version = current;
    }
    if (this.#entries.has(key)) {
      const value = this.#entries.get(key) as T;
      this.#entries.delete(key);
      this.#entries.set(key, value);
      return value;
    }
    const value = await load();
    // Only cache what is still current: a write during the load makes it stale.
    if (this.version() === current) {
      this.#entries.set(key, value);
      if (this.#entries.size > this.capacity)
        this.#entries.delete(this.#entries.keys().next().value ?? '');
    }
    return value;
  }
}
