/**
 * The interval of `x` among sorted edges: the number of edges `<= x` (so `x < edges[0]` → 0).
 * @param edges - strictly increasing edges.
 * @param x - a non-NaN value (±Infinity allowed).
 * @returns the interval index in [0, edges.length].
 */
export function intervalIndex(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
