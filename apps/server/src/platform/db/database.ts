import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { paths } from '../config.js';

// bigint columns come back as JS numbers: amounts in fen stay below 2^53 (9e13 yuan).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// dates stay ISO strings, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = NodePgDatabase<Record<string, never>>;

export type Database = {
  pool: pg.Pool;
  db: Db;
  url: string;
  close: () => Promise<void>;
};

export const MIGRATIONS_DIR = path.join(paths.serverRoot, 'drizzle');

export function connectDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  pool.on('error', () => {
    // an idle client lost its connection (server restart); the pool replaces it on next use
  });
  const db = drizzle(pool, { casing: 'snake_case' }) as unknown as Db;
  return { pool, db, url, close: () => pool.end() };
}

export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_DIR });
}

/** Creates the database named in `url` on its server when it does not exist yet. */
export async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
