import { categoricalLabels } from '../binning/bin-categorical.js';
import { numericLabels } from '../binning/bin-numeric.js';
import { intervalIndex } from '../binning/interval-index.js';
import { quantileEdges } from '../binning/quantile-edges.js';
import { woeIv } from '../binning/woe-iv.js';
import { createRandom } from '../internal/util.js';
import type { LogitInteraction, LogitTerm } from '../model/assemble-model.js';
import { createBinIndexer } from '../runtime/create-bin-indexer.js';
import type { Binning, CategoricalBinning, NumericBinning } from '../types.js';
import { createGamKernel, type GamKernel } from './gam-kernel.js';
import type { PreparedColumn } from './prepare-data.js';
import type { TrainOptions } from './train-options.js';
import { sampleRows } from './train-scorecard.js';
import type { FeatureReport } from './training-report.js';

type GamFeature = {
  column: PreparedColumn;
  binning: Binning;
  nb: number;
  bins: Uint8Array;
  shape: Float64Array;
  monotone: 0 | 1 | -1;
};

function histogramBinning(column: PreparedColumn, rows: Uint32Array, maxBins: number, n: number): Binning {
  if (column.type === 'numeric') {
    const v = new Float64Array(rows.length);
    let m = 0;
    for (const r of rows) {
      const x = column.values[r]!;
      if (!Number.isNaN(x)) v[m++] = x;
    }
    const sorted = v.subarray(0, m).sort();
    return {
      type: 'numeric',
      edges: quantileEdges(sorted, maxBins),
      specialValues: [],
    } satisfies NumericBinning;
  }
  const counts = new Map<string, number>();
  for (const r of rows) {
    const x = column.values[r];
    if (x !== null && x !== undefined) counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const minCount = Math.max(5, Math.ceil(0.005 * n));
  const levels = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 200)
    .map(([l]) => [l]);
  return { type: 'categorical', groups: levels, otherBin: levels.length + 1 } satisfies CategoricalBinning;
}

/** The largest odds boosting holds (p = 1 − 1e−300): keeps odds finite, so p = odds / (1 + odds) is never NaN. */
const ODDS_MAX = 1e300;

/** `min(v, ODDS_MAX)` for the update loops (v is never NaN there). */
function capOdds(v: number): number {
  // biome-ignore lint/complexity/useMathMinMax: a compare is measurably cheaper than Math.min's NaN handling here
  return v < ODDS_MAX ? v : ODDS_MAX;
}

/**
 * The bin of every row under a binning: the same bins as the binning's indexer, without its per-value parsing
 * (numeric columns are already numbers; each distinct text is looked up once).
 */
function binColumn(
  column: PreparedColumn,
  binning: Binning,
  indexer: ReturnType<typeof createBinIndexer>,
  n: number,
): Uint8Array {
  const bins = new Uint8Array(n);
  if (column.type === 'numeric' && binning.type === 'numeric' && binning.specialValues.length === 0) {
    const values = column.values;
    const edges = Float64Array.from(binning.edges);
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      bins[i] = Number.isNaN(x) ? 0 : 1 + intervalIndex(edges, x);
    }
    return bins;
  }
  const memo = new Map<string | number | null, number>();
  for (let i = 0; i < n; i++) {
    const v = column.values[i]!;
    let b = memo.get(v);
    if (b === undefined) {
      b = indexer.index(v);
      memo.set(v, b);
    }
    bins[i] = b;
  }
  return bins;
}

/**
 * Typed arrays laid out one after another in one buffer (the kernel's memory, or a plain buffer when the loops
 * run in JavaScript): a view's `byteOffset` is the kernel's pointer to it. Every allocation is 8-byte aligned.
 */
class Arena {
  private used = 0;
  constructor(readonly buffer: ArrayBuffer) {}
  /** Bytes {@link Arena.u8} … {@link Arena.f64} will use for these element counts. */
  static bytes(u8: number, u16: number, u32: number, f64: number, allocations: number): number {
    return u8 + 2 * u16 + 4 * u32 + 8 * f64 + 8 * allocations;
  }
  private take(bytes: number): number {
    const at = this.used;
    this.used += Math.ceil(bytes / 8) * 8;
    if (this.used > this.buffer.byteLength) throw new RangeError('fitGam: arena overflow');
    return at;
  }
  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n), n);
  }
  u16(n: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(2 * n), n);
  }
  u32(n: number): Uint32Array {
    return new Uint32Array(this.buffer, this.take(4 * n), n);
  }
  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(8 * n), n);
  }
}

/**
 * The row passes of boosting over one bin array type (u8: main effects; u16: pair cells). A histogram is
 * interleaved, three numbers per bin (gradient, hessian, count), and is zeroed by the pass that builds it.
 */
type Passes<B extends Uint8Array | Uint16Array> = {
  /** Histogram of the listed rows under `bins`, from the training odds. */
  count(rows: Uint32Array, count: number, bins: B, hist: Float64Array, nb: number): void;
  /**
   * Multiplies the training odds of the listed rows by `factors[binsT]` and builds the next term's histogram
   * under `next` from the updated probabilities, in the same pass (the same numbers as an update followed by
   * {@link Passes.count}).
   */
  update(
    rows: Uint32Array,
    count: number,
    binsT: B,
    factors: Float64Array,
    next: B,
    hist: Float64Array,
    nb: number,
  ): void;
  /** Multiplies the training odds of the listed rows by `factors[bins]`. */
  mul(rows: Uint32Array, count: number, bins: B, factors: Float64Array): void;
  /** Multiplies the validation odds of every validation row by `factors[bins]`. */
  mulValidation(bins: B, factors: Float64Array): void;
};

