import { roundTo } from '../internal/util.js';
import {
  type Binning,
  type FeatureTerm,
  type InteractionTerm,
  type MasterScaleGrade,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type Scaling,
  type ScoringModel,
} from '../types.js';
import { defaultMasterScale } from './default-master-scale.js';

/** A term in log-odds units (of the event), before scaling into points. */
export type LogitTerm = {
  feature: string;
  binning: Binning;
  labels: string[];
  logit: ArrayLike<number>;
  counts?: number[];
  events?: number[];
  woe?: number[];
  coefficient?: number;
};

/** A pairwise term in log-odds units, row-major. */
export type LogitInteraction = {
  features: [string, string];
  binnings: [Binning, Binning];
  labels: [string[], string[]];
  logit: ArrayLike<number>;
};

/**
 * Scales an additive log-odds model into a points table: bin points = −factor · logit, intercept =
 * offset − factor · intercept logit, all rounded to `pointsDecimals`; calibration from the scaling.
 * @param input - the kind, target, scaling, intercept (log-odds), terms and options.
 * @returns the model.
 */
export function assembleModel(input: {
  kind: 'scorecard' | 'gam';
  target: string;
  scaling: Scaling;
  interceptLogit: number;
  terms: LogitTerm[];
  interactions?: LogitInteraction[];
  pointsDecimals?: number;
  pdDecimals?: number;
  pdFloor?: number;
  masterScale?: MasterScaleGrade[];
}): ScoringModel {
  const { scaling, pointsDecimals = 2, pdDecimals = 6, pdFloor = 0.0005 } = input;
  const toPoints = (logit: number) => roundTo(-scaling.factor * logit, pointsDecimals) + 0;
  const features: FeatureTerm[] = input.terms.map((t) => {
    const term: FeatureTerm = {
      feature: t.feature,
      binning: t.binning,
      labels: t.labels,
      points: Array.from(t.logit, toPoints),
    };
    if (t.counts) term.counts = t.counts;
    if (t.events) term.events = t.events;
    if (t.woe) term.woe = t.woe.map((w) => roundTo(w, 6) + 0);
    if (t.coefficient !== undefined) term.coefficient = roundTo(t.coefficient, 8);
    return term;
  });
  const interactions: InteractionTerm[] = (input.interactions ?? []).map((t) => ({
    features: t.features,
    binnings: t.binnings,
    labels: t.labels,
    points: Array.from(t.logit, toPoints),
  }));
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: input.kind,
    target: input.target,
    scaling,
    pointsDecimals,
    intercept: roundTo(scaling.offset - scaling.factor * input.interceptLogit, pointsDecimals) + 0,
    features,
    interactions,
    calibration: { a: scaling.offset / scaling.factor, b: -1 / scaling.factor },
    pdDecimals,
    pdFloor,
    masterScale: input.masterScale ?? defaultMasterScale(),
  };
}
