import type { Engine } from '@watchfloor/engine';
import type { Repository } from '@watchfloor/kb';
import type { WebhookDispatcher } from '@watchfloor/webhooks';
import type { Logger } from 'pino';
import type { ReplayCache } from './replay.ts';
import type { Telemetry } from './telemetry.ts';

export type Role = 'operator' | 'viewer' | 'anonymous';

export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    role: Role;
  };
}

export interface AuthConfig {
  operatorToken: string;
  /** When set, reads need this or the operator token. */
  viewerToken?: string | undefined;
}

/** What routes need: the engine for changes, the repository for reads. */
export interface AppDeps {
  engine: Engine;
  repo: Repository;
  auth: AuthConfig;
  logger: Logger;
  version: string;
  startedAt: number;
  /** Prometheus registry and recorders; created by the app when not given. */
  telemetry?: Telemetry | undefined;
  /** Mutations per minute per client (token or address). */
  rateLimitPerMinute?: number | undefined;
  /** Origins allowed to call the API cross-origin; none means same-origin only. */
  corsOrigins?: string[] | undefined;
  /** Directory of the built dashboard, served at `/` when present. */
  webRoot?: string | undefined;
  /** Outbound webhooks; without it `/api/webhooks` answers 503 `webhooks_unavailable`. */
  webhooks?: WebhookDispatcher | undefined;
  /** Remembers cached reads for the node server to answer again without Hono (replay.ts). */
  replay?: ReplayCache | undefined;
}
