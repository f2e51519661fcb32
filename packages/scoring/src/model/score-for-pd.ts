import type { ScoringModel } from '../types.js';

/**
 * The score at which the (unrounded, unfloored) PD equals `pd`: the inverse of the calibration.
 * @param model - the model (only `calibration` is read).
 * @param pd - a probability in (0, 1).
 * @returns the score.
 * @throws RangeError when pd is not in (0, 1) or the calibration slope is zero.
 */
export function scoreForPd(model: Pick<ScoringModel, 'calibration'>, pd: number): number {
  if (!(pd > 0 && pd < 1)) throw new RangeError('scoreForPd: pd must be in (0, 1)');
  if (model.calibration.b === 0) throw new RangeError('scoreForPd: the calibration slope is zero');
  return (Math.log(pd / (1 - pd)) - model.calibration.a) / model.calibration.b;
}
