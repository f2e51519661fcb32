import { api, buildUrl } from '../api/client';
import { preloadedOr, preloadRead } from '../api/shared-read';

export type ModelKind = 'scorecard' | 'gam';
export type ModelStatus = 'challenger' | 'champion' | 'retired';

export type ValidationMetrics = {
  n: number;
  auc: number;
  gini: number;
  ks: number;
  brier: number;
  logLoss: number;
};

export type ModelSummary = {
  id: string;
  kind: ModelKind;
  version: number;
  status: ModelStatus;
  source: 'registry' | 'csv';
  asOf: string | null;
  horizonMonths: number | null;
  trainingDataHash: string;
  metrics: ValidationMetrics | null;
  features: string[];
  createdBy: string;
  createdAt: string;
};

export type NumericBinning = { type: 'numeric'; edges: number[]; specialValues: number[] };
export type CategoricalBinning = { type: 'categorical'; groups: string[][]; otherBin: number };

export type FeatureTerm = {
  feature: string;
  binning: NumericBinning | CategoricalBinning;
  labels: string[];
  points: number[];
  counts?: number[];
  events?: number[];
  woe?: number[];
};

export type InteractionTerm = {
  features: [string, string];
  labels: [string[], string[]];
  /** Row-major: points[i * labels[1].length + j]. */
  points: number[];
};

export type PointsTable = {
  format: string;
  kind: ModelKind;
  intercept: number;
  scaling: { baseScore: number; baseOdds: number; pdo: number };
  features: FeatureTerm[];
  interactions: InteractionTerm[];
  masterScale: Array<{ grade: string; pdMax: number }>;
};

export type ValidationCharts = {
  sample: 'training';
  n: number;
  events: number;
  roc: Array<{ fpr: number; tpr: number }>;
  scoreHistogram: { edges: number[]; defaulted: number[]; notDefaulted: number[] };
  calibration: Array<{ grade: string; n: number; observed: number; predicted: number }>;
};

export type FeatureReport = {
  feature: string;
  type: 'numeric' | 'text';
  iv: number;
  bins: number;
  selected: boolean;
  reason?: string;
};

export type ValidationReport = {
  rows?: number;
  trainRows?: number;
  validationRows?: number;
  eventRate?: number;
  features?: FeatureReport[];
  notes?: string[];
  /** Absent on models trained before the charts were stored. */
  charts?: ValidationCharts | null;
};

export type ModelDetail = ModelSummary & {
  model: PointsTable;
  validationReport: ValidationReport;
  promotions: Array<{
    previousChampionId: string | null;
    promotedBy: string;
    promotedAt: string;
    reason: string | null;
    approvedBy: string | null;
  }>;
};

export type PromotionStatus = 'pending' | 'approved' | 'rejected';

export type PromotionRequest = {
  id: string;
  modelId: string;
  modelKind: ModelKind;
  modelVersion: number;
  status: PromotionStatus;
  reason: string | null;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
};

export type Monitoring = {
  modelId: string;
  asOf: string;
  population: number;
  scorePsi: number;
  features: Array<{ feature: string; psi: number }>;
};

export type TrainRequest = {
  source: 'registry';
  kind: ModelKind;
  asOf?: string;
  horizonMonths: number;
};

export function listModels(signal?: AbortSignal): Promise<ModelSummary[]> {
  return api.get<{ items: ModelSummary[] }>('/scoring/models', { signal }).then((body) => body.items);
}

export function getModel(id: string, signal?: AbortSignal): Promise<ModelDetail> {
  const path = `/scoring/models/${encodeURIComponent(id)}`;
  return preloadedOr(buildUrl(path), (abort) => api.get<ModelDetail>(path, { signal: abort }), signal);
}

export function trainModel(request: TrainRequest): Promise<{ model: ModelSummary }> {
  return api.post<{ model: ModelSummary }>('/scoring/models', request);
}

export function listPromotionRequests(
  filter: { status?: PromotionStatus; modelId?: string },
  signal?: AbortSignal,
): Promise<PromotionRequest[]> {
  const path = '/scoring/promotion-requests';
  return preloadedOr(
    buildUrl(path, filter),
    (abort) => api.get<{ items: PromotionRequest[] }>(path, { query: filter, signal: abort }),
    signal,
  ).then((body) => body.items);
}

/**
 * Starts the reads of a model's page (the model and its promotion requests, as `getModel` and
 * `listPromotionRequests({ modelId })` make them) while the page's code downloads.
 */
export function preloadModelPage(id: string): void {
  const modelPath = `/scoring/models/${encodeURIComponent(id)}`;
  preloadRead(buildUrl(modelPath), () => api.get<ModelDetail>(modelPath));
  const requestsPath = '/scoring/promotion-requests';
  const filter = { modelId: id };
  preloadRead(buildUrl(requestsPath, filter), () =>
    api.get<{ items: PromotionRequest[] }>(requestsPath, { query: filter }),
  );
}

export function requestPromotion(modelId: string, reason: string): Promise<PromotionRequest> {
  return api.post<PromotionRequest>(
    `/scoring/models/${encodeURIComponent(modelId)}/promotion-requests`,
    reason.trim() ? { reason: reason.trim() } : {},
  );
}

export function decidePromotion(
  id: string,
  decision: 'approve' | 'reject',
  note: string,
): Promise<{ request: PromotionRequest }> {
  return api.post<{ request: PromotionRequest }>(
    `/scoring/promotion-requests/${encodeURIComponent(id)}/${decision}`,
    note.trim() ? { note: note.trim() } : {},
  );
}

export function getMonitoring(
  query: { modelId: string; asOf?: string },
  signal?: AbortSignal,
): Promise<Monitoring> {
  return api.get<Monitoring>('/scoring/monitoring', { query, signal });
}

/** Quarter ends from the model's training date up to today (at most `limit`, the latest kept), then today. */
export function psiDates(trainedAsOf: string | null, today: string, limit = 6): string[] {
  const start = trainedAsOf ?? today;
  const dates: string[] = [];
  let year = Number(start.slice(0, 4));
  let quarter = Math.floor((Number(start.slice(5, 7)) - 1) / 3);
  for (;;) {
    const endMonth = quarter * 3 + 3;
    const last = new Date(Date.UTC(year, endMonth, 0)).toISOString().slice(0, 10);
    if (last >= today) break;
    if (last >= start) dates.push(last);
    quarter += 1;
    if (quarter === 4) {
      quarter = 0;
      year += 1;
    }
  }
  return [...dates.slice(-limit), today];
}
