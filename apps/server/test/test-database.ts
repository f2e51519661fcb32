import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { connectDatabase, type Database, withDatabaseName } from '../src/platform/db/database.js';

/**
 * A fresh, migrated database for one test file, cloned from the template the global setup made.
 * Dropped when the file's tests end.
 */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = inject('pgAdminUrl');
  const name = `cb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
  await admin.end();
  const database = connectDatabase(withDatabaseName(adminUrl, name));
  afterAll(async () => {
    await database.close();
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  });
  return database;
}

export function databaseTarget(): string {
  return inject('pgTarget');
}
