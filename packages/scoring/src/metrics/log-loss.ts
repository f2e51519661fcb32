import { checkBinary } from './check-binary.js';

/**
 * Mean binary cross-entropy (natural log); probabilities are clipped to [1e-15, 1 − 1e-15].
 * @param labels - 0/1 outcomes.
 * @param probabilities - predicted PDs in [0, 1].
 * @returns log loss ≥ 0.
 */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkBinary(labels, probabilities, 'logLoss');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]!));
    if (probabilities[i]! < 0 || probabilities[i]! > 1) {
      throw new RangeError('logLoss: probabilities must be in [0, 1]');
    }
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}
