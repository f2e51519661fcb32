import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  auc,
  brier,
  calibrationByGrade,
  columnsFromRows,
  compileModel,
  type ColumnarDataset,
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

/**
 * Streams a CSV file (optionally gzip-compressed, by the `.gz` suffix) into memory with csv-parse.
 * A UTF-8 BOM is stripped; rows with a different number of cells are refused.
 */
export async function readCsvTable(path: string): Promise<CsvTable> {
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
  let header: string[] | null = null;
  const rows: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) header = record.map((h) => h.trim());
      else rows.push(record);
    }
  } catch (error) {
    throw invalid(`cannot read ${path} as CSV: ${(error as Error).message}`);
  }
  if (!header) throw invalid(`${path} is empty`);
  return { header, rows };
}

function splitList(value: string | undefined): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
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

/** Scores a CSV table column-wise (raw text cells; the runtime parses them exactly like `score`). */
function scoreTable(model: ScoringModel, table: CsvTable): { score: Float64Array; pd: Float64Array } {
  const compiled = compileModel(model);
  const input: Record<string, string[]> = {};
  for (const name of compiled.inputs) {
    const j = table.header.indexOf(name);
    if (j >= 0) input[name] = table.rows.map((r) => r[j] ?? '');
  }
  return scoreBatch(compiled, input);
}

function asTrainingError(error: unknown): never {
  if (error instanceof RangeError || error instanceof TypeError) throw invalid(error.message);
  throw error;
}

