import { isDeepStrictEqual } from 'node:util';
import { score } from '@creditbridge/scoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, fixedClock, newMember, testConfig, testServices } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import { seedDemoIfEmpty } from '../../../cli/seed-demo.js';
import type { Database } from '../../../platform/db/database.js';
import { systemReadContext, withReadContext } from '../../../platform/db/read-context.js';
import { createJobQueue } from '../../../platform/jobs.js';
import type { Services } from '../../../services.js';
import { submitRecords } from '../../access/__tests__/trust-records.js';
import { platformActor, type TActor } from '../../access/index.js';
import {
  createRegistryFeatureReader,
  type EnterpriseFeatures,
  FEATURE_DEFINITIONS,
  type RegistryFeatureReader,
} from '../../registry/index.js';
import { datasetOf } from '../feature-dataset.js';
import { createFeatureStore, type FeatureStore } from '../feature-store.js';
import { createRescoreJobs } from '../rescore.jobs.js';
import { createScoringService, type ScoringService } from '../scoring.service.js';

// The feature store against the live registry SQL it caches: the same features and the same scores, and
// registry writes (an import, retention archiving, a transaction still open during a refresh) make exactly
// the enterprises they touched stale.
let database: Database;
let services: Services;
let reader: RegistryFeatureReader;
let store: FeatureStore;
let scoring: ScoringService;
let model: unknown;
let modelId: string;
const TODAY = fixedClock.now().toISOString().slice(0, 10);

const operator: TActor = platformActor({
  id: 'usr_test_operator',
  displayName: 'Operator',
  login: 'operator',
});

/** Every enterprise's features through the registry's per-page statement (the live SQL). */
async function liveFeatures(): Promise<Map<string, EnterpriseFeatures>> {
  const rows = new Map<string, EnterpriseFeatures>();
  let after: string | null = null;
  for (;;) {
    const page = await reader.readEnterpriseFeatures({ asOf: TODAY, after, limit: 40 });
    for (const row of page) rows.set(row.creditCode, row);
    if (page.length < 40) return rows;
    after = page[page.length - 1]?.creditCode ?? null;
  }
}

/** The store's rows for today as the values re-scoring scores (columns, back to one record per code). */
async function storedValues(): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  await store.stream({
    asOf: TODAY,
    select: { kind: 'all' },
    batchSize: 23,
    onBatch: async ({ creditCodes, dataset }) => {
      creditCodes.forEach((code, i) => {
        const values: Record<string, unknown> = {};
        for (const column of dataset.columns) values[column.name] = column.values[i];
        rows.set(code, values);
      });
    },
  });
  return rows;
}

/** Every difference between the store and the live SQL, as datasetOf makes columns of the live rows. */
async function storeDifferences(): Promise<unknown[]> {
  const live = await liveFeatures();
  const stored = await storedValues();
  const differences: unknown[] = [];
  if (stored.size !== live.size) differences.push(['rows', live.size, stored.size]);
  const codes = [...live.keys()];
  const columns = datasetOf([...live.values()], FEATURE_DEFINITIONS).columns;
  codes.forEach((code, i) => {
    const row = stored.get(code);
    if (!row) {
      differences.push([code, 'missing from the store']);
      return;
    }
    for (const column of columns)
      if (!Object.is(row[column.name], column.values[i]))
        differences.push([code, column.name, column.values[i], row[column.name]]);
  });
  return differences;
}

