import { auc } from './auc.js';

/**
 * Gini coefficient (accuracy ratio, AR) = 2·AUC − 1.
 * @param labels - 0/1 outcomes.
 * @param predictions - risk predictions, higher = riskier.
 * @returns Gini in [−1, 1].
 */
export function gini(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  return 2 * auc(labels, predictions) - 1;
}
