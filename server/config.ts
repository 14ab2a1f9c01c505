import path from 'node:path';
import { z } from 'zod';

/** Every environment variable Magnet reads (SPEC §5), validated once at boot. */
const boolFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  MAGNET_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_REPLICA_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MAGNET_DEMO: boolFlag.default(true),
  MAGNET_ROOT_REGION: z
    .string()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code')
    .default('120000'),
  MAGNET_ADMIN_PASSWORD: z.string().min(1).optional(),
  MAGNET_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  MAGNET_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  MAGNET_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  MAGNET_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  MAGNET_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6).max(128).default(8),
  MAGNET_PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  MAGNET_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  MAGNET_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).max(36500).default(1095),
  MAGNET_SECURE_COOKIE: boolFlag.default(false),
  MAGNET_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TZ: z.string().optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  dataDir: string;
  engine: 'pglite' | 'postgres';
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset so that `PORT= npm start` behaves like no PORT.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.MAGNET_DATA_DIR),
    engine: c.DATABASE_URL ? 'postgres' : 'pglite',
  };
}
