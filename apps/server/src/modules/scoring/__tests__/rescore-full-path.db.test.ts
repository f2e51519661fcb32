import { score } from '@creditbridge/scoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, testConfig, testServices } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import { seedDemoIfEmpty } from '../../../cli/seed-demo.js';
import type { Database } from '../../../platform/db/database.js';
import { platformActor, type TActor } from '../../access/index.js';
import {
  createRegistryFeatureReader,
  type EnterpriseFeatures,
  type RegistryFeatureReader,
} from '../../registry/index.js';
import { createScoringService, type ScoringService } from '../scoring.service.js';

// The fast full path of re-scoring (one streamed feature statement, batch reasons, COPY) against the per-page
// path it replaces (the registry's page statement, score() per row), on the demo data.
let database: Database;
let reader: RegistryFeatureReader;
let scoring: ScoringService;
const TODAY = fixedClock.now().toISOString().slice(0, 10);

const operator: TActor = platformActor({
  id: 'usr_test_operator',
  displayName: 'Operator',
  login: 'operator',
});

async function pagedFeatures(asOf: string): Promise<Map<string, EnterpriseFeatures>> {
  const rows = new Map<string, EnterpriseFeatures>();
  let after: string | null = null;
  for (;;) {
    const page = await reader.readEnterpriseFeatures({ asOf, after, limit: 50 });
    for (const row of page) rows.set(row.creditCode, row);
    if (page.length < 50) return rows;
    after = page[page.length - 1]?.creditCode ?? null;
  }
}

