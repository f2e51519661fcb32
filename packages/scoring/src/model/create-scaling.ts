import { assertFinite } from '../internal/util.js';
import type { Scaling } from '../types.js';

/**
 * Scorecard scaling: `score = offset + factor · ln(odds good:bad)`, `factor = pdo / ln 2`,
 * `offset = baseScore − factor · ln(baseOdds)`.
 * @param options.baseScore - score at the base odds. @default 600
 * @param options.baseOdds - good:bad odds at the base score. @default 50
 * @param options.pdo - points to double the odds. @default 20
 * @returns the scaling with its factor and offset.
 * @throws RangeError when baseOdds or pdo are not positive.
 */
export function createScaling(
  options: { baseScore?: number; baseOdds?: number; pdo?: number } = {},
): Scaling {
  const { baseScore = 600, baseOdds = 50, pdo = 20 } = options;
  assertFinite(baseScore, 'baseScore');
  assertFinite(baseOdds, 'baseOdds');
  assertFinite(pdo, 'pdo');
  if (baseOdds <= 0) throw new RangeError('baseOdds must be positive');
  if (pdo <= 0) throw new RangeError('pdo must be positive');
  const factor = pdo / Math.LN2;
  const offset = baseScore - factor * Math.log(baseOdds);
  return { baseScore, baseOdds, pdo, factor, offset };
}
