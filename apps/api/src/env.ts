import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The simulator's estate bounds (packages/sim createEstate): 36 is the default estate. */
const ESTATE = { min: 12, max: 20_000, default: 36 } as const;
const estateSize = `must be a whole number of services from ${ESTATE.min} to ${ESTATE.max}`;

/** Every environment variable the server reads (DESIGN.md contract), parsed in one place. */
export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  WATCHFLOOR_DATA_DIR: z.string().min(1).default('./.watchfloor'),
  WATCHFLOOR_STORE: z.enum(['embedded', 'dynamodb', 'memory']).default('embedded'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  WATCHFLOOR_TABLE: z.string().min(3).max(255).default('watchfloor'),
  WATCHFLOOR_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  WATCHFLOOR_AUTOSTART: bool.default(true),
  WATCHFLOOR_SERVICES: z.coerce
    .number({ error: estateSize })
    .int({ error: estateSize })
    .min(ESTATE.min, { error: estateSize })
    .max(ESTATE.max, { error: estateSize })
    .default(ESTATE.default),
  WATCHFLOOR_SPEED: z.coerce.number().min(1).max(3600).optional(),
  /** Virtual hours resolved incidents and alerts, ended faults, finished tasks stay. */
  WATCHFLOOR_RETENTION_HOURS: z.coerce.number().min(1).max(87_600).default(168),
  /** Virtual hours audit events stay (the trail outlives what it records). */
  WATCHFLOOR_AUDIT_RETENTION_HOURS: z.coerce.number().min(1).max(87_600).default(720),
  WATCHFLOOR_OPERATOR_TOKEN: z.string().min(16).optional(),
  WATCHFLOOR_VIEWER_TOKEN: z.string().min(16).optional(),
  WATCHFLOOR_NARRATOR: z.enum(['template', 'bedrock']).default('template'),
  WATCHFLOOR_LEARNING: bool.default(true),
  BEDROCK_MODEL_ID: z.string().min(1).max(200).optional(),
  WATCHFLOOR_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
    .default('info'),
  /** Let webhooks reach loopback/private/link-local receivers (cloud metadata stays refused). */
  WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  WATCHFLOOR_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).optional(),
  WATCHFLOOR_CORS_ORIGINS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url()))
    .optional(),
  AWS_REGION: z.string().optional(),
});
export type Env = z.infer<typeof Env>;

/** Parses the environment, or explains every bad variable in one message. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
