import { intervalIndex } from '../binning/interval-index.js';
import { toNumber } from '../internal/util.js';
import type {
  Binning,
  ColumnarDataset,
  NumericBinning,
  ReasonCode,
  RecordValue,
  ScoringModel,
  TextDictionary,
} from '../types.js';
import { asCompiled } from './as-compiled.js';
import type { CompiledModel } from './compile-model.js';
import { type BinIndexer, createBinIndexer } from './create-bin-indexer.js';
import { fastExp } from './fast-exp.js';
import { createKernel, type Kernel } from './wasm-kernel.js';

/** Columns for batch scoring: a columnar data set, or arrays keyed by column name. */
export type BatchInput = ColumnarDataset | Record<string, ArrayLike<RecordValue>>;

/** The input's columns by name, with the dictionaries of the text columns that carry one. */
class Columns extends Map<string, ArrayLike<RecordValue>> {
  dictionaries = new Map<string, TextDictionary>();
}

function columnsOf(input: BatchInput): Columns {
  const m = new Columns();
  if (Array.isArray((input as ColumnarDataset).columns)) {
    for (const c of (input as ColumnarDataset).columns) {
      m.set(c.name, c.values);
      if (c.type === 'text' && c.dictionary) {
        if (c.dictionary.codes.length !== c.values.length)
          throw new RangeError(`scoreBatch: column ${c.name}: the dictionary's codes must cover every row`);
        m.dictionaries.set(c.name, c.dictionary);
      }
    }
  } else for (const [k, v] of Object.entries(input)) m.set(k, v as ArrayLike<RecordValue>);
  return m;
}

/**
 * How a numeric column's sorted edges (the union of its binnings') are looked up.
 *
 * A Float64Array column is read through a lookup table keyed by the top bits of each value's IEEE-754
 * representation, mapped to an order-preserving integer: a cell covers a slice of an octave (1/16 or finer), so
 * quantile edges of skewed or heavy-tailed data spread over many cells. A cell stores the number of edges in the
 * cells before it, all of them `<= x` for every x in the cell; the interval is that count `+` the edges of the cell
 * itself that are `<= x` (usually none or one: one compare without a branch). A sentinel cell on each side catches
 * the values below (0 edges) and above (all edges) the table's range. When the table would be too large (edges
 * spread over very many octaves), a branchless search over the edges padded with +Infinity to `2·half − 1` is used.
 */