/** The passes in WebAssembly (identical arithmetic; see gam-kernel.ts). */
function kernelPasses(
  k: GamKernel,
  ot: Float64Array,
  yt: Uint8Array,
  ov: Float64Array,
): { main: Passes<Uint8Array>; pairs: Passes<Uint16Array> } {
  const pOt = ot.byteOffset;
  const pYt = yt.byteOffset;
  const pOv = ov.byteOffset;
  const nv = ov.length;
  // the same passes over u8 (feature) and u16 (pair cell) bins
  const passes = <B extends Uint8Array | Uint16Array>(
    countK: GamKernel['count8'],
    updateK: GamKernel['update8'],
    mulK: GamKernel['mul8'],
    mulAllK: GamKernel['mulAll8'],
  ): Passes<B> => ({
    count: (rows, count, bins, hist, nb) => {
      hist.fill(0, 0, 3 * nb);
      countK(rows.byteOffset, count, bins.byteOffset, pOt, pYt, hist.byteOffset);
    },
    update: (rows, count, binsT, factors, next, hist, nb) => {
      hist.fill(0, 0, 3 * nb);
      updateK(
        rows.byteOffset,
        count,
        binsT.byteOffset,
        factors.byteOffset,
        pOt,
        pYt,
        next.byteOffset,
        hist.byteOffset,
      );
    },
    mul: (rows, count, bins, factors) =>
      mulK(rows.byteOffset, count, bins.byteOffset, factors.byteOffset, pOt),
    mulValidation: (bins, factors) => mulAllK(nv, bins.byteOffset, factors.byteOffset, pOv),
  });
  return {
    main: passes<Uint8Array>(k.count8, k.update8, k.mul8, k.mulAll8),
    pairs: passes<Uint16Array>(k.count16, k.update16, k.mul16, k.mulAll16),
  };
}

/**
 * The passes in JavaScript, where WebAssembly is unavailable: the kernel's loops, operation for operation.
 * The bin array type is a parameter of each function, so the same code serves both (its type feedback turns
 * polymorphic when both run in one process; this path is the fallback, not the fast one).
 */
function jsPasses<B extends Uint8Array | Uint16Array>(
  ot: Float64Array,
  yt: Uint8Array,
  ov: Float64Array,
): Passes<B> {
  return {
    count(rows, count, bins, hist, nb) {
      hist.fill(0, 0, 3 * nb);
      for (let k = 0; k < count; k++) {
        const i = rows[k]!;
        const o = ot[i]!;
        const q = o / (1 + o);
        const h = 3 * bins[i]!;
        hist[h]! += yt[i]! - q;
        hist[h + 1]! += q * (1 - q);
        hist[h + 2]! += 1;
      }
    },
    update(rows, count, binsT, factors, next, hist, nb) {
      hist.fill(0, 0, 3 * nb);
      for (let k = 0; k < count; k++) {
        const i = rows[k]!;
        const o = capOdds(ot[i]! * factors[binsT[i]!]!);
        ot[i] = o;
        const q = o / (1 + o);
        const h = 3 * next[i]!;
        hist[h]! += yt[i]! - q;
        hist[h + 1]! += q * (1 - q);
        hist[h + 2]! += 1;
      }
    },
    mul(rows, count, bins, factors) {
      for (let k = 0; k < count; k++) {
        const i = rows[k]!;
        ot[i] = capOdds(ot[i]! * factors[bins[i]!]!);
      }
    },
    mulValidation(bins, factors) {
      for (let i = 0; i < ov.length; i++) ov[i] = capOdds(ov[i]! * factors[bins[i]!]!);
    },
  };
}

/** Copies an interleaved histogram (gradient, hessian, count per bin) into three arrays. */
function splitHistogram(
  hist: Float64Array,
  nb: number,
  G: Float64Array,
  H: Float64Array,
  C: Float64Array,
): void {
  for (let b = 0, h = 0; b < nb; b++, h += 3) {
    G[b] = hist[h]!;
    H[b] = hist[h + 1]!;
    C[b] = hist[h + 2]!;
  }
}

/**
 * The rows drawn for a boosting round (in row order) and the rows left out. Iterating the lists instead of
 * testing a flag per row avoids an unpredictable branch in the passes; the draw itself writes each row to both
 * lists and advances one count, without a branch.
 */
class Bag {
  count = 0;
  outCount = 0;
  constructor(
    readonly rows: Uint32Array,
    readonly outRows: Uint32Array,
  ) {}
  /** Draws every row with probability `share` (one `random()` per row, in row order). */
  draw(random: () => number, share: number): void {
    const { rows, outRows } = this;
    let count = 0;
    let outCount = 0;
    for (let i = 0; i < rows.length; i++) {
      const inBag = +(random() < share);
      rows[count] = i;
      outRows[outCount] = i;
      count += inBag;
      outCount += 1 - inBag;
    }
    this.count = count;
    this.outCount = outCount;
  }
}

/** The arrays of one boosting phase (main effects, or pairs) and the passes over them. */
type Phase = {
  arena: Arena;
  /** Odds of the training rows. */
  ot: Float64Array;
  /** Odds of the validation rows. */
  ov: Float64Array;
  bag: Bag;
  main: Passes<Uint8Array>;
  pairs: Passes<Uint16Array>;
};

/** Whether boosting uses the WebAssembly kernel where available (tests turn it off to compare). */
let kernelEnabled = true;

/**
 * Turns the WebAssembly kernel of GAM boosting on or off (for tests: both give the same model, bit for bit).
 * @param on - false runs the passes in JavaScript.
 */
export function setGamKernelEnabled(on: boolean): void {
  kernelEnabled = on;
}

/**
 * A phase's arena of `bytes` bytes (in a kernel's memory when available) with the training labels, the odds
 * and the bag's lists laid out first.
 */
function createPhase(bytes: number, yt: Uint8Array, nv: number): Phase {
  const nt = yt.length;
  const kernel = kernelEnabled ? createGamKernel(bytes) : null;
  const arena = new Arena(kernel ? kernel.buffer : new ArrayBuffer(bytes));
  const labels = arena.u8(nt);
  labels.set(yt);
  const ot = arena.f64(nt);
  const ov = arena.f64(nv);
  const bag = new Bag(arena.u32(nt), arena.u32(nt));
  const passes = kernel
    ? kernelPasses(kernel, ot, labels, ov)
    : { main: jsPasses<Uint8Array>(ot, labels, ov), pairs: jsPasses<Uint16Array>(ot, labels, ov) };
  return { arena, ot, ov, bag, ...passes };
}

