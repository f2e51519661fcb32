// The cost of the second wall, on the machine's PostgreSQL (DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres), in a fresh database with the demo data (300 generated
// enterprises, the npm start data), dropped afterwards:
//   1. one enterprise's records (statements, latest loan snapshots, public records: the queries of
//      GET /registry/enterprises/:code) read as the acting party under row-level security (SET LOCAL ROLE
//      creditbridge_app, the policies of migration trust_rls): as the submitting member, and as the enterprise;
//      the peer is the same queries in the same read-only transaction as the owning connection (no policy).
//   2. the whole identified read (registry.getEnterprise: consent decision + access log + audit + RLS read).
//   3. a query that forgot its filter (count(*) over loans and invoices) under RLS against the owner: what the
//      per-row policy costs at worst.
// Prints the figures; docs/BENCHMARKS.md "Trust" holds a run of it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { seedDemoIfEmpty } from '../../apps/server/src/cli/seed-demo.js';
import { platformActor, readContextOf, type TActor } from '../../apps/server/src/modules/access/index.js';
import { createRegistryRepository } from '../../apps/server/src/modules/registry/registry.repository.js';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import {
  connectDatabase,
  ensureDatabaseExists,
  migrateDatabase,
  withDatabaseName,
} from '../../apps/server/src/platform/db/database.js';
import { withReadContext } from '../../apps/server/src/platform/db/read-context.js';
import { buildServices } from '../../apps/server/src/services.js';

const args = process.argv.slice(2);
const repeatsAt = args.indexOf('--repeats');
const repeats = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 3;
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
}
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${quantile(sorted, 0.5).toFixed(2)} ms, p95 ${quantile(sorted, 0.95).toFixed(2)} ms (n=${sorted.length})`;
};
const time = async (work: () => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const staff = (memberId: string): TActor => ({
  ...platformActor({ id: 'bench:analyst', login: 'bench', displayName: 'Benchmark analyst' }),
  role: 'analyst',
  memberId,
});
const enterpriseUser = (enterpriseId: string): TActor => ({
  ...staff(''),
  role: 'enterprise_owner',
  memberId: null,
  enterpriseId,
});

const name = `cb_bench_trust_${randomBytes(3).toString('hex')}`;
await ensureDatabaseExists(adminUrl, name);
const database = connectDatabase(withDatabaseName(adminUrl, name));
try {
  await migrateDatabase(database);
  const config = loadConfig({ seedDemo: false, logLevel: 'silent' });
  const services = buildServices({ pool: database.pool, config });
  console.log('seeding the demo (300 enterprises)…');
  await seedDemoIfEmpty({ services, config, say: () => {} });
  const counts = await database.pool.query<{ table: string; rows: number }>(
    `SELECT 'loans' AS table, count(*)::int AS rows FROM loans UNION ALL SELECT 'invoices', count(*)::int FROM invoices
     UNION ALL SELECT 'statements', count(*)::int FROM statements UNION ALL SELECT 'public_records', count(*)::int FROM public_records`,
  );
  console.log(`rows: ${counts.rows.map((row) => `${row.table} ${row.rows}`).join(', ')}`);
  // Each enterprise with a member that submitted loans about it (the submitter reads it without consent).
  const targets = (
    await database.pool.query<{ id: string; credit_code: string; member_id: string }>(
      `SELECT e.id, e.credit_code, min(l.member_id) AS member_id FROM enterprises e
       JOIN loans l ON l.credit_code = e.credit_code GROUP BY e.id, e.credit_code ORDER BY e.credit_code`,
    )
  ).rows;
  const repository = createRegistryRepository(database.pool);
  const plain = () => ({ underDispute: false, disputeId: null, explanation: null });
  const now = new Date();
  const asMember: number[] = [];
  const asEnterprise: number[] = [];
  const asOwner: number[] = [];
  const fullRead: number[] = [];
  let rowsSeen = 0;
  let rowsOfOwner = 0;
  const countOf = (records: Awaited<ReturnType<typeof repository.listCurrentRecords>>) =>
    records.loans.length + records.statements.length + records.publicRecords.length;
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const target of targets) {
      asOwner.push(
        await time(async () => {
          const client = await database.pool.connect();
          try {
            await client.query('BEGIN READ ONLY');
            rowsOfOwner += countOf(await repository.listCurrentRecords(client, target.credit_code, plain));
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }),
      );
      asMember.push(
        await time(async () => {
          const records = await withReadContext(
            database.pool,
            readContextOf(staff(target.member_id), now, { creditCode: target.credit_code }),
            (client) => repository.listCurrentRecords(client, target.credit_code, plain),
          );
          rowsSeen += countOf(records);
        }),
      );
      asEnterprise.push(
        await time(() =>
          withReadContext(
            database.pool,
            readContextOf(enterpriseUser(target.id), now, { creditCode: target.credit_code }),
            (client) => repository.listCurrentRecords(client, target.credit_code, plain),
          ),
        ),
      );
      if (repeat === 0) {
        fullRead.push(
          await time(() =>
            services.registry.getEnterprise({
              actor: staff(target.member_id),
              creditCode: target.credit_code,
            }),
          ),
        );
      }
    }
  }
  if (rowsSeen !== rowsOfOwner) {
    throw new Error(
      `the submitter saw ${rowsSeen} records under RLS, the owner ${rowsOfOwner}: the wall hides legitimate rows`,
    );
  }
  console.log(
    `records of one enterprise (${targets.length} enterprises × ${repeats}; ${(rowsSeen / asMember.length).toFixed(1)} records each on average, the same under RLS as for the owner):`,
  );
  console.log(`  owner, no policy (peer):        ${summary(asOwner)}`);
  console.log(`  submitting member under RLS:    ${summary(asMember)}`);
  console.log(`  the enterprise under RLS:       ${summary(asEnterprise)}`);
  console.log(`whole identified read (getEnterprise, submitter): ${summary(fullRead)}`);

  const member = targets[0]?.member_id ?? '';
  for (const table of ['loans', 'invoices']) {
    const owner: number[] = [];
    const filtered: number[] = [];
    let visible = 0;
    for (let repeat = 0; repeat < repeats; repeat++) {
      owner.push(await time(() => database.pool.query(`SELECT count(*) FROM ${table}`)));
      filtered.push(
        await time(async () => {
          const result = await withReadContext(database.pool, readContextOf(staff(member), now), (client) =>
            client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`),
          );
          visible = result.rows[0]?.count ?? 0;
        }),
      );
    }
    console.log(
      `unfiltered count(*) over ${table}: owner ${summary(owner)}; one member under RLS ${summary(filtered)} (${visible} rows visible)`,
    );
  }
} finally {
  await database.close();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
