import { categoricalLabels } from '../binning/bin-categorical.js';
import { numericLabels } from '../binning/bin-numeric.js';
import { intervalIndex } from '../binning/interval-index.js';
import { quantileEdges } from '../binning/quantile-edges.js';
import { woeIv } from '../binning/woe-iv.js';
import { createRandom } from '../internal/util.js';
import type { LogitInteraction, LogitTerm } from '../model/assemble-model.js';
import { createBinIndexer } from '../runtime/create-bin-indexer.js';
import type { Binning, CategoricalBinning, NumericBinning } from '../types.js';
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

/** Best split of ordered bins [lo, hi) into two leaves; null when no split satisfies the constraints. */
function bestSplit(
  G: Float64Array,
  H: Float64Array,
  C: Float64Array,
  lo: number,
  hi: number,
  lambda: number,
  minLeaf: number,
  monotone: number,
): { at: number; gain: number } | null {
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
  return bestAt < 0 ? null : { at: bestAt, gain: bestGain };
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
): {
  intercept: number;
  terms: LogitTerm[];
  interactions: LogitInteraction[];
  reports: FeatureReport[];
  notes: string[];
  /** Boosting rounds kept (by early stopping, or as fixed). */
  rounds: { main: number; pairs: number };
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
  // row-major bins of the training rows for cache-friendly passes
  const p = features.length;
  const tBins = features.map((f) => Uint8Array.from(trainRows, (r) => f.bins[r]!));
  const vBins = features.map((f) => Uint8Array.from(validationRows, (r) => f.bins[r]!));
  // the state of boosting is the odds p / (1 − p) of every row: a step multiplies them by exp(step) (one
  // multiplication per row); probabilities are derived only for the bagged rows a histogram needs
  const ot = new Float64Array(nt).fill(events / (nt - events));
  const ov = new Float64Array(nv).fill(events / (nt - events));
  const random = createRandom(seed + 3);
  // the rows drawn for this round, in row order (iterating the list instead of testing a flag per row avoids
  // an unpredictable branch in the hot loops; the sums are the same, in the same order)
  const bagRows = new Uint32Array(nt);
  let bagCount = 0;
  // and the rows left out, so that an update can visit the bag first (see updateAndCount)
  const outRows = new Uint32Array(nt);
  let outCount = 0;
  const drawBag = () => {
    bagCount = 0;
    outCount = 0;
    for (let i = 0; i < nt; i++) {
      if (random() < bagging) bagRows[bagCount++] = i;
      else outRows[outCount++] = i;
    }
  };
  // built twice (main effects: Uint8Array bins; pairs: Uint16Array cells) so each call site stays monomorphic
  const makeSteps = () => {
    /** Histogram of gradient, hessian and count per bin over this round's bag. */
    const countBag = (
      bins: ArrayLike<number>,
      G: Float64Array,
      H: Float64Array,
      C: Float64Array,
      nb: number,
    ) => {
      G.fill(0, 0, nb);
      H.fill(0, 0, nb);
      C.fill(0, 0, nb);
      for (let k = 0; k < bagCount; k++) {
        const i = bagRows[k]!;
        const b = bins[i]!;
        const o = ot[i]!;
        const q = o / (1 + o);
        G[b]! += yt[i]! - q;
        H[b]! += q * (1 - q);
        C[b]!++;
      }
    };
    /**
     * Multiplies the odds of every training and validation row by `factor[bin]` and, in the same pass over the
     * bag, builds the next term's histogram (`next`, when given) from the updated probabilities: the same
     * numbers as an update followed by {@link countBag}, with one pass over the bag fewer. Each row's update is
     * independent of the others, so visiting the bag before the rest changes nothing.
     */
    const updateAndCount = (
      binsT: ArrayLike<number>,
      binsV: ArrayLike<number>,
      factor: Float64Array,
      next: { bins: ArrayLike<number>; nb: number; G: Float64Array; H: Float64Array; C: Float64Array } | null,
    ) => {
      if (next) {
        const { bins, G, H, C } = next;
        G.fill(0, 0, next.nb);
        H.fill(0, 0, next.nb);
        C.fill(0, 0, next.nb);
        for (let k = 0; k < bagCount; k++) {
          const i = bagRows[k]!;
          const o = capOdds(ot[i]! * factor[binsT[i]!]!);
          ot[i] = o;
          const q = o / (1 + o);
          const b = bins[i]!;
          G[b]! += yt[i]! - q;
          H[b]! += q * (1 - q);
          C[b]!++;
        }
      } else {
        for (let k = 0; k < bagCount; k++) {
          const i = bagRows[k]!;
          ot[i] = capOdds(ot[i]! * factor[binsT[i]!]!);
        }
      }
      for (let k = 0; k < outCount; k++) {
        const i = outRows[k]!;
        ot[i] = capOdds(ot[i]! * factor[binsT[i]!]!);
      }
      for (let i = 0; i < nv; i++) {
        ov[i] = capOdds(ov[i]! * factor[binsV[i]!]!);
      }
    };
    return { countBag, updateAndCount };
  };
  const lambda = 1e-3 * nt + 1;
  const validationLoss = (): number => {
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
  const delta = new Float64Array(256);
  const expDelta = new Float64Array(256);
  const mainSteps = makeSteps();

  let best = validationLoss();
  let bestShapes = features.map((f) => f.shape.slice());
  let bestRound = 0;
  let round = 0;
  const mainRounds = fixedRounds ? fixedRounds.main : maxRounds;
  for (round = 1; round <= mainRounds; round++) {
    drawBag();
    mainSteps.countBag(tBins[0]!, G, H, C, features[0]!.nb);
    for (let j = 0; j < p; j++) {
      const f = features[j]!;
      const tb = tBins[j]!;
      const nb = f.nb;
      // G, H, C hold feature j's histogram over the bag (built by countBag or the previous update)
      delta.fill(0, 0, nb);
      if (f.column.type === 'text') {
        for (let b = 0; b < nb; b++)
          if (C[b]! >= minLeafCount) delta[b] = (learningRate * G[b]!) / (H[b]! + lambda);
      } else {
        // missing bin: its own leaf
        if (C[0]! >= minLeafCount) delta[0] = (learningRate * G[0]!) / (H[0]! + lambda);
        // intervals: a tree of up to maxLeaves leaves, grown best-first
        const leaves: [number, number][] = [[1, nb]];
        while (leaves.length < maxLeaves) {
          let pick = -1;
          let pickSplit: { at: number; gain: number } | null = null;
          leaves.forEach(([lo, hi], k) => {
            const s = bestSplit(G, H, C, lo, hi, lambda, minLeafCount, f.monotone);
            if (s && (!pickSplit || s.gain > pickSplit.gain)) {
              pickSplit = s;
              pick = k;
            }
          });
          if (pick < 0 || !pickSplit) break;
          const [lo, hi] = leaves[pick]!;
          const at = (pickSplit as { at: number }).at;
          leaves.splice(pick, 1, [lo, at], [at, hi]);
        }
        // a Newton value per leaf, in the leaves' order along the bins; with a monotone constraint the split rule
        // holds locally, so the step is skipped when the leaves' values violate it globally
        leaves.sort((a, b) => a[0] - b[0]);
        const values = leaves.map(([lo, hi]) => {
          let g = 0;
          let h = 0;
          for (let b = lo; b < hi; b++) {
            g += G[b]!;
            h += H[b]!;
          }
          return (learningRate * g) / (h + lambda);
        });
        let ok = true;
        for (let k = 1; k < values.length && f.monotone !== 0; k++) {
          if (f.monotone > 0 ? values[k]! < values[k - 1]! : values[k]! > values[k - 1]!) ok = false;
        }
        if (ok) {
          for (let k = 0; k < leaves.length; k++) {
            const [lo, hi] = leaves[k]!;
            for (let b = lo; b < hi; b++) delta[b] = values[k]!;
          }
        }
      }
      for (let b = 0; b < nb; b++) f.shape[b]! += delta[b]!;
      for (let b = 0; b < nb; b++) expDelta[b] = Math.exp(delta[b]!);
      mainSteps.updateAndCount(
        tb,
        vBins[j]!,
        expDelta,
        j + 1 < p ? { bins: tBins[j + 1]!, nb: features[j + 1]!.nb, G, H, C } : null,
      );
    }
    if (fixedRounds) continue;
    const loss = validationLoss();
    if (loss < best - 1e-9) {
      best = loss;
      bestRound = round;
      bestShapes = features.map((f) => f.shape.slice());
    } else if (round - bestRound >= patience) break;
  }
  if (fixedRounds) {
    bestRound = fixedRounds.main;
    bestShapes = features.map((f) => f.shape.slice());
    notes.push(`main effects: ${bestRound} rounds on all rows`);
  } else notes.push(`main effects: ${Math.min(round, maxRounds)} rounds, best at ${bestRound}`);
  features.forEach((f, j) => {
    f.shape = bestShapes[j]!;
  });
  // recompute the odds at the best shapes
  const recompute = (rowsBins: Uint8Array[], out: Float64Array, extra?: (i: number) => number) => {
    for (let i = 0; i < out.length; i++) {
      let eta = intercept;
      for (let j = 0; j < p; j++) eta += features[j]!.shape[rowsBins[j]![i]!]!;
      if (extra) eta += extra(i);
      out[i] = Math.min(ODDS_MAX, Math.exp(eta));
    }
  };
  recompute(tBins, ot);
  recompute(vBins, ov);
  let pairRoundsKept = 0;
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
      const q = ot[i]! / (1 + ot[i]!);
      g[i] = yt[i]! - q;
      h[i] = q * (1 - q);
    }
    const screened: { a: number; b: number; gain: number }[] = [];
    for (let x = 0; x < candidates.length; x++) {
      for (let y = x + 1; y < candidates.length; y++) {
        const a = candidates[x]!;
        const b = candidates[y]!;
        const ca = coarse[a]!;
        const cb = coarse[b]!;
        const GG = new Float64Array(ca.nb * cb.nb);
        const HH = new Float64Array(ca.nb * cb.nb);
        const ta = tBins[a]!;
        const tb = tBins[b]!;
        for (let i = 0; i < nt; i++) {
          const cell = ca.map[ta[i]!]! * cb.nb + cb.map[tb[i]!]!;
          GG[cell]! += g[i]!;
          HH[cell]! += h[i]!;
        }
        // FAST: best single cut on each axis (4 quadrants)
        let bestGain = 0;
        for (let u = 1; u < ca.nb; u++) {
          for (let v = 1; v < cb.nb; v++) {
            const qg = [0, 0, 0, 0];
            const qh = [0, 0, 0, 0];
            for (let r = 0; r < ca.nb; r++) {
              for (let s = 0; s < cb.nb; s++) {
                const q = (r < u ? 0 : 2) + (s < v ? 0 : 1);
                qg[q]! += GG[r * cb.nb + s]!;
                qh[q]! += HH[r * cb.nb + s]!;
              }
            }
            let gain = 0;
            let gt = 0;
            let ht = 0;
            for (let q = 0; q < 4; q++) {
              gain += qg[q]! ** 2 / (qh[q]! + lambda);
              gt += qg[q]!;
              ht += qh[q]!;
            }
            gain -= gt ** 2 / (ht + lambda);
            if (gain > bestGain) bestGain = gain;
          }
        }
        screened.push({ a, b, gain: bestGain });
      }
    }
    screened.sort((s, t) => t.gain - s.gain);
    const chosen = screened.slice(0, nPairs).filter((s) => s.gain > 0);
    if (chosen.length === 0) return [];
    const tables = chosen.map((s) => {
      const ca = coarse[s.a]!;
      const cb = coarse[s.b]!;
      const cellT = Uint16Array.from(tBins[s.a]!, (v, i) => ca.map[v]! * cb.nb + cb.map[tBins[s.b]![i]!]!);
      const cellV = Uint16Array.from(vBins[s.a]!, (v, i) => ca.map[v]! * cb.nb + cb.map[vBins[s.b]![i]!]!);
      return { s, ca, cb, cellT, cellV, table: new Float64Array(ca.nb * cb.nb) };
    });
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
    const maxCells = tables.reduce((m, t) => Math.max(m, t.table.length), 1);
    const PG = new Float64Array(maxCells);
    const PH = new Float64Array(maxCells);
    const PC = new Float64Array(maxCells);
    const pe = new Float64Array(maxCells);
    const pairPasses = makeSteps();
    let r = 1;
    const pairRounds = fixedRounds ? fixedRounds.pairs : maxRounds;
    for (r = 1; r <= pairRounds; r++) {
      drawBag();
      pairPasses.countBag(tables[0]!.cellT, PG, PH, PC, tables[0]!.table.length);
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
        pairPasses.updateAndCount(
          t.cellT,
          t.cellV,
          pe,
          next ? { bins: next.cellT, nb: next.table.length, G: PG, H: PH, C: PC } : null,
        );
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
  };
}
