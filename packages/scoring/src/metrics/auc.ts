import { checkBinary } from './check-binary.js';

/**
 * Area under the ROC curve: the probability that a random positive (event, label 1) gets a higher
 * prediction than a random negative; ties count one half.
 * @param labels - 0/1 outcomes (1 = default).
 * @param predictions - risk predictions, higher = riskier (a PD, or a negated score).
 * @returns AUC in [0, 1].
 * @throws RangeError when the labels hold only one class.
 */
export function auc(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  const n = labels.length;
  const positives = checkBinary(labels, predictions, 'auc');
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('auc: labels must contain both classes');
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => predictions[a]! - predictions[b]!);
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    const v = predictions[order[i]!]!;
    while (j + 1 < n && predictions[order[j + 1]!] === v) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[order[k]!] === 1) rankSum += midRank;
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
