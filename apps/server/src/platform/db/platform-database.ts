import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import {
  connectDatabase,
  type Database,
  ensureDatabaseExists,
  migrateDatabase,
  withDatabaseName,
} from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { acquireOwnerLock, findRunningOwner } from './owner-lock.js';

export const PLATFORM_DATABASE_NAME = 'creditbridge';

export type PlatformDatabase = Database & {
  /** `embedded-owner`: this process started PostgreSQL; `embedded-client`: another process did. */
  mode: 'external' | 'embedded-owner' | 'embedded-client';
  shutdown: () => Promise<void>;
};

/**
 * Opens the platform's database: the external server of `DATABASE_URL`, or the embedded PostgreSQL under
 * the data directory. When another process already owns that directory (a running `serve`), this one
 * connects to it as a client instead of starting a second cluster.
 */
export async function openPlatformDatabase(
  config: Config,
  options: { log?: (message: string) => void; asOwner?: boolean } = {},
): Promise<PlatformDatabase> {
  const log = options.log ?? (() => {});
  if (config.databaseUrl) {
    const database = connectDatabase(config.databaseUrl);
    await migrateDatabase(database);
    return { ...database, mode: 'external', shutdown: database.close };
  }

  const owner = options.asOwner ? null : await findRunningOwner(config.dataDir);
  if (owner?.pgPort) {
    const password = (await fs.readFile(path.join(config.dataDir, 'pg-password'), 'utf8')).trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${owner.pgPort}/${PLATFORM_DATABASE_NAME}`;
    const database = connectDatabase(url);
    return { ...database, mode: 'embedded-client', shutdown: database.close };
  }

  const lock = await acquireOwnerLock(config.dataDir);
  try {
    const embedded = await startEmbeddedPostgres({
      clusterDir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      log,
    });
    await lock.update({ pgPort: embedded.port });
    await ensureDatabaseExists(embedded.adminUrl, PLATFORM_DATABASE_NAME);
    const database = connectDatabase(withDatabaseName(embedded.adminUrl, PLATFORM_DATABASE_NAME));
    await migrateDatabase(database);
    let isShutDown = false;
    return {
      ...database,
      mode: 'embedded-owner',
      shutdown: async () => {
        if (isShutDown) return;
        isShutDown = true;
        await database.close();
        await embedded.stop();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
