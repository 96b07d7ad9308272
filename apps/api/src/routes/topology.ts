import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import { paginateByPosition } from '../paginate.ts';
import { HostListQuery, IdParam, ServiceListQuery, TopologyQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';
import { cachedReads } from './cached-read.ts';
import { estateIndex, type LiveState, serviceMatcher, summarize, viewOf } from './topology-view.ts';

/**
 * The estate: a bounded summary for the overview, and services and hosts a page at a time
 * (5,000 services and ~15,000 hosts are never sent in one answer).
 */
export const topologyRoutes = (deps: AppDeps) => {
  const { engine } = deps;
  const index = () => estateIndex(engine.topology);
  const live = (): LiveState => ({ health: engine.serviceHealth(), metrics: engine.latestMetrics });
  // Health and metrics change with ticks and alerts, which are store writes: one answer each.
  const send = cachedReads(deps);
  return new Hono<AppEnv>()
    .get('/', validate('query', TopologyQuery), (c) => {
      const { tiles } = c.req.valid('query');
      return send(c, `summary|${tiles}`, () => summarize(index(), live(), tiles));
    })
    .get('/services', validate('query', ServiceListQuery), (c) =>
      send(c, `services|${JSON.stringify(c.req.valid('query'))}`, () => {
        const { q, tier, region, health, ...page } = c.req.valid('query');
        const estate = index();
        const state = live();
        const matches = serviceMatcher(state, { q, tier, region, health });
        const found = paginateByPosition(estate.topology.services, page, {
          keyOf: (s) => s.id,
          positionOf: (id) => estate.servicePosition.get(id),
          matches,
        });
        // One pass over the estate for the count is cheap next to serialising the page.
        let total = 0;
        for (const s of estate.topology.services) if (matches(s)) total++;
        return {
          items: found.items.map((s) => viewOf(state, s)),
          nextCursor: found.nextCursor,
          total,
        };
      }),
    )
    .get('/services/:id', validate('param', IdParam), (c) => {
      const { id } = c.req.valid('param');
      const estate = index();
      const service = estate.topology.services[estate.servicePosition.get(id) ?? -1];
      if (!service)
        throw new ApiError(404, 'not_found', `Service ${id} not found`, { field: 'id' });
      return c.json({
        ...viewOf(live(), service),
        hosts: estate.hostsOf.get(id) ?? [],
        calledBy: estate.calledBy.get(id) ?? [],
      });
    })
    .get('/hosts', validate('query', HostListQuery), (c) => {
      const { service, region, version, ...page } = c.req.valid('query');
      const estate = index();
      // A service's hosts are already grouped: no need to walk every host of the estate.
      const hosts = service ? (estate.hostsOf.get(service) ?? []) : estate.topology.hosts;
      const position = service ? new Map(hosts.map((h, i) => [h.id, i])) : estate.hostPosition;
      return c.json(
        paginateByPosition(hosts, page, {
          keyOf: (h) => h.id,
          positionOf: (id) => position.get(id),
          matches: (h) => (!region || h.region === region) && (!version || h.version === version),
        }),
      );
    });
};
