/**
 * Money is integer fen (1 yuan = 100 fen) everywhere in CreditBridge: stored, summed and compared as
 * integers, never as floating-point yuan. This file is the only place that converts between the decimal
 * strings people type or files contain and fen, and back to text for display.
 */

/** Fen in one yuan. */
export const FEN_PER_YUAN = 100;

/** Fen in one 万元 (RMB 10,000), the unit of the SME size thresholds. */
export const FEN_PER_WAN = 1_000_000;

// An optional sign, an integer part that is either plain digits or digits grouped by commas in threes,
// and an optional fractional part of at least one digit.
const FAST_PLAIN_NUMBER = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;
const PLAIN_NUMBER = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const GROUPED_NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Parses a decimal amount in yuan into integer fen, exactly (string arithmetic, no floating point).
 *
 * Accepted: `'1234'`, `'1234.5'`, `'-943.4'`, `'+12'`, `'1000.0'`, `'0.100000'` (digits beyond the second
 * decimal are accepted only when they are zeros), surrounding whitespace, and thousands separators when
 * they are well-formed (`'1,234,567.89'`; commas exactly every three digits in the integer part).
 * Well-formed separators are accepted because statements exported from accounting software and Excel
 * contain them; anything else with a comma (`'1,5'`, `'12,34'`) is rejected, since it could be a decimal
 * comma.
 *
 * Rejected with a `RangeError` naming the value and the rule: an empty string, letters, exponent notation
 * (`'1e5'`), `'NaN'`/`'Infinity'`, a bare `'.5'` or `'5.'`, accounting parentheses (`'(5.00)'`),
 * full-width digits or signs, more than two non-zero decimals, and amounts whose fen value is beyond
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @param text - the amount in yuan as text
 * @returns the amount in integer fen (`-0` is returned as `0`)
 * @throws RangeError when the text is not an exact decimal amount in yuan
 */
export function parseYuanToFen(text: string): number {
  // Fast path for the common plain form (imports call this millions of times): at most 13 integer
  // digits keep yuan × 100 below 2^53, so the arithmetic is exact.
  const plain = typeof text === 'string' ? FAST_PLAIN_NUMBER.exec(text) : null;
  if (plain) {
    const decimals = plain[3] ?? '';
    const fen = Number(plain[2]) * 100 + (decimals.length === 1 ? Number(decimals) * 10 : Number(decimals));
    return plain[1] === '-' && fen !== 0 ? -fen : fen;
  }
  if (typeof text !== 'string') {
    throw new TypeError(`parseYuanToFen: expected a string, got ${typeof text}`);
  }
  const trimmed = text.trim();
  const shown = JSON.stringify(text);
  if (trimmed === '') {
    throw new RangeError(`parseYuanToFen: ${shown} is empty; expected an amount in yuan such as '1234.56'`);
  }
  const match = PLAIN_NUMBER.exec(trimmed) ?? GROUPED_NUMBER.exec(trimmed);
  if (!match) {
    throw new RangeError(`parseYuanToFen: ${shown} ${describeBadAmount(trimmed)}`);
  }
  const sign = match[1] === '-' ? -1n : 1n;
  const integerDigits = (match[2] ?? '').replaceAll(',', '');
  const fractionDigits = match[3] ?? '';
  const extraDecimals = fractionDigits.slice(2);
  if (/[^0]/.test(extraDecimals)) {
    throw new RangeError(
      `parseYuanToFen: ${shown} has more than 2 decimals (fen is the smallest unit); round it to 2 decimals first`,
    );
  }
  const fenDigits = fractionDigits.slice(0, 2).padEnd(2, '0');
  const fen = sign * (BigInt(integerDigits) * 100n + BigInt(fenDigits));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(
      `parseYuanToFen: ${shown} is too large: at most ${Number.MAX_SAFE_INTEGER} fen (about 90 trillion yuan) can be represented exactly`,
    );
  }
  const result = Number(fen);
  return result === 0 ? 0 : result;
}

