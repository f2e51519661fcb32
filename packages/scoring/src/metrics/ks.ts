import { checkBinary } from './check-binary.js';

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the cumulative shares of events and non-events
 * over all cut-offs (tied predictions are one cut-off).
 * @param labels - 0/1 outcomes.
 * @param predictions - risk predictions, higher = riskier.
 * @returns KS in [0, 1].
 * @throws RangeError when the labels hold only one class.
 */
export function ks(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  const n = labels.length;
  const positives = checkBinary(labels, predictions, 'ks');
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('ks: labels must contain both classes');
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => predictions[b]! - predictions[a]!);
  let cumBad = 0;
  let cumGood = 0;
  let best = 0;
  let i = 0;
  while (i < n) {
    const v = predictions[order[i]!];
    while (i < n && predictions[order[i]!] === v) {
      if (labels[order[i]!] === 1) cumBad++;
      else cumGood++;
      i++;
    }
    const gap = Math.abs(cumBad / positives - cumGood / negatives);
    if (gap > best) best = gap;
  }
  return best;
}
