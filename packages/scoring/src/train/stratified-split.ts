import { createRandom } from '../internal/util.js';

/**
 * Deterministic stratified split of row indexes into train and validation.
 * @param labels - 0/1 labels.
 * @param validationShare - share of each class put in validation.
 * @param seed - PRNG seed.
 * @returns the train and validation row indexes, ascending.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  validationShare: number,
  seed: number,
): { train: Uint32Array; validation: Uint32Array } {
  const random = createRandom(seed);
  const isValidation = new Uint8Array(labels.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = rows[i]!;
      rows[i] = rows[j]!;
      rows[j] = t;
    }
    const k = Math.round(rows.length * validationShare);
    for (let i = 0; i < k; i++) isValidation[rows[i]!] = 1;
  }
  let nv = 0;
  for (let i = 0; i < labels.length; i++) nv += isValidation[i]!;
  const train = new Uint32Array(labels.length - nv);
  const validation = new Uint32Array(nv);
  let a = 0;
  let b = 0;
  for (let i = 0; i < labels.length; i++) {
    if (isValidation[i]) validation[b++] = i;
    else train[a++] = i;
  }
  return { train, validation };
}
