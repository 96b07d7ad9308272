import { z } from 'zod';

export const Tier = z.enum(['edge', 'api', 'domain', 'datastore', 'queue', 'cache']);
export type Tier = z.infer<typeof Tier>;

export const Service = z.object({
  id: z.string(),
  name: z.string(),
  tier: Tier,
  region: z.string(),
  /** Ids of the services this one calls; edges point from caller to callee. */
  dependsOn: z.array(z.string()),
});
export type Service = z.infer<typeof Service>;

export const Host = z.object({
  id: z.string(),
  serviceId: z.string(),
  region: z.string(),
  version: z.string(),
});
export type Host = z.infer<typeof Host>;

export const Topology = z.object({
  regions: z.array(z.string()),
  services: z.array(Service),
  hosts: z.array(Host),
});
export type Topology = z.infer<typeof Topology>;
