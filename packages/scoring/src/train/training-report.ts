import type { DroppedFeature } from './prepare-data.js';

/** One feature's line in the training report. */
export type FeatureReport = {
  feature: string;
  type: 'numeric' | 'text';
  iv: number;
  bins: number;
  shape?: string;
  selected: boolean;
  reason?: string;
};

/** Validation metrics of a trained model. */
export type ValidationMetrics = {
  n: number;
  auc: number;
  gini: number;
  ks: number;
  brier: number;
  logLoss: number;
};

/** What {@link train} reports besides the model. */
export type TrainingReport = {
  kind: 'scorecard' | 'gam';
  rows: number;
  trainRows: number;
  validationRows: number;
  eventRate: number;
  features: FeatureReport[];
  selected: string[];
  dropped: DroppedFeature[];
  notes: string[];
  validation: ValidationMetrics | null;
  seconds: number;
};
