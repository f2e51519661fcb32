import { categoricalBinCount, categoricalLookup } from '../binning/bin-categorical.js';
import { intervalIndex } from '../binning/interval-index.js';
import { toCategory, toNumber } from '../internal/util.js';
import type { Binning, RecordValue } from '../types.js';

/** Maps raw values to bin indexes for one binning. */
export type BinIndexer = { binCount: number; index: (value: RecordValue) => number };

/**
 * Builds the value → bin function of a binning. Numeric: null, undefined, '', non-numeric text and NaN are
 * missing (bin 0); strings are parsed with `Number()`; ±Infinity fall into the extreme intervals.
 * Categorical: null, undefined and '' are missing; numbers are matched by their `String()` form; unknown
 * levels go to `otherBin`.
 * @param binning - the binning.
 * @returns the bin count and the index function.
 */
export function createBinIndexer(binning: Binning): BinIndexer {
  if (binning.type === 'numeric') {
    const edges = Float64Array.from(binning.edges);
    const special = new Map<number, number>();
    binning.specialValues.forEach((v, k) => {
      special.set(v, k);
    });
    const S = binning.specialValues.length;
    const hasSpecial = S > 0;
    return {
      binCount: 1 + S + edges.length + 1,
      index: (value) => {
        const x = toNumber(value);
        if (Number.isNaN(x)) return 0;
        if (hasSpecial) {
          const s = special.get(x);
          if (s !== undefined) return 1 + s;
        }
        return 1 + S + intervalIndex(edges, x);
      },
    };
  }
  const lookup = categoricalLookup(binning);
  const other = binning.otherBin;
  return {
    binCount: categoricalBinCount(binning),
    index: (value) => {
      const c = toCategory(value);
      if (c === null) return 0;
      return lookup.get(c) ?? other;
    },
  };
}
