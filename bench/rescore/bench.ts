// Batch re-scoring of the registry as the pg-boss job does it, from the feature store (enterprise_features):
// (1) the store's full refresh pass for the date (the registry's one-statement feature SQL, timed on its own;
// --skip-refresh keeps a store an earlier run filled), (2) a full re-scoring from the store (read, score with
// the champion's compiled points table, write one score row each), (3) an incremental one with nothing
// changed, (4) an incremental one after --changed N enterprises (default 1000) changed: their rows are
// refreshed through the per-page feature SQL, then they are scored.
// Seeds a throw-away database: the demo (members, 400 enterprises with statements, loans, public records and
// invoices) through the real importer, trains a registry model and makes it champion, then clones the demo
// enterprises with their statements, loans and public records (not their invoices) up to N enterprises.
// Prints and returns seconds, enterprises per second and the peak RSS of this process (the scoring side;
// PostgreSQL runs in its own processes).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { seedDemoIfEmpty } from '../../apps/server/src/cli/seed-demo.js';
import { platformActor, type TActor } from '../../apps/server/src/modules/access/index.js';
import { createRescoreJobs } from '../../apps/server/src/modules/scoring/index.js';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import {
  connectDatabase,
  migrateDatabase,
  withDatabaseName,
} from '../../apps/server/src/platform/db/database.js';
import { createJobQueue } from '../../apps/server/src/platform/jobs.js';
import { buildServices } from '../../apps/server/src/services.js';

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const target = Number(value('--enterprises') ?? 1_000_000);
const kind = (value('--kind') ?? 'scorecard') as 'scorecard' | 'gam';
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (line: string) => process.stdout.write(`${line}\n`);

const operator: TActor = platformActor({
  id: 'system:bench',
  displayName: 'Re-scoring benchmark',
  login: 'bench',
});

