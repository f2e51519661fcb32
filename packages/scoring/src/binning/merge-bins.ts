/** The event-rate shape a merge may produce. */
export type BinShape = 'ascending' | 'descending' | 'peak' | 'valley';

/**
 * Optimal merge of ordered fine bins into contiguous groups that maximises the information value, under an
 * event-rate shape constraint (strictly monotone, or single-peaked / single-valleyed), a minimum group size
 * and a maximum number of groups. Exact dynamic programme, O(maxGroups · K³).
 * @param counts - records per fine bin.
 * @param events - events per fine bin.
 * @param options.shape - the shape to respect.
 * @param options.minCount - smallest records in a group.
 * @param options.maxGroups - most groups.
 * @param options.totalEvents - events of the whole population (for the WoE denominators).
 * @param options.totalNonEvents - non-events of the whole population.
 * @param options.minEvents - smallest number of events and of non-events in a group. @default 0
 * @returns the start index of every group (the first is 0) and the IV of the grouping, or null if none is feasible.
 */
export function mergeBins(
  counts: ArrayLike<number>,
  events: ArrayLike<number>,
  options: {
    shape: BinShape;
    minCount: number;
    maxGroups: number;
    totalEvents: number;
    totalNonEvents: number;
    minEvents?: number;
  },
): { starts: number[]; iv: number } | null {
  const K = counts.length;
  const { shape, minCount, maxGroups, totalEvents: B, totalNonEvents: G, minEvents = 0 } = options;
  if (K === 0) return null;
  const cn = new Float64Array(K + 1);
  const cb = new Float64Array(K + 1);
  for (let k = 0; k < K; k++) {
    cn[k + 1] = cn[k]! + counts[k]!;
    cb[k + 1] = cb[k]! + events[k]!;
  }
  const dirs =
    shape === 'ascending' ? [1] : shape === 'descending' ? [-1] : shape === 'peak' ? [1, -1] : [-1, 1];
  const P = dirs.length;
  const M = Math.max(1, Math.min(maxGroups, K));
  const S = K + 1;
  // value[((m * S + i) * S + j) * P + p]: best IV of [0, j) in m+1 groups, the last being [i, j), in phase p.
  const size = M * S * S * P;
  const value = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  const back = new Int32Array(size).fill(-1);
  const groupIv = (i: number, j: number): number => {
    const b = cb[j]! - cb[i]!;
    const g = cn[j]! - cn[i]! - b;
    const db = (b + 0.5) / (B + 0.5);
    const dg = (g + 0.5) / (G + 0.5);
    return (db - dg) * Math.log(db / dg);
  };
  const rate = (i: number, j: number): number => (cb[j]! - cb[i]!) / (cn[j]! - cn[i]!);
  const ok = (i: number, j: number): boolean => {
    const count = cn[j]! - cn[i]!;
    const ev = cb[j]! - cb[i]!;
    return count >= minCount && ev >= minEvents && count - ev >= minEvents;
  };
  const idx = (m: number, i: number, j: number, p: number): number => ((m * S + i) * S + j) * P + p;
  for (let j = 1; j <= K; j++) if (ok(0, j)) value[idx(0, 0, j, 0)] = groupIv(0, j);
  for (let m = 1; m < M; m++) {
    for (let i = 1; i < K; i++) {
      for (let j = i + 1; j <= K; j++) {
        if (!ok(i, j)) continue;
        const r = rate(i, j);
        const gv = groupIv(i, j);
        for (let k = 0; k < i; k++) {
          const prev = rate(k, i);
          for (let p = 0; p < P; p++) {
            const v = value[idx(m - 1, k, i, p)]!;
            if (v === Number.NEGATIVE_INFINITY) continue;
            // stay in phase p, or move to phase p+1
            for (let q = p; q < Math.min(P, p + 2); q++) {
              const d = dirs[q]!;
              if (!(d > 0 ? r > prev : r < prev)) continue;
              const t = idx(m, i, j, q);
              if (v + gv > value[t]!) {
                value[t] = v + gv;
                back[t] = idx(m - 1, k, i, p);
              }
            }
          }
        }
      }
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let bestState = -1;
  for (let m = 0; m < M; m++) {
    for (let i = 0; i < K; i++) {
      // a shape with two phases must really turn (otherwise it is a monotone shape)
      const p = P - 1;
      const v = value[idx(m, i, K, p)]!;
      if (v > best + 1e-12) {
        best = v;
        bestState = idx(m, i, K, p);
      }
    }
  }
  if (bestState < 0) return null;
  const starts: number[] = [];
  let s = bestState;
  while (s >= 0) {
    const i = Math.floor(s / P / S) % S;
    starts.push(i);
    s = back[s]!;
  }
  starts.reverse();
  return { starts, iv: best };
}
