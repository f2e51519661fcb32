import { formatNumber } from '../internal/util.js';
import type { NumericBinning } from '../types.js';
import type { BinningOptions, BinningResult } from './binning-result.js';
import { intervalIndex } from './interval-index.js';
import { type BinShape, mergeBins } from './merge-bins.js';
import { quantileEdges } from './quantile-edges.js';
import { woeIv } from './woe-iv.js';

/**
 * Optimal binning of a numeric feature: fine quantile pre-bins merged to maximise IV under a monotone or
 * single-peaked event-rate shape (chosen automatically), a minimum bin share, and separate bins for
 * missing (null/NaN) and special values. ±Infinity fall into the extreme intervals.
 * @param feature - the feature name.
 * @param values - the feature values.
 * @param labels - 0/1 outcomes, same length.
 * @param options - see {@link BinningOptions}.
 * @returns the binning with counts, events, WoE and IV.
 * @throws RangeError when the labels hold only one class.
 */
export function binNumeric(
  feature: string,
  values: ArrayLike<number | null | undefined>,
  labels: ArrayLike<number>,
  options: BinningOptions = {},
): BinningResult {
  const {
    prebins = 20,
    maxBins = 8,
    minBinShare = 0.05,
    minBinEvents = 5,
    specialValues = [],
    shape = 'auto',
    peakGain = 0.1,
  } = options;
  const n = values.length;
  if (labels.length !== n) throw new RangeError('binNumeric: values and labels must have the same length');
  const special = new Map<number, number>();
  specialValues.forEach((v, k) => {
    special.set(v, k);
  });
  const S = specialValues.length;
  const x =
    values instanceof Float64Array
      ? values
      : Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number.NaN));
  const isRegular = (v: number) => !Number.isNaN(v) && (S === 0 || !special.has(v));
  let nRegular = 0;
  for (let i = 0; i < n; i++) if (isRegular(x[i]!)) nRegular++;
  const sorted = new Float64Array(nRegular);
  const regularIndex = new Int32Array(nRegular);
  let r = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (isRegular(v)) {
      sorted[r] = v;
      regularIndex[r++] = i;
    }
  }
  const copy = sorted.slice().sort();
  const fineEdges = quantileEdges(copy, prebins);
  const K = fineEdges.length + 1;
  const fineCounts = new Float64Array(K);
  const fineEvents = new Float64Array(K);
  let totalEvents = 0;
  for (let i = 0; i < n; i++) totalEvents += labels[i]!;
  for (let k = 0; k < nRegular; k++) {
    const b = intervalIndex(fineEdges, sorted[k]!);
    fineCounts[b]!++;
    fineEvents[b]! += labels[regularIndex[k]!]!;
  }
  const minCount = Math.max(1, Math.ceil(minBinShare * n));
  const common = {
    minCount,
    minEvents: minBinEvents,
    maxGroups: maxBins,
    totalEvents,
    totalNonEvents: n - totalEvents,
  };
  let chosen: { starts: number[]; iv: number } | null = null;
  let chosenShape: BinShape = 'ascending';
  const tryShape = (s: BinShape) => mergeBins(fineCounts, fineEvents, { ...common, shape: s });
  if (shape !== 'auto') {
    chosen = tryShape(shape);
    chosenShape = shape;
  } else {
    const asc = tryShape('ascending');
    const desc = tryShape('descending');
    const mono = asc && (!desc || asc.iv >= desc.iv) ? asc : desc;
    chosenShape = mono === asc ? 'ascending' : 'descending';
    chosen = mono;
    const peak = tryShape('peak');
    const valley = tryShape('valley');
    const bent = peak && (!valley || peak.iv >= valley.iv) ? peak : valley;
    if (bent && (!mono || bent.iv > mono.iv * (1 + peakGain) + 1e-4)) {
      chosen = bent;
      chosenShape = bent === peak ? 'peak' : 'valley';
    }
  }
  const starts = chosen ? chosen.starts : [0];
  const edges = starts.slice(1).map((s) => fineEdges[s - 1]!);
  const binning: NumericBinning = { type: 'numeric', edges, specialValues: [...specialValues] };
  const nBins = 1 + S + edges.length + 1;
  const counts = new Array<number>(nBins).fill(0);
  const events = new Array<number>(nBins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = numericBinIndex(binning, special, x[i]);
    counts[b]!++;
    events[b]! += labels[i]!;
  }
  const { woe, iv } = woeIv(counts, events, minCount);
  return { feature, binning, labels: numericLabels(binning), counts, events, woe, iv, shape: chosenShape };
}

/** Bin index of a raw numeric value (see {@link NumericBinning}). */
export function numericBinIndex(
  binning: NumericBinning,
  special: Map<number, number>,
  value: number | null | undefined,
): number {
  if (value === null || value === undefined || Number.isNaN(value)) return 0;
  if (special.size > 0) {
    const s = special.get(value);
    if (s !== undefined) return 1 + s;
  }
  return 1 + binning.specialValues.length + intervalIndex(binning.edges, value);
}

/** Labels of the bins of a numeric binning. */
export function numericLabels(binning: NumericBinning): string[] {
  const out = ['missing', ...binning.specialValues.map((v) => `= ${formatNumber(v)}`)];
  const e = binning.edges;
  if (e.length === 0) out.push('all values');
  else {
    out.push(`< ${formatNumber(e[0]!)}`);
    for (let i = 1; i < e.length; i++) out.push(`[${formatNumber(e[i - 1]!)}, ${formatNumber(e[i]!)})`);
    out.push(`>= ${formatNumber(e[e.length - 1]!)}`);
  }
  return out;
}