/** The latest score of every enterprise with the champion, against score() on the live features. */
async function scoreDifferences(): Promise<{ differences: unknown[]; checked: number }> {
  const live = await liveFeatures();
  const written = await database.pool.query<{
    credit_code: string;
    score: number;
    pd: number;
    grade: string;
    reasons: unknown;
  }>(
    `SELECT DISTINCT ON (credit_code) credit_code, score, pd, grade, reasons FROM enterprise_scores
     WHERE model_id = $1 ORDER BY credit_code, computed_at DESC, id DESC`,
    [modelId],
  );
  const differences: unknown[] = [];
  if (written.rows.length !== live.size) differences.push(['scored', live.size, written.rows.length]);
  for (const row of written.rows) {
    const features = live.get(row.credit_code);
    if (!features) {
      differences.push([row.credit_code, 'scored but not registered']);
      continue;
    }
    const expected = score(model as Parameters<typeof score>[0], features.values);
    if (row.score !== expected.score || row.pd !== expected.pd || row.grade !== expected.grade)
      differences.push([row.credit_code, row.score, expected.score, row.pd, expected.pd]);
    // jsonb orders keys its own way: compared as values
    if (!isDeepStrictEqual(row.reasons, JSON.parse(JSON.stringify(expected.reasons))))
      differences.push([row.credit_code, 'reasons', row.reasons, expected.reasons]);
  }
  return { differences, checked: written.rows.length };
}

