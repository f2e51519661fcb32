/**
 * Population stability index between two distributions over the same bins:
 * Σ (A_i − E_i) · ln(A_i / E_i), with shares; an empty bin's share is replaced by 0.0001.
 * Bands: < 0.1 stable, 0.1–0.25 minor shift, > 0.25 major shift.
 * @param expected - counts (or shares) per bin in the reference population.
 * @param actual - counts (or shares) per bin in the current population.
 * @returns PSI ≥ 0.
 * @throws RangeError when the bins differ in number or a side has no records.
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length)
    throw new RangeError('psi: expected and actual must have the same bins');
  if (expected.length === 0) throw new RangeError('psi: at least one bin is required');
  let totalE = 0;
  let totalA = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (!(e >= 0) || !(a >= 0)) throw new RangeError('psi: counts must be non-negative numbers');
    totalE += e;
    totalA += a;
  }
  if (totalE === 0 || totalA === 0) throw new RangeError('psi: both distributions must hold records');
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i]! / totalE, 1e-4);
    const a = Math.max(actual[i]! / totalA, 1e-4);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}
