import { parseYuanToFen } from '../../../platform/money.js';
import { validateCreditCode } from '../domain/credit-code.js';

export type Bilingual = { zh: string; en: string };

export type ColumnType = 'text' | 'date' | 'integer' | 'money' | 'enum' | 'credit_code';

export type ColumnSpec = {
  name: string;
  type: ColumnType;
  required: boolean;
  description: Bilingual;
  /** enum: the canonical values; `aliases` maps other spellings (e.g. 作废发票) onto them. */
  values?: readonly string[];
  aliases?: Readonly<Record<string, string>>;
  maxLength?: number;
  min?: number;
  max?: number;
  /** date: must not lie after the import's "today". */
  isNotFuture?: boolean;
};

export type RowError = {
  row: number | null;
  field: string | null;
  value: string | null;
  rule: string;
  message: string;
};

export type ParsedValue = string | number | null;

export type ParseContext = { today: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^[+-]?\d+$/;
// Cells that spreadsheet programs run as formulas (CSV injection): =, +, @, a tab or CR first, or '-' not
// starting a number.
const FORMULA_START = /^(?:[=+@\t\r]|-(?![\d.]))/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export class CellError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses one cell's text by its column's type. Returns the typed value (`null` for an empty optional
 * cell) or throws `CellError` with the rule broken and a sentence that says what to fix.
 */
export function parseCell(spec: ColumnSpec, raw: string | undefined, context: ParseContext): ParsedValue {
  const text = (raw ?? '').trim();
  if (text === '') {
    if (spec.required) throw new CellError('required', `${spec.name} is required`);
    return null;
  }
  switch (spec.type) {
    case 'text':
      return parseText(spec, text);
    case 'credit_code':
      return parseCreditCode(text);
    case 'date':
      return parseDate(spec, text, context);
    case 'integer':
      return parseInteger(spec, text);
    case 'money':
      return parseMoney(spec, text);
    case 'enum':
      return parseEnum(spec, text);
  }
}

function parseText(spec: ColumnSpec, text: string): string {
  if (FORMULA_START.test(text)) {
    throw new CellError(
      'formula_injection',
      `${spec.name} starts with '${text[0]}', which spreadsheet programs run as a formula; remove the leading character`,
    );
  }
  if (CONTROL_CHARACTERS.test(text)) {
    throw new CellError('control_character', `${spec.name} contains a control character; remove it`);
  }
  const maxLength = spec.maxLength ?? 500;
  if (text.length > maxLength) {
    throw new CellError(
      'too_long',
      `${spec.name} has ${text.length} characters; at most ${maxLength} allowed`,
    );
  }
  return text;
}

// A file repeats the same few codes (an enterprise's invoices): remember recent answers.
const creditCodeCache = new Map<string, string | CellError>();

/**
 * A copy of a short string that does not keep the parser's whole text chunk alive (V8 represents a
 * substring of 13+ characters as a slice of its parent).
 */
export function detachString(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

function parseCreditCode(text: string): string {
  let answer = creditCodeCache.get(text);
  if (answer === undefined) {
    const check = validateCreditCode(text);
    answer = check.isValid
      ? check.normalizedCode
      : new CellError(
          'credit_code',
          `not a valid unified social credit code: ${check.errors.map((issue) => issue.message).join('; ')}`,
        );
    if (creditCodeCache.size > 50_000) creditCodeCache.clear();
    if (typeof answer === 'string') answer = detachString(answer);
    creditCodeCache.set(detachString(text), answer);
  }
  if (answer instanceof CellError) throw new CellError(answer.rule, answer.message);
  return answer;
}

const validDates = new Set<string>();

function parseDate(spec: ColumnSpec, text: string, context: ParseContext): string {
  if (validDates.has(text)) {
    if (spec.isNotFuture && text > context.today) {
      throw new CellError(
        'future_date',
        `${spec.name} ${text} lies in the future (today is ${context.today})`,
      );
    }
    return text;
  }
  const match = ISO_DATE.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) {
    throw new CellError('date', `${spec.name} must be a calendar date written YYYY-MM-DD (e.g. 2024-12-31)`);
  }
  if (spec.isNotFuture && text > context.today) {
    throw new CellError('future_date', `${spec.name} ${text} lies in the future (today is ${context.today})`);
  }
  if (validDates.size > 100_000) validDates.clear();
  validDates.add(text);
  return text;
}

function parseInteger(spec: ColumnSpec, text: string): number {
  if (!INTEGER.test(text)) throw new CellError('integer', `${spec.name} must be a whole number`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new CellError('integer', `${spec.name} is too large`);
  if (spec.min !== undefined && value < spec.min) {
    throw new CellError('min', `${spec.name} must be at least ${spec.min}`);
  }
  if (spec.max !== undefined && value > spec.max) {
    throw new CellError('max', `${spec.name} must be at most ${spec.max}`);
  }
  return value;
}

function parseMoney(spec: ColumnSpec, text: string): number {
  let fen: number;
  try {
    fen = parseYuanToFen(text);
  } catch (error) {
    throw new CellError('money', `${spec.name}: ${(error as Error).message}`);
  }
  if (spec.min !== undefined && fen < spec.min) {
    throw new CellError('min', `${spec.name} must not be negative`);
  }
  return fen;
}

function parseEnum(spec: ColumnSpec, text: string): string {
  const values = spec.values ?? [];
  const value = values.includes(text) ? text : spec.aliases?.[text];
  if (value === undefined) {
    throw new CellError('enum', `${spec.name} must be one of ${values.join(', ')}`);
  }
  return value;
}
