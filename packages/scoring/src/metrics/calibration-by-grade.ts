import { gradeOf } from '../model/grade-of.js';
import type { MasterScaleGrade } from '../types.js';
import { checkBinary } from './check-binary.js';

/**
 * Calibration by grade: per master-scale grade, the records, observed default rate and mean predicted PD.
 * @param labels - 0/1 outcomes.
 * @param pds - predicted PDs.
 * @param masterScale - the grades.
 * @returns one row per grade (grades without records included with n = 0).
 */
export function calibrationByGrade(
  labels: ArrayLike<number>,
  pds: ArrayLike<number>,
  masterScale: MasterScaleGrade[],
): { grade: string; n: number; observed: number; predicted: number }[] {
  checkBinary(labels, pds, 'calibrationByGrade');
  const rows = masterScale.map((g) => ({ grade: g.grade, n: 0, events: 0, pd: 0 }));
  const index = new Map(masterScale.map((g, k) => [g.grade, k]));
  for (let i = 0; i < labels.length; i++) {
    const row = rows[index.get(gradeOf(pds[i]!, masterScale))!]!;
    row.n++;
    row.events += labels[i]!;
    row.pd += pds[i]!;
  }
  return rows.map((r) => ({
    grade: r.grade,
    n: r.n,
    observed: r.n ? r.events / r.n : 0,
    predicted: r.n ? r.pd / r.n : 0,
  }));
}
