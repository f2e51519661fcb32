// Internal helpers shared by the numeric code; not part of the public surface.

/** Throws a TypeError unless `value` is a finite number. */
export function assertFinite(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number`);
  }
}

/** Throws a RangeError unless both arrays have the same, non-zero length. */
export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: arrays must have the same length`);
  if (a.length === 0) throw new RangeError(`${what}: arrays must not be empty`);
}

/** Logistic function, stable for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Rounds half away from zero to `decimals` places, as PostgreSQL's round(numeric, int) does. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(value) * f) / f;
  return value < 0 ? -r : r;
}

/** Deterministic PRNG (mulberry32). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Converts a raw record value to a number; missing (null, '', non-numeric text, NaN) becomes NaN. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') return Number.NaN;
    const n = Number(s);
    return n;
  }
  return Number.NaN;
}

/** Cell texts read as missing (compared trimmed and lower-cased). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'na',
  'n/a',
  'null',
  'nan',
  '?',
  'none',
  '-',
]);

/**
 * Converts a raw record value to a category: text is trimmed; null, undefined, NaN and the missing tokens
 * ('', NA, N/A, null, NaN, ?, None, -; any case) become null.
 */
export function toCategory(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  const s = String(value).trim();
  return MISSING_TOKENS.has(s.toLowerCase()) ? null : s;
}

/** Rounds to `digits` significant digits (used for readable bin edges). */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

/** Formats a number for labels. */
export function formatNumber(value: number): string {
  return String(roundSignificant(value, 6));
}