/**
 * FAST's gain of a pair: the residual histogram over the pair's coarse cells, then the best single cut on each
 * axis (four quadrants, a Newton score each) against no cut. `GG`, `HH` (≥ na × nb) and `quadrants` (8) are scratch.
 */
function fastGain(
  binsA: Uint8Array,
  binsB: Uint8Array,
  na: number,
  nb: number,
  g: Float64Array,
  h: Float64Array,
  lambda: number,
  GG: Float64Array,
  HH: Float64Array,
  quadrants: Float64Array,
): number {
  GG.fill(0, 0, na * nb);
  HH.fill(0, 0, na * nb);
  for (let i = 0; i < binsA.length; i++) {
    const cell = binsA[i]! * nb + binsB[i]!;
    GG[cell]! += g[i]!;
    HH[cell]! += h[i]!;
  }
  let bestGain = 0;
  for (let u = 1; u < na; u++) {
    for (let v = 1; v < nb; v++) {
      // quadrants[q]: gradient sum, quadrants[4 + q]: hessian sum (q = 2 [row ≥ u] + [column ≥ v])
      quadrants.fill(0);
      for (let r = 0; r < na; r++) {
        for (let s = 0; s < nb; s++) {
          const q = (r < u ? 0 : 2) + (s < v ? 0 : 1);
          quadrants[q]! += GG[r * nb + s]!;
          quadrants[4 + q]! += HH[r * nb + s]!;
        }
      }
      let gain = 0;
      let gt = 0;
      let ht = 0;
      for (let q = 0; q < 4; q++) {
        gain += quadrants[q]! ** 2 / (quadrants[4 + q]! + lambda);
        gt += quadrants[q]!;
        ht += quadrants[4 + q]!;
      }
      gain -= gt ** 2 / (ht + lambda);
      if (gain > bestGain) bestGain = gain;
    }
  }
  return bestGain;
}

/** Scratch of {@link mainStep}: the step per bin, its exp, and the leaves of the tree being grown. */
class StepScratch {
  readonly delta = new Float64Array(256);
  readonly factor = new Float64Array(256);
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly value: Float64Array;
  constructor(maxLeaves: number) {
    this.lo = new Int32Array(maxLeaves + 1);
    this.hi = new Int32Array(maxLeaves + 1);
    this.value = new Float64Array(maxLeaves + 1);
  }
}

/**
 * One boosting step of one feature from its histogram: text features a Newton value per level; numeric ones the
 * missing bin as its own leaf and a tree of up to `maxLeaves` leaves over the ordered bins, grown best-first (the
 * first best leaf on a tie), a Newton value per leaf; with a monotone constraint the split rule holds locally, so
 * the step is skipped when the leaves' values violate it globally. Writes `delta` and `factor` = exp(delta) for
 * bins [0, nb) (one exp per leaf: a leaf's bins share the value).
 */
function mainStep(
  G: Float64Array,
  H: Float64Array,
  C: Float64Array,
  nb: number,
  text: boolean,
  maxLeaves: number,
  monotone: number,
  learningRate: number,
  lambda: number,
  minLeafCount: number,
  t: StepScratch,
): void {
  const { delta, factor, lo, hi, value } = t;
  delta.fill(0, 0, nb);
  if (text) {
    for (let b = 0; b < nb; b++)
      if (C[b]! >= minLeafCount) delta[b] = (learningRate * G[b]!) / (H[b]! + lambda);
    for (let b = 0; b < nb; b++) factor[b] = Math.exp(delta[b]!);
    return;
  }
  if (C[0]! >= minLeafCount) delta[0] = (learningRate * G[0]!) / (H[0]! + lambda);
  factor[0] = Math.exp(delta[0]!);
  // leaves in the order the splits made them (a split leaf is replaced by its left part, its right part after it)
  let leaves = 1;
  lo[0] = 1;
  hi[0] = nb;
  while (leaves < maxLeaves) {
    let pick = -1;
    let pickGain = 0;
    let pickAt = 0;
    for (let k = 0; k < leaves; k++) {
      const gain = bestSplit(G, H, C, lo[k]!, hi[k]!, lambda, minLeafCount, monotone);
      if (gain >= 0 && (pick < 0 || gain > pickGain)) {
        pick = k;
        pickGain = gain;
        pickAt = splitAt;
      }
    }
    if (pick < 0) break;
    for (let k = leaves; k > pick + 1; k--) {
      lo[k] = lo[k - 1]!;
      hi[k] = hi[k - 1]!;
    }
    hi[pick + 1] = hi[pick]!;
    lo[pick + 1] = pickAt;
    hi[pick] = pickAt;
    leaves++;
  }
  // along the bins (the leaves partition [1, nb), so sorting by the low end orders them)
  for (let k = 1; k < leaves; k++) {
    const l = lo[k]!;
    const h = hi[k]!;
    let m = k;
    while (m > 0 && lo[m - 1]! > l) {
      lo[m] = lo[m - 1]!;
      hi[m] = hi[m - 1]!;
      m--;
    }
    lo[m] = l;
    hi[m] = h;
  }
  for (let k = 0; k < leaves; k++) {
    let g = 0;
    let h = 0;
    for (let b = lo[k]!; b < hi[k]!; b++) {
      g += G[b]!;
      h += H[b]!;
    }
    value[k] = (learningRate * g) / (h + lambda);
  }
  let ok = true;
  for (let k = 1; k < leaves && monotone !== 0; k++) {
    if (monotone > 0 ? value[k]! < value[k - 1]! : value[k]! > value[k - 1]!) ok = false;
  }
  for (let k = 0; k < leaves; k++) {
    const d = ok ? value[k]! : 0;
    const e = Math.exp(d);
    for (let b = lo[k]!; b < hi[k]!; b++) {
      delta[b] = d;
      factor[b] = e;
    }
  }
}

