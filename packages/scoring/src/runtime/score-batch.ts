import type { Binning, ColumnarDataset, ReasonCode, RecordValue, ScoringModel } from '../types.js';
import { asCompiled } from './as-compiled.js';
import type { CompiledModel } from './compile-model.js';
import type { BinIndexer } from './create-bin-indexer.js';

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

/**
 * How one binning is evaluated over a column.
 *
 * Numeric binnings without special values read a Float64Array column through a lookup table keyed by the top
 * bits of each value's IEEE-754 representation, mapped to an order-preserving integer: a cell covers a slice of
 * an octave (1/16 or finer), so quantile edges of skewed or heavy-tailed data spread over many cells. A cell
 * stores the number of edges in the cells before it, all of them `<= x` for every x in the cell; the bin is
 * `1 +` that count `+` the edges of the cell itself that are `<= x` (usually none or one: one compare without a
 * branch). A sentinel cell on each side catches the values below (0 edges) and above (all edges) the table's
 * range. When the table would be too large (edges spread over very many octaves), a branchless search over the
 * edges padded with +Infinity to `2·half − 1` is used.
 */
type Binner = {
  indexer: BinIndexer;
  binning: Binning;
  /** Sorted edges (numeric binnings without special values), else null. */
  edges: Float64Array | null;
  /** Cell table: sentinel, one count per cell from `keyLo` on, sentinel; null when the search is used. */
  cells: Uint16Array | null;
  /** The edges followed by NaN (never `<= x`), which ends the scan of a cell at the last edge. */
  tail: Float64Array;
  shift: number;
  keyLo: number;
  /** Edges padded with +Infinity for the branchless search. */
  padded: Float64Array;
  half: number;
};

/** The largest cell table built for one feature (entries). */
const MAX_CELLS = 1 << 16;

/** Whether the platform stores doubles little-endian (the high word of element i is int32 element 2i+1). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

const bits = new DataView(new ArrayBuffer(8));

/** The order-preserving 32-bit key of a double's high word (NaN excluded): negative values flipped. */
function orderedHigh(x: number): number {
  bits.setFloat64(0, x);
  const h = bits.getInt32(0);
  return (h ^ ((h >> 31) | 0x80000000)) >>> 0;
}

function binnerOf(indexer: BinIndexer, binning: Binning): Binner {
  const none = { indexer, binning, cells: null, tail: new Float64Array(0), shift: 0, keyLo: 0, half: 0 };
  if (binning.type !== 'numeric' || binning.specialValues.length > 0)
    return { ...none, edges: null, padded: new Float64Array(0) };
  const edges = Float64Array.from(binning.edges);
  const E = edges.length;
  let size = 1;
  while (size < E + 1) size *= 2;
  const padded = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  padded.set(edges);
  const searched: Binner = { ...none, edges, padded, half: size >>> 1 };
  if (!LITTLE_ENDIAN || E === 0 || E >= 0xffff || !edges.every(Number.isFinite)) return searched;
  const first = orderedHigh(edges[0]!);
  const last = orderedHigh(edges[E - 1]!);
  // the finest cells (1/2^12 … 1/16 octave) that keep the table within MAX_CELLS
  let shift = 8;
  while (shift <= 16 && (last >>> shift) - (first >>> shift) + 1 > MAX_CELLS / (shift < 16 ? 16 : 1)) shift++;
  if (shift > 16) return searched;
  const keyLo = first >>> shift;
  const count = (last >>> shift) - keyLo + 1;
  // an edge in an earlier cell is <= every value of a later cell (±0, equal but in two cells, included), so the
  // edges of the cells before a cell are a lower bound on the count; the scan of the cell's own edges does the rest
  const cells = new Uint16Array(count + 2);
  for (let c = 0, j = 0; c <= count; c++) {
    while (j < E && (orderedHigh(edges[j]!) >>> shift) - keyLo < c) j++;
    cells[1 + c] = j;
  }
  cells[count + 1] = E;
  const tail = new Float64Array(E + 1);
  tail.set(edges);
  tail[E] = Number.NaN;
  return { ...searched, cells, tail, shift, keyLo };
}

