import {
  type ColumnarDataset,
  calibrationByGrade,
  normalizeTarget,
  type ScoringModel,
  scoreBatch,
} from '@creditbridge/scoring';

/** What the model's validation page draws, kept in the stored validation report as `charts`. */
export type ValidationCharts = {
  /** The records the charts describe: every labelled training row, scored by the stored (final) model. */
  sample: 'training';
  n: number;
  events: number;
  /** ROC curve from (0,0) to (1,1), at most ROC_POINTS + 2 points, thresholds descending in PD. */
  roc: Array<{ fpr: number; tpr: number }>;
  /** Score histogram by outcome: `edges` has one more entry than each count array. */
  scoreHistogram: { edges: number[]; defaulted: number[]; notDefaulted: number[] };
  /** Observed default rate against mean predicted PD per master-scale grade. */
  calibration: Array<{ grade: string; n: number; observed: number; predicted: number }>;
};

const ROC_POINTS = 100;
const HISTOGRAM_BINS = 20;

/** ROC points over the distinct PDs (ties form one step), thinned to at most ROC_POINTS inner points. */
function rocCurve(labels: Uint8Array, pd: Float64Array): ValidationCharts['roc'] {
  const order = Array.from(labels.keys()).sort((a, b) => (pd[b] as number) - (pd[a] as number));
  let positives = 0;
  for (const y of labels) positives += y;
  const negatives = labels.length - positives;
  const steps: ValidationCharts['roc'] = [];
  let truePositives = 0;
  let falsePositives = 0;
  for (let k = 0; k < order.length; k++) {
    const row = order[k] as number;
    if (labels[row] === 1) truePositives++;
    else falsePositives++;
    const next = order[k + 1];
    if (next !== undefined && pd[next] === pd[row]) continue;
    steps.push({ fpr: falsePositives / negatives, tpr: truePositives / positives });
  }
  const stride = Math.max(1, Math.ceil(steps.length / ROC_POINTS));
  const thinned = steps.filter((_, index) => index % stride === 0 || index === steps.length - 1);
  return [{ fpr: 0, tpr: 0 }, ...thinned.map((p) => ({ fpr: round(p.fpr), tpr: round(p.tpr) }))];
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function scoreHistogram(labels: Uint8Array, scores: Float64Array): ValidationCharts['scoreHistogram'] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    low = Math.min(low, s);
    high = Math.max(high, s);
  }
  const start = Math.floor(low / 10) * 10;
  const width = Math.max(1, Math.ceil((high - start + 1e-9) / HISTOGRAM_BINS));
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => start + k * width);
  const defaulted = new Array<number>(HISTOGRAM_BINS).fill(0);
  const notDefaulted = new Array<number>(HISTOGRAM_BINS).fill(0);
  scores.forEach((s, row) => {
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor((s - start) / width));
    const counts = labels[row] === 1 ? defaulted : notDefaulted;
    counts[bin] = (counts[bin] as number) + 1;
  });
  return { edges, defaulted, notDefaulted };
}

/**
 * The validation charts of a freshly trained model: ROC curve, score distribution by outcome and
 * calibration by grade, from the training sample scored with the model that is stored. Null when the
 * sample holds only one class (no curve exists).
 */
export function validationChartsOf(
  model: ScoringModel,
  dataset: ColumnarDataset,
  target: ArrayLike<unknown>,
): ValidationCharts | null {
  const raw = normalizeTarget(target);
  const kept: number[] = [];
  raw.forEach((label, row) => {
    if (label >= 0) kept.push(row);
  });
  const labels = Uint8Array.from(kept, (row) => raw[row] as number);
  let events = 0;
  for (const y of labels) events += y;
  if (events === 0 || events === labels.length) return null;
  const scored = scoreBatch(model, dataset);
  const scores = Float64Array.from(kept, (row) => scored.score[row] as number);
  const pds = Float64Array.from(kept, (row) => scored.pd[row] as number);
  return {
    sample: 'training',
    n: labels.length,
    events,
    roc: rocCurve(labels, pds),
    scoreHistogram: scoreHistogram(labels, scores),
    calibration: calibrationByGrade(labels, pds, model.masterScale),
  };
}
