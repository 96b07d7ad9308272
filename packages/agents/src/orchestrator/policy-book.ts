import type { KnowledgeStore } from './knowledge-store.ts';
import { NS } from './namespaces.ts';
import { addTo, isRecord, readString, readTallies, reviseToFailure, type Tally } from './read.ts';

const INDEX_KEY = 'signatures';
/** The family-namespace key that pools every signature's outcomes. */
export const GLOBAL_FAMILY = '*';
/** Signatures listed in stats; beyond it the least recently added drop out of the list. */
const MAX_INDEXED = 1000;

/** Outcomes of each action under one signature (or one family of signatures). */
export interface ArmBook {
  arms: Record<string, Tally>;
  lastSeenAt: string | null;
}

const readBook = (value: unknown): ArmBook =>
  isRecord(value)
    ? { arms: readTallies(value.arms), lastSeenAt: readString(value.lastSeenAt) }
    : { arms: {}, lastSeenAt: null };

export const totalOf = (book: ArmBook): Tally => {
  let s = 0;
  let f = 0;
  for (const t of Object.values(book.arms)) {
    s += t.s;
    f += t.f;
  }
  return { s, f };
};

/** Per signature × action success counts, kept in the shared knowledge store. */
export class PolicyBook {
  readonly #store: KnowledgeStore;

  constructor(store: KnowledgeStore) {
    this.#store = store;
  }

  signature(key: string): ArmBook {
    return readBook(this.#store.get(NS.policy, key));
  }

  family(key: string): ArmBook {
    return readBook(this.#store.get(NS.policyFamily, key));
  }

  /** Every signature's outcomes pooled. */
  global(): ArmBook {
    return this.family(GLOBAL_FAMILY);
  }

  signatures(): string[] {
    const value = this.#store.get(NS.policyIndex, INDEX_KEY);
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  }

  record(signature: string, family: string, action: string, success: boolean, at: string): void {
    this.#update(NS.policy, signature, action, at, (t) => addTo(t, success));
    this.#update(NS.policyFamily, family, action, at, (t) => addTo(t, success));
    this.#update(NS.policyFamily, GLOBAL_FAMILY, action, at, (t) => addTo(t, success));
    const index = this.signatures();
    if (!index.includes(signature)) {
      this.#store.put(NS.policyIndex, INDEX_KEY, [...index, signature].slice(-MAX_INDEXED));
    }
  }

  /** An earlier success did not hold: count it as a failure instead. */
  revise(signature: string, family: string, action: string, at: string): void {
    this.#update(NS.policy, signature, action, at, reviseToFailure);
    this.#update(NS.policyFamily, family, action, at, reviseToFailure);
    this.#update(NS.policyFamily, GLOBAL_FAMILY, action, at, reviseToFailure);
  }

  #update(ns: string, key: string, action: string, at: string, change: (t: Tally) => Tally) {
    const book = readBook(this.#store.get(ns, key));
    const arms = { ...book.arms, [action]: change(book.arms[action] ?? { s: 0, f: 0 }) };
    this.#store.put(ns, key, { arms, lastSeenAt: at });
  }
}