/** Per compiled model: the binner of every term and of both axes of every pair, built once. */
type Plan = { terms: Binner[]; pairs: [Binner, Binner][] };

const plans = new WeakMap<CompiledModel, Plan>();

function planOf(c: CompiledModel): Plan {
  let plan = plans.get(c);
  if (!plan) {
    plan = {
      terms: c.terms.map((t, k) => binnerOf(t.indexer, c.model.features[k]!.binning)),
      pairs: c.pairs.map((t, k) => {
        const b = c.model.interactions[k]!.binnings;
        return [binnerOf(t.indexers[0], b[0]), binnerOf(t.indexers[1], b[1])] as [Binner, Binner];
      }),
    };
    plans.set(c, plan);
  }
  return plan;
}

/** Writes the bin of each of the first n rows into `bins`; the same bins as the binning's indexer gives. */
function binsInto(
  bins: Int32Array,
  binner: Binner,
  values: ArrayLike<RecordValue> | undefined,
  n: number,
): Int32Array {
  if (!values) {
    bins.fill(0, 0, n); // absent column: every row missing (bin 0)
    return bins;
  }
  const edges = binner.edges;
  if (edges !== null && values instanceof Float64Array) {
    const cells = binner.cells;
    const E = edges.length;
    // (the Int32Array view costs an allocation: for a handful of rows the search is cheaper)
    if (cells !== null && n >= 16) {
      const high = new Int32Array(values.buffer, values.byteOffset, 2 * n);
      const { shift, keyLo, tail } = binner;
      const top = cells.length - 1;
      for (let i = 0; i < n; i++) {
        const x = values[i]!;
        if (Number.isNaN(x)) {
          bins[i] = 0; // missing
          continue;
        }
        const h = high[2 * i + 1]!;
        const d = ((h ^ ((h >> 31) | 0x80000000)) >>> shift) - keyLo + 1;
        let k = cells[Math.max(0, Math.min(top, d))]!;
        k += tail[k]! <= x ? 1 : 0;
        while (tail[k]! <= x) k++;
        bins[i] = 1 + k;
      }
      return bins;
    }
    const p = binner.padded;
    const half = binner.half;
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      let k = 0;
      for (let s = half; s > 0; s >>>= 1) k += p[k + s - 1]! <= x ? s : 0;
      // NaN compares false everywhere (k = 0) and is missing; +Infinity also passes the padding: clamp to E
      bins[i] = Number.isNaN(x) ? 0 : 1 + Math.min(k, E);
    }
    return bins;
  }
  // text and mixed columns: one map lookup per row, the bin of each distinct value memoised on the indexer
  const indexer = binner.indexer;
  let cache = memo.get(indexer);
  if (!cache) {
    cache = new Map<RecordValue, number>();
    memo.set(indexer, cache);
  }
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
 * Adds one numeric term's points to the row totals straight from the cell table (the fused form of
 * {@link binsInto}'s table path followed by the points lookup; the same bins).
 */
function addTableTerm(total: Float64Array, binner: Binner, values: Float64Array, u: Float64Array, n: number) {
  const cells = binner.cells!;
  const { shift, keyLo, tail } = binner;
  const high = new Int32Array(values.buffer, values.byteOffset, 2 * n);
  const top = cells.length - 1;
  const missing = u[0]!;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) {
      total[i]! += missing;
      continue;
    }
    const h = high[2 * i + 1]!;
    const d = ((h ^ ((h >> 31) | 0x80000000)) >>> shift) - keyLo + 1;
    let k = cells[Math.max(0, Math.min(top, d))]!;
    k += tail[k]! <= x ? 1 : 0;
    while (tail[k]! <= x) k++;
    total[i]! += u[1 + k]!;
  }
}

/** Scratch bin buffers, reused between calls (scoring is synchronous, so one pair serves every call). */
let scratchA = new Int32Array(0);
let scratchB = new Int32Array(0);

