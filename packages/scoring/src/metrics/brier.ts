import { checkBinary } from './check-binary.js';

/**
 * Brier score: the mean squared difference between the predicted PD and the 0/1 outcome.
 * @param labels - 0/1 outcomes.
 * @param probabilities - predicted PDs in [0, 1].
 * @returns Brier score in [0, 1].
 */
export function brier(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkBinary(labels, probabilities, 'brier');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i]!;
    if (p < 0 || p > 1) throw new RangeError('brier: probabilities must be in [0, 1]');
    sum += (p - labels[i]!) ** 2;
  }
  return sum / labels.length;
}