function describeBadAmount(trimmed: string): string {
  if (/^[+-]?(nan|infinity)$/i.test(trimmed))
    return 'is not a number; expected an amount in yuan such as 1234.56';
  if (/^[+-]?[\d.,]+e[+-]?\d+$/i.test(trimmed)) {
    return 'uses exponent notation; write the amount out in full, e.g. 150000 instead of 1.5e5';
  }
  if (/^\(.*\)$/.test(trimmed)) return "uses accounting parentheses for a negative amount; write '-' instead";
  if (/^[+-]?\.\d+$/.test(trimmed))
    return "has no digit before the decimal point; write '0.5' instead of '.5'";
  if (/^[+-]?\d+\.$/.test(trimmed)) return 'ends with a decimal point; add the decimals or remove the point';
  if (/,/.test(trimmed)) {
    return "has misplaced thousands separators; commas are allowed only every three digits ('1,234,567.89'), never as a decimal comma";
  }
  if (/[０-９，．－＋]/.test(trimmed)) return 'contains full-width characters; use ASCII digits, "." and "-"';
  return "is not a decimal amount in yuan; expected digits with an optional sign and up to 2 decimals, e.g. '-1234.56'";
}

/** Options of {@link formatFen}. */
export type FormatFenOptions = {
  /** Output language. Only the unit suffix of 万元 differs; digits are grouped with ',' in both. @default 'zh-CN' */
  locale?: 'zh-CN' | 'en';
  /** 'yuan' prints the exact amount with 2 decimals and no suffix; 'wan' prints 万元 rounded to 2 decimals with a suffix. @default 'yuan' */
  unit?: 'yuan' | 'wan';
};

/**
 * Formats integer fen for people: `123456` → `'1,234.56'`; with `unit: 'wan'`, `123456789` →
 * `'123.46万'` (zh-CN) or `'123.46 wan'` (en). Yuan output is exact; 万元 output is rounded half away from
 * zero to 2 decimals (RMB 100). No currency symbol is added, so the text fits tables and messages.
 *
 * @param fen - an amount in integer fen (a safe integer)
 * @param options - locale and unit, see {@link FormatFenOptions}
 * @returns the formatted amount
 * @throws RangeError when `fen` is not a safe integer
 */
export function formatFen(fen: number, options: FormatFenOptions = {}): string {
  assertFen(fen, 'formatFen');
  const unit = options.unit ?? 'yuan';
  const locale = options.locale ?? 'zh-CN';
  const negative = fen < 0;
  const magnitude = BigInt(Math.abs(fen));
  if (unit === 'yuan') {
    return `${negative ? '-' : ''}${groupThousands(magnitude / 100n)}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  }
  // 万元 with 2 decimals: the unit of the last digit is 10,000 fen; round half away from zero.
  const hundredthsOfWan = (magnitude + 5_000n) / 10_000n;
  const text = `${groupThousands(hundredthsOfWan / 100n)}.${(hundredthsOfWan % 100n).toString().padStart(2, '0')}`;
  const sign = negative && hundredthsOfWan !== 0n ? '-' : '';
  return locale === 'en' ? `${sign}${text} wan` : `${sign}${text}万`;
}

/**
 * Converts integer fen to 万元 (RMB 10,000) as a number, for comparing against the size-classification
 * thresholds (which are whole 万元, so the comparison is exact for integer fen).
 *
 * @param fen - an amount in integer fen
 * @returns the amount in 万元, e.g. `3_000_000_000` fen → `3000`
 * @throws RangeError when `fen` is not a safe integer
 */
export function fenToWan(fen: number): number {
  assertFen(fen, 'fenToWan');
  return fen / FEN_PER_WAN;
}

/**
 * Throws unless `value` is an amount in integer fen (a safe integer).
 *
 * @param value - the value to check
 * @param where - the caller's name, used in the message
 * @throws RangeError when the value is not a safe integer
 */
export function assertFen(value: number, where: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `${where}: expected an amount in integer fen (a safe integer), got ${String(value)}`,
    );
  }
}

function groupThousands(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