function formatPoints(model: ScoringModel): string {
  const lines: string[] = [];
  const s = model.scaling;
  lines.push(`${model.kind} model, target ${model.target} (format v${model.formatVersion})`);
  lines.push(`scaling: ${s.baseScore} points at ${s.baseOdds}:1 good:bad odds, ${s.pdo} points to double the odds`);
  lines.push(`intercept: ${model.intercept.toFixed(model.pointsDecimals)} points`);
  for (const t of model.features) {
    lines.push('');
    lines.push(`${t.feature}${t.coefficient !== undefined ? `  (coefficient ${t.coefficient.toFixed(4)})` : ''}`);
    t.labels.forEach((label, b) => {
      const count = t.counts ? `  n=${t.counts[b]}` : '';
      const rate = t.counts && t.events && t.counts[b] ? `  event rate ${((100 * t.events[b]!) / t.counts[b]!).toFixed(1)}%` : '';
      lines.push(`  ${label.padEnd(40)} ${t.points[b]!.toFixed(model.pointsDecimals).padStart(10)}${count}${rate}`);
    });
  }
  for (const t of model.interactions) {
    lines.push('');
    lines.push(`${t.features[0]} × ${t.features[1]}  (rows: ${t.features[0]}, columns: ${t.features[1]})`);
    const nb = t.labels[1].length;
    lines.push(`  ${''.padEnd(24)}${t.labels[1].map((l) => l.slice(0, 12).padStart(13)).join('')}`);
    t.labels[0].forEach((label, a) => {
      const row = t.points.slice(a * nb, a * nb + nb).map((p) => p.toFixed(model.pointsDecimals).padStart(13));
      lines.push(`  ${label.slice(0, 24).padEnd(24)}${row.join('')}`);
    });
  }
  lines.push('');
  lines.push(`PD = max(${model.pdFloor}, round(1 / (1 + exp(-(${model.calibration.a.toFixed(6)} + ${model.calibration.b.toFixed(8)} * score))), ${model.pdDecimals}))`);
  lines.push(`master scale: ${model.masterScale.map((g) => `${g.grade} < ${g.pdMax}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Registers `creditbridge model train|evaluate|score|explain`. */
export function registerModelCommand(program: Command): void {
  const model = program.command('model').description('train, evaluate, score with and explain credit scoring models');

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
    .action(async (opts: { data: string; target: string; id?: string; exclude?: string; kind: string; out: string; report?: string }) => {
      if (opts.kind !== 'scorecard' && opts.kind !== 'gam') throw invalid(`--kind must be scorecard or gam, got ${opts.kind}`);
      const table = await readCsvTable(opts.data);
      const exclude = splitList(opts.exclude);
      for (const c of exclude) columnIndex(table, c, 'excluded');
      const { dataset, target } = datasetFromTable(table, { target: opts.target, id: opts.id, exclude });
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
      out.write(`trained a ${r.kind} on ${r.rows} rows (${r.trainRows} train, ${r.validationRows} validation), event rate ${(100 * r.eventRate).toFixed(2)}%\n`);
      out.write(`selected ${r.selected.length} features: ${r.selected.join(', ')}\n`);
      for (const d of r.dropped) out.write(`dropped ${d.feature}: ${d.reason}\n`);
      for (const n of r.notes) out.write(`note: ${n}\n`);
      if (r.validation) {
        const v = r.validation;
        out.write(`validation: AUC ${v.auc.toFixed(4)}, Gini ${v.gini.toFixed(4)}, KS ${v.ks.toFixed(4)}, Brier ${v.brier.toFixed(4)} (n=${v.n})\n`);
      }
      out.write(`model written to ${opts.out} in ${r.seconds.toFixed(2)} s\n`);
    });

  model
    .command('evaluate')
    .description('evaluate a model on a labelled CSV file')
    .requiredOption('--model <file>', 'model JSON')
    .requiredOption('--data <file>', 'CSV file (.csv or .csv.gz)')
    .requiredOption('--target <column>', 'binary target column')
    .option('--json', 'print one JSON object')
    .action(async (opts: { model: string; data: string; target: string; json?: boolean }) => {
      const m = await loadModel(opts.model);
      const table = await readCsvTable(opts.data);
      const t = columnIndex(table, opts.target, 'target');
      let labels: Int8Array;
      try {
        labels = normalizeTarget(table.rows.map((r) => r[t] ?? ''));
      } catch (error) {
        asTrainingError(error);
      }
      const { pd } = scoreTable(m, table);
      const keep: number[] = [];
      for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) keep.push(i);
      const y = Uint8Array.from(keep, (i) => labels[i]!);
      const p = Float64Array.from(keep, (i) => pd[i]!);
      const events = y.reduce((s, v) => s + v, 0);
      if (events === 0 || events === y.length) throw invalid('evaluate: the target has a single class in this file; AUC is undefined');
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
          process.stdout.write(`grade ${g.grade.padStart(3)}: n ${String(g.n).padStart(7)}  observed ${(100 * g.observed).toFixed(2)}%  predicted ${(100 * g.predicted).toFixed(2)}%\n`);
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
      const table = await readCsvTable(opts.data);
      const idIndex = opts.id ? columnIndex(table, opts.id, 'id') : -1;
      const nReasons = Number(opts.reasons);
      if (!Number.isInteger(nReasons) || nReasons < 0) throw invalid('--reasons must be a non-negative integer');
      const compiled = compileModel(m);
      const out = createWriteStream(opts.out);
      out.write(`id,score,pd,grade${Array.from({ length: nReasons }, (_, k) => `,reason_${k + 1}`).join('')}\n`);
      for (let i = 0; i < table.rows.length; i++) {
        const row = table.rows[i]!;
        const record: Record<string, string> = {};
        table.header.forEach((h, j) => {
          record[h] = row[j] ?? '';
        });
        const r = score(compiled, record, { reasons: nReasons });
        const reasons = Array.from({ length: nReasons }, (_, k) => {
          const rc = r.reasons[k];
          return rc ? csvCell(`${rc.feature}: ${rc.bin} (-${rc.pointsLost.toFixed(m.pointsDecimals)})`) : '';
        });
        const id = idIndex >= 0 ? (row[idIndex] ?? '') : String(i + 1);
        if (!out.write(`${[csvCell(id), r.score.toFixed(m.pointsDecimals), String(r.pd), r.grade, ...reasons].join(',')}\n`)) {
          await new Promise((resolve) => out.once('drain', resolve));
        }
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      process.stdout.write(`scored ${table.rows.length} rows into ${opts.out}\n`);
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

export { scoreTable };
