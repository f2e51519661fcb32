/**
 * Checks of 《小企业会计准则》 statements (DOMAIN §3.4). `validateStatement` runs the hard rules (every
 * subtotal, A = L + E, each "其中" memo ≤ its parent); `lintStatement` runs the soft ones (cash ties to the
 * balance sheet, retained-earnings roll-forward, year-to-date = Σ months, unusual signs, memo sums).
 *
 * Values are one column (e.g. 期末余额 / 本年累计) of one or more statements, keyed by line id ('bs_01', …),
 * in integer fen. A missing or null line counts as 0 in sums, so a statement that is absent altogether
 * passes its own rules.
 *
 * Tolerance: differences up to `toleranceFen` (default 100 fen = 1 yuan) are accepted, because statements
 * are often keyed in whole yuan after each line was rounded separately; a subtotal of n rounded lines can be
 * off by up to n/2 yuan in theory, but in practice one yuan absorbs rounding and nothing material. Set it to
 * 0 for statements generated from a ledger.
 */
import { assertFen, formatFen } from '../../../platform/money.js';
import { STATEMENT_LINES, type StatementLine } from './statement-lines.js';

/** Amounts in integer fen keyed by line id; null or absent = not reported (counts as 0). */
export type StatementValues = Record<string, number | null>;

/** One finding; `expected`/`actual` are fen when the rule compares amounts. */
export type StatementIssue = {
  field: string;
  rule: string;
  message: string;
  expected?: number;
  actual?: number;
};

/** Options of {@link validateStatement}. */
export type ValidateStatementOptions = {
  /** Largest accepted difference, in fen. @default 100 (1 yuan) */
  toleranceFen?: number;
};

/** Options of {@link lintStatement}. */
export type LintStatementOptions = ValidateStatementOptions & {
  /** The balance sheet at the start of the period (the previous period's closing column). */
  opening?: StatementValues;
  /** The monthly (本月) columns of the year so far, in order; `values` is then the 本年累计 column. */
  months?: readonly StatementValues[];
};

/** The default tolerance: 100 fen, i.e. 1 yuan. */
export const DEFAULT_TOLERANCE_FEN = 100;

const LINE_ID_PATTERN = /^(bs|is|cf)_\d+$/;
const LINES_BY_ID = new Map(STATEMENT_LINES.map((line) => [line.id, line]));

/**
 * Runs the hard rules of DOMAIN §3.4 on one column of statements.
 *
 * Rules: `integer_fen` (a value is not a safe integer), `unknown_field` (an id like 'bs_54' or 'bs_1'),
 * `subtotal` (bs 15, 20, 29, 30, 41, 46, 47, 52, 53; is 21, 30, 32; cf 7, 13, 19, 20, 22), `balance`
 * (bs_30 = bs_53), `memo_exceeds_parent` (a "其中" row larger than its parent; is_19 only when positive).
 *
 * @param values - amounts in integer fen keyed by line id
 * @param options - the tolerance
 * @returns the issues, empty when the statements hold
 * @throws RangeError when the tolerance is not a non-negative integer
 */
