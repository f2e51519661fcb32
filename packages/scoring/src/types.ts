/** The version of the model JSON format written by this package. Bumped on any breaking change. */
export const MODEL_FORMAT_VERSION = 1;

/** The format tag stored in every model JSON. */
export const MODEL_FORMAT = 'creditbridge.points-table';

/** A numeric column: `null`, `undefined` and `NaN` are missing; `±Infinity` falls into the extreme bins. */
export type NumericValues = Float64Array | ArrayLike<number | null | undefined>;

/** A text column: `null`, `undefined` and the empty string are missing. */
export type TextValues = ArrayLike<string | null | undefined>;

/**
 * A text column's values as codes into a list of distinct levels: row i's value is `levels[codes[i]]` (`null`
 * for missing). Batch scoring looks each level up once per call instead of each row's text.
 */
export type TextDictionary = { codes: Uint32Array; levels: readonly (string | null)[] };

/**
 * One column of a columnar data set. A text column may carry its dictionary, which must describe `values`
 * exactly (as {@link columnsFromRows} builds it); drop it when changing the values.
 */
export type Column =
  | { name: string; type: 'numeric'; values: NumericValues }
  | { name: string; type: 'text'; values: TextValues; dictionary?: TextDictionary };

/** A columnar data set: every column has the same length. */
export type ColumnarDataset = { columns: Column[] };

/** A value of one record handed to the runtime (numbers as numbers or strings). */
export type RecordValue = number | string | boolean | null | undefined;

/** One record, keyed by column name. */
export type ScoringRecord = Record<string, RecordValue>;

/**
 * Numeric binning. Bin 0 is "missing", bins 1..S the special values in order, then one bin per interval:
 * interval i holds `edges[i-1] <= x < edges[i]` (the first is open to −∞, the last to +∞), so −Infinity
 * lands in the lowest and +Infinity in the highest interval.
 */
export type NumericBinning = { type: 'numeric'; edges: number[]; specialValues: number[] };

/**
 * Categorical binning. Bin 0 is "missing" (null or empty string), bin 1+g holds the levels of `groups[g]`,
 * and `otherBin` receives every level not listed (rare levels pooled at training and unseen levels).
 */
export type CategoricalBinning = { type: 'categorical'; groups: string[][]; otherBin: number };

/** How one feature's raw value is mapped to a bin index. */
export type Binning = NumericBinning | CategoricalBinning;

/** One additive term on one feature: the points of each bin. */
export type FeatureTerm = {
  /** Column name. */
  feature: string;
  binning: Binning;
  /** Human-readable bin labels, same length as `points`. */
  labels: string[];
  /** Points per bin (rounded to `pointsDecimals`). */
  points: number[];
  /** Training counts per bin (records, events), for reports and drift monitoring (CSI). */
  counts?: number[];
  events?: number[];
  /** Scorecard only: WoE per bin and the logistic coefficient. */
  woe?: number[];
  coefficient?: number;
};

/** One additive term on a pair of features: a 2-D points table, row-major (`points[i * nB + j]`). */
export type InteractionTerm = {
  features: [string, string];
  binnings: [Binning, Binning];
  labels: [string[], string[]];
  points: number[];
};

/** One grade of a master scale: a record gets the first grade whose `pdMax` exceeds its PD. */
export type MasterScaleGrade = { grade: string; pdMax: number };

/** The scaling of log-odds into points: `score = offset + factor · ln(odds good:bad)`. */
export type Scaling = { baseScore: number; baseOdds: number; pdo: number; factor: number; offset: number };

/** A scoring model: a points table that one runtime, the SQL export and the HTTP API all evaluate. */
export type ScoringModel = {
  format: typeof MODEL_FORMAT;
  formatVersion: typeof MODEL_FORMAT_VERSION;
  kind: 'scorecard' | 'gam';
  target: string;
  scaling: Scaling;
  /** Decimals of every points value; the score is an exact sum of such values. */
  pointsDecimals: number;
  /** Points every record starts with. */
  intercept: number;
  features: FeatureTerm[];
  interactions: InteractionTerm[];
  /** PD = 1 / (1 + exp(−(a + b · score))), rounded to `pdDecimals`, then floored. */
  calibration: { a: number; b: number };
  pdDecimals: number;
  /** Regulatory PD floor (Basel III: 0.0005). */
  pdFloor: number;
  masterScale: MasterScaleGrade[];
};

/** A reason code: a feature that cost points against its best attainable bin. */
export type ReasonCode = { feature: string; bin: string; points: number; pointsLost: number };

/** One suggested change of a counterfactual. */
export type CounterfactualChange = { feature: string; fromBin: string; toBin: string; pointsGained: number };

/** The result of scoring one record. */
export type ScoreResult = {
  score: number;
  pd: number;
  grade: string;
  points: Record<string, number>;
  reasons: ReasonCode[];
};
