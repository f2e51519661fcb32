import type { ReasonCode, ScoreResult, ScoringModel, ScoringRecord } from '../types.js';
import { asCompiled } from './as-compiled.js';
import type { CompiledModel } from './compile-model.js';

/**
 * Scores one record: points per feature, score, PD (calibrated, rounded, floored), grade, and reason codes:
 * the features that cost the most points against their best attainable bin, with the bin the record fell in.
 * Missing, unparsable or unknown values never produce NaN: they fall in the missing / other bins.
 * @param model - a model or a compiled model.
 * @param record - the record, keyed by column name (absent columns are missing).
 * @param options.reasons - number of reason codes. @default 4
 * @returns the score result.
 */
export function score(
  model: ScoringModel | CompiledModel,
  record: ScoringRecord,
  options: { reasons?: number } = {},
): ScoreResult {
  const { reasons: topN = 4 } = options;
  const c = asCompiled(model);
  const m = c.model;
  let units = c.interceptUnits;
  const points: Record<string, number> = {};
  const lost: ReasonCode[] = [];
  c.terms.forEach((t, k) => {
    const bin = t.indexer.index(record[t.feature]);
    const u = t.units[bin]!;
    units += u;
    points[t.feature] = u / c.scale;
    if (t.best > u) {
      lost.push({
        feature: t.feature,
        bin: m.features[k]!.labels[bin] ?? String(bin),
        points: u / c.scale,
        pointsLost: (t.best - u) / c.scale,
      });
    }
  });
  c.pairs.forEach((t, k) => {
    const a = t.indexers[0].index(record[t.features[0]]);
    const b = t.indexers[1].index(record[t.features[1]]);
    const u = t.units[a * t.indexers[1].binCount + b]!;
    units += u;
    const name = `${t.features[0]} × ${t.features[1]}`;
    points[name] = u / c.scale;
    if (t.best > u) {
      const labels = m.interactions[k]!.labels;
      lost.push({
        feature: name,
        bin: `${labels[0][a]} | ${labels[1][b]}`,
        points: u / c.scale,
        pointsLost: (t.best - u) / c.scale,
      });
    }
  });
  const s = units / c.scale;
  const pd = c.pdOf(s);
  lost.sort((x, y) => y.pointsLost - x.pointsLost || (x.feature < y.feature ? -1 : 1));
  return { score: s, pd, grade: c.gradeOfPd(pd), points, reasons: lost.slice(0, topN) };
}