async function streamedFeatures(asOf: string, batchSize: number) {
  const rows = new Map<string, EnterpriseFeatures>();
  const batches: number[] = [];
  const read = await reader.streamAllEnterpriseFeatures({
    asOf,
    now: fixedClock.now(),
    batchSize,
    onBatch: async (batch) => {
      batches.push(batch.length);
      for (const row of batch) rows.set(row.creditCode, row);
    },
  });
  return { rows, batches, read };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const services = testServices(database);
  await seedDemoIfEmpty({
    services,
    config: testConfig(),
    say: () => {},
    enterprises: 150,
    invoicesPerEnterprise: 40,
  });
  const trained = await services.scoring.train({
    actor: operator,
    request: { source: 'registry', kind: 'scorecard', asOf: '2024-12-31', horizonMonths: 12 },
  });
  await database.pool.query("UPDATE scoring_models SET status = 'champion' WHERE id = $1", [
    trained.model.id,
  ]);
  reader = createRegistryFeatureReader(database.pool);
  scoring = createScoringService({
    pool: database.pool,
    clock: fixedClock,
    features: reader,
    rescoreBatchSize: 37,
    authorizeEnterpriseRead: async () => {},
  });
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('full-population feature stream', () => {
  it('gives every enterprise exactly the features of the per-page statement, as of today and a past date', async () => {
    const enterprises = Number(
      (await database.pool.query('SELECT count(*) AS n FROM enterprises')).rows[0].n,
    );
    expect(enterprises).toBeGreaterThanOrEqual(150);
    for (const asOf of [TODAY, '2024-12-31']) {
      const paged = await pagedFeatures(asOf);
      const streamed = await streamedFeatures(asOf, 37);
      expect(paged.size).toBe(enterprises);
      expect(streamed.read).toBe(enterprises);
      expect(streamed.batches.every((size) => size >= 37 || size === streamed.batches.at(-1))).toBe(true);
      expect(streamed.batches.length).toBeGreaterThan(1);
      expect([...streamed.rows.keys()].sort()).toEqual([...paged.keys()].sort());
      // every difference at once: code, what differs, per-page value, streamed value
      const differences: unknown[] = [];
      for (const [code, row] of paged) {
        const other = streamed.rows.get(code) as EnterpriseFeatures;
        if (other.dataChangedAt.getTime() !== row.dataChangedAt.getTime())
          differences.push([code, 'dataChangedAt', row.dataChangedAt, other.dataChangedAt]);
        for (const [name, value] of Object.entries(row.values))
          if (!Object.is(other.values[name], value))
            differences.push([code, name, value, other.values[name]]);
        expect(Object.keys(other.values)).toEqual(Object.keys(row.values));
      }
      expect(differences).toEqual([]);
      // the demo exercises the parts that differ between the two statements: ratios, invoices, loans
      const values = [...paged.values()].map((row) => row.values);
      expect(values.filter((v) => v.fin_current_ratio !== null).length).toBeGreaterThan(100);
      expect(values.filter((v) => v.fin_revenue_growth !== null).length).toBeGreaterThan(50);
      expect(values.filter((v) => v.inv_customer_hhi !== null).length).toBeGreaterThan(100);
      expect(values.filter((v) => (v.loan_count as number) > 0).length).toBeGreaterThan(50);
    }
  });

  it('refuses an as-of date that is not a date', async () => {
    await expect(
      reader.streamAllEnterpriseFeatures({
        asOf: "2024-01-01'; --",
        now: new Date(),
        onBatch: async () => {},
      }),
    ).rejects.toThrow('asOf must be a date YYYY-MM-DD');
  });
});

describe('full re-scoring', () => {
  it('writes for every enterprise the score, PD, grade and reasons score() gives on the per-page features', async () => {
    const result = await scoring.rescore({ actor: operator, mode: 'full' });
    const paged = await pagedFeatures(TODAY);
    expect(result.enterprises).toBe(paged.size);
    expect(result.scored).toBe(paged.size);
    const champion = await scoring.getModel({ actor: operator, id: result.modelId });
    expect(champion.status).toBe('champion');
    const model = (
      await database.pool.query('SELECT model FROM scoring_models WHERE id = $1', [result.modelId])
    ).rows[0].model;
    const written = await database.pool.query<{
      credit_code: string;
      score: number;
      pd: number;
      grade: string;
      reasons: unknown;
    }>('SELECT credit_code, score, pd, grade, reasons FROM enterprise_scores WHERE model_id = $1', [
      result.modelId,
    ]);
    expect(written.rows.length).toBe(paged.size);
    let withReasons = 0;
    for (const row of written.rows) {
      const features = paged.get(row.credit_code);
      expect(features, row.credit_code).toBeDefined();
      const expected = score(model, (features as EnterpriseFeatures).values);
      expect(row.score).toBe(expected.score);
      expect(row.pd).toBe(expected.pd);
      expect(row.grade).toBe(expected.grade);
      expect(row.reasons).toEqual(expected.reasons.slice(0, 5));
      if (expected.reasons.length > 0) withReasons++;
    }
    expect(withReasons).toBeGreaterThan(100);
  });

  it('then re-scores incrementally only the enterprise whose data changed, and a resumed full run skips what it scored', async () => {
    const none = await scoring.rescore({ actor: operator, mode: 'incremental' });
    expect(none.scored).toBe(0);
    const { rows } = await database.pool.query<{ credit_code: string }>(
      'SELECT credit_code FROM enterprises ORDER BY credit_code LIMIT 1',
    );
    const changed = rows[0]?.credit_code as string;
    await database.pool.query('UPDATE enterprises SET updated_at = now() WHERE credit_code = $1', [changed]);
    const one = await scoring.rescore({ actor: operator, mode: 'incremental' });
    expect(one.scored).toBe(1);
    const latest = await database.pool.query<{ credit_code: string }>(
      'SELECT credit_code FROM enterprise_scores ORDER BY computed_at DESC, id DESC LIMIT 1',
    );
    expect(latest.rows[0]?.credit_code).toBe(changed);
    // a full run queued before the last writes resumes: only those not scored since it was queued
    const queuedAt = (
      await database.pool.query<{ at: Date }>('SELECT max(computed_at) AS at FROM enterprise_scores')
    ).rows[0]?.at as Date;
    const resumed = await scoring.rescore({ actor: operator, mode: 'full', notScoredSince: queuedAt });
    expect(resumed.scored).toBe(resumed.enterprises - 1);
  });
});
