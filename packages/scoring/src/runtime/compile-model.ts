import { gradeOf } from '../model/grade-of.js';
import { pdFromScore } from '../model/pd-from-score.js';
import type { ScoringModel } from '../types.js';
import { type BinIndexer, createBinIndexer } from './create-bin-indexer.js';
import { validateModel } from './validate-model.js';

/** A model compiled for fast scoring: bin indexers and integer points (in units of 10^-pointsDecimals, held in float64: exact up to 2^53). */
export type CompiledModel = {
  model: ScoringModel;
  scale: number;
  interceptUnits: number;
  terms: { feature: string; indexer: BinIndexer; units: Float64Array; best: number; edges: Float64Array }[];
  pairs: {
    features: [string, string];
    indexers: [BinIndexer, BinIndexer];
    units: Float64Array;
    best: number;
  }[];
  /** Every feature the model reads. */
  inputs: string[];
  pdOf: (score: number) => number;
  gradeOfPd: (pd: number) => string;
};

/**
 * Validates a model and compiles its points table into typed-array lookups.
 * @param model - the model (e.g. parsed from JSON).
 * @returns the compiled model.
 * @throws TypeError / RangeError when the model is malformed.
 */
export function compileModel(model: ScoringModel): CompiledModel {
  validateModel(model);
  const scale = 10 ** model.pointsDecimals;
  const toUnits = (p: ArrayLike<number>) =>
    Float64Array.from(p as ArrayLike<number>, (v) => Math.round(v * scale));
  const terms = model.features.map((t) => {
    const units = toUnits(t.points);
    const edges = Float64Array.from(t.binning.type === 'numeric' ? t.binning.edges : []);
    return {
      feature: t.feature,
      indexer: createBinIndexer(t.binning),
      units,
      best: Math.max(...units),
      edges,
    };
  });
  const pairs = model.interactions.map((t) => {
    const units = toUnits(t.points);
    let best = Number.NEGATIVE_INFINITY;
    for (const u of units) best = Math.max(best, u);
    return {
      features: t.features,
      indexers: [createBinIndexer(t.binnings[0]), createBinIndexer(t.binnings[1])] as [
        BinIndexer,
        BinIndexer,
      ],
      units,
      best,
    };
  });
  const inputs = [
    ...new Set([...model.features.map((t) => t.feature), ...model.interactions.flatMap((t) => t.features)]),
  ];
  return {
    model,
    scale,
    interceptUnits: Math.round(model.intercept * scale),
    terms,
    pairs,
    inputs,
    pdOf: (score) => pdFromScore(model, score),
    gradeOfPd: (pd) => gradeOf(pd, model.masterScale),
  };
}
