import type { ColumnarDataset, RecordValue, ScoringModel } from '../types.js';
import { asCompiled } from './as-compiled.js';
import type { CompiledModel } from './compile-model.js';

/** Columns for batch scoring: a columnar data set, or arrays keyed by column name. */
export type BatchInput = ColumnarDataset | Record<string, ArrayLike<RecordValue>>;

function columnsOf(input: BatchInput): Map<string, ArrayLike<RecordValue>> {
  const m = new Map<string, ArrayLike<RecordValue>>();
  if (Array.isArray((input as ColumnarDataset).columns)) {
    for (const c of (input as ColumnarDataset).columns) m.set(c.name, c.values);
  } else for (const [k, v] of Object.entries(input)) m.set(k, v as ArrayLike<RecordValue>);
  return m;
}

const memo = new WeakMap<object, Map<RecordValue, number>>();

function binsOf(
  indexer: CompiledModel['terms'][number]['indexer'],
  binning: ScoringModel['features'][number]['binning'],
  values: ArrayLike<RecordValue> | undefined,
  n: number,
): Uint16Array {
  const bins = new Uint16Array(n);
  if (!values) return bins; // absent column: every row missing (bin 0)
  if (values instanceof Float64Array && binning.type === 'numeric' && binning.specialValues.length === 0) {
    const edges = Float64Array.from(binning.edges);
    const E = edges.length;
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (Number.isNaN(x)) continue; // missing
      let lo = 0;
      let hi = E;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (edges[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      bins[i] = 1 + lo;
    }
    return bins;
  }
  // text and mixed columns: one map lookup per row, the bin of each distinct value memoised on the indexer
  const cache = memo.get(indexer) ?? new Map<RecordValue, number>();
  memo.set(indexer, cache);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let b = cache.get(v);
    if (b === undefined) {
      b = indexer.index(v);
      if (cache.size < 200_000) cache.set(v, b);
    }
    bins[i] = b;
  }
  return bins;
}

/**
 * Scores many records at once through typed-array lookups; the same numbers as {@link score}.
 * @param model - a model or a compiled model.
 * @param input - the columns (absent model columns are treated as missing).
 * @returns score and PD per row.
 */
export function scoreBatch(
  model: ScoringModel | CompiledModel,
  input: BatchInput,
): { score: Float64Array; pd: Float64Array } {
  const c = asCompiled(model);
  const columns = columnsOf(input);
  let n = -1;
  for (const name of c.inputs) {
    const v = columns.get(name);
    if (v) {
      if (n >= 0 && v.length !== n) throw new RangeError('scoreBatch: columns must have the same length');
      n = v.length;
    }
  }
  if (n < 0) n = columns.size > 0 ? [...columns.values()][0]!.length : 0;
  const units = new Float64Array(n).fill(c.interceptUnits);
  c.terms.forEach((t, k) => {
    const binning = c.model.features[k]!.binning;
    const values = columns.get(t.feature);
    const u = t.units;
    if (values instanceof Float64Array && binning.type === 'numeric' && binning.specialValues.length === 0) {
      // fused lookup: binary search straight into the points (the hot path of batch scoring)
      const edges = t.edges;
      const E = edges.length;
      const missing = u[0]!;
      for (let i = 0; i < n; i++) {
        const x = values[i]!;
        if (Number.isNaN(x)) {
          units[i]! += missing;
          continue;
        }
        let lo = 0;
        let hi = E;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (edges[mid]! <= x) lo = mid + 1;
          else hi = mid;
        }
        units[i]! += u[1 + lo]!;
      }
      return;
    }
    const bins = binsOf(t.indexer, binning, values, n);
    for (let i = 0; i < n; i++) units[i]! += u[bins[i]!]!;
  });
  c.pairs.forEach((t, k) => {
    const a = binsOf(t.indexers[0], c.model.interactions[k]!.binnings[0], columns.get(t.features[0]), n);
    const b = binsOf(t.indexers[1], c.model.interactions[k]!.binnings[1], columns.get(t.features[1]), n);
    const nb = t.indexers[1].binCount;
    const u = t.units;
    for (let i = 0; i < n; i++) units[i]! += u[a[i]! * nb + b[i]!]!;
  });
  const scoreOut = new Float64Array(n);
  const pd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = units[i]! / c.scale;
    scoreOut[i] = s;
    pd[i] = c.pdOf(s);
  }
  return { score: scoreOut, pd };
}