type Binner = {
  /** The sorted edges. */
  edges: Float64Array;
  /** Cell table: sentinel, one count per cell from `keyLo` on, sentinel; null when the search is used. */
  cells: Uint16Array | null;
  /** The edges followed by NaN (never `<= x`), which ends the scan of a cell at the last edge. */
  tail: Float64Array;
  /** Whether no cell holds more than one edge (then one compare finishes every lookup). */
  single: boolean;
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

function binnerOf(sortedEdges: number[]): Binner {
  const edges = Float64Array.from(sortedEdges);
  const E = edges.length;
  let size = 1;
  while (size < E + 1) size *= 2;
  const padded = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  padded.set(edges);
  const searched: Binner = {
    edges,
    cells: null,
    tail: new Float64Array(0),
    single: false,
    shift: 0,
    keyLo: 0,
    padded,
    half: size >>> 1,
  };
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
  let single = true;
  for (let c = 1; c < cells.length; c++) if (cells[c]! - cells[c - 1]! > 1) single = false;
  return { ...searched, cells, tail, single, shift, keyLo };
}

/**
 * How one input column is read: every row gets a class, from which the bin of each binning on the column (the
 * feature's own and those of the pair axes that use it) is one table lookup, so a column is read once per call
 * however many terms use it.
 *
 * Numeric columns whose binnings have no special values: the class is the bin under the union of their edges
 * (0 missing, then `1 +` the number of union edges `<= x`); a binning's bin follows from it exactly, since each
 * of its edges is a union edge. Text columns and binnings with special values: the class of a value is the
 * tuple of its bins, each distinct value looked up once (memoised) and each distinct tuple numbered once.
 */
type ColumnPlan = {
  name: string;
  /** The binnings on this column, in slot order. */
  indexers: BinIndexer[];
  /** The binner of the union edges (numeric columns), else null. */
  union: Binner | null;
  /** Per slot: class → bin (numeric: fixed; memoised: grows with the classes). */
  maps: Int32Array[];
  /** Memoised columns: per slot, class → bin as classes are found. */
  tupleBins: number[][];
  tupleIds: Map<string, number>;
  /** Value → class (memoised columns, and numeric columns given as other than a Float64Array). */
  memo: Map<RecordValue, number>;
  classCount: number;
  /** The main term whose points are added while the column is classified (its slot is 0), else null. */
  fused: TermPlan | null;
  /** Scratch: the class of each row of the current chunk (a view of the kernel's memory when there is one). */
  cls: Int32Array;
  /** Zero points per class, for a column no main term reads (numeric columns). */
  zeros: Float64Array;
  /** Byte offsets of this column's tables in the kernel's memory; `cells` is −1 when the kernel does not read it. */
  at: { cells: number; tail: number; pts: number; cls: number };
};

type TermPlan = {
  column: ColumnPlan;
  slot: number;
  units: Float64Array;
  points: Float64Array;
  built: number;
};

type PairPlan = {
  a: ColumnPlan;
  slotA: number;
  b: ColumnPlan;
  slotB: number;
  nb: number;
  units: Float64Array;
  /** class of A → bin · nb, class of B → bin: the cell is `mA[ca] + mB[cb]`. */
  mA: Int32Array;
  mB: Int32Array;
  builtA: number;
  builtB: number;
  /** Byte offsets of mA, mB and the units in the kernel's memory; `mA` is −1 when the kernel does not add it. */
  at: { mA: number; mB: number; units: number };
};

type Plan = {
  columns: ColumnPlan[];
  terms: TermPlan[];
  pairs: PairPlan[];
  kernel: Kernel | null;
  /** The chunk's totals (a view of the kernel's memory when there is one) and, for the kernel, its input. */
  tot: Float64Array;
  vals: Float64Array;
  at: { vals: number; tot: number };
};

/** Rows classified and scored at a time: the class scratch of every column stays in cache. */
const CHUNK = 2048;

const plans = new WeakMap<CompiledModel, Plan>();

function isPlainNumeric(b: Binning): boolean {
  return b.type === 'numeric' && b.specialValues.length === 0;
}

function columnPlanOf(name: string, binnings: Binning[]): ColumnPlan {
  const indexers = binnings.map(createBinIndexer);
  const plan: ColumnPlan = {
    name,
    indexers,
    union: null,
    maps: [],
    tupleBins: binnings.map(() => []),
    tupleIds: new Map(),
    memo: new Map(),
    classCount: 0,
    fused: null,
    cls: new Int32Array(CHUNK),
    zeros: new Float64Array(0),
    at: { cells: -1, tail: 0, pts: 0, cls: 0 },
  };
  if (!binnings.every(isPlainNumeric)) return plan;
  const all = binnings.flatMap((b) => (b as NumericBinning).edges);
  const union = [...new Set(all)].sort((x, y) => x - y);
  plan.union = binnerOf(union);
  plan.classCount = union.length + 2;
  plan.zeros = new Float64Array(plan.classCount);
  // class 1 + j (j union edges <= x) → 1 + the binning's edges <= union[j − 1]; class 0 (missing) → 0
  plan.maps = binnings.map((b) => {
    const edges = Float64Array.from((b as NumericBinning).edges);
    const map = new Int32Array(plan.classCount);
    for (let j = 0; j <= union.length; j++)
      map[1 + j] = 1 + (j === 0 ? 0 : intervalIndex(edges, union[j - 1]!));
    return map;
  });
  return plan;
}

function planOf(c: CompiledModel): Plan {
  let plan = plans.get(c);
  if (plan) return plan;
  const binningsOf = new Map<string, Binning[]>();
  const slot = (name: string, b: Binning) => {
    let list = binningsOf.get(name);
    if (!list) {
      list = [];
      binningsOf.set(name, list);
    }
    list.push(b);
    return list.length - 1;
  };
  const m = c.model;
  const termSlots = m.features.map((f) => slot(f.feature, f.binning));
  const pairSlots = m.interactions.map((p) => [
    slot(p.features[0], p.binnings[0]),
    slot(p.features[1], p.binnings[1]),
  ]);
  const columns = new Map<string, ColumnPlan>();
  for (const [name, binnings] of binningsOf) columns.set(name, columnPlanOf(name, binnings));
  const terms = c.terms.map((t, k) => ({
    column: columns.get(t.feature)!,
    slot: termSlots[k]!,
    units: t.units,
    points: new Float64Array(0),
    built: 0,
  }));
  for (const t of terms) if (t.slot === 0) t.column.fused = t;
  const pairs = c.pairs.map((t, k) => ({
    a: columns.get(t.features[0])!,
    slotA: pairSlots[k]![0]!,
    b: columns.get(t.features[1])!,
    slotB: pairSlots[k]![1]!,
    nb: t.indexers[1].binCount,
    units: t.units,
    mA: new Int32Array(0),
    mB: new Int32Array(0),
    builtA: 0,
    builtB: 0,
    at: { mA: -1, mB: 0, units: 0 },
  }));
  plan = {
    columns: [...columns.values()],
    terms,
    pairs,
    kernel: null,
    tot: new Float64Array(CHUNK),
    vals: new Float64Array(0),
    at: { vals: 0, tot: 0 },
  };
  if (useKernel) layOut(plan);
  plans.set(c, plan);
  return plan;
}

/** Whether batch scoring may use the WebAssembly kernel (tests switch it off to check the JavaScript loops). */
let useKernel = true;

/**
 * Switches the WebAssembly kernel of batch scoring on or off for models planned from now on (internal: lets the
 * tests compare both paths).
 * @param on - whether to use it.
 */
export function setScoringKernel(on: boolean): void {
  useKernel = on;
}

/**
 * Places the plan's fixed tables and scratch in one kernel memory: the cell tables, edges and points of the
 * numeric columns, every column's classes, the pairs between numeric columns, and the chunk's input and totals.
 */
function layOut(plan: Plan): void {
  let size = 0;
  const take = (bytes: number) => {
    const at = size;
    size += (bytes + 7) & ~7;
    return at;
  };
  const kernelColumns = plan.columns.filter((col) => col.union?.cells);
  for (const col of plan.columns) {
    col.at.cls = take(CHUNK * 4);
    if (!col.union?.cells) continue;
    const u = col.union;
    col.at.cells = take(u.cells!.length * 2);
    col.at.tail = take(u.tail.length * 8);
    col.at.pts = take(col.classCount * 8);
  }
  const kernelPairs = plan.pairs.filter((p) => p.a.union !== null && p.b.union !== null);
  for (const p of kernelPairs) {
    p.at.mA = take(p.a.classCount * 4);
    p.at.mB = take(p.b.classCount * 4);
    p.at.units = take(p.units.length * 8);
  }
  plan.at.vals = take(CHUNK * 8);
  plan.at.tot = take(CHUNK * 8);
  const kernel = createKernel(size);
  if (kernel === null) {
    for (const p of kernelPairs) p.at.mA = -1;
    for (const col of kernelColumns) col.at.cells = -1;
    return;
  }
  const buffer = kernel.memory.buffer;
  plan.kernel = kernel;
  plan.vals = new Float64Array(buffer, plan.at.vals, CHUNK);
  plan.tot = new Float64Array(buffer, plan.at.tot, CHUNK);
  for (const col of plan.columns) {
    col.cls = new Int32Array(buffer, col.at.cls, CHUNK);
    if (col.at.cells < 0) continue;
    const u = col.union!;
    new Uint16Array(buffer, col.at.cells, u.cells!.length).set(u.cells!);
    new Float64Array(buffer, col.at.tail, u.tail.length).set(u.tail);
    new Float64Array(buffer, col.at.pts, col.classCount).set(col.fused ? pointsOf(col.fused) : col.zeros);
  }
  for (const p of kernelPairs) {
    pairMaps(p);
    new Int32Array(buffer, p.at.mA, p.mA.length).set(p.mA);
    new Int32Array(buffer, p.at.mB, p.mB.length).set(p.mB);
    new Float64Array(buffer, p.at.units, p.units.length).set(p.units);
  }
}

/** The class of a value of a memoised column (text, special values), numbering a new tuple of bins. */
function memoClassOf(col: ColumnPlan, v: RecordValue): number {
  let id = col.memo.get(v);
  if (id !== undefined) return id;
  if (col.union !== null) {
    // a numeric column given as text or plain values: parsed as the binnings' indexers parse
    const x = toNumber(v);
    id = Number.isNaN(x) ? 0 : 1 + intervalIndex(col.union.edges, x);
  } else {
    const bins = col.indexers.map((ix) => ix.index(v));
    const key = bins.join(',');
    id = col.tupleIds.get(key);
    if (id === undefined) {
      id = col.tupleIds.size;
      col.tupleIds.set(key, id);
      bins.forEach((b, s) => {
        col.tupleBins[s]!.push(b);
      });
      col.classCount = id + 1;
    }
  }
  if (col.memo.size < 200_000) col.memo.set(v, id);
  return id;
}

/** Brings a memoised column's class → bin maps up to its class count (numeric maps are complete). */
function syncMaps(col: ColumnPlan): void {
  if (col.union !== null || (col.maps.length > 0 && col.maps[0]!.length === col.classCount)) return;
  col.maps = col.tupleBins.map((bins) => Int32Array.from(bins));
}

/** class → points of a term, rebuilt when its column found new classes. */
function pointsOf(t: TermPlan): Float64Array {
  const col = t.column;
  if (t.built !== col.classCount) {
    const map = col.maps[t.slot]!;
    t.points = Float64Array.from(map, (bin) => t.units[bin]!);
    t.built = col.classCount;
  }
  return t.points;
}

function pairMaps(p: PairPlan): void {
  if (p.builtA !== p.a.classCount) {
    p.mA = Int32Array.from(p.a.maps[p.slotA]!, (bin) => bin * p.nb);
    p.builtA = p.a.classCount;
  }
  if (p.builtB !== p.b.classCount) {
    p.mB = Int32Array.from(p.b.maps[p.slotB]!);
    p.builtB = p.b.classCount;
  }
}

/**
 * Classifies rows [s, e) of a column into its scratch, adding the fused term's points to the chunk's totals
 * (`tot[i − s]`), in JavaScript: numeric columns given as a Float64Array through the union's cell table (or the
 * branchless search), anything else through the memo. (The kernel does the first where it can.)
 */
function classify(
  col: ColumnPlan,
  values: ArrayLike<RecordValue> | undefined,
  high: Int32Array | null,
  levels: { codes: Uint32Array; classes: Int32Array } | null,
  tot: Float64Array,
  s: number,
  e: number,
): void {
  const cls = col.cls;
  const union = col.union;
  if (union !== null && values instanceof Float64Array) {
    const u = col.fused ? pointsOf(col.fused) : col.zeros;
    const cells = union.cells;
    if (cells !== null && high !== null) {
      const { shift, keyLo, tail } = union;
      const top = cells.length - 1;
      for (let i = s; i < e; i++) {
        const x = values[i]!;
        let c = 0;
        if (!Number.isNaN(x)) {
          const h = high[2 * i + 1]!;
          const d = ((h ^ ((h >> 31) | 0x80000000)) >>> shift) - keyLo + 1;
          let k = cells[Math.max(0, Math.min(top, d))]!;
          k += tail[k]! <= x ? 1 : 0;
          while (tail[k]! <= x) k++;
          c = 1 + k;
        }
        cls[i - s] = c;
        tot[i - s]! += u[c]!;
      }
      return;
    }
    const p = union.padded;
    const half = union.half;
    const E = union.edges.length;
    for (let i = s; i < e; i++) {
      const x = values[i]!;
      let k = 0;
      for (let h = half; h > 0; h >>>= 1) k += p[k + h - 1]! <= x ? h : 0;
      // NaN compares false everywhere (k = 0) and is missing; +Infinity also passes the padding: clamp to E
      const c = Number.isNaN(x) ? 0 : 1 + Math.min(k, E);
      cls[i - s] = c;
      tot[i - s]! += u[c]!;
    }
    return;
  }
  if (!values) {
    // absent column: every row missing
    cls.fill(memoClassOf(col, null), 0, e - s);
  } else if (levels !== null) {
    const { codes, classes } = levels;
    const L = classes.length;
    for (let i = s; i < e; i++) {
      const code = codes[i]!;
      if (code >= L)
        throw new RangeError(`scoreBatch: column ${col.name}: row ${i} has code ${code}, beyond its levels`);
      cls[i - s] = classes[code]!;
    }
  } else for (let i = s; i < e; i++) cls[i - s] = memoClassOf(col, values[i]);
  syncMaps(col);
  if (col.fused) {
    const u = pointsOf(col.fused);
    for (let i = 0; i < e - s; i++) tot[i]! += u[cls[i]!]!;
  }
}

/** Sums every term's points (integer units) into `total`, chunk by chunk; leaves the last chunk's classes. */
function addPoints(
  plan: Plan,
  columns: Columns,
  total: Float64Array,
  n: number,
  intercept: number,
  onChunk?: (s: number, e: number) => void,
): void {
  const { kernel, tot, vals } = plan;
  const highs = plan.columns.map((col) => {
    const v = columns.get(col.name);
    // (the Int32Array view costs an allocation: for a handful of rows the search is cheaper)
    return kernel === null && col.union?.cells && v instanceof Float64Array && n >= 16 && LITTLE_ENDIAN
      ? new Int32Array(v.buffer, v.byteOffset, 2 * n)
      : null;
  });
  // a dictionary-coded column: each level's class once per call, then one typed lookup per row
  const levels = plan.columns.map((col) => {
    const dictionary = columns.dictionaries.get(col.name);
    const values = columns.get(col.name);
    if (!dictionary || values instanceof Float64Array) return null;
    return {
      codes: dictionary.codes,
      classes: Int32Array.from(dictionary.levels, (v) => memoClassOf(col, v)),
    };
  });
  for (let s = 0; s < n; s += CHUNK) {
    const e = Math.min(n, s + CHUNK);
    const len = e - s;
    tot.fill(intercept, 0, len);
    plan.columns.forEach((col, j) => {
      const values = columns.get(col.name);
      if (kernel !== null && col.at.cells >= 0 && values instanceof Float64Array) {
        vals.set(values.subarray(s, e));
        const u = col.union!;
        const run = u.single ? kernel.numericSingle : kernel.numeric;
        const { cells, tail, pts, cls } = col.at;
        run(plan.at.vals, len, cells, u.cells!.length - 1, u.shift, u.keyLo - 1, tail, pts, cls, plan.at.tot);
      } else classify(col, values, highs[j]!, levels[j]!, tot, s, e);
    });
    for (const t of plan.terms) {
      if (t.column.fused === t) continue;
      const u = pointsOf(t);
      const cls = t.column.cls;
      for (let i = 0; i < len; i++) tot[i]! += u[cls[i]!]!;
    }
    for (const p of plan.pairs) {
      if (kernel !== null && p.at.mA >= 0) {
        kernel.pair(len, p.a.at.cls, p.b.at.cls, p.at.mA, p.at.mB, p.at.units, plan.at.tot);
        continue;
      }
      pairMaps(p);
      const { mA, mB, units } = p;
      const ca = p.a.cls;
      const cb = p.b.cls;
      for (let i = 0; i < len; i++) tot[i]! += units[mA[ca[i]!]! + mB[cb[i]!]!]!;
    }
    total.set(tot.subarray(0, len), s);
    onChunk?.(s, e);
  }
}

/**
 * Scores many records at once through typed-array lookups; the same numbers as {@link score}. Each column is
 * read once per call (its class per row gives the bin of every term using it); per call it allocates the two
 * result arrays and little else.
 * @param model - a model or a compiled model.
 * @param input - the columns (absent model columns are treated as missing).
 * @returns score and PD per row.
 */
export function scoreBatch(
  model: ScoringModel | CompiledModel,
  input: BatchInput,
): { score: Float64Array; pd: Float64Array } {
  return scoreColumns(asCompiled(model), columnsOf(input));
}

function scoreColumns(
  c: CompiledModel,
  columns: Columns,
  onChunk?: (s: number, e: number) => void,
): { score: Float64Array; pd: Float64Array } {
  const plan = planOf(c);
  const n = rowCount(c, columns);
  // accumulates integer point units (exact in float64), divided by the scale at the end as score() does
  const total = new Float64Array(n);
  addPoints(plan, columns, total, n, c.interceptUnits, onChunk);
  const pd = new Float64Array(n);
  const scale = c.scale;
  // pdFromScore inlined, operation for operation (same rounding), since the score is always finite here; e^−η
  // from fastExp where its error (relative < 1e−12, so under 1e−6 of a PD unit when f <= 1e6) cannot move the
  // rounding, i.e. unless raw·f lies within 1e−4 of a half unit, and from Math.exp there: the same PDs
  const { a, b } = c.model.calibration;
  const f = 10 ** c.model.pdDecimals;
  const floor = c.model.pdFloor;
  const fast = f <= 1e6;
  for (let i = 0; i < n; i++) {
    const s = total[i]! / scale;
    total[i] = s;
    const eta = Math.min(700, Math.max(-700, a + b * s));
    if (fast) {
      const y = f / (1 + fastExp(-eta));
      const half = y - Math.floor(y) - 0.5;
      if (half > 1e-4 || half < -1e-4) {
        pd[i] = Math.max(floor, Math.round(y) / f);
        continue;
      }
    }
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
  const columns = columnsOf(input);
  const tables = reasonTablesOf(c);
  const plan = planOf(c);
  const reasons: ReasonCode[][] = [];
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
  // the classes of each chunk give every term's bin (and every pair's cell) as scoring leaves them
  const { score: scores, pd } = scoreColumns(c, columns, (s, e) => {
    for (let i = s; i < e; i++) reasons.push([]);
    if (topN <= 0) return;
    plan.terms.forEach((t, k) => {
      const table = tables.terms[k]!;
      const map = t.column.maps[t.slot]!;
      const cls = t.column.cls;
      for (let i = s; i < e; i++) {
        const r = table[map[cls[i - s]!]!];
        if (r) offer(reasons[i]!, r);
      }
    });
    plan.pairs.forEach((p, k) => {
      const table = tables.pairs[k]!;
      const { mA, mB } = p;
      const ca = p.a.cls;
      const cb = p.b.cls;
      for (let i = s; i < e; i++) {
        const r = table[mA[ca[i - s]!]! + mB[cb[i - s]!]!];
        if (r) offer(reasons[i]!, r);
      }
    });
  });
  const n = scores.length;
  const grade = new Array<string>(n);
  for (let i = 0; i < n; i++) grade[i] = c.gradeOfPd(pd[i]!);
  return { score: scores, pd, grade, reasons };
}
