import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/cli-process.js';
import { actorFor, testConfig } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import { seedDemoIfEmpty } from '../../../cli/seed-demo.js';
import type { Database } from '../../../platform/db/database.js';
import { buildApp } from '../../../platform/http/app.js';
import type { TActor } from '../../access/index.js';
import type { TSampleData, TSampleRow } from '../reports.schemas.js';
import { ANY, fenToSignificant, SAMPLE_CSV_COLUMNS, SAMPLE_K } from '../sample-data.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let sample: TSampleData;
const analyst: TActor = actorFor({ id: 'mbr_model', name: 'Model Bank', kind: 'bank' }, 'analyst');

/** What an outsider can know about each firm-year from the registry: quasi-identifiers and headline amounts. */
type Known = {
  creditCode: string;
  name: string;
  year: number;
  industryGroup: string;
  sizeClass: string;
  province: string;
  revenueFen: number;
  totalAssetsFen: number;
  employees: number | null;
};
let known: Known[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ pool: database.pool, config: testConfig(), logger: false });
  await seedDemoIfEmpty({
    services: app.services,
    config: testConfig(),
    say: () => {},
    enterprises: 300,
    invoicesPerEnterprise: 4,
  });
  const rows = await database.pool.query<{
    credit_code: string;
    name: string;
    year: number;
    industry_group: string;
    size_class: string;
    province_code: string;
    revenue: string;
    assets: string;
    employees: number | null;
  }>(
    `SELECT DISTINCT ON (s.credit_code, date_part('year', s.period_end)) s.credit_code, e.name,
       date_part('year', s.period_end)::int AS year, e.industry_group, e.size_class, e.province_code,
       coalesce((s.lines->>'is_01')::bigint, 0) AS revenue, coalesce((s.lines->>'bs_30')::bigint, 0) AS assets,
       e.employees
     FROM statements s JOIN enterprises e USING (credit_code)
     WHERE s.superseded_by IS NULL AND s.period_type = 'annual' AND e.industry_group IS NOT NULL
       AND e.size_class IS NOT NULL
     ORDER BY s.credit_code, date_part('year', s.period_end), s.period_end DESC, s.id DESC`,
  );
  known = rows.rows.map((row) => ({
    creditCode: row.credit_code,
    name: row.name,
    year: row.year,
    industryGroup: row.industry_group,
    sizeClass: row.size_class,
    province: row.province_code,
    revenueFen: Number(row.revenue),
    totalAssetsFen: Number(row.assets),
    employees: row.employees,
  }));
  sample = await app.services.reports.getSampleData({ actor: analyst, year: null });
}, 300_000);

/** Extract rows an attacker cannot tell apart from the firm by its quasi-identifiers (generalised or not). */
const compatible = (rows: readonly TSampleRow[], firm: Known) =>
  rows.filter(
    (row) =>
      row.year === firm.year &&
      row.industryGroup === firm.industryGroup &&
      (row.sizeClass === ANY || row.sizeClass === firm.sizeClass) &&
      (row.province === ANY || row.province === firm.province),
  );

/**
 * The linkage attack: for every firm-year the attacker knows, the extract rows that match its
 * quasi-identifiers and whose amounts are closest to its own rounded amounts. A set of one re-identifies it.
 */
function linkageClassSizes(rows: readonly TSampleRow[]): number[] {
  const sizes: number[] = [];
  for (const firm of known) {
    const candidates = compatible(rows, firm);
    if (candidates.length === 0) continue;
    const target = {
      revenue: fenToSignificant(firm.revenueFen) ?? 0,
      assets: fenToSignificant(firm.totalAssetsFen) ?? 0,
    };
    const distance = (row: TSampleRow) =>
      Math.abs(Math.log1p(Math.abs(row.revenueFen)) - Math.log1p(Math.abs(target.revenue))) +
      Math.abs(Math.log1p(Math.abs(row.totalAssetsFen)) - Math.log1p(Math.abs(target.assets)));
    const best = Math.min(...candidates.map(distance));
    sizes.push(candidates.filter((row) => distance(row) === best).length);
    // An exact join on the rounded amounts, too: either nobody matches, or at least k rows do.
    const exact = candidates.filter(
      (row) => row.revenueFen === target.revenue && row.totalAssetsFen === target.assets,
    ).length;
    if (exact > 0) sizes.push(exact);
  }
  return sizes;
}

