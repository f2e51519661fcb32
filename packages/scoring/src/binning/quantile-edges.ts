import { roundSignificant } from '../internal/util.js';

/**
 * Cut points splitting sorted values into at most `maxBins` groups of about equal size; edges are rounded
 * to 6 significant digits, strictly increasing, finite, and above the smallest value.
 * @param sorted - the values sorted ascending (may include ±Infinity, never NaN).
 * @param maxBins - the largest number of intervals.
 * @returns the interval edges (`x < edge` goes left).
 */
export function quantileEdges(sorted: ArrayLike<number>, maxBins: number): number[] {
  const n = sorted.length;
  const edges: number[] = [];
  if (n === 0) return edges;
  const min = sorted[0]!;
  for (let q = 1; q < maxBins; q++) {
    const v = sorted[Math.floor((q * n) / maxBins)]!;
    if (!Number.isFinite(v)) continue;
    let e = roundSignificant(v, 6);
    if (e > v) e = v; // keep the quantile value itself on the right side of the cut
    if (e <= min) continue;
    if (edges.length > 0 && e <= edges[edges.length - 1]!) continue;
    edges.push(e);
  }
  return edges;
}