async function columnsOf(pool: pg.Pool, table: string): Promise<string[]> {
  const result = await pool.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'public'
     ORDER BY ordinal_position`,
    [table],
  );
  return result.rows.map((row) => row.column_name);
}

/** Clones the template enterprises (and their facts) until there are `n` enterprises. */
async function cloneEnterprises(pool: pg.Pool, n: number) {
  await pool.query(`CREATE TEMP TABLE IF NOT EXISTS tpl AS
    SELECT row_number() OVER (ORDER BY credit_code) - 1 AS k, credit_code FROM enterprises`);
  const templates = Number((await pool.query('SELECT count(*) AS n FROM tpl')).rows[0].n);
  const clones = n - templates;
  if (clones <= 0) return;
  const entColumns = (await columnsOf(pool, 'enterprises')).filter((c) => !['id', 'credit_code'].includes(c));
  const batch = 100_000;
  for (let from = 0; from < clones; from += batch) {
    const to = Math.min(clones, from + batch);
    // Clone i of template k: code 'Z' + 17 digits, id ent_bench_i
    await pool.query(
      `INSERT INTO enterprises (id, credit_code, ${entColumns.join(', ')})
       SELECT 'ent_bench_' || g, 'Z' || lpad(g::text, 17, '0'), ${entColumns.map((c) => `e.${c}`).join(', ')}
       FROM generate_series($1::int, $2::int - 1) g
       JOIN tpl ON tpl.k = g % $3
       JOIN enterprises e ON e.credit_code = tpl.credit_code`,
      [from, to, templates],
    );
    for (const table of ['statements', 'loans', 'public_records']) {
      const cols = (await columnsOf(pool, table)).filter(
        (c) => !['id', 'credit_code', 'superseded_by'].includes(c),
      );
      await pool.query(
        `INSERT INTO ${table} (credit_code, ${cols.join(', ')})
         SELECT 'Z' || lpad(g::text, 17, '0'), ${cols.map((c) => `f.${c}`).join(', ')}
         FROM generate_series($1::int, $2::int - 1) g
         JOIN tpl ON tpl.k = g % $3
         JOIN ${table} f ON f.credit_code = tpl.credit_code AND f.superseded_by IS NULL`,
        [from, to, templates],
      );
    }
    say(`  cloned ${to.toLocaleString('en')} / ${clones.toLocaleString('en')} enterprises`);
  }
  await pool.query('ANALYZE');
}

type Services = ReturnType<typeof buildServices>;
type Config = ReturnType<typeof loadConfig>;

/** The demo through the real importer, a champion trained on it, then clones up to `target` enterprises. */
async function prepare(pool: pg.Pool, services: Services, config: Config) {
  let t = Date.now();
  await seedDemoIfEmpty({ services, config, say: () => {}, enterprises: 400, invoicesPerEnterprise: 60 });
  say(`demo seeded through the importer in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const trained = await services.scoring.train({
    actor: operator,
    request: { source: 'registry', kind, asOf: '2024-12-31', horizonMonths: 12 },
  });
  await pool.query("UPDATE scoring_models SET status = 'champion' WHERE id = $1", [trained.model.id]);
  say(`champion: ${kind} with ${trained.model.features.length} features`);
  t = Date.now();
  await cloneEnterprises(pool, target);
  say(`cloned in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

async function main() {
  // --database NAME runs again on a database an earlier run kept (--keep, --prepare-only): no preparation
  const reused = value('--database');
  const keep = args.includes('--keep') || args.includes('--prepare-only') || reused !== undefined;
  const name = reused ?? `cb_bench_rescore_${randomBytes(4).toString('hex')}`;
  if (!reused) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
  }
  say(`database ${name}`);
  const database = connectDatabase(withDatabaseName(adminUrl, name));
  try {
    await migrateDatabase(database);
    const config = loadConfig(
      { dataDir: '/tmp/creditbridge-unused', seedDemo: false, logLevel: 'silent' },
      {},
    );
    const clock = { now: () => new Date('2026-06-30T12:00:00Z') };
    const services = buildServices({ pool: database.pool, config, clock });
    if (!reused) await prepare(database.pool, services, config);
    const count = Number((await database.pool.query('SELECT count(*) AS n FROM enterprises')).rows[0].n);
    say(`${count.toLocaleString('en')} enterprises`);
    if (args.includes('--prepare-only')) return;
    if (reused) await database.pool.query('TRUNCATE enterprise_scores');
    const asOf = clock.now().toISOString().slice(0, 10);
    let refresh: { seconds: number; enterprises: number; mode: string } | null = null;
    if (!args.includes('--skip-refresh')) {
      const started = Date.now();
      let shown = 0;
      const result = await services.scoring.refreshFeatures({
        actor: operator,
        asOf,
        mode: 'all',
        onProgress: async ({ enterprises }) => {
          if (enterprises - shown >= 100_000) {
            shown = enterprises;
            say(
              `  features computed: ${enterprises.toLocaleString('en')} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
            );
          }
        },
      });
      refresh = { ...result, seconds: (Date.now() - started) / 1000 };
      say(
        `feature store refresh (full pass, as of ${asOf}): ${result.enterprises.toLocaleString('en')} enterprises in ${refresh.seconds.toFixed(1)} s`,
      );
    }

    const jobs = createJobQueue(database.pool);
    const rescoreJobs = createRescoreJobs({ jobs, scoring: services.scoring });
    await jobs.start();
    const run = async (mode: 'full' | 'incremental') => {
      const started = Date.now();
      const queued = await rescoreJobs.enqueue({ actor: operator, mode });
      let status = queued;
      while (!['completed', 'failed', 'cancelled'].includes(status.state)) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        status = await rescoreJobs.status({ actor: operator, jobId: queued.jobId });
      }
      if (status.state !== 'completed') throw new Error(`re-scoring failed: ${status.error}`);
      const seconds = (Date.now() - started) / 1000;
      const result = status.result!;
      say(
        `${mode}: ${result.enterprises.toLocaleString('en')} enterprises read, ${result.scored.toLocaleString('en')} scored and written in ${seconds.toFixed(1)} s (${Math.round(result.enterprises / seconds).toLocaleString('en')} enterprises/s)`,
      );
      const p = result.phases;
      if (p)
        say(
          `  refresh store ${(p.refreshSeconds ?? 0).toFixed(1)} s (${result.featureRefresh?.mode ?? '?'}: ${result.featureRefresh?.enterprises ?? 0}), read store ${p.readSeconds.toFixed(1)} s, score ${p.scoreSeconds.toFixed(1)} s, write ${p.writeSeconds.toFixed(1)} s`,
        );
      return { mode, seconds, ...result };
    };
    const full = await run('full');
    const incremental = await run('incremental');
    // N enterprises change (a profile update touches each): their rows are stale, refreshed by page, scored
    const changedCount = Number(value('--changed') ?? 1000);
    await database.pool.query(
      `UPDATE enterprises SET updated_at = now()
       WHERE credit_code IN (SELECT credit_code FROM enterprises ORDER BY md5(credit_code) LIMIT $1)`,
      [changedCount],
    );
    const changed = await run('incremental');
    await jobs.stop();
    const written = Number(
      (await database.pool.query('SELECT count(*) AS n FROM enterprise_scores')).rows[0].n,
    );
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    say(`scores written: ${written.toLocaleString('en')}; peak RSS of this process ${maxRssMb} MB`);
    say(JSON.stringify({ enterprises: count, kind, refresh, full, incremental, changed, maxRssMb }));
  } finally {
    await database.close();
    if (!keep) {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    }
  }
}

await main();
