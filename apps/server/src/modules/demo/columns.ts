/** The canonical import data sets (one CSV file each, snake_case headers). */
export type CanonicalDataset = 'enterprises' | 'statements' | 'loans' | 'public_records' | 'invoices';

/** One row: a plain object of the exact CSV cell texts (empty string = missing). */
export type CanonicalRow = Record<string, string>;

const lineColumns = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `${prefix}_${String(index + 1).padStart(2, '0')}`);

/** Balance-sheet, income-statement and cash-flow line columns (bs_01…bs_53, is_01…is_32, cf_01…cf_22). */
export const STATEMENT_LINE_COLUMNS: readonly string[] = Object.freeze([
  ...lineColumns('bs', 53),
  ...lineColumns('is', 32),
  ...lineColumns('cf', 22),
]);

/** The headers of each canonical import format, in column order. */
export const CANONICAL_COLUMNS: Readonly<Record<CanonicalDataset, readonly string[]>> = Object.freeze({
  enterprises: Object.freeze([
    'credit_code',
    'name',
    'industry_code',
    'established_on',
    'employees',
    'annual_revenue',
    'total_assets',
    'registered_capital',
    'address',
  ]),
  statements: Object.freeze(['credit_code', 'period_end', 'period_type', ...STATEMENT_LINE_COLUMNS]),
  loans: Object.freeze([
    'credit_code',
    'loan_ref',
    'product',
    'principal',
    'granted_on',
    'maturity_on',
    'as_of',
    'outstanding',
    'days_past_due',
    'status',
    'default_on',
    'collateral',
  ]),
  public_records: Object.freeze([
    'credit_code',
    'record_type',
    'reference_no',
    'authority',
    'decided_on',
    'ended_on',
    'amount',
    'description',
  ]),
  invoices: Object.freeze([
    'credit_code',
    'direction',
    'invoice_no',
    'issued_on',
    'counterparty',
    'amount',
    'tax',
    'total',
    'status',
  ]),
});

export const LOAN_PRODUCTS = [
  'working_capital',
  'term',
  'trade_finance',
  'leasing',
  'factoring',
  'other',
] as const;
export const LOAN_STATUSES = [
  'current',
  'overdue',
  'default',
  'restructured',
  'closed',
  'written_off',
] as const;
export const COLLATERAL_TYPES = ['none', 'guarantee', 'pledge', 'mortgage'] as const;
export const PUBLIC_RECORD_TYPES = [
  'administrative_penalty',
  'abnormal_operation',
  'court_judgment',
  'tax_arrears',
] as const;

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