describe('anonymised sample data', () => {
  it('has no names or codes, years only, amounts to 3 significant figures', () => {
    expect(sample.rows.length).toBeGreaterThan(100);
    expect(sample.rows.length + sample.suppressed).toBe(sample.sourceRows);
    const identities = new Set(known.flatMap((firm) => [firm.creditCode, firm.name]));
    for (const row of sample.rows) {
      expect(Object.keys(row).sort()).toEqual([...SAMPLE_CSV_COLUMNS].sort());
      for (const value of Object.values(row)) expect(identities.has(String(value))).toBe(false);
      expect(row.province).toMatch(/^(\d{2}|\*)$/);
      for (const amount of [
        row.revenueFen,
        row.totalAssetsFen,
        row.totalLiabilitiesFen,
        row.equityFen,
        row.netProfitFen,
      ]) {
        expect(Number.isInteger(amount)).toBe(true);
        expect(Number(amount.toPrecision(3))).toBe(amount);
      }
    }
  });

  it('is k-anonymous: every industry × size × province × year class holds at least 5 firm-years', () => {
    const classes = new Map<string, number>();
    for (const row of sample.rows) {
      const key = `${row.industryGroup}|${row.sizeClass}|${row.province}|${row.year}`;
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    expect(Math.min(...classes.values())).toBeGreaterThanOrEqual(SAMPLE_K);
    expect(sample.generalisedProvince).toBeGreaterThan(0);
  });

  it('defeats re-identification by linkage with the registry, which re-identifies a naive extract', () => {
    const sizes = linkageClassSizes(sample.rows);
    expect(sizes.length).toBeGreaterThan(sample.rows.length / 2);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(SAMPLE_K);

    // The same attack on an extract that only rounds (exact quasi-identifiers, amounts to 3 significant
    // figures, no microaggregation) singles most firms out: the attack is real, the protection is what stops it.
    const naive: TSampleRow[] = known.map((firm) => ({
      ...(sample.rows[0] as TSampleRow),
      year: firm.year,
      industryGroup: firm.industryGroup,
      sizeClass: firm.sizeClass,
      province: firm.province,
      revenueFen: fenToSignificant(firm.revenueFen) ?? 0,
      totalAssetsFen: fenToSignificant(firm.totalAssetsFen) ?? 0,
    }));
    const naiveSizes = linkageClassSizes(naive);
    const singledOut = naiveSizes.filter((size) => size === 1).length;
    expect(singledOut).toBeGreaterThan(naiveSizes.length / 4);
  }, 60_000);

  it('downloads as CSV for member staff and is refused to an enterprise', async () => {
    const user = await app.services.access.createUser({
      login: 'sample-analyst',
      displayName: 'Sample analyst',
      password: 'a long enough password',
      role: 'regulator',
    });
    const token = await app.services.access.createApiToken({ userId: user.id, name: 'x', expiresAt: null });
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/sample-data?format=csv',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('sample-data-all-years.csv');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe(SAMPLE_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(sample.rows.length + 1);

    const refused = await app.services.reports
      .getSampleData({ actor: { ...analyst, role: 'enterprise_owner' }, year: null })
      .catch((error: unknown) => error);
    expect((refused as Error).message).toContain('sample data are for member staff');
  });

  it('is written by `creditbridge sample-data --year Y --out F`, which refuses a bad year', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cb-sample-'));
    try {
      const out = path.join(folder, 'sample.csv');
      const year = sample.rows[0]?.year ?? 2024;
      const run = await runCli(['sample-data', '--year', String(year), '--out', out], {
        DATABASE_URL: database.url,
      });
      expect(run.stderr).toContain(`wrote ${out}`);
      expect(run.code).toBe(0);
      const lines = (await readFile(out, 'utf8')).trim().split('\n');
      expect(lines[0]).toBe(SAMPLE_CSV_COLUMNS.join(','));
      expect(lines.length - 1).toBe(sample.rows.filter((row) => row.year === year).length);
      const refused = await runCli(['sample-data', '--year', '20x4'], { DATABASE_URL: database.url });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain("--year must be a year between 1990 and 2100 (got '20x4')");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
