import { asCompiled } from '../runtime/as-compiled.js';
import type { BatchInput } from '../runtime/score-batch.js';
import type { ColumnarDataset, RecordValue, ScoringModel } from '../types.js';
import { psi } from './psi.js';

/**
 * Characteristic stability index per feature: the PSI between the training bin counts stored in the model
 * and the bin distribution of a new population.
 * @param model - a model whose terms carry `counts`.
 * @param input - the new population's columns.
 * @returns CSI per feature (features without stored counts are skipped).
 */
export function csi(model: ScoringModel, input: BatchInput): Record<string, number> {
  const c = asCompiled(model);
  const columns = new Map<string, ArrayLike<RecordValue>>();
  if (Array.isArray((input as ColumnarDataset).columns))
    for (const col of (input as ColumnarDataset).columns) columns.set(col.name, col.values);
  else for (const [k, v] of Object.entries(input)) columns.set(k, v as ArrayLike<RecordValue>);
  const out: Record<string, number> = {};
  model.features.forEach((t, k) => {
    const values = columns.get(t.feature);
    if (!t.counts || !values) return;
    const indexer = c.terms[k]!.indexer;
    const actual = new Array<number>(indexer.binCount).fill(0);
    for (let i = 0; i < values.length; i++) actual[indexer.index(values[i])]!++;
    out[t.feature] = psi(t.counts, actual);
  });
  return out;
}
