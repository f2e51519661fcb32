import {
  COLLATERAL_TYPES,
  KIND_SPECS,
  LOAN_PRODUCTS,
  LOAN_STATUSES,
  PUBLIC_RECORD_TYPES,
  STATEMENT_LINE_FIELDS,
  SUBMISSION_KINDS,
} from '../registry/index.js';

/** The canonical import data sets (one CSV file each, snake_case headers). */
export type CanonicalDataset = 'enterprises' | 'statements' | 'loans' | 'public_records' | 'invoices';

/** One row: a plain object of the exact CSV cell texts (empty string = missing). */
export type CanonicalRow = Record<string, string>;

/** Balance-sheet, income-statement and cash-flow line columns (bs_01…bs_53, is_01…is_32, cf_01…cf_22). */
export const STATEMENT_LINE_COLUMNS: readonly string[] = STATEMENT_LINE_FIELDS;

/** The headers of each canonical import format, in column order: the registry's own formats. */
export const CANONICAL_COLUMNS: Readonly<Record<CanonicalDataset, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    SUBMISSION_KINDS.map((kind) => [
      kind,
      Object.freeze(KIND_SPECS[kind].columns.map((column) => column.name)),
    ]),
  ) as Record<CanonicalDataset, readonly string[]>,
);

export { COLLATERAL_TYPES, LOAN_PRODUCTS, LOAN_STATUSES, PUBLIC_RECORD_TYPES };

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text.startsWith(' ') || text.endsWith(' ')
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** One CSV line (no line break) of a row in the given column order. */
export function toCsvLine(columns: readonly string[], row: CanonicalRow): string {
  let line = '';
  for (let index = 0; index < columns.length; index += 1) {
    if (index > 0) line += ',';
    line += csvCell(row[columns[index] ?? ''] ?? '');
  }
  return line;
}

/** Serialises rows to CSV text (header, `\n` line endings, trailing newline): byte-identical for equal rows. */
export function toCsv(columns: readonly string[], rows: Iterable<CanonicalRow>): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(toCsvLine(columns, row));
  return `${lines.join('\n')}\n`;
}

/** Streams CSV lines (header first), each ending in `\n`, for writing large sets without holding them. */
export function* toCsvLines(columns: readonly string[], rows: Iterable<CanonicalRow>): Generator<string> {
  yield `${columns.join(',')}\n`;
  for (const row of rows) yield `${toCsvLine(columns, row)}\n`;
}
