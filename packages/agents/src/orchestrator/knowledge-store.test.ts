import { describe, expect, it } from 'vitest';
import { MemoryKnowledgeStore } from './knowledge-store.ts';

describe('MemoryKnowledgeStore', () => {
  it('hands over each changed entry once, with its latest value', () => {
    const store = new MemoryKnowledgeStore([{ namespace: 'a', key: 'k', value: 1 }]);
    expect(store.takeChanges()).toEqual([]);
    store.put('a', 'k', 2);
    store.put('a', 'k', 3);
    store.put('b', 'k', { x: 1 });
    expect(store.takeChanges()).toEqual([
      { namespace: 'a', key: 'k', value: 3 },
      { namespace: 'b', key: 'k', value: { x: 1 } },
    ]);
    expect(store.takeChanges()).toEqual([]);
  });

  it('keeps namespaces apart and stores copies', () => {
    const store = new MemoryKnowledgeStore();
    const value = { n: 1 };
    store.put('policy', 'x', value);
    value.n = 2;
    expect(store.get('policy', 'x')).toEqual({ n: 1 });
    expect(store.get('outcomes', 'x')).toBeUndefined();
  });
});
