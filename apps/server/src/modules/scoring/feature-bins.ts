import type { Binning, ColumnarDataset, RecordValue, ScoringModel } from '@creditbridge/scoring';

const MISSING_TEXT = new Set(['na', 'n/a', 'null', 'nan', '?', 'none', '-']);

/** The bin of one value under a model's binning, by the package's rules (bin 0 = missing). */
export function binIndexOf(binning: Binning, value: RecordValue): number {
  if (binning.type === 'numeric') {
    let x: number;
    if (typeof value === 'number') x = value;
    else if (typeof value === 'string') x = value.trim() === '' ? Number.NaN : Number(value.trim());
    else return 0;
    if (Number.isNaN(x)) return 0;
    const special = binning.specialValues.indexOf(x);
    if (special >= 0) return 1 + special;
    let interval = 0;
    while (interval < binning.edges.length && (binning.edges[interval] as number) <= x) interval++;
    return 1 + binning.specialValues.length + interval;
  }
  if (value === null || value === undefined) return 0;
  const text = String(value).trim();
  if (text === '' || MISSING_TEXT.has(text.toLowerCase())) return 0;
  const group = binning.groups.findIndex((levels) => levels.includes(text));
  return group >= 0 ? 1 + group : binning.otherBin;
}

/** Record counts per bin of every main-effect feature of a model. */
export type FeatureBinCounts = Record<string, number[]>;

/** The distributions a model was trained on, kept with the model for drift monitoring (PSI). */
export type MonitoringReference = { scoreEdges: number[]; scoreCounts: number[]; features: FeatureBinCounts };

/** Counts the records of a column-wise data set in each feature's bins. */
export function countFeatureBins(model: ScoringModel, dataset: ColumnarDataset): FeatureBinCounts {
  const byName = new Map(dataset.columns.map((column) => [column.name, column]));
  const counts: FeatureBinCounts = {};
  for (const term of model.features) {
    const bins = new Array<number>(term.labels.length).fill(0);
    const column = byName.get(term.feature);
    const length = dataset.columns[0]?.values.length ?? 0;
    for (let row = 0; row < length; row++) {
      const value = column ? (column.values[row] as RecordValue) : null;
      const bin = binIndexOf(term.binning, value);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    counts[term.feature] = bins;
  }
  return counts;
}

/** Deciles of the scores as bin edges (interval i holds edges[i-1] <= s < edges[i]). */
export function scoreDecileEdges(scores: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(scores).sort();
  const edges: number[] = [];
  for (let decile = 1; decile < 10; decile++) {
    const edge = sorted[Math.floor((decile * sorted.length) / 10)];
    if (edge !== undefined && edges[edges.length - 1] !== edge) edges.push(edge);
  }
  return edges;
}

/** Counts scores into the intervals of `edges` (edges.length + 1 bins). */
export function countScores(scores: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const value = scores[i] as number;
    let bin = 0;
    while (bin < edges.length && (edges[bin] as number) <= value) bin++;
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

/** Adds `more` into `into`, bin by bin. */
export function addCounts(into: number[], more: readonly number[]): void {
  for (let i = 0; i < more.length; i++) into[i] = (into[i] ?? 0) + (more[i] ?? 0);
}
