import type { Binning, CounterfactualChange, RecordValue, ScoringModel, ScoringRecord } from '../types.js';
import { asCompiled } from './as-compiled.js';
import type { CompiledModel } from './compile-model.js';
import { score } from './score.js';

/** A value that falls into bin `bin` of a binning (undefined for the missing bin). */
function representative(binning: Binning, bin: number): RecordValue | undefined {
  if (bin === 0) return undefined;
  if (binning.type === 'categorical') {
    if (bin <= binning.groups.length && binning.groups[bin - 1]!.length > 0)
      return binning.groups[bin - 1]![0];
    return bin === binning.otherBin ? '\u0000unlisted level' : undefined;
  }
  const S = binning.specialValues.length;
  if (bin <= S) return binning.specialValues[bin - 1];
  const i = bin - 1 - S;
  const e = binning.edges;
  if (e.length === 0) return 0;
  if (i === 0) return e[0]! - Math.max(1, Math.abs(e[0]!));
  return e[i - 1]!;
}

/**
 * Counterfactual: the fewest feature changes that move a record up at least one grade. Greedy: at each step
 * the single feature change (to any bin of that feature's term, missing excluded) with the largest score
 * gain is applied; for a purely additive model this yields the fewest changes.
 * @param model - a model or a compiled model.
 * @param record - the record.
 * @param options.maxChanges - most changes tried. @default 5
 * @returns the current and target grade, whether it is reachable, and the changes in order.
 */
export function counterfactual(
  model: ScoringModel | CompiledModel,
  record: ScoringRecord,
  options: { maxChanges?: number } = {},
): {
  fromGrade: string;
  toGrade: string | null;
  reachable: boolean;
  score: number;
  changes: CounterfactualChange[];
} {
  const { maxChanges = 5 } = options;
  const c = asCompiled(model);
  const grades = c.model.masterScale.map((g) => g.grade);
  const start = score(c, record, { reasons: 0 });
  const from = grades.indexOf(start.grade);
  if (from <= 0)
    return { fromGrade: start.grade, toGrade: null, reachable: false, score: start.score, changes: [] };
  const current: ScoringRecord = { ...record };
  const changes: CounterfactualChange[] = [];
  let now = start;
  const changed = new Set<string>();
  while (changes.length < maxChanges) {
    let best: { feature: string; value: RecordValue; toBin: string; fromBin: string; gain: number } | null =
      null;
    c.model.features.forEach((term, k) => {
      if (changed.has(term.feature)) return;
      const indexer = c.terms[k]!.indexer;
      const currentBin = indexer.index(current[term.feature]);
      for (let bin = 1; bin < indexer.binCount; bin++) {
        if (bin === currentBin) continue;
        const value = representative(term.binning, bin);
        if (value === undefined) continue;
        const trial = score(c, { ...current, [term.feature]: value }, { reasons: 0 });
        const gain = trial.score - now.score;
        if (gain > 0 && (!best || gain > best.gain)) {
          best = {
            feature: term.feature,
            value,
            toBin: term.labels[bin]!,
            fromBin: term.labels[currentBin]!,
            gain,
          };
        }
      }
    });
    if (!best) break;
    const b: { feature: string; value: RecordValue; toBin: string; fromBin: string; gain: number } = best;
    current[b.feature] = b.value;
    changed.add(b.feature);
    changes.push({
      feature: b.feature,
      fromBin: b.fromBin,
      toBin: b.toBin,
      pointsGained: Math.round(b.gain * c.scale) / c.scale,
    });
    now = score(c, current, { reasons: 0 });
    if (grades.indexOf(now.grade) < from) {
      return { fromGrade: start.grade, toGrade: now.grade, reachable: true, score: now.score, changes };
    }
  }
  return { fromGrade: start.grade, toGrade: null, reachable: false, score: now.score, changes };
}