export function validateStatement(
  values: StatementValues,
  options: ValidateStatementOptions = {},
): StatementIssue[] {
  const tolerance = readTolerance(options.toleranceFen, 'validateStatement');
  const issues: StatementIssue[] = [...checkFields(values)];
  const amountOf = (id: string) => readAmount(values, id);

  for (const line of STATEMENT_LINES) {
    if (line.kind !== 'subtotal' || !line.formula) continue;
    const expected = line.formula.reduce((sum, term) => sum + term.sign * amountOf(term.id), 0);
    const actual = amountOf(line.id);
    if (Math.abs(actual - expected) <= tolerance) continue;
    const formula = line.formula
      .map(
        (term, index) =>
          `${index === 0 ? (term.sign < 0 ? '−' : '') : term.sign < 0 ? ' − ' : ' + '}${term.id}`,
      )
      .join('');
    const shownActual = isReported(values, line.id)
      ? formatFen(actual)
      : `missing (counted as ${formatFen(0)})`;
    issues.push({
      field: line.id,
      rule: 'subtotal',
      message: `${labelOf(line)} is ${shownActual} but ${formula} = ${formatFen(expected)} (difference ${formatFen(actual - expected)}): the subtotal must equal its rows`,
      expected,
      actual,
    });
  }

  const assets = amountOf('bs_30');
  const liabilitiesAndEquity = amountOf('bs_53');
  if (Math.abs(assets - liabilitiesAndEquity) > tolerance) {
    issues.push({
      field: 'bs_30',
      rule: 'balance',
      message: `${labelOf(lineOf('bs_30'))} ${formatFen(assets)} ≠ ${labelOf(lineOf('bs_53'))} ${formatFen(liabilitiesAndEquity)} (difference ${formatFen(assets - liabilitiesAndEquity)}): assets must equal liabilities + equity`,
      expected: liabilitiesAndEquity,
      actual: assets,
    });
  }

  for (const line of STATEMENT_LINES) {
    if (line.kind !== 'memo' || !line.parent) continue;
    const memo = amountOf(line.id);
    const parent = amountOf(line.parent);
    // is_19 (interest, net income negative) is checked only when positive (DOMAIN §3.4).
    if (line.id === 'is_19' && memo <= 0) continue;
    if (memo - parent <= tolerance) continue;
    issues.push({
      field: line.id,
      rule: 'memo_exceeds_parent',
      message: `${labelOf(line)} ${formatFen(memo)} exceeds ${labelOf(lineOf(line.parent))} ${formatFen(parent)}: an "of which" row cannot be larger than the row it details`,
      expected: parent,
      actual: memo,
    });
  }
  return issues;
}

/**
 * Runs the soft rules of DOMAIN §3.4; each finding is a warning for a person to look at, not a rejection.
 *
 * Rules: `negative_value` (a negative amount on a line that is normally ≥ 0), `memo_sum_exceeds_parent`
 * (the "其中" rows of one parent add up to more than it), `cash_mismatch` (cf_22 ≠ bs_01; may be restricted
 * 其他货币资金), `opening_cash_mismatch` (cf_21 ≠ opening bs_01), `retained_earnings_rollforward` (Δbs_51 ≠
 * is_32 − profit declared − Δbs_50, where profit declared ≈ cf_18 + Δbs_38), `year_to_date_sum` (an is/cf
 * line ≠ the sum of the months; cf_21 is compared with the first month, cf_22 with the last).
 * The cash and roll-forward rules run only when the lines they compare are reported.
 *
 * @param values - amounts in integer fen keyed by line id (the closing / year-to-date column)
 * @param options - tolerance, opening balance sheet and monthly columns
 * @returns the warnings
 * @throws RangeError when the tolerance is not a non-negative integer
 */
