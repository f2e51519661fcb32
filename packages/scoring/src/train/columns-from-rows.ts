import { MISSING_TOKENS, toNumber } from '../internal/util.js';
import type { Column, ColumnarDataset } from '../types.js';

/**
 * Builds a columnar data set from text rows (as read from a CSV): a column is numeric when at least
 * `numericShare` of its non-missing cells parse as numbers (the rest become missing), otherwise text.
 * Cells '', NA, N/A, null, NaN, ?, None and - (any case) are missing. Text columns come with their dictionary
 * (distinct values coded; rows share one string per value).
 * @param header - column names.
 * @param rows - the cells, one array per row.
 * @param options.exclude - columns to leave out. @default []
 * @param options.numericShare - share of parsable cells that makes a column numeric. @default 0.95
 * @param options.types - column types to use instead of inferring them. @default {}
 * @returns the data set.
 */
export function columnsFromRows(
  header: string[],
  rows: ArrayLike<ArrayLike<string | null | undefined>>,
  options: { exclude?: string[]; numericShare?: number; types?: Record<string, 'numeric' | 'text'> } = {},
): ColumnarDataset {
  const { exclude = [], numericShare = 0.95, types = {} } = options;
  const skip = new Set(exclude);
  const n = rows.length;
  const columns: Column[] = [];
  header.forEach((name, j) => {
    if (skip.has(name)) return;
    let present = 0;
    let numeric = 0;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const raw = rows[i]![j];
      const cell = raw === null || raw === undefined ? '' : raw.trim();
      if (MISSING_TOKENS.has(cell.toLowerCase())) {
        values[i] = Number.NaN;
        continue;
      }
      present++;
      const x = toNumber(cell);
      values[i] = x;
      if (!Number.isNaN(x)) numeric++;
    }
    const forced = Object.hasOwn(types, name) ? types[name] : undefined;
    const isNumeric = forced ? forced === 'numeric' : present === 0 || numeric >= numericShare * present;
    if (isNumeric) columns.push({ name, type: 'numeric', values });
    else {
      // each distinct text kept once (rows share it) and coded, so scoring looks a level up once
      const text = new Array<string | null>(n);
      const codes = new Uint32Array(n);
      const levels: (string | null)[] = [null];
      const codeOf = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const raw = rows[i]![j];
        const cell = raw === null || raw === undefined ? '' : raw.trim();
        if (MISSING_TOKENS.has(cell.toLowerCase())) {
          text[i] = null;
          continue; // code 0: missing
        }
        let code = codeOf.get(cell);
        if (code === undefined) {
          code = levels.length;
          codeOf.set(cell, code);
          levels.push(cell);
        }
        codes[i] = code;
        text[i] = levels[code]!;
      }
      columns.push({ name, type: 'text', values: text, dictionary: { codes, levels } });
    }
  });
  return { columns };
}
