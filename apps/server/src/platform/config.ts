import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.js';

/** A cron expression of five fields (pg-boss schedules, UTC). */
const ZCron = z
  .string()
  .trim()
  .regex(/^\S+(\s+\S+){4}$/, 'a cron expression of five fields, e.g. "30 2 * * *"');

/**
 * The platform's configuration: one zod schema parsed once at start-up and frozen. Nothing else in the
 * code base reads `process.env`; tests build their own config with `loadConfig({ … })`.
 */
export const ZConfig = z.object({
  /** Where the embedded database, locks and generated files live. */
  dataDir: z.string().min(1),
  /** `postgres://…` of an external PostgreSQL ≥ 15; when absent the embedded engine is started. */
  databaseUrl: z.string().url().optional(),
  /** Port of the embedded PostgreSQL; 0 picks a free one. */
  embeddedPgPort: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  /** Largest upload accepted, in bytes. */
  uploadLimitBytes: z.coerce.number().int().positive(),
  /** Rows written per COPY batch during imports. */
  importBatchRows: z.coerce.number().int().positive(),
  /** Seed the demo data on the first start of an empty database. */
  seedDemo: z.boolean(),
  /** Web session lifetime in hours. */
  sessionHours: z.coerce.number().positive(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Folder of the shared public data sets (used by `demo --from` and benchmarks). */
  sharedDataDir: z.string().min(1),
  /** Built web app served at `/`. */
  webDistDir: z.string().min(1),
  /** Requests per minute per API token (per user for web sessions); 0 turns the limit off. */
  rateLimitPerMinute: z.coerce.number().int().min(0),
  /** Negative records (defaulted or written-off loans, public records) stop counting this many years after they end. */
  negativeRecordRetentionYears: z.coerce.number().int().min(1).max(100),
  /** When the server archives expired negative records (cron, UTC; five fields); default 02:30 daily. */
  retentionCron: ZCron,
  /**
   * When the feature store is computed in full for the new day (cron, UTC); default 01:00 daily, ahead of the
   * day's re-scorings, so they read the store instead of waiting for the registry's full pass.
   */
  featureRefreshCron: ZCron,
});

export type Config = Readonly<z.infer<typeof ZConfig>>;

const serverRoot = path.resolve(import.meta.dirname, '../..');
const repoRoot = path.resolve(serverRoot, '../..');

export function loadConfig(overrides: Partial<z.input<typeof ZConfig>> = {}, env = process.env): Config {
  const raw = {
    // npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed `npm start`.
    dataDir: path.resolve(
      env.CREDITBRIDGE_DATA_DIR ?? path.join(env.INIT_CWD ?? process.cwd(), '.creditbridge'),
    ),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: env.CREDITBRIDGE_PG_PORT ?? 0,
    host: env.CREDITBRIDGE_HOST ?? '127.0.0.1',
    port: env.PORT ?? env.CREDITBRIDGE_PORT ?? 4010,
    uploadLimitBytes: env.CREDITBRIDGE_UPLOAD_LIMIT_BYTES ?? 1024 * 1024 * 1024,
    importBatchRows: env.CREDITBRIDGE_IMPORT_BATCH_ROWS ?? 5000,
    seedDemo: env.CREDITBRIDGE_SEED_DEMO !== 'false',
    sessionHours: env.CREDITBRIDGE_SESSION_HOURS ?? 12,
    logLevel: env.CREDITBRIDGE_LOG_LEVEL ?? 'info',
    sharedDataDir: path.resolve(env.CREDITBRIDGE_SHARED_DATA ?? path.join(repoRoot, '../shared/data')),
    webDistDir: path.resolve(env.CREDITBRIDGE_WEB_DIST ?? path.join(repoRoot, 'apps/web/dist')),
    rateLimitPerMinute: env.CREDITBRIDGE_RATE_LIMIT_PER_MINUTE ?? 1200,
    negativeRecordRetentionYears: env.CREDITBRIDGE_NEGATIVE_RETENTION_YEARS ?? 5,
    retentionCron: env.CREDITBRIDGE_RETENTION_CRON ?? '30 2 * * *',
    featureRefreshCron: env.CREDITBRIDGE_FEATURE_REFRESH_CRON ?? '0 1 * * *',
    ...overrides,
  };
  const parsed = ZConfig.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('PLATFORM_CONFIG_INVALID', {
      message: `configuration is invalid: ${issues.join('; ')}`,
      details: { issues },
    });
  }
  return Object.freeze(parsed.data);
}

export const paths = { serverRoot, repoRoot };
