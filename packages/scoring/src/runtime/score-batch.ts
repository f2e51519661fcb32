import type { ColumnarDataset, ReasonCode, RecordValue, ScoringModel } from '../types.js';
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

/** The reason code of every bin (cell, for pairs) of a compiled model; null where no points are lost. */
type ReasonTables = { terms: (ReasonCode | null)[][]; pairs: (ReasonCode | null)[][] };

const reasonTables = new WeakMap<CompiledModel, ReasonTables>();

function reasonTablesOf(c: CompiledModel): ReasonTables {
  let tables = reasonTables.get(c);
  if (tables) return tables;
  const m = c.model;
  // the same objects and numbers score() builds, made once per bin and shared (frozen) by every row
  const reason = (feature: string, bin: string, u: number, best: number) =>
    best > u ? Object.freeze({ feature, bin, points: u / c.scale, pointsLost: (best - u) / c.scale }) : null;
  tables = {
    terms: c.terms.map((t, k) =>
      Array.from(t.units, (u, bin) =>
        reason(t.feature, m.features[k]!.labels[bin] ?? String(bin), u, t.best),
      ),
    ),
    pairs: c.pairs.map((t, k) => {
      const labels = m.interactions[k]!.labels;
      const nb = t.indexers[1].binCount;
      const name = `${t.features[0]} × ${t.features[1]}`;
      return Array.from(t.units, (u, cell) =>
        reason(name, `${labels[0][Math.floor(cell / nb)]} | ${labels[1][cell % nb]}`, u, t.best),
      );
    }),
  };
  reasonTables.set(c, tables);
  return tables;
}

/** score()'s order of reasons: most points lost first, then by feature name. */
function before(x: ReasonCode, y: ReasonCode): boolean {
  return x.pointsLost > y.pointsLost || (x.pointsLost === y.pointsLost && x.feature < y.feature);
}

/**
 * Scores many records at once like {@link scoreBatch}, and also gives each row its grade and reason codes: the
 * same scores, PDs, grades and reasons as {@link score} row by row, without its per-row allocations. The
 * reason objects are frozen and shared between rows (one per bin of the model), so a caller may cache
 * anything derived from them (e.g. their JSON) by identity.
 * @param model - a model or a compiled model.
 * @param input - the columns (absent model columns are treated as missing).
 * @param options.reasons - number of reason codes per row. @default 4
 * @returns score, PD, grade and reason codes per row.
 */
export function scoreBatchWithReasons(
  model: ScoringModel | CompiledModel,
  input: BatchInput,
  options: { reasons?: number } = {},
): { score: Float64Array; pd: Float64Array; grade: string[]; reasons: ReasonCode[][] } {
  const { reasons: topN = 4 } = options;
  const c = asCompiled(model);
  const { score: scores, pd } = scoreBatch(c, input);
  const n = scores.length;
  const columns = columnsOf(input);
  const tables = reasonTablesOf(c);
  const grade = new Array<string>(n);
  for (let i = 0; i < n; i++) grade[i] = c.gradeOfPd(pd[i]!);
  const reasons = new Array<ReasonCode[]>(n);
  for (let i = 0; i < n; i++) reasons[i] = [];
  if (topN <= 0) return { score: scores, pd, grade, reasons };
  // keeps the top N of a row by insertion: a row's list never grows past N
  const offer = (row: ReasonCode[], r: ReasonCode) => {
    if (row.length === topN && !before(r, row[topN - 1]!)) return;
    let j = row.length < topN ? row.length : topN - 1;
    while (j > 0 && before(r, row[j - 1]!)) {
      row[j] = row[j - 1]!;
      j--;
    }
    row[j] = r;
  };
  c.terms.forEach((t, k) => {
    const bins = binsOf(t.indexer, c.model.features[k]!.binning, columns.get(t.feature), n);
    const table = tables.terms[k]!;
    for (let i = 0; i < n; i++) {
      const r = table[bins[i]!];
      if (r) offer(reasons[i]!, r);
    }
  });
  c.pairs.forEach((t, k) => {
    const a = binsOf(t.indexers[0], c.model.interactions[k]!.binnings[0], columns.get(t.features[0]), n);
    const b = binsOf(t.indexers[1], c.model.interactions[k]!.binnings[1], columns.get(t.features[1]), n);
    const nb = t.indexers[1].binCount;
    const table = tables.pairs[k]!;
    for (let i = 0; i < n; i++) {
      const r = table[a[i]! * nb + b[i]!];
      if (r) offer(reasons[i]!, r);
    }
  });
  return { score: scores, pd, grade, reasons };
}
