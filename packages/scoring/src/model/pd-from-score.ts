import { roundTo } from '../internal/util.js';
import type { ScoringModel } from '../types.js';

/**
 * The PD of a score under a model's calibration: `1 / (1 + exp(−η))` with `η = a + b·score` clamped to
 * [−700, 700] (so PostgreSQL's exp never overflows), rounded to the model's
 * `pdDecimals` (half away from zero, as PostgreSQL's `round(numeric, n)`), then raised to the PD floor.
 * @param model - the model (only `calibration`, `pdDecimals`, `pdFloor` are read).
 * @param score - the score.
 * @returns the floored PD.
 */
export function pdFromScore(
  model: Pick<ScoringModel, 'calibration' | 'pdDecimals' | 'pdFloor'>,
  score: number,
): number {
  if (!Number.isFinite(score)) throw new TypeError('pdFromScore: score must be a finite number');
  const eta = Math.min(700, Math.max(-700, model.calibration.a + model.calibration.b * score));
  const raw = 1 / (1 + Math.exp(-eta));
  return Math.max(model.pdFloor, roundTo(raw, model.pdDecimals));
}
