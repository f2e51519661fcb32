import type { Binning } from '../types.js';
import type { BinShape } from './merge-bins.js';

/** The outcome of binning one feature on a training sample. */
export type BinningResult = {
  feature: string;
  binning: Binning;
  labels: string[];
  counts: number[];
  events: number[];
  woe: number[];
  iv: number;
  /** The event-rate shape chosen for a numeric feature. */
  shape?: BinShape;
};

/** Options shared by the binning functions. */
export type BinningOptions = {
  /** Number of fine quantile pre-bins. @default 20 */
  prebins?: number;
  /** Most final bins (missing and special bins not counted). @default 8 */
  maxBins?: number;
  /** Smallest share of the records in a final bin. @default 0.05 */
  minBinShare?: number;
  /** Smallest number of events, and of non-events, in a final bin. @default 5 */
  minBinEvents?: number;
  /** Numeric values scored in their own bins (e.g. -999). @default [] */
  specialValues?: number[];
  /** Event-rate shape: 'auto' picks monotone unless a single peak/valley adds `peakGain` relative IV. @default 'auto' */
  shape?: 'auto' | BinShape;
  /** Relative IV gain a peaked shape needs over the monotone one. @default 0.1 */
  peakGain?: number;
  /** Categorical: levels rarer than this share are pooled into "other". @default 0.01 */
  rareShare?: number;
  /** Categorical: most distinct levels kept before pooling. @default 100 */
  maxLevels?: number;
};