export function lintStatement(values: StatementValues, options: LintStatementOptions = {}): StatementIssue[] {
  const tolerance = readTolerance(options.toleranceFen, 'lintStatement');
  const warnings: StatementIssue[] = [];
  const amountOf = (id: string) => readAmount(values, id);

  for (const line of STATEMENT_LINES) {
    const amount = amountOf(line.id);
    if (line.canBeNegative || amount >= 0) continue;
    warnings.push({
      field: line.id,
      rule: 'negative_value',
      message: `${labelOf(line)} is negative (${formatFen(amount)}); this line is normally zero or positive, check the sign`,
      actual: amount,
    });
  }

  const memosByParent = new Map<string, StatementLine[]>();
  for (const line of STATEMENT_LINES) {
    if (line.kind !== 'memo' || !line.parent || line.id === 'is_19') continue;
    memosByParent.set(line.parent, [...(memosByParent.get(line.parent) ?? []), line]);
  }
  for (const [parentId, memos] of memosByParent) {
    if (memos.length < 2) continue;
    const sum = memos.reduce((total, memo) => total + amountOf(memo.id), 0);
    const parent = amountOf(parentId);
    if (sum - parent <= tolerance) continue;
    warnings.push({
      field: parentId,
      rule: 'memo_sum_exceeds_parent',
      message: `the "of which" rows ${memos.map((memo) => memo.id).join(', ')} add up to ${formatFen(sum)}, more than ${labelOf(lineOf(parentId))} ${formatFen(parent)}`,
      expected: parent,
      actual: sum,
    });
  }

  const compare = (field: string, rule: string, actual: number, expected: number, what: string) => {
    if (Math.abs(actual - expected) <= tolerance) return;
    warnings.push({
      field,
      rule,
      message: `${what}: ${formatFen(actual)} ≠ ${formatFen(expected)} (difference ${formatFen(actual - expected)})`,
      expected,
      actual,
    });
  };

  if (isReported(values, 'cf_22') && isReported(values, 'bs_01')) {
    compare(
      'cf_22',
      'cash_mismatch',
      amountOf('cf_22'),
      amountOf('bs_01'),
      `${labelOf(lineOf('cf_22'))} should equal ${labelOf(lineOf('bs_01'))} at period end unless part of the cash is restricted (其他货币资金)`,
    );
  }

  const opening = options.opening;
  if (opening) {
    const openingOf = (id: string) => readAmount(opening, id);
    if (isReported(values, 'cf_21') && isReported(opening, 'bs_01')) {
      compare(
        'cf_21',
        'opening_cash_mismatch',
        amountOf('cf_21'),
        openingOf('bs_01'),
        `${labelOf(lineOf('cf_21'))} should equal the opening ${labelOf(lineOf('bs_01'))}`,
      );
    }
    if (isReported(values, 'bs_51') && isReported(opening, 'bs_51') && isReported(values, 'is_32')) {
      const declared = amountOf('cf_18') + (amountOf('bs_38') - openingOf('bs_38'));
      const toSurplusReserve = amountOf('bs_50') - openingOf('bs_50');
      const expected = amountOf('is_32') - declared - toSurplusReserve;
      compare(
        'bs_51',
        'retained_earnings_rollforward',
        amountOf('bs_51') - openingOf('bs_51'),
        expected,
        `the change in ${labelOf(lineOf('bs_51'))} should be about is_32 net profit − profit declared (cf_18 + Δbs_38) − Δbs_50 surplus reserve`,
      );
    }
  }

  const months = options.months;
  if (months && months.length > 0) {
    for (const line of STATEMENT_LINES) {
      if (line.statement === 'balance_sheet') continue;
      const monthly =
        line.id === 'cf_21'
          ? readAmount(months[0] ?? {}, line.id)
          : line.id === 'cf_22'
            ? readAmount(months[months.length - 1] ?? {}, line.id)
            : months.reduce((sum, month) => sum + readAmount(month, line.id), 0);
      const reference =
        line.id === 'cf_21'
          ? 'that of the first month'
          : line.id === 'cf_22'
            ? 'that of the last month'
            : `the sum of the ${months.length} months`;
      compare(
        line.id,
        'year_to_date_sum',
        amountOf(line.id),
        monthly,
        `${labelOf(line)} year to date should equal ${reference}`,
      );
    }
  }
  return warnings;
}

function checkFields(values: StatementValues): StatementIssue[] {
  const issues: StatementIssue[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (LINE_ID_PATTERN.test(field) && !LINES_BY_ID.has(field)) {
      issues.push({
        field,
        rule: 'unknown_field',
        message: `${field} is not a line of the statements; use bs_01…bs_53, is_01…is_32 or cf_01…cf_22 (two-digit row numbers)`,
      });
      continue;
    }
    if (!LINES_BY_ID.has(field) || value === null || value === undefined) continue;
    if (!Number.isSafeInteger(value)) {
      const line = lineOf(field);
      issues.push({
        field,
        rule: 'integer_fen',
        message: `${labelOf(line)} is ${String(value)}, not an amount in integer fen; ${Number.isFinite(value) ? 'it is used as given in the sums' : 'it counts as 0 in the sums'}`,
      });
    }
  }
  return issues;
}

function readAmount(values: StatementValues, id: string): number {
  const value = values[id];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function isReported(values: StatementValues, id: string): boolean {
  const value = values[id];
  return typeof value === 'number' && Number.isFinite(value);
}

function readTolerance(toleranceFen: number | undefined, where: string): number {
  const tolerance = toleranceFen ?? DEFAULT_TOLERANCE_FEN;
  assertFen(tolerance, `${where}: toleranceFen`);
  if (tolerance < 0) throw new RangeError(`${where}: toleranceFen cannot be negative, got ${tolerance}`);
  return tolerance;
}

function lineOf(id: string): StatementLine {
  const line = LINES_BY_ID.get(id);
  if (!line) throw new RangeError(`statement-validator: unknown line ${id}`);
  return line;
}

/** 'bs_30 资产总计 (total assets)': the id, the Chinese name and the English name. */
function labelOf(line: StatementLine): string {
  return `${line.id} ${line.zh} (${line.en.charAt(0).toLowerCase()}${line.en.slice(1)})`;
}
