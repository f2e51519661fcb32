import type { BinningOptions } from '../binning/binning-result.js';
import type { MasterScaleGrade } from '../types.js';
import type { PrepareOptions } from './prepare-data.js';

/** Options of the boosted additive model (GAM). */
export type GamOptions = {
  /** Histogram bins per numeric feature, 2 to 254. @default 64 */
  maxBins?: number;
  /**
   * Shrinkage of every boosting step. With at least 200 validation events (where early stopping is reliable and no
   * refit follows) the default is 0.1, which stops in about half the rounds; otherwise 0.05, whose smaller steps
   * matter when few events decide the stopping round. @default 0.05 or 0.1
   */
  learningRate?: number;
  /** Most boosting rounds (one round visits every feature). @default 2000 */
  maxRounds?: number;
  /**
   * Rounds without validation improvement before stopping: 50, or 25 with at least 200 validation events (whose
   * validation loss is smooth enough to mark its minimum sooner). @default 50 or 25
   */
  patience?: number;
  /** Share of training rows drawn for each round. @default 0.5 */
  bagging?: number;
  /**
   * Leaves of the per-feature step tree. By default 3; with fewer than 200 validation events (the refit regime) the
   * main effects are boosted with 3 and with 2 (stumps, EBM's default) and the lower validation log loss decides
   * (few events with heavy-tailed ratios overfit 3-leaf steps; sharp steps need them). @default 3, or 2 or 3
   */
  maxLeaves?: number;
  /** Smallest records in a leaf. @default 10 */
  minLeafCount?: number;
  /** Pairwise interaction tables to add (FAST screen). @default 20 */
  interactions?: number;
  /** Features (the most important main effects) whose pairs the FAST screen considers. @default 30 */
  interactionCandidates?: number;
  /**
   * How a pair table is boosted: a Newton step per cell, a 4-leaf step (best cut on each axis), or a depth-2
   * tree (a cut on one axis, then a cut on the other axis on each side, as EBM boosts its pairs). @default 'trees'
   */
  pairSteps?: 'cells' | 'quadrants' | 'trees';
  /** Bins per axis of an interaction table, 2 to 254. @default 8 */
  interactionBins?: number;
  /** Per-feature monotone constraints: +1 risk increases with the value, −1 decreases. @default {} */
  monotone?: Record<string, 1 | -1>;
  /**
   * Refit on all rows (training and validation) with the rounds early stopping found, so the validation
   * rows also shape the model; the reported validation metrics are then those of the first fit. By default on
   * when the validation rows hold fewer than 200 events (where a quarter of the events matters and the
   * second fit is cheap); off above. @default events < 200
   */
  refit?: boolean;
  /** Boost exactly these rounds, no early stopping (what the refit uses). @default undefined */
  fixedRounds?: { main: number; pairs: number };
  /** Rows used for boosting, and for early stopping, at most (deterministic samples beyond). @default 100000 */
  maxTrainRows?: number;
};

/** Options of {@link train}. */
export type TrainOptions = PrepareOptions & {
  /** 'scorecard' (binned logistic regression) or 'gam' (boosted additive model). @default 'scorecard' */
  kind?: 'scorecard' | 'gam';
  /** The target's name, stored in the model. @default 'target' */
  targetName?: string;
  /** Share of rows held out for selection, early stopping and the report. @default 0.25 */
  validationShare?: number;
  /** Seed of every random choice. @default 20240601 */
  seed?: number;
  binning?: BinningOptions;
  /** Features with a lower IV are dropped. @default 0.02 */
  minIv?: number;
  /** Of two features more correlated (WoE, |r|), the lower-IV one is dropped. @default 0.8 */
  maxCorrelation?: number;
  /** Features are dropped while the largest variance inflation factor exceeds this. @default 10 */
  maxVif?: number;
  /** Most features in a scorecard. @default 25 */
  maxFeatures?: number;
  /** Smallest validation-AUC gain for stepwise to add a feature. @default 0.0005 */
  minAucGain?: number;
  /** Below this many validation events, the scorecard bins on all rows and selects by 5-fold CV AUC. @default 50 */
  crossValidateBelowEvents?: number;
  /**
   * Scorecard coding of numeric features: 'woe' (optimal bins, WoE, stepwise selection) or 'linear' (each
   * feature clipped, standardised and averaged in 50 quantile bins, all features in one ridge regression);
   * 'auto' is linear when there are too few events for WoE (the cross-validated path), else WoE.
   * @default 'auto'
   */
  coding?: 'auto' | 'woe' | 'linear';
  /** Ridge penalty of the logistic regression (on WoE-coded features). @default 10 */
  l2?: number;
  /** Rows used for feature selection at most (a deterministic sample beyond). @default 200000 */
  maxSelectionRows?: number;
  /** Scaling: base score, base good:bad odds, points to double the odds. @default {600, 50, 20} */
  scaling?: { baseScore?: number; baseOdds?: number; pdo?: number };
  /** Decimals of the points. @default 2 */
  pointsDecimals?: number;
  /** Decimals of the PD. @default 6 */
  pdDecimals?: number;
  /** PD floor (Basel III 0.0005; Basel II 0.0003). @default 0.0005 */
  pdFloor?: number;
  /** The master scale. @default defaultMasterScale() */
  masterScale?: MasterScaleGrade[];
  gam?: GamOptions;
};
