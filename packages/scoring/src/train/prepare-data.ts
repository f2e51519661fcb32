import { toCategory } from '../internal/util.js';
import type { ColumnarDataset } from '../types.js';
import { normalizeTarget } from './normalize-target.js';

/** A column ready for training: numeric as Float64Array (NaN = missing), text as strings (null = missing). */
export type PreparedColumn =
  | { name: string; type: 'numeric'; values: Float64Array }
  | { name: string; type: 'text'; values: (string | null)[] };

/** A feature left out of training, with the reason. */
export type DroppedFeature = { feature: string; reason: string };

/** Options of {@link prepareData}. */
export type PrepareOptions = {
  /** The target's event value; see {@link normalizeTarget}. @default undefined */
  positiveLabel?: string;
  /** Fewest labelled rows accepted. @default 20 */
  minRows?: number;
  /** Fewest events and non-events accepted. @default 5 */
  minClassCount?: number;
  /** A text column whose distinct levels exceed this share of its non-missing values is an identifier. @default 0.5 */
  maxDistinctShare?: number;
};

/**
 * Checks a columnar data set and its target and prepares the columns: labels normalised to 0/1 (rows with a
 * missing target left out), all-missing, constant and identifier-like columns dropped with a reason.
 * @param dataset - the columns.
 * @param target - the raw target values, same length as the columns.
 * @param options - see {@link PrepareOptions}.
 * @returns the kept columns, the labels, the dropped features and notes.
 * @throws RangeError for a target that is not binary, a single class, or too few rows.
 */
export function prepareData(
  dataset: ColumnarDataset,
  target: ArrayLike<unknown>,
  options: PrepareOptions = {},
): { columns: PreparedColumn[]; labels: Uint8Array; dropped: DroppedFeature[]; notes: string[] } {
  const { positiveLabel, minRows = 20, minClassCount = 5, maxDistinctShare = 0.5 } = options;
  if (!dataset || !Array.isArray(dataset.columns))
    throw new TypeError('train: dataset.columns must be an array');
  const raw = normalizeTarget(target, positiveLabel);
  const notes: string[] = [];
  const keep: number[] = [];
  for (let i = 0; i < raw.length; i++) if (raw[i]! >= 0) keep.push(i);
  if (keep.length < raw.length)
    notes.push(`${raw.length - keep.length} rows with a missing target were left out`);
  const n = keep.length;
  if (n < minRows) throw new RangeError(`train: need at least ${minRows} rows with a target, got ${n}`);
  const labels = new Uint8Array(n);
  let events = 0;
  for (let k = 0; k < n; k++) {
    labels[k] = raw[keep[k]!]!;
    events += labels[k]!;
  }
  if (events === 0 || events === n) {
    throw new RangeError(
      `train: the target has a single class (all ${events === 0 ? 'non-events' : 'events'}); both are needed`,
    );
  }
  if (events < minClassCount || n - events < minClassCount) {
    throw new RangeError(
      `train: need at least ${minClassCount} events and ${minClassCount} non-events, got ${events} and ${n - events}`,
    );
  }
  const allKept = keep.length === raw.length;
  const columns: PreparedColumn[] = [];
  const dropped: DroppedFeature[] = [];
  const seen = new Set<string>();
  for (const column of dataset.columns) {
    if (column.values.length !== raw.length) {
      throw new RangeError(
        `train: column ${column.name} has ${column.values.length} values, the target ${raw.length}`,
      );
    }
    if (seen.has(column.name)) throw new RangeError(`train: duplicate column name ${column.name}`);
    seen.add(column.name);
    if (column.type === 'numeric') {
      const src = column.values;
      let values: Float64Array;
      if (allKept && src instanceof Float64Array) values = src;
      else {
        values = new Float64Array(n);
        for (let k = 0; k < n; k++) {
          const v = src[keep[k]!];
          values[k] = typeof v === 'number' ? v : Number.NaN;
        }
      }
      let missing = 0;
      let first = Number.NaN;
      let constant = true;
      for (let k = 0; k < n; k++) {
        const v = values[k]!;
        if (Number.isNaN(v)) missing++;
        else if (Number.isNaN(first)) first = v;
        else if (constant && v !== first) constant = false;
      }
      if (missing === n) dropped.push({ feature: column.name, reason: 'all values are missing' });
      else if (constant && missing === 0) dropped.push({ feature: column.name, reason: 'constant column' });
      else columns.push({ name: column.name, type: 'numeric', values });
    } else {
      const values: (string | null)[] = new Array(n);
      const distinct = new Set<string>();
      let missing = 0;
      for (let k = 0; k < n; k++) {
        const c = toCategory(column.values[keep[k]!]);
        values[k] = c;
        if (c === null) missing++;
        else distinct.add(c);
      }
      const present = n - missing;
      if (missing === n) dropped.push({ feature: column.name, reason: 'all values are missing' });
      else if (distinct.size === 1 && missing === 0)
        dropped.push({ feature: column.name, reason: 'constant column' });
      else if (present >= 20 && distinct.size > maxDistinctShare * present) {
        dropped.push({
          feature: column.name,
          reason: `${distinct.size} distinct levels in ${present} values: looks like an identifier`,
        });
      } else columns.push({ name: column.name, type: 'text', values });
    }
  }
  if (columns.length === 0) throw new RangeError('train: no usable feature (every column was dropped)');
  return { columns, labels, dropped, notes };
}
