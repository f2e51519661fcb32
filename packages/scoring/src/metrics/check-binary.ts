import { assertSameLength } from '../internal/util.js';

/** Validates labels (0/1) and finite predictions; returns the number of positives. */
export function checkBinary(labels: ArrayLike<number>, predictions: ArrayLike<number>, what: string): number {
  assertSameLength(labels, predictions, what);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`${what}: labels must be 0 or 1`);
    if (!Number.isFinite(predictions[i])) throw new TypeError(`${what}: predictions must be finite numbers`);
    positives += y;
  }
  return positives;
}
