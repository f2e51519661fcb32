import type { CategoricalBinning } from '../types.js';
import type { BinningOptions, BinningResult } from './binning-result.js';
import { mergeBins } from './merge-bins.js';
import { woeIv } from './woe-iv.js';

const OTHER = '\u0000other';

/**
 * Binning of a categorical feature: levels rarer than `rareShare` (and beyond the `maxLevels` most frequent)
 * are pooled into "other", the remaining levels are ordered by event rate and merged into contiguous groups
 * that maximise IV with a minimum bin share; missing (null, '') has its own bin.
 * @param feature - the feature name.
 * @param values - the feature values.
 * @param labels - 0/1 outcomes, same length.
 * @param options - see {@link BinningOptions}.
 * @returns the binning with counts, events, WoE and IV.
 */
export function binCategorical(
  feature: string,
  values: ArrayLike<string | null | undefined>,
  labels: ArrayLike<number>,
  options: BinningOptions = {},
): BinningResult {
  const { maxBins = 8, minBinShare = 0.05, minBinEvents = 5, rareShare = 0.01, maxLevels = 100 } = options;
  const n = values.length;
  if (labels.length !== n)
    throw new RangeError('binCategorical: values and labels must have the same length');
  const stats = new Map<string, { n: number; b: number }>();
  let totalEvents = 0;
  for (let i = 0; i < n; i++) {
    totalEvents += labels[i]!;
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    let s = stats.get(v);
    if (!s) {
      s = { n: 0, b: 0 };
      stats.set(v, s);
    }
    s.n++;
    s.b += labels[i]!;
  }
  const rareCount = Math.max(5, Math.ceil(rareShare * n));
  const byCount = [...stats.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
  const kept = new Map<string, { n: number; b: number }>();
  const other = { n: 0, b: 0 };
  for (const [level, s] of byCount) {
    if (kept.size < maxLevels && s.n >= rareCount) kept.set(level, s);
    else {
      other.n += s.n;
      other.b += s.b;
    }
  }
  const rate0 = totalEvents / n;
  const items = [...kept.entries()];
  if (other.n > 0) items.push([OTHER, other]);
  // order by smoothed event rate (ties by name for determinism)
  items.sort((a, b) => {
    const ra = (a[1].b + rate0) / (a[1].n + 1);
    const rb = (b[1].b + rate0) / (b[1].n + 1);
    return ra - rb || (a[0] < b[0] ? -1 : 1);
  });
  const minCount = Math.max(1, Math.ceil(minBinShare * n));
  const merged = mergeBins(
    items.map((x) => x[1].n),
    items.map((x) => x[1].b),
    {
      shape: 'ascending',
      minCount,
      minEvents: minBinEvents,
      maxGroups: maxBins,
      totalEvents,
      totalNonEvents: n - totalEvents,
    },
  );
  const starts = merged ? merged.starts : items.length > 0 ? [0] : [];
  const groups: string[][] = [];
  let otherBin = -1;
  for (let g = 0; g < starts.length; g++) {
    const end = g + 1 < starts.length ? starts[g + 1]! : items.length;
    const levels: string[] = [];
    for (let k = starts[g]!; k < end; k++) {
      const level = items[k]![0];
      if (level === OTHER) otherBin = 1 + g;
      else levels.push(level);
    }
    groups.push(levels);
  }
  if (otherBin < 0) otherBin = 1 + groups.length;
  const binning: CategoricalBinning = { type: 'categorical', groups, otherBin };
  const nBins = Math.max(otherBin + 1, 1 + groups.length);
  const counts = new Array<number>(nBins).fill(0);
  const events = new Array<number>(nBins).fill(0);
  const lookup = categoricalLookup(binning);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const bin = v === null || v === undefined || v === '' ? 0 : (lookup.get(v) ?? otherBin);
    counts[bin]!++;
    events[bin]! += labels[i]!;
  }
  const { woe, iv } = woeIv(counts, events, minCount);
  return { feature, binning, labels: categoricalLabels(binning), counts, events, woe, iv };
}

/** Level → bin index map of a categorical binning. */
export function categoricalLookup(binning: CategoricalBinning): Map<string, number> {
  const m = new Map<string, number>();
  binning.groups.forEach((levels, g) => {
    for (const level of levels) m.set(level, 1 + g);
  });
  return m;
}

/** Number of bins of a categorical binning. */
export function categoricalBinCount(binning: CategoricalBinning): number {
  return Math.max(binning.otherBin + 1, 1 + binning.groups.length);
}

/** Labels of the bins of a categorical binning. */
export function categoricalLabels(binning: CategoricalBinning): string[] {
  const out = ['missing'];
  binning.groups.forEach((levels, g) => {
    let label = levels.slice(0, 8).join(', ');
    if (levels.length > 8) label += `, … (${levels.length} levels)`;
    if (binning.otherBin === 1 + g) label = label ? `${label}, other` : 'other';
    out.push(label);
  });
  if (binning.otherBin === 1 + binning.groups.length) out.push('other');
  return out;
}
