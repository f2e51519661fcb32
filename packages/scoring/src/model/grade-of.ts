import type { MasterScaleGrade } from '../types.js';

/**
 * The grade of a PD on a master scale: the first grade whose `pdMax` is greater than the PD; the last
 * grade catches every PD above (its own `pdMax` is not compared).
 * @param pd - probability of default in [0, 1].
 * @param masterScale - grades, best first, with increasing `pdMax`.
 * @returns the grade label.
 * @throws RangeError when the PD is outside [0, 1] or the scale is empty.
 */
export function gradeOf(pd: number, masterScale: MasterScaleGrade[]): string {
  if (!(pd >= 0 && pd <= 1)) throw new RangeError('gradeOf: pd must be in [0, 1]');
  if (masterScale.length === 0) throw new RangeError('gradeOf: the master scale has no grades');
  const last = masterScale.length - 1;
  for (let i = 0; i < last; i++) if (pd < masterScale[i]!.pdMax) return masterScale[i]!.grade;
  return masterScale[last]!.grade;
}
