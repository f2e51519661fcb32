import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import {
  connectDatabase,
  ensureDatabaseExists,
  migrateDatabase,
  withDatabaseName,
} from '../src/platform/db/database.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/platform/db/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgTarget: string;
  }
}

/**
 * One PostgreSQL per test project: the embedded engine (project `server`) or the external server of
 * DATABASE_URL (project `server-pg`). A migrated template database is cloned by every test file.
 */
export default async function setup(project: TestProject) {
  const target = project.name.endsWith('-pg') ? 'external' : 'embedded';
  let embedded: EmbeddedDatabase | null = null;
  let clusterRoot = '';
  let adminUrl: string;
  if (target === 'external') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('project server-pg needs DATABASE_URL');
    adminUrl = withDatabaseName(url, 'postgres');
  } else {
    clusterRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'creditbridge-test-'));
    await fs.chmod(clusterRoot, 0o755);
    embedded = await startEmbeddedPostgres({
      clusterDir: path.join(clusterRoot, 'pg'),
      port: 0,
      isThrowaway: true,
    });
    adminUrl = embedded.adminUrl;
  }
  const template = `cb_template_${randomBytes(4).toString('hex')}`;
  await ensureDatabaseExists(adminUrl, template);
  const database = connectDatabase(withDatabaseName(adminUrl, template), { max: 1 });
  await migrateDatabase(database);
  await database.close();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgTarget', target);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const leftovers = await client.query(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'cb_test_%'",
      [template],
    );
    for (const row of leftovers.rows) {
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    await client.end();
    if (embedded) {
      await embedded.stop();
      await fs.rm(clusterRoot, { recursive: true, force: true });
    }
  };
}
