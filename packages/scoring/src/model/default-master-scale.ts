import type { MasterScaleGrade } from '../types.js';

/**
 * The illustrative 10-grade master scale of DOMAIN.md §5.3: PD bands doubling from 0.10%,
 * grade 9 up to (not including) 100%, grade 10 = default (PD 100%; the last grade catches all).
 * @returns a fresh array of grades, best first.
 */
export function defaultMasterScale(): MasterScaleGrade[] {
  return [
    { grade: '1', pdMax: 0.001 },
    { grade: '2', pdMax: 0.002 },
    { grade: '3', pdMax: 0.004 },
    { grade: '4', pdMax: 0.008 },
    { grade: '5', pdMax: 0.016 },
    { grade: '6', pdMax: 0.032 },
    { grade: '7', pdMax: 0.064 },
    { grade: '8', pdMax: 0.128 },
    { grade: '9', pdMax: 1 },
    { grade: '10', pdMax: 1 },
  ];
}
