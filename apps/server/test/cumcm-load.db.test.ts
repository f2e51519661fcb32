import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';
import { createTestDatabase } from './test-database.js';

const folder = path.resolve(import.meta.dirname, '../../../../shared/data/cumcm2020c');
const isPresent = existsSync(path.join(folder, 'enterprises.csv.gz'));
if (!isPresent) console.warn(`skipping the CUMCM load test: ${folder} is absent (CI always has it)`);

describe.skipIf(!isPresent)('loading the real CUMCM 2020 C data set', () => {
  it('registers the 425 enterprises under valid credit codes and their invoices', async () => {
    const database = await createTestDatabase();
    const run = await runCli(
      ['demo', 'load-cumcm', '--from', folder, '--invoices-limit', '30000', '--json'],
      {
        DATABASE_URL: database.url,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.enterprises).toMatchObject({ status: 'accepted', rowsAccepted: 425 });
    expect(summary.invoices.rowsTotal).toBe(30_000);
    expect(summary.invoices.rowsAccepted + summary.invoices.rowsRejected).toBe(30_000);
    expect(summary.labels).toBe(123);
    const stored = await database.pool.query(
      `SELECT count(DISTINCT i.credit_code)::int AS firms, count(*)::int AS invoices,
         sum(CASE WHEN i.is_void THEN 1 ELSE 0 END)::int AS void
       FROM invoices i JOIN enterprises e USING (credit_code)`,
    );
    expect(stored.rows[0].invoices).toBe(summary.invoices.rowsAccepted);
    expect(stored.rows[0].firms).toBeGreaterThan(0);
    expect(stored.rows[0].void).toBeGreaterThan(0);
  }, 180_000);
});
