import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db/database.js';
import { runCli, startCli, waitFor } from './cli-process.js';
import { actorFor, newCreditCode, newMember, registerEnterprises, testServices } from './factories.js';
import { createTestDatabase } from './test-database.js';

let database: Database;
let directory: string;
let file: string;
let memberId: string;
const ROWS = 400_000;

beforeAll(async () => {
  database = await createTestDatabase();
  const services = testServices(database);
  const member = await newMember(services);
  memberId = member.id;
  const codes = [newCreditCode(), newCreditCode(), newCreditCode()];
  await registerEnterprises(services, actorFor(member), codes);
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'creditbridge-crash-'));
  file = path.join(directory, 'invoices.csv');
  const lines = ['credit_code,direction,invoice_no,issued_on,counterparty,amount,tax,total,status'];
  for (let index = 0; index < ROWS; index++) {
    const amount = 100 + (index % 977);
    lines.push(
      `${codes[index % 3]},${index % 2 ? 'sales' : 'purchase'},${10_000_000 + index},2025-0${1 + (index % 9)}-1${index % 10},B${index % 311},${amount}.00,${(amount * 0.13).toFixed(2)},${(amount * 1.13).toFixed(2)},valid`,
    );
  }
  await fs.writeFile(file, `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

async function count(sql: string): Promise<number> {
  return (await database.pool.query(sql)).rows[0].n;
}

describe('a crash in the middle of an import', () => {
  it('leaves the database as if the import never started, and a rerun completes it once', async () => {
    const args = ['import', 'invoices', file, '--member', memberId, '--mode', 'accept_valid', '--json'];
    const env = { DATABASE_URL: database.url };
    const run = startCli(args, env);
    // Wait until the COPY is well under way, then kill the importer without warning.
    await waitFor(async () => {
      const progress = await database.pool.query(
        "SELECT coalesce(max(tuples_processed), 0)::int AS n FROM pg_stat_progress_copy WHERE relid = 'invoices'::regclass",
      );
      return progress.rows[0].n > 20_000;
    }, 'the COPY to start');
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    // PostgreSQL notices the dead client and rolls its transaction back.
    await waitFor(
      async () =>
        (await count("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'COPY invoices%'")) ===
        0,
      'the aborted COPY to end',
    );
    expect(await count('SELECT count(*)::int AS n FROM invoices')).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM submissions WHERE kind = 'invoices'")).toBe(0);

    const rerun = await runCli(args, env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary).toMatchObject({ status: 'accepted', rowsAccepted: ROWS, duplicateOf: null });
    expect(await count('SELECT count(*)::int AS n FROM invoices')).toBe(ROWS);

    const again = await runCli(args, env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).duplicateOf).toBe(summary.id);
    expect(await count('SELECT count(*)::int AS n FROM invoices')).toBe(ROWS);
    expect(await count("SELECT count(*)::int AS n FROM submissions WHERE kind = 'invoices'")).toBe(1);
  }, 240_000);
});
