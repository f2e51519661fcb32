// The registry import benchmark: `creditbridge import` (full validation, one COPY transaction) beside the floor,
// psql `\copy` of the same rows into the same table, on one fresh embedded cluster in the same run:
//   - the 1,099,441 CUMCM 2020 C invoices (after their 425 enterprises);
//   - 1M synthetic financial statements (after the 1M synthetic enterprise profiles).
// Targets (issue): ours within 2× the floor's wall time, and under 512 MB peak memory.
// Writes the "Registry import" section of docs/BENCHMARKS.md (and only that section).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const BIN = path.join(root, 'apps/server/bin/creditbridge.mjs');
const PREPARE = path.join(here, 'prepare.ts');
const MEMBER_ID = 'mbr_bench';
const RATIO_TARGET = 2;
const MEMORY_TARGET_MB = 512;
/** CUMCM enterprises carry no industry; the enterprises format requires one, so a placeholder is filled in. */
const PLACEHOLDER_INDUSTRY = 'L72';

// ------------------------------------------------------------------------------------------------ arguments

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const only = option('--only');
if (only !== undefined && only !== 'invoices' && only !== 'statements') {
  console.error('--only must be invoices or statements');
  process.exit(2);
}
const statementRows = Number(option('--rows') ?? 1_000_000);
const runs = Number(option('--runs') ?? 2);
if (!Number.isInteger(statementRows) || statementRows < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('--rows and --runs must be positive integers');
  process.exit(2);
}
const cumcmFolder = path.resolve(option('--data') ?? path.join(root, '..', 'shared', 'data', 'cumcm2020c'));
const shouldWrite = !flag('--no-write');
const shouldKeep = flag('--keep');
const wants = (set: 'invoices' | 'statements') => only === undefined || only === set;

