// Prepares the input files of the import benchmark (not timed). Run as a child process of bench.ts:
//   node --import tsx bench/import/prepare.ts cumcm <cumcm folder> <out dir>
//   node --import tsx bench/import/prepare.ts enterprises <out dir> <count>
//   node --import tsx bench/import/prepare.ts statements <out dir> <count>
// Each writes canonical CSV files (what a member uploads) and, for the timed sets, the floor: the same rows
// as PostgreSQL COPY text with the table's columns (money as integer fen, converted from the yuan text with
// string arithmetic only). Prints one JSON line with the files and row counts.

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import {
  CANONICAL_COLUMNS,
  cumcmEnterpriseRows,
  cumcmInvoiceRows,
  generateScaleCsv,
  loadCumcmEnterprises,
  STATEMENT_LINE_COLUMNS,
  toCsvLine,
  toCsvLines,
} from '../../apps/server/src/modules/demo/index.js';

/** Member and submission written into the floor rows (the same shape as the importer's rows). */
export const FLOOR_MEMBER_ID = 'mbr_bench';
export const FLOOR_SUBMISSION_ID = 'sub_bench_floor';

const MONEY = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** Yuan text (e.g. '-1234.5') to integer fen as decimal text ('-123450'), exactly: no floating point. */
export function yuanTextToFen(text: string): string {
  const match = MONEY.exec(text.trim());
  if (!match) throw new RangeError(`not an amount in yuan: ${JSON.stringify(text)}`);
  const fraction = match[3] ?? '';
  if (/[^0]/.test(fraction.slice(2))) throw new RangeError(`more than 2 decimals: ${JSON.stringify(text)}`);
  const digits = `${match[2]}${fraction.slice(0, 2).padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/** A value in COPY text format (tab, newline, carriage return and backslash escaped). */
function copyText(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r')
    : text;
}

/** A buffered file writer that respects back-pressure. */
class Writer {
  private readonly stream: WriteStream;
  private buffer = '';
  constructor(file: string) {
    this.stream = createWriteStream(file);
  }
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 1 << 20) await this.flush();
  }
  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function prepareCumcm(folder: string, out: string) {
  const enterprises = await loadCumcmEnterprises(folder);
  const enterprisesCsv = path.join(out, 'cumcm-enterprises.csv');
  const enterpriseWriter = new Writer(enterprisesCsv);
  for (const line of toCsvLines(CANONICAL_COLUMNS.enterprises, cumcmEnterpriseRows(enterprises))) {
    await enterpriseWriter.write(line);
  }
  await enterpriseWriter.close();

  const columns = CANONICAL_COLUMNS.invoices;
  const csv = path.join(out, 'invoices.csv');
  const tsv = path.join(out, 'invoices.tsv');
  const csvWriter = new Writer(csv);
  const tsvWriter = new Writer(tsv);
  await csvWriter.write(`${columns.join(',')}\n`);
  let rows = 0;
  for await (const row of cumcmInvoiceRows(folder, enterprises)) {
    rows += 1;
    await csvWriter.write(`${toCsvLine(columns, row)}\n`);
    const cells = [
      copyText(row.credit_code ?? ''),
      FLOOR_MEMBER_ID,
      FLOOR_SUBMISSION_ID,
      String(rows + 1),
      copyText(row.direction ?? ''),
      copyText(row.invoice_no ?? ''),
      copyText(row.issued_on ?? ''),
      copyText(row.counterparty ?? ''),
      yuanTextToFen(row.amount ?? ''),
      yuanTextToFen(row.tax ?? ''),
      yuanTextToFen(row.total ?? ''),
      row.status === 'void' ? 't' : 'f',
    ];
    await tsvWriter.write(`${cells.join('\t')}\n`);
  }
  await csvWriter.close();
  await tsvWriter.close();
  return { enterprisesCsv, enterprises: enterprises.length, csv, tsv, rows };
}

async function prepareEnterprises(out: string, count: number) {
  const csv = path.join(out, 'synthetic-enterprises.csv');
  const writer = new Writer(csv);
  let lines = -1;
  for (const chunk of generateScaleCsv({ dataset: 'enterprises', enterprises: count })) {
    for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) lines += 1;
    await writer.write(chunk);
  }
  await writer.close();
  return { csv, rows: lines };
}

async function prepareStatements(out: string, count: number) {
  const csv = path.join(out, 'statements.csv');
  const tsv = path.join(out, 'statements.tsv');
  const csvWriter = new Writer(csv);
  const tsvWriter = new Writer(tsv);
  const header = CANONICAL_COLUMNS.statements;
  const keys = STATEMENT_LINE_COLUMNS.map((column) => `"${column}":`);
  let rows = 0;
  let isHeader = true;
  for (const chunk of generateScaleCsv({ dataset: 'statements', enterprises: count })) {
    await csvWriter.write(chunk);
    let tsvChunk = '';
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      if (isHeader) {
        if (line !== header.join(',')) throw new Error(`unexpected statements header: ${line.slice(0, 80)}`);
        isHeader = false;
        continue;
      }
      // Generated statement lines hold no quoted cells: a code, a date, 'annual' and money cells.
      const cells = line.split(',');
      if (cells.length !== header.length) throw new Error(`row ${rows + 2} has ${cells.length} cells`);
      rows += 1;
      const lines: string[] = [];
      for (let index = 0; index < keys.length; index += 1) {
        const cell = cells[index + 3] ?? '';
        if (cell !== '') lines.push(`${keys[index]}${yuanTextToFen(cell)}`);
      }
      tsvChunk += `${[
        copyText(cells[0] ?? ''),
        FLOOR_MEMBER_ID,
        FLOOR_SUBMISSION_ID,
        String(rows + 1),
        cells[1],
        cells[2],
        `{${lines.join(',')}}`,
      ].join('\t')}\n`;
    }
    await tsvWriter.write(tsvChunk);
  }
  await csvWriter.close();
  await tsvWriter.close();
  return { csv, tsv, rows };
}

const [what, ...rest] = process.argv.slice(2);
const started = performance.now();
let result: Record<string, unknown>;
if (what === 'cumcm') result = await prepareCumcm(rest[0] ?? '', rest[1] ?? '');
else if (what === 'enterprises') result = await prepareEnterprises(rest[0] ?? '', Number(rest[1]));
else if (what === 'statements') result = await prepareStatements(rest[0] ?? '', Number(rest[1]));
else throw new Error(`usage: prepare.ts cumcm <folder> <out> | enterprises <out> <n> | statements <out> <n>`);
process.stdout.write(
  `${JSON.stringify({ what, ...result, seconds: (performance.now() - started) / 1000 })}\n`,
);
