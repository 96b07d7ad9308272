import { describe, expect, it } from 'vitest';
import { DependencyIndex } from './dependency-index.ts';
import { estate } from './test-estate.ts';

describe('DependencyIndex', () => {
  const deps = new DependencyIndex(estate, 3);

  it('counts hops from caller to callee along dependsOn, within the limit', () => {
    expect(deps.hops('orders', 'orders-db')).toBe(1);
    expect(deps.hops('checkout-api', 'orders-db')).toBe(2);
    expect(deps.hops('web-gateway', 'orders-db')).toBe(3);
    expect(deps.hops('orders-db', 'orders')).toBeNull();
    expect(deps.hops('reports', 'orders-db')).toBeNull();
    expect(new DependencyIndex(estate, 2).hops('web-gateway', 'orders-db')).toBeNull();
  });

  it('lists the services depending on one, with their distance', () => {
    expect([...deps.upstream('payments')].sort()).toEqual([
      ['checkout-api', 1],
      ['search-api', 1],
      ['web-gateway', 2],
    ]);
  });

  it('resolves names to ids and lets unknown services through', () => {
    expect(deps.idOf('orders')).toBe('orders');
    expect(deps.idOf('legacy-mainframe')).toBe('legacy-mainframe');
    expect(deps.knows('legacy-mainframe')).toBe(false);
    expect(deps.downstream('legacy-mainframe').size).toBe(0);
  });
});