/**
 * Scores many records at once through typed-array lookups; the same numbers as {@link score}. Per call it
 * allocates only the two result arrays: bins go through reused scratch buffers, and the points of every
 * term are summed into the score array in one pass per feature.
 * @param model - a model or a compiled model.
 * @param input - the columns (absent model columns are treated as missing).
 * @returns score and PD per row.
 */
export function scoreBatch(
  model: ScoringModel | CompiledModel,
  input: BatchInput,
): { score: Float64Array; pd: Float64Array } {
  const c = asCompiled(model);
  const plan = planOf(c);
  const columns = columnsOf(input);
  const n = rowCount(c, columns);
  if (scratchA.length < n) {
    scratchA = new Int32Array(n);
    scratchB = new Int32Array(n);
  }
  const A = scratchA;
  const B = scratchB;
  // accumulates integer point units (exact in float64), divided by the scale at the end as score() does
  const total = new Float64Array(n).fill(c.interceptUnits);
  const terms = c.terms;
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    const u = t.units;
    const binner = plan.terms[k]!;
    const values = columns.get(t.feature);
    if (binner.cells !== null && values instanceof Float64Array && n >= 16) {
      addTableTerm(total, binner, values, u, n);
      continue;
    }
    binsInto(A, binner, values, n);
    for (let i = 0; i < n; i++) total[i]! += u[A[i]!]!;
  }
  const pairs = c.pairs;
  for (let k = 0; k < pairs.length; k++) {
    const t = pairs[k]!;
    const [pa, pb] = plan.pairs[k]!;
    binsInto(A, pa, columns.get(t.features[0]), n);
    binsInto(B, pb, columns.get(t.features[1]), n);
    const nb = t.indexers[1].binCount;
    const u = t.units;
    for (let i = 0; i < n; i++) total[i]! += u[A[i]! * nb + B[i]!]!;
  }
  const pd = new Float64Array(n);
  const scale = c.scale;
  // pdFromScore inlined, operation for operation (same rounding), since the score is always finite here
  const { a, b } = c.model.calibration;
  const f = 10 ** c.model.pdDecimals;
  const floor = c.model.pdFloor;
  for (let i = 0; i < n; i++) {
    const s = total[i]! / scale;
    total[i] = s;
    const eta = Math.min(700, Math.max(-700, a + b * s));
    const raw = 1 / (1 + Math.exp(-eta));
    pd[i] = Math.max(floor, Math.round(Math.abs(raw) * f) / f);
  }
  return { score: total, pd };
}

/** The number of rows: the common length of the model's columns present in the input. */
function rowCount(c: CompiledModel, columns: Map<string, ArrayLike<RecordValue>>): number {
  let n = -1;
  for (const name of c.inputs) {
    const v = columns.get(name);
    if (v) {
      if (n >= 0 && v.length !== n) throw new RangeError('scoreBatch: columns must have the same length');
      n = v.length;
    }
  }
  if (n >= 0) return n;
  for (const v of columns.values()) return v.length;
  return 0;
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
  const plan = planOf(c);
  c.terms.forEach((t, k) => {
    const bins = binsInto(new Int32Array(n), plan.terms[k]!, columns.get(t.feature), n);
    const table = tables.terms[k]!;
    for (let i = 0; i < n; i++) {
      const r = table[bins[i]!];
      if (r) offer(reasons[i]!, r);
    }
  });
  c.pairs.forEach((t, k) => {
    const a = binsInto(new Int32Array(n), plan.pairs[k]![0], columns.get(t.features[0]), n);
    const b = binsInto(new Int32Array(n), plan.pairs[k]![1], columns.get(t.features[1]), n);
    const nb = t.indexers[1].binCount;
    const table = tables.pairs[k]!;
    for (let i = 0; i < n; i++) {
      const r = table[a[i]! * nb + b[i]!];
      if (r) offer(reasons[i]!, r);
    }
  });
  return { score: scores, pd, grade, reasons };
}