/** The cut of the last {@link bestSplit}: the first bin of its right leaf. */
let splitAt = -1;

/**
 * Best split of ordered bins [lo, hi) into two leaves: its gain, with the cut in {@link splitAt}; −1 when no split
 * satisfies the constraints.
 */
function bestSplit(
  G: Float64Array,
  H: Float64Array,
  C: Float64Array,
  lo: number,
  hi: number,
  lambda: number,
  minLeaf: number,
  monotone: number,
): number {
  let gt = 0;
  let ht = 0;
  let ct = 0;
  for (let b = lo; b < hi; b++) {
    gt += G[b]!;
    ht += H[b]!;
    ct += C[b]!;
  }
  const parent = (gt * gt) / (ht + lambda);
  let gl = 0;
  let hl = 0;
  let cl = 0;
  // the best so far in two numbers (an object per improvement was most of training's garbage on small data)
  let bestAt = -1;
  let bestGain = 0;
  for (let b = lo; b < hi - 1; b++) {
    gl += G[b]!;
    hl += H[b]!;
    cl += C[b]!;
    if (cl < minLeaf) continue;
    if (ct - cl < minLeaf) break;
    const gr = gt - gl;
    const hr = ht - hl;
    if (monotone !== 0) {
      const vl = gl / (hl + lambda);
      const vr = gr / (hr + lambda);
      if (monotone > 0 ? vl > vr : vl < vr) continue;
    }
    const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
    if (gain > 1e-12 && (bestAt < 0 || gain > bestGain)) {
      bestAt = b + 1;
      bestGain = gain;
    }
  }
  splitAt = bestAt;
  return bestAt < 0 ? -1 : bestGain;
}

/**
 * Fits a glass-box additive model by cyclic gradient boosting of per-feature histogram shape functions
 * (small trees over the ordered bins, bagging, early stopping on the validation rows, optional monotone
 * constraints), then optional pairwise interaction tables picked by a FAST-style screen.
 * @param columns - the prepared columns.
 * @param labels - 0/1 labels.
 * @param trainRows - rows to boost on.
 * @param validationRows - rows for early stopping.
 * @param options - see {@link TrainOptions} (its `gam` part).
 * @returns the intercept and terms in log-odds units, the feature reports and notes.
 */
