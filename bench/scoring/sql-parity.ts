import { type ScoringModel, score, toSqlQuery, train } from '@creditbridge/scoring';
// Checks that the PostgreSQL export gives exactly the TypeScript runtime's score, PD and grade on every row of
// sba_case_li2018 (with odd cells sprinkled in), for a scorecard and a GAM with interaction tables.
// Usage: DATABASE_URL=postgres://… node --import tsx bench/scoring/sql-parity.ts (default: socket /tmp/pgtest, port 55432)
import pg from 'pg';
import { datasetFromTable, readCsvTable } from '../../apps/server/src/cli/model.command.js';

const client = new pg.Client(
  process.env.DATABASE_URL
    ? { connectionString: process.env.DATABASE_URL }
    : { host: '/tmp/pgtest', port: 55432, user: 'postgres', database: 'postgres' },
);
await client.connect();
const t = await readCsvTable('/work/shared/data/sba_7a/sba_case_li2018.csv.gz');
const exclude = [
  'LoanNr_ChkDgt',
  'split',
  'Selected',
  'ChgOffDate',
  'ChgOffPrinGr',
  'MIS_Status',
  'daysterm',
  'xx',
];
const { dataset, target } = datasetFromTable(t, { target: 'Default', exclude });
// sprinkle odd values into the records to check the missing rules
const rows = t.rows.map((r, i) =>
  r.map((c, j) => (i % 17 === 0 && j % 3 === 0 ? ['', 'NA', ' ', 'abc', '1e400', '-1e400'][i % 6]! : c)),
);
for (const kind of ['scorecard', 'gam'] as const) {
  const { model } = train(dataset, target, { kind, targetName: 'Default' });
  const numeric = new Set<string>();
  const check = (m: ScoringModel) => {
    for (const f of m.features) if (f.binning.type === 'numeric') numeric.add(f.feature);
    for (const p of m.interactions)
      p.binnings.forEach((b, k) => {
        if (b.type === 'numeric') numeric.add(p.features[k]!);
      });
  };
  check(model);
  await client.query('DROP TABLE IF EXISTS cb_sql_parity');
  const cols = t.header.map((h) => `"${h}" ${numeric.has(h) ? 'double precision' : 'text'}`);
  await client.query(`CREATE TABLE cb_sql_parity (rn int, ${cols.join(', ')})`);
  for (const [i, r] of rows.entries()) {
    const vals = r.map((c, j) => {
      if (!numeric.has(t.header[j]!)) return c === '' ? null : c;
      const x = Number(c.trim());
      return c.trim() === '' || Number.isNaN(x) ? null : x; // NULL = missing; ±Infinity kept
    });
    await client.query(
      `INSERT INTO cb_sql_parity VALUES (${[i, ...vals].map((_, k) => `$${k + 1}`).join(', ')})`,
      [i, ...vals],
    );
  }
  const sql = `${toSqlQuery(model, 'cb_sql_parity').replace(/;\s*$/, '')} ORDER BY rn`;
  const res = await client.query(sql);
  let mismatch = 0;
  res.rows.forEach((row, i) => {
    const rec: Record<string, string> = {};
    t.header.forEach((h, j) => {
      rec[h] = rows[i]![j]!;
    });
    const ts = score(model, rec);
    if (Number(row.score) !== ts.score || Number(row.pd) !== ts.pd || row.grade !== ts.grade) {
      if (mismatch++ < 5) console.log('mismatch', i, row.score, ts.score, row.pd, ts.pd, row.grade, ts.grade);
    }
  });
  console.log(
    kind,
    'rows',
    res.rows.length,
    'mismatches',
    mismatch,
    'interactions',
    model.interactions.length,
  );
}
await client.end();
