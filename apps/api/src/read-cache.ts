/**
 * Answers repeated list reads from memory until the engine next writes: every stored change
 * bumps the engine's write version, which empties the cache. Bounded, least recently used out.
 * Concurrent misses for one key share a single load (50 pollers after a write cost one query).
 */
export class ReadCache {
  readonly #entries = new Map<string, Promise<unknown>>();
  #version = -1;

  constructor(
    private readonly version: () => number,
    private readonly capacity = 200,
  ) {}

  /** The write version answers are loaded at now. */
  currentVersion(): number {
    return this.version();
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const current = this.version();
    if (current !== this.#version) {
      this.#entries.clear();
      this.#version = current;
    }
    const cached = this.#entries.get(key);
    if (cached) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached as Promise<T>;
    }
    const loading = load();
    this.#entries.set(key, loading);
    if (this.#entries.size > this.capacity)
      this.#entries.delete(this.#entries.keys().next().value ?? '');
    // Only what is still current stays: a failed load, or a write during it, drops the entry.
    loading.then(
      () => {
        if (this.version() !== current) this.#forget(key, loading);
      },
      () => this.#forget(key, loading),
    );
    return loading;
  }

  #forget(key: string, entry: Promise<unknown>) {
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
  }
}