export function fitGam(
  columns: PreparedColumn[],
  labels: Uint8Array,
  trainRowsAll: Uint32Array,
  validationRowsAll: Uint32Array,
  options: TrainOptions,
  leafChoices?: number[],
): {
  intercept: number;
  terms: LogitTerm[];
  interactions: LogitInteraction[];
  reports: FeatureReport[];
  notes: string[];
  /** Boosting rounds kept (by early stopping, or as fixed). */
  rounds: { main: number; pairs: number };
  /** The step trees' leaves used (the choice among `leafChoices`, or the option). */
  maxLeaves: number;
  /** Validation log loss of the main effects for each of `leafChoices` (empty without them). */
  leafLosses: number[];
  /** Validation log loss of the model kept (main effects, and pairs when any round of them is kept); 0 without validation rows. */
  validationLoss: number;
} {
  const {
    maxBins = 64,
    learningRate = 0.05,
    maxRounds = 2000,
    patience = 50,
    bagging = 0.5,
    maxLeaves = 3,
    minLeafCount = 10,
    interactions: nPairs = 20,
    interactionBins = 8,
    interactionCandidates = 30,
    pairSteps = 'trees',
    monotone = {},
    maxTrainRows = 100_000,
    fixedRounds,
  } = options.gam ?? {};
  const seed = options.seed ?? 20240601;
  const notes: string[] = [];
  const trainRows = sampleRows(trainRowsAll, maxTrainRows, seed + 2);
  if (trainRows.length < trainRowsAll.length)
    notes.push(`boosting used a sample of ${trainRows.length} training rows`);
  const validationRows = sampleRows(validationRowsAll, maxTrainRows, seed + 4);
  const n = labels.length;
  const nt = trainRows.length;
  const nv = validationRows.length;
  const yt = Uint8Array.from(trainRows, (r) => labels[r]!);
  const yv = Uint8Array.from(validationRows, (r) => labels[r]!);
  let events = 0;
  for (const y of yt) events += y;
  const intercept = Math.log(events / (nt - events));
  const reports: FeatureReport[] = [];
  const features: GamFeature[] = [];
  for (const column of columns) {
    const binning = histogramBinning(column, trainRows, maxBins, nt);
    const indexer = createBinIndexer(binning);
    const bins = binColumn(column, binning, indexer, n);
    const counts = new Array<number>(indexer.binCount).fill(0);
    const ev = new Array<number>(indexer.binCount).fill(0);
    for (let k = 0; k < nt; k++) {
      const b = bins[trainRows[k]!]!;
      counts[b]!++;
      ev[b]! += yt[k]!;
    }
    const report: FeatureReport = {
      feature: column.name,
      type: column.type,
      iv: woeIv(counts, ev).iv,
      bins: indexer.binCount,
      selected: false,
    };
    reports.push(report);
    if (counts.filter((c) => c > 0).length <= 1) {
      report.reason = 'a single populated bin';
      continue;
    }
    const mono = monotone[column.name] ?? 0;
    features.push({
      column,
      binning,
      nb: indexer.binCount,
      bins,
      shape: new Float64Array(indexer.binCount),
      monotone: mono,
    });
  }
  if (features.length === 0) throw new RangeError('train: no feature has more than one populated bin');
  const p = features.length;
  const maxNb = features.reduce((m, f) => Math.max(m, f.nb), 1);
  const phase = (u8: number, u16: number, u32: number, f64: number, allocations: number) =>
    createPhase(Arena.bytes(nt + u8, u16, 2 * nt + u32, nt + nv + f64, allocations + 5), yt, nv);
  // the main effects' arrays: the bins of the training and validation rows per feature (each term's pass reads
  // one contiguous array), the factors of the current step and one histogram
  let ph = phase(p * (nt + nv), 0, 0, 4 * maxNb, 2 * p + 2);
  const tBins = features.map((f) => {
    const out = ph.arena.u8(nt);
    for (let k = 0; k < nt; k++) out[k] = f.bins[trainRows[k]!]!;
    return out;
  });
  const vBins = features.map((f) => {
    const out = ph.arena.u8(nv);
    for (let k = 0; k < nv; k++) out[k] = f.bins[validationRows[k]!]!;
    return out;
  });
  const factors = ph.arena.f64(maxNb);
  const hist = ph.arena.f64(3 * maxNb);
  // the state of boosting is the odds p / (1 − p) of every row: a step multiplies them by exp(step) (one
  // multiplication per row); probabilities are derived only for the bagged rows a histogram needs
  const lambda = 1e-3 * nt + 1;
  const validationLoss = (): number => {
    const ov = ph.ov;
    let s = 0;
    for (let i = 0; i < nv; i++) {
      const o = ov[i]!;
      const q = Math.min(1 - 1e-15, Math.max(1e-15, o / (1 + o)));
      s -= yv[i] ? Math.log(q) : Math.log(1 - q);
    }
    return nv > 0 ? s / nv : 0;
  };
  const G = new Float64Array(256);
  const H = new Float64Array(256);
  const C = new Float64Array(256);
  const tree = new StepScratch(Math.max(maxLeaves, ...(leafChoices ?? [])));
  const { bag, main: mainPasses } = ph;

  const shapeSize = features.reduce((m, f) => m + f.nb, 0);
  const saveShapes = (to: Float64Array) => {
    for (let j = 0, at = 0; j < p; at += features[j]!.nb, j++) to.set(features[j]!.shape, at);
  };
  /** Boosts the main effects from zero with step trees of `maxLeaves` leaves and its own random stream. */
  const boostMain = (maxLeaves: number) => {
    const random = createRandom(seed + 3);
    for (const f of features) f.shape.fill(0);
    ph.ot.fill(events / (nt - events));
    ph.ov.fill(events / (nt - events));
    let best = validationLoss();
    // the shapes at the best round, all features in one array
    const bestShapes = new Float64Array(shapeSize);
    let bestRound = 0;
    let round = 0;
    const mainRounds = fixedRounds ? fixedRounds.main : maxRounds;
    for (round = 1; round <= mainRounds; round++) {
      bag.draw(random, bagging);
      mainPasses.count(bag.rows, bag.count, tBins[0]!, hist, features[0]!.nb);
      splitHistogram(hist, features[0]!.nb, G, H, C);
      for (let j = 0; j < p; j++) {
        const f = features[j]!;
        const tb = tBins[j]!;
        const nb = f.nb;
        // G, H, C hold feature j's histogram over the bag (built by countBag or the previous update)
        mainStep(
          G,
          H,
          C,
          nb,
          f.column.type === 'text',
          maxLeaves,
          f.monotone,
          learningRate,
          lambda,
          minLeafCount,
          tree,
        );
        for (let b = 0; b < nb; b++) f.shape[b]! += tree.delta[b]!;
        for (let b = 0; b < nb; b++) factors[b] = tree.factor[b]!;
        // the bag first, building the next term's histogram in the same pass; each row's update is independent
        // of the others, so visiting the bag before the rest changes nothing
        if (j + 1 < p) {
          const nbNext = features[j + 1]!.nb;
          mainPasses.update(bag.rows, bag.count, tb, factors, tBins[j + 1]!, hist, nbNext);
          splitHistogram(hist, nbNext, G, H, C);
        } else mainPasses.mul(bag.rows, bag.count, tb, factors);
        mainPasses.mul(bag.outRows, bag.outCount, tb, factors);
        mainPasses.mulValidation(vBins[j]!, factors);
      }
      if (fixedRounds) continue;
      const loss = validationLoss();
      if (loss < best - 1e-9) {
        best = loss;
        bestRound = round;
        saveShapes(bestShapes);
      } else if (round - bestRound >= patience) break;
    }
    if (fixedRounds) {
      bestRound = fixedRounds.main;
      saveShapes(bestShapes);
    }
    return { maxLeaves, random, best, bestShapes, bestRound, rounds: Math.min(round, maxRounds) };
  };
  // one run per choice of leaves (train passes two with few validation events); the lowest validation loss wins,
  // the first on a tie
  const runs = (leafChoices ?? [maxLeaves]).map(boostMain);
  const main = runs.reduce((a, b) => (b.best < a.best ? b : a));
  const { best, bestShapes, bestRound } = main;
  const random = main.random;
  if (fixedRounds) notes.push(`main effects: ${bestRound} rounds on all rows`);
  else notes.push(`main effects: ${main.rounds} rounds, best at ${bestRound}`);
  for (let j = 0, at = 0; j < p; at += features[j]!.nb, j++)
    features[j]!.shape.set(bestShapes.subarray(at, at + features[j]!.nb));
  // recompute the odds at the best shapes
  const recompute = (rowsBins: Uint8Array[], out: Float64Array, extra?: (i: number) => number) => {
    for (let i = 0; i < out.length; i++) {
      let eta = intercept;
      for (let j = 0; j < p; j++) eta += features[j]!.shape[rowsBins[j]![i]!]!;
      if (extra) eta += extra(i);
      out[i] = Math.min(ODDS_MAX, Math.exp(eta));
    }
  };
  recompute(tBins, ph.ot);
  recompute(vBins, ph.ov);
  let pairRoundsKept = 0;
  let finalLoss = best;
  const pairs = nPairs > 0 && !(fixedRounds && fixedRounds.pairs === 0) ? fitPairs() : [];
  function fitPairs(): LogitInteraction[] {
    // coarse axes
    const coarse = features.map((f) => {
      const counts = new Float64Array(f.nb);
      const tb = tBins[features.indexOf(f)]!;
      for (let i = 0; i < nt; i++) counts[tb[i]!]!++;
      const map = new Uint8Array(f.nb);
      let binning: Binning;
      if (f.binning.type === 'numeric') {
        const edges = f.binning.edges;
        const kept: number[] = [];
        const per = (nt - counts[0]!) / Math.max(1, interactionBins - 1);
        let acc = 0;
        let c = 1;
        for (let b = 1; b < f.nb; b++) {
          if (acc >= per && b - 1 < edges.length + 1 && b >= 2) {
            kept.push(edges[b - 2]!);
            acc = 0;
            c++;
          }
          map[b] = c;
          acc += counts[b]!;
        }
        binning = { type: 'numeric', edges: kept, specialValues: [] };
      } else {
        const cat = f.binning as CategoricalBinning;
        const order = cat.groups.map((_, g) => g).sort((a, b) => counts[b + 1]! - counts[a + 1]!);
        const top = order.slice(0, interactionBins - 2).sort((a, b) => a - b);
        const groups = top.map((g) => cat.groups[g]!);
        for (let b = 1; b < f.nb; b++) map[b] = groups.length + 1;
        top.forEach((g, k) => {
          map[g + 1] = k + 1;
        });
        binning = { type: 'categorical', groups, otherBin: groups.length + 1 };
      }
      const nbc = createBinIndexer(binning).binCount;
      return { binning, map, nb: nbc };
    });
    const importance = features.map((f, j) => {
      const tb = tBins[j]!;
      let mean = 0;
      for (let i = 0; i < nt; i++) mean += f.shape[tb[i]!]!;
      mean /= nt;
      let s = 0;
      for (let i = 0; i < nt; i++) s += Math.abs(f.shape[tb[i]!]! - mean);
      return s / nt;
    });
    const candidates = features
      .map((_, j) => j)
      .sort((a, b) => importance[b]! - importance[a]!)
      .slice(0, interactionCandidates);
    const g = new Float64Array(nt);
    const h = new Float64Array(nt);
    for (let i = 0; i < nt; i++) {
      const q = ph.ot[i]! / (1 + ph.ot[i]!);
      g[i] = yt[i]! - q;
      h[i] = q * (1 - q);
    }
    // each candidate's coarse bin per training row, once
    const coarseBins = candidates.map((j) => {
      const map = coarse[j]!.map;
      const tb = tBins[j]!;
      const out = new Uint8Array(nt);
      for (let i = 0; i < nt; i++) out[i] = map[tb[i]!]!;
      return out;
    });
    const maxCoarse = candidates.reduce((m, j) => Math.max(m, coarse[j]!.nb), 1);
    const GG = new Float64Array(maxCoarse * maxCoarse);
    const HH = new Float64Array(maxCoarse * maxCoarse);
    const quadrants = new Float64Array(8);
    const screened: { a: number; b: number; gain: number }[] = [];
    for (let x = 0; x < candidates.length; x++) {
      for (let y = x + 1; y < candidates.length; y++) {
        const a = candidates[x]!;
        const b = candidates[y]!;
        const gain = fastGain(
          coarseBins[x]!,
          coarseBins[y]!,
          coarse[a]!.nb,
          coarse[b]!.nb,
          g,
          h,
          lambda,
          GG,
          HH,
          quadrants,
        );
        screened.push({ a, b, gain });
      }
    }
    screened.sort((s, t) => t.gain - s.gain);
    const chosen = screened.slice(0, nPairs).filter((s) => s.gain > 0);
    if (chosen.length === 0) return [];
    // the pairs' arrays: the cells of the training and validation rows per table, the factors of the current
    // step and one histogram; the odds carried over from the main effects
    const maxCells = chosen.reduce((m, s) => Math.max(m, coarse[s.a]!.nb * coarse[s.b]!.nb), 1);
    const mainPhase = ph;
    ph = phase(0, chosen.length * (nt + nv), 0, 4 * maxCells, 2 * chosen.length + 2);
    ph.ot.set(mainPhase.ot);
    ph.ov.set(mainPhase.ov);
    const tables = chosen.map((s) => {
      const ca = coarse[s.a]!;
      const cb = coarse[s.b]!;
      const cellOf = (ba: Uint8Array, bb: Uint8Array) => {
        const out = ph.arena.u16(ba.length);
        for (let i = 0; i < ba.length; i++) out[i] = ca.map[ba[i]!]! * cb.nb + cb.map[bb[i]!]!;
        return out;
      };
      const cellT = cellOf(tBins[s.a]!, tBins[s.b]!);
      const cellV = cellOf(vBins[s.a]!, vBins[s.b]!);
      return { s, ca, cb, cellT, cellV, table: new Float64Array(ca.nb * cb.nb) };
    });
    const pe = ph.arena.f64(maxCells);
    const pairHist = ph.arena.f64(3 * maxCells);
    const { bag, pairs: pairPasses } = ph;
    // line sums of treeStep, allocated once (only the first max(na, nb) entries are read)
    const axisMax = tables.reduce((m, t) => Math.max(m, t.ca.nb, t.cb.nb), 1);
    const lineG = new Float64Array(axisMax);
    const lineH = new Float64Array(axisMax);
    const lineC = new Float64Array(axisMax);
    const totG = new Float64Array(axisMax);
    const totH = new Float64Array(axisMax);
    const totC = new Float64Array(axisMax);
    /**
     * A depth-2 tree on one pair table (EBM-style): a cut on one axis, then one cut on the other axis on each
     * side, the best of both orientations by Newton gain; a Newton value per leaf, added to the table.
     */
    function treeStep(
      PG: Float64Array,
      PH: Float64Array,
      PC: Float64Array,
      na: number,
      nb: number,
      table: Float64Array,
      pe: Float64Array,
    ) {
      const cells = na * nb;
      pe.fill(1, 0, cells);
      // orientation 0: rows (axis a) cut first; orientation 1: columns (axis b) cut first
      let best = { gain: 0, orient: -1, u: 0, vLo: 0, vHi: 0 };
      for (let orient = 0; orient < 2; orient++) {
        const outer = orient === 0 ? na : nb;
        const inner = orient === 0 ? nb : na;
        const at = (o: number, k: number) => (orient === 0 ? o * nb + k : k * nb + o);
        totG.fill(0);
        totH.fill(0);
        totC.fill(0);
        for (let o = 0; o < outer; o++)
          for (let k = 0; k < inner; k++) {
            totG[k]! += PG[at(o, k)]!;
            totH[k]! += PH[at(o, k)]!;
            totC[k]! += PC[at(o, k)]!;
          }
        lineG.fill(0);
        lineH.fill(0);
        lineC.fill(0);
        for (let u = 1; u < outer; u++) {
          for (let k = 0; k < inner; k++) {
            lineG[k]! += PG[at(u - 1, k)]!;
            lineH[k]! += PH[at(u - 1, k)]!;
            lineC[k]! += PC[at(u - 1, k)]!;
          }
          const lo = bestInnerCut(lineG, lineH, lineC, null, inner);
          const hi = bestInnerCut(totG, totH, totC, lineG, inner, lineH, lineC);
          if (!lo || !hi) continue;
          const gain = lo.score + hi.score;
          if (gain > best.gain) best = { gain, orient, u, vLo: lo.at, vHi: hi.at };
        }
      }
      if (best.orient < 0) return;
      // parent score, to require a positive gain over no step
      let g0 = 0;
      let h0 = 0;
      for (let c = 0; c < cells; c++) {
        g0 += PG[c]!;
        h0 += PH[c]!;
      }
      if (best.gain <= (g0 * g0) / (h0 + lambda) + 1e-12) return;
      const leafOf = (a: number, b: number) => {
        const o = best.orient === 0 ? a : b;
        const k = best.orient === 0 ? b : a;
        return o < best.u ? (k < best.vLo ? 0 : 1) : k < best.vHi ? 2 : 3;
      };
      const lg = [0, 0, 0, 0];
      const lh = [0, 0, 0, 0];
      for (let a = 0; a < na; a++)
        for (let b = 0; b < nb; b++) {
          const l = leafOf(a, b);
          lg[l]! += PG[a * nb + b]!;
          lh[l]! += PH[a * nb + b]!;
        }
      for (let a = 0; a < na; a++)
        for (let b = 0; b < nb; b++) {
          const l = leafOf(a, b);
          const d = (learningRate * lg[l]!) / (lh[l]! + lambda);
          table[a * nb + b]! += d;
          pe[a * nb + b] = Math.exp(d);
        }
    }
    /** Best single cut of a line of cells (optionally `total − minus`): the two leaves' Newton score. */
    function bestInnerCut(
      G: Float64Array,
      H: Float64Array,
      C: Float64Array,
      minusG: Float64Array | null,
      k: number,
      minusH?: Float64Array,
      minusC?: Float64Array,
    ): { at: number; score: number } | null {
      let gt = 0;
      let ht = 0;
      let ct = 0;
      for (let i = 0; i < k; i++) {
        gt += G[i]! - (minusG ? minusG[i]! : 0);
        ht += H[i]! - (minusH ? minusH[i]! : 0);
        ct += C[i]! - (minusC ? minusC[i]! : 0);
      }
      if (ct < 2 * minLeafCount) return null;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      let bestAt = -1;
      let bestScore = 0;
      for (let i = 0; i < k - 1; i++) {
        gl += G[i]! - (minusG ? minusG[i]! : 0);
        hl += H[i]! - (minusH ? minusH[i]! : 0);
        cl += C[i]! - (minusC ? minusC[i]! : 0);
        if (cl < minLeafCount) continue;
        if (ct - cl < minLeafCount) break;
        const gr = gt - gl;
        const hr = ht - hl;
        const score = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda);
        if (bestAt < 0 || score > bestScore) {
          bestAt = i + 1;
          bestScore = score;
        }
      }
      return bestAt < 0 ? null : { at: bestAt, score: bestScore };
    }
    let bestLoss = validationLoss();
    let bestTables = tables.map((t) => t.table.slice());
    let bestPairRound = 0;
    const PG = new Float64Array(maxCells);
    const PH = new Float64Array(maxCells);
    const PC = new Float64Array(maxCells);
    let r = 1;
    const pairRounds = fixedRounds ? fixedRounds.pairs : maxRounds;
    for (r = 1; r <= pairRounds; r++) {
      bag.draw(random, bagging);
      pairPasses.count(bag.rows, bag.count, tables[0]!.cellT, pairHist, tables[0]!.table.length);
      splitHistogram(pairHist, tables[0]!.table.length, PG, PH, PC);
      for (let ti = 0; ti < tables.length; ti++) {
        const t = tables[ti]!;
        const cells = t.table.length;
        // PG, PH, PC hold this table's histogram over the bag (built by countBag or the previous update)
        if (pairSteps === 'trees') {
          treeStep(PG, PH, PC, t.ca.nb, t.cb.nb, t.table, pe);
        } else if (pairSteps === 'cells') {
          for (let c = 0; c < cells; c++) {
            const d = PC[c]! >= minLeafCount ? (learningRate * PG[c]!) / (PH[c]! + lambda) : 0;
            t.table[c]! += d;
            pe[c] = Math.exp(d);
          }
        } else {
          // a 4-leaf step: the best cut on each axis (the FAST quadrants), a Newton value per quadrant
          const na = t.ca.nb;
          const nb = t.cb.nb;
          let best = 0;
          let bu = -1;
          let bv = -1;
          const q = new Float64Array(12);
          for (let u = 1; u < na; u++) {
            for (let v = 1; v < nb; v++) {
              q.fill(0);
              for (let a = 0; a < na; a++) {
                for (let b = 0; b < nb; b++) {
                  const k = (a < u ? 0 : 2) + (b < v ? 0 : 1);
                  const c = a * nb + b;
                  q[k]! += PG[c]!;
                  q[4 + k]! += PH[c]!;
                  q[8 + k]! += PC[c]!;
                }
              }
              let gain = 0;
              let ok = true;
              for (let k = 0; k < 4; k++) {
                if (q[8 + k]! < minLeafCount) ok = false;
                gain += q[k]! ** 2 / (q[4 + k]! + lambda);
              }
              if (ok && gain > best) {
                best = gain;
                bu = u;
                bv = v;
              }
            }
          }
          if (bu < 0) {
            pe.fill(1, 0, cells);
          } else {
            q.fill(0);
            for (let a = 0; a < na; a++) {
              for (let b = 0; b < nb; b++) {
                const k = (a < bu ? 0 : 2) + (b < bv ? 0 : 1);
                q[k]! += PG[a * nb + b]!;
                q[4 + k]! += PH[a * nb + b]!;
              }
            }
            for (let a = 0; a < na; a++) {
              for (let b = 0; b < nb; b++) {
                const k = (a < bu ? 0 : 2) + (b < bv ? 0 : 1);
                const d = (learningRate * q[k]!) / (q[4 + k]! + lambda);
                t.table[a * nb + b]! += d;
                pe[a * nb + b] = Math.exp(d);
              }
            }
          }
        }
        const next = tables[ti + 1];
        if (next) {
          pairPasses.update(bag.rows, bag.count, t.cellT, pe, next.cellT, pairHist, next.table.length);
          splitHistogram(pairHist, next.table.length, PG, PH, PC);
        } else pairPasses.mul(bag.rows, bag.count, t.cellT, pe);
        pairPasses.mul(bag.outRows, bag.outCount, t.cellT, pe);
        pairPasses.mulValidation(t.cellV, pe);
      }
      if (fixedRounds) continue;
      const loss = validationLoss();
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        bestPairRound = r;
        bestTables = tables.map((t) => t.table.slice());
      } else if (r - bestPairRound >= patience) break;
    }
    if (fixedRounds) {
      bestPairRound = fixedRounds.pairs;
      bestTables = tables.map((t) => t.table.slice());
    }
    pairRoundsKept = bestPairRound;
    if (bestPairRound > 0) finalLoss = bestLoss;
    notes.push(`interactions: ${tables.length} pairs screened in, ${bestPairRound} rounds kept`);
    if (bestPairRound === 0) return [];
    return tables.map((t, k) => {
      const fa = features[t.s.a]!;
      const fb = features[t.s.b]!;
      const labelsOf = (b: Binning) => (b.type === 'numeric' ? numericLabels(b) : categoricalLabels(b));
      return {
        features: [fa.column.name, fb.column.name] as [string, string],
        binnings: [t.ca.binning, t.cb.binning] as [Binning, Binning],
        labels: [labelsOf(t.ca.binning), labelsOf(t.cb.binning)] as [string[], string[]],
        logit: bestTables[k]!,
      };
    });
  }
  // terms: centre each shape on the training rows, merge equal adjacent intervals
  let interceptOut = intercept;
  const terms: LogitTerm[] = [];
  features.forEach((f, j) => {
    const tb = tBins[j]!;
    const counts = new Array<number>(f.nb).fill(0);
    const ev = new Array<number>(f.nb).fill(0);
    for (let i = 0; i < nt; i++) {
      counts[tb[i]!]!++;
      ev[tb[i]!]! += yt[i]!;
    }
    let mean = 0;
    for (let b = 0; b < f.nb; b++) mean += counts[b]! * f.shape[b]!;
    mean /= nt;
    let spread = 0;
    for (let b = 0; b < f.nb; b++) spread = Math.max(spread, Math.abs(f.shape[b]! - mean));
    const report = reports.find((x) => x.feature === f.column.name)!;
    if (spread < 1e-6) {
      report.reason = 'no effect learned';
      return;
    }
    report.selected = true;
    interceptOut += mean;
    const shape = Array.from(f.shape, (v) => v - mean);
    if (f.binning.type === 'numeric') {
      const edges = f.binning.edges;
      const keptEdges: number[] = [];
      const logit = [shape[0]!];
      const c2 = [counts[0]!];
      const e2 = [ev[0]!];
      logit.push(shape[1]!);
      c2.push(counts[1]!);
      e2.push(ev[1]!);
      for (let b = 2; b < f.nb; b++) {
        if (Math.abs(shape[b]! - logit[logit.length - 1]!) < 1e-9) {
          c2[c2.length - 1]! += counts[b]!;
          e2[e2.length - 1]! += ev[b]!;
          continue;
        }
        keptEdges.push(edges[b - 2]!);
        logit.push(shape[b]!);
        c2.push(counts[b]!);
        e2.push(ev[b]!);
      }
      const binning: NumericBinning = { type: 'numeric', edges: keptEdges, specialValues: [] };
      terms.push({
        feature: f.column.name,
        binning,
        labels: numericLabels(binning),
        logit,
        counts: c2,
        events: e2,
      });
    } else {
      terms.push({
        feature: f.column.name,
        binning: f.binning,
        labels: categoricalLabels(f.binning as CategoricalBinning),
        logit: shape,
        counts,
        events: ev,
      });
    }
  });
  // interaction tables: centre into the intercept
  for (const t of pairs) {
    const arr = Array.from(t.logit);
    // weighted centring is not needed for scoring; keep the intercept as fitted
    t.logit = arr;
  }
  return {
    intercept: interceptOut,
    terms,
    interactions: pairs,
    reports,
    notes,
    rounds: { main: bestRound, pairs: pairRoundsKept },
    validationLoss: finalLoss,
    maxLeaves: main.maxLeaves,
    leafLosses: leafChoices ? runs.map((r) => r.best) : [],
  };
}
