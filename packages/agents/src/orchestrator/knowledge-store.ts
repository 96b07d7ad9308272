/**
 * Shared knowledge the agents learn into: namespaced keys with JSON-like values. The engine
 * loads it from the knowledge base at start and saves what changed, so every agent reads and
 * writes one copy and nothing here does I/O.
 */
export interface KnowledgeStore {
  /** The stored value, or undefined when the key was never written. */
  get(namespace: string, key: string): unknown;
  put(namespace: string, key: string, value: unknown): void;
}

export interface KnowledgeEntry {
  namespace: string;
  key: string;
  value: unknown;
}

const id = (namespace: string, key: string): string => `${namespace}\u0000${key}`;

/**
 * A KnowledgeStore over a Map that remembers which entries changed since the last
 * `takeChanges()`, so the engine can persist exactly those.
 * @example
 * const store = new MemoryKnowledgeStore(await loadAll(repo));
 * orchestrator.recordOutcome(...);
 * await repo.write({ knowledge: store.takeChanges() });
 */
export class MemoryKnowledgeStore implements KnowledgeStore {
  readonly #entries = new Map<string, KnowledgeEntry>();
  readonly #changed = new Set<string>();

  constructor(initial: Iterable<KnowledgeEntry> = []) {
    for (const e of initial) this.#entries.set(id(e.namespace, e.key), { ...e });
  }

  get(namespace: string, key: string): unknown {
    return this.#entries.get(id(namespace, key))?.value;
  }

  put(namespace: string, key: string, value: unknown): void {
    const k = id(namespace, key);
    // Values are copied so a caller mutating its object cannot change what was stored.
    this.#entries.set(k, { namespace, key, value: structuredClone(value) });
    this.#changed.add(k);
  }

  /** Entries written since the last call, each once with its latest value. */
  takeChanges(): KnowledgeEntry[] {
    const out: KnowledgeEntry[] = [];
    for (const k of this.#changed) {
      const e = this.#entries.get(k);
      if (e) out.push({ namespace: e.namespace, key: e.key, value: structuredClone(e.value) });
    }
    this.#changed.clear();
    return out;
  }

  /** Every entry, e.g. to hand to a fresh store in a test of a restart. */
  entries(): KnowledgeEntry[] {
    return [...this.#entries.values()].map((e) => ({ ...e, value: structuredClone(e.value) }));
  }
}