// ------------------------------------------------------------------------------------------------ processes

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void> | void> = [];
const started = new Date();
const log = (line: string) =>
  console.log(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(5)} s] ${line}`);

/** The environment of every child: never an external database, whatever the caller's shell has. */
const childEnv: NodeJS.ProcessEnv = { ...process.env };
delete childEnv.DATABASE_URL;

type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function run(command: string, argv: string[], env: NodeJS.ProcessEnv = childEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      children.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

const tail = (text: string, lines = 15) => text.trim().split('\n').slice(-lines).join('\n');

type Timed = Finished & { seconds: number; maxRssMb: number };

let timeFile = '';

/** Runs a command under GNU time: wall seconds (measured here) and the peak RSS of the process. */
async function timed(command: string, argv: string[], env?: NodeJS.ProcessEnv): Promise<Timed> {
  const t0 = performance.now();
  const result = await run('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, command, ...argv], env);
  const seconds = (performance.now() - t0) / 1000;
  const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
  const kb = Number(last.split(/\s+/)[1]);
  return { ...result, seconds, maxRssMb: Number.isFinite(kb) ? kb / 1024 : Number.NaN };
}

async function prepare(what: string, ...argv: string[]): Promise<Record<string, unknown>> {
  const result = await run(process.execPath, ['--import', 'tsx', PREPARE, what, ...argv]);
  if (result.code !== 0) throw new Error(`prepare ${what} failed:\n${tail(result.stderr)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------------------------------------ platform

type Platform = { dataDir: string; pgPort: number; password: string; stop: () => Promise<void> };

async function startPlatform(dataDir: string): Promise<Platform> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', String(port), '--data-dir', dataDir, '--no-demo'],
    { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  const deadline = Date.now() + 180_000;
  while (!output.includes('CreditBridge is running at')) {
    if (child.exitCode !== null) throw new Error(`creditbridge serve exited early:\n${tail(output)}`);
    if (Date.now() > deadline) throw new Error(`creditbridge serve did not start in 180 s:\n${tail(output)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const lock = JSON.parse(readFileSync(path.join(dataDir, 'creditbridge.lock'), 'utf8')) as {
    pgPort?: number;
  };
  if (!lock.pgPort) throw new Error('the lock file of creditbridge serve names no pgPort');
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  return { dataDir, pgPort: lock.pgPort, password, stop };
}

let platform: Platform;

const psqlArgs = () => [
  '-h',
  '127.0.0.1',
  '-p',
  String(platform.pgPort),
  '-U',
  'postgres',
  '-d',
  'creditbridge',
  '-X',
  '-q',
  '-At',
  '-v',
  'ON_ERROR_STOP=1',
];
const psqlEnv = () => ({ ...childEnv, PGPASSWORD: platform.password });

async function sql(query: string): Promise<string[][]> {
  const result = await run('psql', [...psqlArgs(), '-F', '\t', '-c', query], psqlEnv());
  if (result.code !== 0) throw new Error(`psql failed on ${query.slice(0, 120)}:\n${tail(result.stderr)}`);
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

const scalar = async (query: string) => (await sql(query))[0]?.[0] ?? '';

// ------------------------------------------------------------------------------------------------ importing

type Outcome = {
  id: string;
  status: string;
  duplicateOf: string | null;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  errorCount: number;
  seconds?: number;
};

async function importFile(kind: string, file: string): Promise<{ outcome: Outcome; timing: Timed }> {
  const timing = await timed(process.execPath, [
    BIN,
    'import',
    kind,
    file,
    '--member',
    MEMBER_ID,
    '--mode',
    'accept_valid',
    '--json',
    '--data-dir',
    platform.dataDir,
  ]);
  let outcome: Outcome;
  try {
    outcome = JSON.parse(timing.stdout) as Outcome;
  } catch {
    throw new Error(
      `creditbridge import ${kind} failed (exit ${timing.code ?? timing.signal}):\n${tail(timing.stderr || timing.stdout)}`,
    );
  }
  return { outcome, timing };
}

async function errorSummary(submissionId: string) {
  const rules = await sql(
    `SELECT rule, count(*) FROM submission_errors WHERE submission_id = '${submissionId}' GROUP BY rule ORDER BY 2 DESC`,
  );
  const samples = await sql(
    `SELECT DISTINCT ON (rule) rule, "row", coalesce(field, ''), left(message, 160) FROM submission_errors
     WHERE submission_id = '${submissionId}' ORDER BY rule, seq`,
  );
  const rows = await sql(
    `SELECT DISTINCT "row" FROM submission_errors WHERE submission_id = '${submissionId}' AND "row" IS NOT NULL`,
  );
  return {
    rules: rules.map(([rule, count]) => ({ rule: rule ?? '', count: Number(count) })),
    samples: samples.map(([rule, row, field, message]) => ({
      rule: rule ?? '',
      row: Number(row),
      field: field ?? '',
      message: message ?? '',
    })),
    rejectedRows: rows.map(([row]) => Number(row)),
  };
}

type DataSet = {
  name: string;
  kind: 'invoices' | 'statements';
  table: string;
  columns: string[];
  /** The row fingerprint: every copied column, member and submission excepted. */
  fingerprint: string;
  csv: string;
  tsv: string;
  rows: number;
};

type Run = { ours: Timed; outcome: Outcome; floor: Timed; floorRows: number };

type Result = {
  set: DataSet;
  runs: Run[];
  errors: Awaited<ReturnType<typeof errorSummary>>;
  matches: boolean;
  setup: string[];
};

async function reset(set: DataSet): Promise<void> {
  await sql(
    `TRUNCATE ${set.table};
     DELETE FROM submission_errors WHERE submission_id IN
       (SELECT id FROM submissions WHERE member_id = '${MEMBER_ID}' AND kind = '${set.kind}');
     DELETE FROM submissions WHERE member_id = '${MEMBER_ID}' AND kind = '${set.kind}';
     CHECKPOINT;`,
  );
}

const fingerprintOf = async (set: DataSet, where = 'true') =>
  scalar(
    `SELECT count(*) || ':' || coalesce(sum(hashtext(concat_ws('|', ${set.fingerprint}))::bigint), 0)
     FROM ${set.table} WHERE ${where}`,
  );

async function measure(set: DataSet, setup: string[]): Promise<Result> {
  const results: Run[] = [];
  let errors: Result['errors'] = { rules: [], samples: [], rejectedRows: [] };
  let matches = false;
  for (let attempt = 1; attempt <= runs; attempt += 1) {
    await reset(set);
    log(`${set.name} run ${attempt}/${runs}: creditbridge import (load ${os.loadavg()[0]?.toFixed(2)})`);
    const { outcome, timing: ours } = await importFile(set.kind, set.csv);
    if (outcome.duplicateOf)
      throw new Error(`the import was short-circuited as a duplicate of ${outcome.duplicateOf}`);
    const stored = Number(await scalar(`SELECT count(*) FROM ${set.table}`));
    if (stored !== outcome.rowsAccepted) {
      throw new Error(
        `${set.table} holds ${stored} rows after the import, which reports ${outcome.rowsAccepted}`,
      );
    }
    log(
      `  ours ${ours.seconds.toFixed(1)} s, ${ours.maxRssMb.toFixed(0)} MB, ${outcome.status}: ` +
        `${outcome.rowsAccepted} accepted, ${outcome.rowsRejected} rejected, ${outcome.errorCount} errors`,
    );
    let oursPrint = '';
    if (attempt === 1) {
      errors = await errorSummary(outcome.id);
      oursPrint = await fingerprintOf(set);
    }
    await reset(set);
    log(`${set.name} run ${attempt}/${runs}: psql \\copy (load ${os.loadavg()[0]?.toFixed(2)})`);
    const floor = await timed(
      'psql',
      [...psqlArgs(), '-c', `\\copy ${set.table} (${set.columns.join(', ')}) from '${set.tsv}'`],
      psqlEnv(),
    );
    if (floor.code !== 0) throw new Error(`psql \\copy failed:\n${tail(floor.stderr)}`);
    const floorRows = Number(await scalar(`SELECT count(*) FROM ${set.table}`));
    log(`  floor ${floor.seconds.toFixed(1)} s, ${floorRows} rows`);
    if (attempt === 1) {
      const rejected =
        errors.rejectedRows.length > 0 ? `source_row <> ALL('{${errors.rejectedRows.join(',')}}')` : 'true';
      const floorPrint = await fingerprintOf(set, rejected);
      matches = floorPrint === oursPrint && errors.rejectedRows.length === outcome.rowsRejected;
      log(
        `  same rows and values as the floor (minus the rejected rows): ${matches ? 'yes' : `NO (${oursPrint} vs ${floorPrint})`}`,
      );
    }
    results.push({ ours, outcome, floor, floorRows });
  }
  await reset(set);
  return { set, runs: results, errors, matches, setup };
}

// ------------------------------------------------------------------------------------------------ report

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const mark = (ok: boolean) => (ok ? '✅' : '❌');

type Machine = {
  cpus: number;
  memoryGiB: number;
  loadStart: string;
  loadEnd: string;
  node: string;
  postgres: string;
  settings: string;
};

function report(results: Result[], skipped: string[], machine: Machine, seconds: number): string {
  const lines: string[] = ['## Registry import', ''];
  const command = ['npm run bench -- import', ...args].join(' ');
  lines.push(
    `Command: \`${command}\` (written ${started.toISOString().slice(0, 10)}, ${seconds.toFixed(0)} s in all).`,
    `Machine: ${machine.cpus} cpu (\`nproc\`), ${machine.memoryGiB.toFixed(1)} GiB memory, load average at start ${machine.loadStart} ` +
      `(at end ${machine.loadEnd}; the machine may be shared); Node ${machine.node}; ${machine.postgres}, the embedded cluster ` +
      `of \`creditbridge serve\` (${machine.settings}).`,
    '',
    '**ours** is `creditbridge import <kind> <csv> --mode accept_valid --json` as a child process joining the running',
    "`serve` as a client (wall time of the process, start-up included; peak RSS from `/usr/bin/time -f '%e %M'`, the",
    "importer's Node process only — the PostgreSQL backend is not counted, for either side). **floor** is",
    '`psql -c "\\copy <table> (<columns>) from <tsv>"` of the same rows, already in COPY text with the table columns',
    '(money as integer fen), into the same table with the same indexes, on the same cluster in the same run. Before each',
    `timed step the table is truncated, the bench submissions deleted and a CHECKPOINT taken; ${runs} runs each,`,
    'alternating ours, floor, ours, floor. The median is the figure compared with the targets (ours ≤ 2× floor, peak',
    'RSS < 512 MB); rows/s counts the rows of the file.',
    '',
    '| data set | rows | ours best / median s | floor best / median s | ours / floor (median) | ours / floor (best) | ours peak RSS MB | ours rows/s | floor rows/s | accepted / rejected |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  const targets: string[] = [];
  for (const result of results) {
    const ours = result.runs.map((run) => run.ours.seconds);
    const floor = result.runs.map((run) => run.floor.seconds);
    const rss = Math.max(...result.runs.map((run) => run.ours.maxRssMb));
    const ratio = median(ours) / median(floor);
    const bestRatio = Math.min(...ours) / Math.min(...floor);
    const outcome = result.runs[0]?.outcome;
    const rows = result.set.rows;
    lines.push(
      `| ${result.set.name} | ${int(rows)} | ${Math.min(...ours).toFixed(1)} / ${median(ours).toFixed(1)} | ` +
        `${Math.min(...floor).toFixed(1)} / ${median(floor).toFixed(1)} | ${ratio.toFixed(2)}× ${mark(ratio <= RATIO_TARGET)} | ` +
        `${bestRatio.toFixed(2)}× | ${rss.toFixed(0)} ${mark(rss < MEMORY_TARGET_MB)} | ${int(rows / median(ours))} | ` +
        `${int(rows / median(floor))} | ${int(outcome?.rowsAccepted ?? 0)} / ${int(outcome?.rowsRejected ?? 0)} |`,
    );
    targets.push(
      `- ${result.set.name}: time ${ratio.toFixed(2)}× the floor (target ≤ ${RATIO_TARGET}×) ${mark(ratio <= RATIO_TARGET)}; ` +
        `peak RSS ${rss.toFixed(0)} MB (target < ${MEMORY_TARGET_MB} MB) ${mark(rss < MEMORY_TARGET_MB)}.`,
    );
  }
  lines.push('', '### Targets', '', ...targets);
  for (const name of skipped) lines.push(`- ${name}`);
  lines.push(
    '',
    '### Runs',
    '',
    '| data set | run | ours s | ours peak RSS MB | floor s | floor (psql) peak RSS MB | floor rows |',
    '|---|---|---|---|---|---|---|',
  );
  for (const result of results) {
    result.runs.forEach((run, index) => {
      lines.push(
        `| ${result.set.name} | ${index + 1} | ${run.ours.seconds.toFixed(2)} | ${run.ours.maxRssMb.toFixed(0)} | ` +
          `${run.floor.seconds.toFixed(2)} | ${run.floor.maxRssMb.toFixed(0)} | ${int(run.floorRows)} |`,
      );
    });
  }
  lines.push('', '### What the importer rejected', '');
  for (const result of results) {
    const outcome = result.runs[0]?.outcome;
    const rules = result.errors.rules.map((rule) => `${rule.rule} ${int(rule.count)}`).join(', ') || 'none';
    lines.push(
      `- ${result.set.name}: ${outcome?.status}, ${int(outcome?.rowsRejected ?? 0)} of ${int(outcome?.rowsTotal ?? 0)} rows rejected ` +
        `(errors by rule: ${rules}). The accepted rows equal the floor's rows minus the rejected ones, value for value: ` +
        `${result.matches ? 'yes' : 'NO'}.`,
    );
    for (const sample of result.errors.samples) {
      lines.push(
        `  - e.g. row ${sample.row} ${sample.field} [${sample.rule}]: ${sample.message.replaceAll('|', '\\|')}`,
      );
    }
    for (const note of result.setup) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

function writeSection(section: string): string {
  const doc = path.join(root, 'docs/BENCHMARKS.md');
  let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf('## Registry import');
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start) + section + (next >= 0 ? `\n${text.slice(next + 1)}` : '');
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(doc, text);
  return doc;
}

// ------------------------------------------------------------------------------------------------ main

async function cleanup(): Promise<void> {
  for (const child of children) child.kill('SIGTERM');
  for (const step of cleanups.splice(0).reverse()) await Promise.resolve(step()).catch(() => {});
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the platform and removing the temporary files…`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const uptime = await run('uptime', []);
  const loadStart =
    /load average: (.*)$/.exec(uptime.stdout.trim())?.[1] ??
    os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(', ');
  const work = mkdtempSync(path.join(os.tmpdir(), 'creditbridge-bench-import-'));
  // As root the embedded PostgreSQL runs as the `postgres` user, which must be able to reach its cluster folder.
  chmodSync(work, 0o755);
  if (shouldKeep) log(`temporary files kept in ${work}`);
  else cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  timeFile = path.join(work, 'time.txt');
  const dataDir = path.join(work, 'data');
  const skipped: string[] = [];

  const hasCumcm = existsSync(path.join(cumcmFolder, 'enterprises.csv.gz'));
  const doInvoices = wants('invoices') && hasCumcm;
  if (wants('invoices') && !hasCumcm) {
    const message = `CUMCM invoices: skipped, the CUMCM 2020 C data is not in ${cumcmFolder} (pass --data <folder with enterprises.csv.gz and att*_invoices.csv.gz>)`;
    console.warn(message);
    skipped.push(message);
  }
  const doStatements = wants('statements');

  log(`preparing the files in ${work} (not timed) and starting creditbridge serve…`);
  const [cumcm, enterprises, statements, running] = await Promise.all([
    doInvoices ? prepare('cumcm', cumcmFolder, work) : null,
    doStatements ? prepare('enterprises', work, String(statementRows)) : null,
    doStatements ? prepare('statements', work, String(statementRows)) : null,
    startPlatform(dataDir),
  ]);
  platform = running;
  for (const prepared of [cumcm, enterprises, statements]) {
    if (prepared)
      log(`  prepared ${prepared.what}: ${prepared.rows} rows in ${Number(prepared.seconds).toFixed(0)} s`);
  }
  const postgres = (await scalar('SHOW server_version')).split(' ')[0] ?? '?';
  const settings = (
    await sql(
      `SELECT name || '=' || setting || coalesce(unit, '') FROM pg_settings
       WHERE name IN ('shared_buffers', 'fsync', 'synchronous_commit', 'max_wal_size', 'wal_level') ORDER BY name`,
    )
  )
    .map(([setting]) => setting)
    .join(', ');
  await sql(`INSERT INTO members (id, name, kind) VALUES ('${MEMBER_ID}', 'Bench bank', 'bank')`);

  const results: Result[] = [];
  if (doInvoices && cumcm) {
    const setup: string[] = [];
    log('importing the 425 CUMCM enterprises (not timed)…');
    let { outcome } = await importFile('enterprises', String(cumcm.enterprisesCsv));
    if (outcome.rowsAccepted === 0) {
      const errors = await errorSummary(outcome.id);
      const why = errors.rules.map((rule) => `${rule.rule} ${rule.count}`).join(', ');
      setup.push(
        `The 425 CUMCM enterprises as given (name only) were rejected (${why}: industry_code is required); ` +
          `they were imported with the placeholder industry_code ${PLACEHOLDER_INDUSTRY}.`,
      );
      log(`  rejected (${why}); retrying with industry_code ${PLACEHOLDER_INDUSTRY}`);
      const patched = path.join(work, 'cumcm-enterprises-with-industry.csv');
      const [header = '', ...body] = readFileSync(String(cumcm.enterprisesCsv), 'utf8').trimEnd().split('\n');
      const at = header.split(',').indexOf('industry_code');
      // The CUMCM rows are code,name,,,… and the names hold no commas or quotes.
      const lines = body.map((line) => {
        const cells = line.split(',');
        cells[at] = PLACEHOLDER_INDUSTRY;
        return cells.join(',');
      });
      writeFileSync(patched, `${[header, ...lines].join('\n')}\n`);
      ({ outcome } = await importFile('enterprises', patched));
    }
    if (outcome.rowsAccepted !== Number(cumcm.enterprises)) {
      throw new Error(`only ${outcome.rowsAccepted} of ${cumcm.enterprises} CUMCM enterprises were accepted`);
    }
    results.push(
      await measure(
        {
          name: 'CUMCM 2020 C invoices',
          kind: 'invoices',
          table: 'invoices',
          columns: [
            'credit_code',
            'member_id',
            'submission_id',
            'source_row',
            'direction',
            'invoice_no',
            'issued_on',
            'counterparty',
            'amount_fen',
            'tax_fen',
            'total_fen',
            'is_void',
          ],
          fingerprint:
            'credit_code, source_row, direction, invoice_no, issued_on, counterparty, amount_fen, tax_fen, total_fen, is_void',
          csv: String(cumcm.csv),
          tsv: String(cumcm.tsv),
          rows: Number(cumcm.rows),
        },
        setup,
      ),
    );
  }
  if (doStatements && enterprises && statements) {
    log(`importing the ${int(Number(enterprises.rows))} synthetic enterprise profiles (not timed)…`);
    const { outcome, timing } = await importFile('enterprises', String(enterprises.csv));
    log(
      `  ${outcome.status}: ${outcome.rowsAccepted} accepted, ${outcome.rowsRejected} rejected in ${timing.seconds.toFixed(0)} s`,
    );
    const setup = [
      `Before it, the ${int(Number(enterprises.rows))} synthetic enterprise profiles were imported (not timed): ` +
        `${outcome.status}, ${int(outcome.rowsAccepted)} accepted, ${int(outcome.rowsRejected)} rejected, ` +
        `${timing.seconds.toFixed(0)} s, peak RSS ${timing.maxRssMb.toFixed(0)} MB.`,
    ];
    results.push(
      await measure(
        {
          name: `synthetic statements (${statementRows >= 1_000_000 && statementRows % 1_000_000 === 0 ? `${statementRows / 1_000_000}M` : int(statementRows)})`,
          kind: 'statements',
          table: 'statements',
          columns: [
            'credit_code',
            'member_id',
            'submission_id',
            'source_row',
            'period_end',
            'period_type',
            'lines',
          ],
          fingerprint: 'credit_code, source_row, period_end, period_type, lines::text',
          csv: String(statements.csv),
          tsv: String(statements.tsv),
          rows: Number(statements.rows),
        },
        setup,
      ),
    );
  }

  const machine: Machine = {
    cpus: Number((await run('nproc', [])).stdout.trim()) || os.availableParallelism(),
    memoryGiB: os.totalmem() / 2 ** 30,
    loadStart,
    loadEnd: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(', '),
    node: process.version,
    postgres: `PostgreSQL ${postgres}`,
    settings,
  };
  const section = report(results, skipped, machine, (Date.now() - started.getTime()) / 1000);
  console.log(`\n${section}`);
  if (shouldWrite && results.length > 0) log(`wrote the Registry import section of ${writeSection(section)}`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
