import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  auc,
  brier,
  type ColumnarDataset,
  calibrationByGrade,
  columnsFromRows,
  compileModel,
  gini,
  ks,
  logLoss,
  modelToJson,
  normalizeTarget,
  parseModel,
  type ScoringModel,
  score,
  scoreBatch,
  toSqlQuery,
  train,
} from '@creditbridge/scoring';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { AppError } from '../platform/errors.js';

/** A CSV file read into memory: the header and the rows of text cells. */
export type CsvTable = { header: string[]; rows: string[][] };

function invalid(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('SCORING_INVALID_INPUT', details ? { message, details } : { message });
}

/** Opens a CSV file (gzip-decompressed when it ends in `.gz`) and yields its records, the header first. */
async function* csvRecords(path: string): AsyncGenerator<string[]> {
  let stream: Readable;
  try {
    stream = createReadStream(path);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (error) {
    throw invalid(`cannot open ${path}: ${(error as Error).message}`);
  }
  const source = path.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  const parser = source.pipe(parse({ bom: true, relax_quotes: true, skip_empty_lines: true }));
  source.on('error', (error) => parser.destroy(error));
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (error) {
    throw invalid(`cannot read ${path} as CSV: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
}

/**
 * Reads a whole CSV file (optionally `.gz`) into memory as text rows, streaming it through csv-parse.
 * For small files and the benchmark; the commands use the column-wise reader below.
 */
export async function readCsvTable(path: string): Promise<CsvTable> {
  let header: string[] | null = null;
  const rows: string[][] = [];
  for await (const record of csvRecords(path)) {
    if (!header) header = record.map((h) => h.trim());
    else rows.push(record);
  }
  if (!header) throw invalid(`${path} is empty`);
  return { header, rows };
}

/**
 * Streams a CSV file into typed columns in two passes: the first 10,000 rows decide each column's type
 * (numeric when 95 % of its non-missing cells parse as numbers), then the whole file is read in chunks of
 * 50,000 rows, so memory holds typed columns rather than text rows. `keep` columns (target, id) come back
 * as raw text; `only` limits the feature columns; `types` forces the type of listed columns.
 */
export async function readCsvColumns(
  path: string,
  options: {
    exclude?: string[];
    keep?: string[];
    only?: string[];
    types?: Record<string, 'numeric' | 'text'>;
  } = {},
): Promise<{ header: string[]; dataset: ColumnarDataset; kept: Record<string, string[]>; rows: number }> {
  const { exclude = [], keep = [], only, types: forced = {} } = options;
  let header: string[] | null = null;
  const sample: string[][] = [];
  for await (const record of csvRecords(path)) {
    if (!header) header = record.map((h) => h.trim());
    else sample.push(record);
    if (sample.length >= 10_000) break;
  }
  if (!header) throw invalid(`${path} is empty`);
  const head = header;
  for (const name of keep) {
    if (!head.includes(name)) throw invalid(`column ${name} is not in the file`, { columns: head });
  }
  const skip = [...exclude, ...keep, ...(only ? head.filter((h) => !only.includes(h)) : [])];
  const types: Record<string, 'numeric' | 'text'> = {};
  for (const c of columnsFromRows(head, sample, { exclude: skip }).columns) types[c.name] = c.type;
  Object.assign(types, forced);
  const numeric = new Map<string, Float64Array[]>();
  const text = new Map<string, (string | null)[]>();
  const kept: Record<string, string[]> = Object.fromEntries(keep.map((k) => [k, [] as string[]]));
  const keptIndex = keep.map((k) => head.indexOf(k));
  const intern = new Map<string, string>();
  let rows = 0;
  let chunk: string[][] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    for (const c of columnsFromRows(head, chunk, { exclude: skip, types }).columns) {
      if (c.type === 'numeric') {
        const list = numeric.get(c.name) ?? [];
        list.push(c.values as Float64Array);
        numeric.set(c.name, list);
      } else {
        const list = text.get(c.name) ?? [];
        for (const v of c.values as (string | null)[]) {
          if (v === null) {
            list.push(null);
            continue;
          }
          // share equal strings across rows (bounded, so identifier columns do not grow the map forever)
          let shared = intern.get(v);
          if (shared === undefined && intern.size < 1_000_000) {
            intern.set(v, v);
            shared = v;
          }
          list.push(shared ?? v);
        }
        text.set(c.name, list);
      }
    }
    chunk = [];
  };
  let first = true;
  for await (const record of csvRecords(path)) {
    if (first) {
      first = false;
      continue;
    }
    rows++;
    keep.forEach((k, i) => {
      kept[k]?.push(record[keptIndex[i] ?? -1] ?? '');
    });
    chunk.push(record);
    if (chunk.length >= 50_000) flush();
  }
  flush();
  const columns: ColumnarDataset['columns'] = [];
  for (const name of head) {
    const parts = numeric.get(name);
    if (parts) {
      const values = new Float64Array(rows);
      let offset = 0;
      for (const part of parts) {
        values.set(part, offset);
        offset += part.length;
      }
      columns.push({ name, type: 'numeric', values });
    } else {
      const values = text.get(name);
      if (values) columns.push({ name, type: 'text', values });
    }
  }
  return { header: head, dataset: { columns }, kept, rows };
}

function splitList(value: string | undefined): string[] {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function columnIndex(table: CsvTable, name: string, what: string): number {
  const j = table.header.indexOf(name);
  if (j < 0) throw invalid(`${what} column ${name} is not in the file`, { columns: table.header });
  return j;
}

/** Builds the training data set and the target from a CSV table. */
export function datasetFromTable(
  table: CsvTable,
  options: { target: string; id?: string; exclude?: string[] },
): { dataset: ColumnarDataset; target: string[] } {
  const t = columnIndex(table, options.target, 'target');
  if (options.id) columnIndex(table, options.id, 'id');
  const exclude = [options.target, ...(options.id ? [options.id] : []), ...(options.exclude ?? [])];
  const dataset = columnsFromRows(table.header, table.rows, { exclude });
  return { dataset, target: table.rows.map((r) => r[t] ?? '') };
}

async function loadModel(path: string): Promise<ScoringModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw invalid(`cannot read model ${path}: ${(error as Error).message}`);
  }
  try {
    return parseModel(text);
  } catch (error) {
    throw invalid(`${path} is not a usable model: ${(error as Error).message}`);
  }
}

/** The column types a model expects: numeric binnings read numbers, categorical ones text. */
function inputTypes(model: ScoringModel): Record<string, 'numeric' | 'text'> {
  const types: Record<string, 'numeric' | 'text'> = {};
  for (const f of model.features) types[f.feature] = f.binning.type === 'numeric' ? 'numeric' : 'text';
  for (const p of model.interactions) {
    p.binnings.forEach((b, k) => {
      types[p.features[k] ?? ''] = b.type === 'numeric' ? 'numeric' : 'text';
    });
  }
  return types;
}

function asTrainingError(error: unknown): never {
  if (error instanceof RangeError || error instanceof TypeError) throw invalid(error.message);
  throw error;
}

function formatPoints(model: ScoringModel): string {
  const lines: string[] = [];
  const s = model.scaling;
  lines.push(`${model.kind} model, target ${model.target} (format v${model.formatVersion})`);
  lines.push(
    `scaling: ${s.baseScore} points at ${s.baseOdds}:1 good:bad odds, ${s.pdo} points to double the odds`,
  );
  lines.push(`intercept: ${model.intercept.toFixed(model.pointsDecimals)} points`);
  for (const t of model.features) {
    lines.push('');
    lines.push(
      `${t.feature}${t.coefficient !== undefined ? `  (coefficient ${t.coefficient.toFixed(4)})` : ''}`,
    );
    t.labels.forEach((label, b) => {
      const count = t.counts ? `  n=${t.counts[b]}` : '';
      const rate =
        t.counts && t.events && t.counts[b]
          ? `  event rate ${((100 * (t.events[b] ?? 0)) / (t.counts[b] ?? 1)).toFixed(1)}%`
          : '';
      lines.push(
        `  ${label.padEnd(40)} ${(t.points[b] ?? 0).toFixed(model.pointsDecimals).padStart(10)}${count}${rate}`,
      );
    });
  }
  for (const t of model.interactions) {
    lines.push('');
    lines.push(`${t.features[0]} × ${t.features[1]}  (rows: ${t.features[0]}, columns: ${t.features[1]})`);
    const nb = t.labels[1].length;
    lines.push(`  ${''.padEnd(24)}${t.labels[1].map((l) => l.slice(0, 12).padStart(13)).join('')}`);
    t.labels[0].forEach((label, a) => {
      const row = t.points
        .slice(a * nb, a * nb + nb)
        .map((p) => p.toFixed(model.pointsDecimals).padStart(13));
      lines.push(`  ${label.slice(0, 24).padEnd(24)}${row.join('')}`);
    });
  }
  lines.push('');
  lines.push(
    `PD = max(${model.pdFloor}, round(1 / (1 + exp(-(${model.calibration.a.toFixed(6)} + ${model.calibration.b.toFixed(8)} * score))), ${model.pdDecimals}))`,
  );
  lines.push(
    `master scale: ${model.masterScale.map((g, k) => (k < model.masterScale.length - 1 ? `${g.grade}: PD < ${g.pdMax}` : `${g.grade}: the rest`)).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Registers `creditbridge model train|evaluate|score|explain`. */
export function registerModelCommand(program: Command): void {
  const model = program
    .command('model')
    .description('train, evaluate, score with and explain credit scoring models');

  model
    .command('train')
    .description('train a scorecard or a boosted additive model (GAM) from a CSV file')
    .requiredOption('--data <file>', 'CSV file (.csv or .csv.gz) with a header row')
    .requiredOption('--target <column>', 'binary target column (1/0, true/false, yes/no)')
    .option('--id <column>', 'identifier column (not a feature)')
    .option('--exclude <columns>', 'comma-separated columns that are not features')
    .option('--kind <kind>', 'scorecard or gam', 'scorecard')
    .requiredOption('--out <file>', 'where to write the model JSON')
    .option('--report <file>', 'where to write the training report JSON')
    .action(
      async (opts: {
        data: string;
        target: string;
        id?: string;
        exclude?: string;
        kind: string;
        out: string;
        report?: string;
      }) => {
        if (opts.kind !== 'scorecard' && opts.kind !== 'gam')
          throw invalid(`--kind must be scorecard or gam, got ${opts.kind}`);
        const exclude = splitList(opts.exclude);
        const keep = [opts.target, ...(opts.id ? [opts.id] : [])];
        const { header, dataset, kept } = await readCsvColumns(opts.data, { exclude, keep });
        for (const c of exclude) {
          if (!header.includes(c))
            throw invalid(`excluded column ${c} is not in the file`, { columns: header });
        }
        const target = kept[opts.target] ?? [];
        let result: ReturnType<typeof train>;
        try {
          result = train(dataset, target, { kind: opts.kind, targetName: opts.target });
        } catch (error) {
          asTrainingError(error);
        }
        await writeFile(opts.out, modelToJson(result.model));
        if (opts.report) await writeFile(opts.report, `${JSON.stringify(result.report, null, 2)}\n`);
        const r = result.report;
        const out = process.stdout;
        out.write(
          `trained a ${r.kind} on ${r.rows} rows (${r.trainRows} train, ${r.validationRows} validation), event rate ${(100 * r.eventRate).toFixed(2)}%\n`,
        );
        out.write(`selected ${r.selected.length} features: ${r.selected.join(', ')}\n`);
        for (const d of r.dropped) out.write(`dropped ${d.feature}: ${d.reason}\n`);
        for (const n of r.notes) out.write(`note: ${n}\n`);
        if (r.validation) {
          const v = r.validation;
          out.write(
            `validation: AUC ${v.auc.toFixed(4)}, Gini ${v.gini.toFixed(4)}, KS ${v.ks.toFixed(4)}, Brier ${v.brier.toFixed(4)} (n=${v.n})\n`,
          );
        }
        out.write(`model written to ${opts.out} in ${r.seconds.toFixed(2)} s\n`);
      },
    );

  model
    .command('evaluate')
    .description('evaluate a model on a labelled CSV file')
    .requiredOption('--model <file>', 'model JSON')
    .requiredOption('--data <file>', 'CSV file (.csv or .csv.gz)')
    .requiredOption('--target <column>', 'binary target column')
    .option('--json', 'print one JSON object')
    .action(async (opts: { model: string; data: string; target: string; json?: boolean }) => {
      const m = await loadModel(opts.model);
      const compiled = compileModel(m);
      const { dataset, kept } = await readCsvColumns(opts.data, {
        keep: [opts.target],
        only: compiled.inputs,
        types: inputTypes(m),
      });
      let labels: Int8Array;
      try {
        labels = normalizeTarget(kept[opts.target] ?? []);
      } catch (error) {
        asTrainingError(error);
      }
      const { pd } = scoreBatch(compiled, dataset);
      const keep: number[] = [];
      labels.forEach((v, i) => {
        if (v >= 0) keep.push(i);
      });
      const y = Uint8Array.from(keep, (i) => labels[i] ?? 0);
      const p = Float64Array.from(keep, (i) => pd[i] ?? 0);
      const events = y.reduce((s, v) => s + v, 0);
      if (events === 0 || events === y.length)
        throw invalid('evaluate: the target has a single class in this file; AUC is undefined');
      const result = {
        n: y.length,
        events,
        auc: auc(y, p),
        gini: gini(y, p),
        ks: ks(y, p),
        brier: brier(y, p),
        logLoss: logLoss(y, p),
        calibration: calibrationByGrade(y, p, m.masterScale).filter((g) => g.n > 0),
      };
      if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        process.stdout.write(
          `n ${result.n} (events ${events}): AUC ${result.auc.toFixed(4)}, Gini ${result.gini.toFixed(4)}, KS ${result.ks.toFixed(4)}, Brier ${result.brier.toFixed(4)}, log loss ${result.logLoss.toFixed(4)}\n`,
        );
        for (const g of result.calibration) {
          process.stdout.write(
            `grade ${g.grade.padStart(3)}: n ${String(g.n).padStart(7)}  observed ${(100 * g.observed).toFixed(2)}%  predicted ${(100 * g.predicted).toFixed(2)}%\n`,
          );
        }
      }
    });

  model
    .command('score')
    .description('score every row of a CSV file')
    .requiredOption('--model <file>', 'model JSON')
    .requiredOption('--data <file>', 'CSV file (.csv or .csv.gz)')
    .requiredOption('--out <file>', 'output CSV: id, score, pd, grade, reasons')
    .option('--id <column>', 'identifier column copied to the output (default: the row number)')
    .option('--reasons <n>', 'reason codes per row', '3')
    .action(async (opts: { model: string; data: string; out: string; id?: string; reasons: string }) => {
      const m = await loadModel(opts.model);
      const nReasons = Number(opts.reasons);
      if (!Number.isInteger(nReasons) || nReasons < 0) {
        throw invalid('--reasons must be a non-negative integer');
      }
      const compiled = compileModel(m);
      const out = createWriteStream(opts.out);
      const finished = new Promise<void>((resolve, reject) => {
        out.once('finish', () => resolve());
        out.once('error', reject);
      });
      out.write(
        `id,score,pd,grade${Array.from({ length: nReasons }, (_, k) => `,reason_${k + 1}`).join('')}\n`,
      );
      // one record at a time: memory stays flat whatever the file size
      let header: string[] | null = null;
      let idIndex = -1;
      let count = 0;
      for await (const row of csvRecords(opts.data)) {
        if (!header) {
          header = row.map((h) => h.trim());
          if (opts.id) {
            idIndex = header.indexOf(opts.id);
            if (idIndex < 0) throw invalid(`id column ${opts.id} is not in the file`, { columns: header });
          }
          continue;
        }
        const record: Record<string, string> = {};
        header.forEach((h, j) => {
          record[h] = row[j] ?? '';
        });
        const r = score(compiled, record, { reasons: nReasons });
        const reasons = Array.from({ length: nReasons }, (_, k) => {
          const rc = r.reasons[k];
          return rc ? csvCell(`${rc.feature}: ${rc.bin} (-${rc.pointsLost.toFixed(m.pointsDecimals)})`) : '';
        });
        count++;
        const id = idIndex >= 0 ? (row[idIndex] ?? '') : String(count);
        const line = `${[csvCell(id), r.score.toFixed(m.pointsDecimals), String(r.pd), r.grade, ...reasons].join(',')}\n`;
        if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      out.end();
      await finished;
      process.stdout.write(`scored ${count} rows into ${opts.out}\n`);
    });

  model
    .command('explain')
    .description('print the points table of a model, or its PostgreSQL export')
    .requiredOption('--model <file>', 'model JSON')
    .option('--sql', 'print the PostgreSQL query instead')
    .option('--table <name>', 'table name used in the SQL', 'applicants')
    .action(async (opts: { model: string; sql?: boolean; table: string }) => {
      const m = await loadModel(opts.model);
      process.stdout.write(opts.sql ? `${toSqlQuery(m, opts.table)}\n` : formatPoints(m));
    });
}