/** The enterprises scored by the last re-scoring run (at its write time). */
async function lastScoredCodes(): Promise<string[]> {
  const result = await database.pool.query<{ credit_code: string }>(
    `SELECT credit_code FROM enterprise_scores
     WHERE computed_at = (SELECT max(computed_at) FROM enterprise_scores) ORDER BY credit_code`,
  );
  return result.rows.map((row) => row.credit_code);
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = testServices(database);
  await seedDemoIfEmpty({
    services,
    config: testConfig(),
    say: () => {},
    enterprises: 120,
    invoicesPerEnterprise: 30,
  });
  const trained = await services.scoring.train({
    actor: operator,
    request: { source: 'registry', kind: 'scorecard', asOf: '2024-12-31', horizonMonths: 12 },
  });
  modelId = trained.model.id;
  await database.pool.query("UPDATE scoring_models SET status = 'champion' WHERE id = $1", [modelId]);
  model = (await database.pool.query('SELECT model FROM scoring_models WHERE id = $1', [modelId])).rows[0]
    .model;
  reader = createRegistryFeatureReader(database.pool);
  // small pages and batches so that every path crosses page and batch boundaries
  store = createFeatureStore({ pool: database.pool, features: reader, pageSize: 7 });
  scoring = createScoringService({
    pool: database.pool,
    clock: fixedClock,
    features: reader,
    rescoreBatchSize: 29,
    authorizeEnterpriseRead: async () => {},
  });
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('feature store', () => {
  it('is filled by the first re-scoring (full pass) and then gives exactly the live SQL features and scores', async () => {
    const enterprises = Number(
      (await database.pool.query('SELECT count(*) AS n FROM enterprises')).rows[0].n,
    );
    expect(enterprises).toBeGreaterThanOrEqual(120);
    const first = await scoring.rescore({ actor: operator, mode: 'full' });
    expect(first.featureRefresh).toMatchObject({ mode: 'all', enterprises });
    expect(first.scored).toBe(enterprises);
    expect(await storeDifferences()).toEqual([]);
    const { differences, checked } = await scoreDifferences();
    expect(differences).toEqual([]);
    expect(checked).toBe(enterprises);
    // nothing changed: nothing to refresh, nothing to score incrementally, and a full run reads the store only
    const none = await scoring.rescore({ actor: operator, mode: 'incremental' });
    expect(none.featureRefresh).toMatchObject({ mode: 'none', enterprises: 0 });
    expect(none.scored).toBe(0);
    const full = await scoring.rescore({ actor: operator, mode: 'full' });
    expect(full.featureRefresh?.mode).toBe('none');
    expect(full.scored).toBe(enterprises);
    // the reader role of actor-scoped reads (row-level security) cannot read the store at all
    await expect(
      withReadContext(database.pool, systemReadContext(fixedClock.now()), (client) =>
        client.query('SELECT count(*) FROM enterprise_features'),
      ),
    ).rejects.toThrow('permission denied');
  });

  it('marks the enterprise an import touched stale: refreshed alone, re-scored alone, equal to the live SQL', async () => {
    const { rows } = await database.pool.query<{ credit_code: string }>(
      'SELECT credit_code FROM enterprises ORDER BY credit_code LIMIT 1 OFFSET 5',
    );
    const code = rows[0]?.credit_code as string;
    const before = (await storedValues()).get(code);
    const bank = await newMember(services);
    await submitRecords(services, database, actorFor(bank), code, {
      writtenOffOn: '2024-09-30',
      judgmentEndedOn: '2024-05-31',
    });
    const result = await scoring.rescore({ actor: operator, mode: 'incremental' });
    expect(result.featureRefresh).toMatchObject({ mode: 'changed', enterprises: 1 });
    expect(result.scored).toBe(1);
    expect(await lastScoredCodes()).toEqual([code]);
    const after = (await storedValues()).get(code);
    expect(after?.loan_any_default).toBe(1);
    expect(after).not.toEqual(before);
    expect(await storeDifferences()).toEqual([]);
    expect((await scoreDifferences()).differences).toEqual([]);
  });

  it('marks the enterprises whose records retention archived stale, and scores them as the live SQL does', async () => {
    const { rows } = await database.pool.query<{ credit_code: string }>(
      'SELECT credit_code FROM enterprises ORDER BY credit_code LIMIT 1 OFFSET 9',
    );
    const code = rows[0]?.credit_code as string;
    const bank = await newMember(services);
    // a loan written off and a judgment that ended more than 5 years before today: retention archives them
    await submitRecords(services, database, actorFor(bank), code);
    const imported = await scoring.rescore({ actor: operator, mode: 'incremental' });
    expect(imported.featureRefresh).toMatchObject({ mode: 'changed', enterprises: 1 });
    expect((await storedValues()).get(code)?.loan_any_default).toBe(1);

    const archived = await services.retention.archiveExpiredNegativeRecords({ actor: operator });
    expect(archived.archived).toBeGreaterThanOrEqual(2);
    const touched = await database.pool.query<{ credit_code: string }>(
      `SELECT credit_code FROM loans WHERE archived_at IS NOT NULL
       UNION SELECT credit_code FROM public_records WHERE archived_at IS NOT NULL ORDER BY 1`,
    );
    const result = await scoring.rescore({ actor: operator, mode: 'incremental' });
    expect(result.featureRefresh).toMatchObject({ mode: 'changed', enterprises: touched.rows.length });
    // the archived default no longer counts
    expect((await storedValues()).get(code)?.loan_any_default).toBe(0);
    expect(await storeDifferences()).toEqual([]);
    expect((await scoreDifferences()).differences).toEqual([]);
    // only those whose features changed were scored, and the enterprise above is one of them
    expect(result.scored).toBeGreaterThanOrEqual(1);
    expect(result.scored).toBeLessThanOrEqual(touched.rows.length);
    expect(await lastScoredCodes()).toContain(code);
  });

  it('counts a write still uncommitted while a refresh reads as stale once it commits; a rolled-back write marks nothing', async () => {
    const { rows } = await database.pool.query<{ credit_code: string }>(
      'SELECT credit_code FROM enterprises ORDER BY credit_code LIMIT 2 OFFSET 12',
    );
    const [open, rolledBack] = rows.map((row) => row.credit_code) as [string, string];
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE enterprises SET size_class = NULL WHERE credit_code = $1', [rolledBack]);
      await client.query('ROLLBACK');
      expect(await store.refresh({ asOf: TODAY, now: fixedClock.now() })).toMatchObject({ mode: 'none' });

      await client.query('BEGIN');
      await client.query(
        'UPDATE enterprises SET size_class = NULL, updated_at = now() WHERE credit_code = $1',
        [open],
      );
      // the full pass runs while the update is in flight: it reads the old row and cannot count it as seen
      const during = await store.refresh({ asOf: TODAY, now: fixedClock.now(), mode: 'all' });
      expect(during.mode).toBe('all');
      expect((await storedValues()).get(open)?.ent_size_class).not.toBeNull();
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const after = await store.refresh({ asOf: TODAY, now: fixedClock.now() });
    expect(after).toMatchObject({ mode: 'changed' });
    expect(after.enterprises).toBeGreaterThanOrEqual(1);
    expect((await storedValues()).get(open)?.ent_size_class).toBeNull();
    expect(await storeDifferences()).toEqual([]);
    const result = await scoring.rescore({ actor: operator, mode: 'incremental' });
    expect(await lastScoredCodes()).toEqual([open]);
    expect(result.scored).toBe(1);
    expect((await scoreDifferences()).differences).toEqual([]);
  });

  it('counts a change committed before a refresh as read, even while an older transaction is still open', async () => {
    const { rows } = await database.pool.query<{ credit_code: string }>(
      'SELECT credit_code FROM enterprises ORDER BY credit_code LIMIT 1 OFFSET 20',
    );
    const code = rows[0]?.credit_code as string;
    const older = await database.pool.connect();
    try {
      // an unrelated transaction that holds a transaction id (the oldest running one) all along
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      await database.pool.query('UPDATE enterprises SET updated_at = now() WHERE credit_code = $1', [code]);
      expect(await store.refresh({ asOf: TODAY, now: fixedClock.now() })).toMatchObject({
        mode: 'changed',
        enterprises: 1,
      });
      expect(await store.refresh({ asOf: TODAY, now: fixedClock.now() })).toMatchObject({ mode: 'none' });
    } finally {
      await older.query('ROLLBACK');
      older.release();
    }
  });

  it('refreshes as a background job (queue features-refresh): a new date, then what is pending for today', async () => {
    const jobs = createJobQueue(database.pool);
    const rescoreJobs = createRescoreJobs({ jobs, scoring });
    try {
      const run = async (request: { mode: 'pending' | 'all'; asOf?: string }) => {
        const { jobId } = await rescoreJobs.enqueueFeatureRefresh({ actor: operator, ...request });
        for (let i = 0; i < 600; i++) {
          const status = await rescoreJobs.featureRefreshStatus({ actor: operator, jobId });
          if (['completed', 'failed', 'cancelled'].includes(status.state)) return status;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`job ${jobId} did not end`);
      };
      const enterprises = await store.count(TODAY);
      const next = await run({ mode: 'all', asOf: '2026-07-02' });
      expect(next).toMatchObject({ state: 'completed', error: null, output: { mode: 'all', enterprises } });
      expect(await store.count('2026-07-02')).toBe(enterprises);
      // today's rows were replaced by the new date's: today is computed again, in full
      expect(await run({ mode: 'pending' })).toMatchObject({ output: { mode: 'all', enterprises } });
      expect(await run({ mode: 'pending' })).toMatchObject({ output: { mode: 'none', enterprises: 0 } });
      expect(await store.count(TODAY)).toBe(enterprises);
      const analyst = { ...operator, role: 'analyst' as const };
      await expect(rescoreJobs.enqueueFeatureRefresh({ actor: analyst, mode: 'all' })).rejects.toThrow(
        'only the operator',
      );
    } finally {
      await jobs.stop();
    }
  });

  it('computes everything again for a new as-of date, and refuses a date that is not one', async () => {
    const enterprises = await store.count(TODAY);
    const next = await store.refresh({ asOf: '2026-07-01', now: fixedClock.now() });
    expect(next).toMatchObject({ mode: 'all', enterprises });
    expect(await store.count(TODAY)).toBe(0);
    expect(await store.count('2026-07-01')).toBe(enterprises);
    await expect(store.refresh({ asOf: "2026-07-01'; --", now: fixedClock.now() })).rejects.toThrow(
      'asOf must be a date YYYY-MM-DD',
    );
  });
});
