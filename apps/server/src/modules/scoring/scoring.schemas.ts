import { z } from 'zod';

export const ZModelKind = z.enum(['scorecard', 'gam']);
export const ZModelStatus = z.enum(['challenger', 'champion', 'retired']);
export const ZModelSource = z.enum(['registry', 'csv']);
const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD');

export const ZValidationMetrics = z.object({
  n: z.number(),
  auc: z.number(),
  gini: z.number(),
  ks: z.number(),
  brier: z.number(),
  logLoss: z.number(),
});

export const ZModelSummary = z.object({
  id: z.string(),
  kind: ZModelKind,
  version: z.number().int(),
  status: ZModelStatus,
  source: ZModelSource,
  asOf: z.string().nullable(),
  horizonMonths: z.number().int().nullable(),
  trainingDataHash: z.string(),
  metrics: ZValidationMetrics.nullable(),
  features: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TModelSummary = z.infer<typeof ZModelSummary>;

export const ZModelDetail = ZModelSummary.extend({
  /** The points table (format creditbridge.points-table). */
  model: z.record(z.string(), z.unknown()),
  validationReport: z.record(z.string(), z.unknown()),
  promotions: z.array(
    z.object({
      previousChampionId: z.string().nullable(),
      promotedBy: z.string(),
      promotedAt: z.string(),
      reason: z.string().nullable(),
      approvedBy: z.string().nullable(),
    }),
  ),
});
export type TModelDetail = z.infer<typeof ZModelDetail>;

export const ZTrainRequest = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('registry'),
    kind: ZModelKind.default('scorecard'),
    /** Features as of this date; the target is a default within `horizonMonths` after it. */
    asOf: ZIsoDate.optional(),
    horizonMonths: z.number().int().min(1).max(36).default(12),
  }),
  z.object({
    source: z.literal('csv'),
    kind: ZModelKind.default('scorecard'),
    /** The CSV text, header first. */
    csv: z.string().min(1),
    target: z.string().min(1),
    exclude: z.array(z.string()).default([]),
  }),
]);
export type TTrainRequest = z.infer<typeof ZTrainRequest>;

export const ZPromoteRequest = z.object({ reason: z.string().max(500).optional() });

export const ZReason = z.object({
  feature: z.string(),
  bin: z.string(),
  points: z.number(),
  pointsLost: z.number(),
});

export const ZEnterpriseScore = z.object({
  creditCode: z.string(),
  modelId: z.string(),
  modelKind: ZModelKind,
  modelVersion: z.number().int(),
  asOf: z.string(),
  score: z.number(),
  pd: z.number(),
  grade: z.string(),
  reasons: z.array(ZReason),
  counterfactual: z.object({
    fromGrade: z.string(),
    toGrade: z.string().nullable(),
    reachable: z.boolean(),
    changes: z.array(
      z.object({ feature: z.string(), fromBin: z.string(), toBin: z.string(), pointsGained: z.number() }),
    ),
  }),
  computedAt: z.string(),
});
export type TEnterpriseScore = z.infer<typeof ZEnterpriseScore>;

export const ZScoreRecordsRequest = z.object({
  records: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])))
    .max(10_000),
});
export const ZScoredRecord = z.object({ score: z.number(), pd: z.number(), grade: z.string() });

export const ZRescoreRequest = z.object({
  /** incremental: only enterprises whose data changed since their last score with the champion. */
  mode: z.enum(['incremental', 'full']).default('incremental'),
});
export const ZRescoreResult = z.object({
  modelId: z.string(),
  asOf: z.string(),
  enterprises: z.number().int(),
  scored: z.number().int(),
  skipped: z.number().int(),
  seconds: z.number(),
  /**
   * Seconds spent bringing the feature store up to date, reading it (the due rows, chosen in SQL), scoring,
   * and writing scores.
   */
  phases: z
    .object({
      refreshSeconds: z.number().optional(),
      readSeconds: z.number(),
      scoreSeconds: z.number(),
      writeSeconds: z.number(),
    })
    .optional(),
  /** The feature store's refresh before reading: none, only the changed rows, or the full pass (a new date). */
  featureRefresh: z
    .object({ mode: z.enum(['none', 'changed', 'all']), enterprises: z.number().int(), seconds: z.number() })
    .optional(),
});
export type TRescoreResult = z.infer<typeof ZRescoreResult>;

export const ZRescoreJob = z.object({
  jobId: z.string(),
  state: z.enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed']),
  mode: z.enum(['incremental', 'full']),
  /** Enterprises read and scored so far (while running, and when done). */
  progress: z.object({ enterprises: z.number().int(), scored: z.number().int() }).nullable(),
  result: ZRescoreResult.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type TRescoreJob = z.infer<typeof ZRescoreJob>;
export const ZRescoreJobParams = z.object({ jobId: z.string() });

export const ZFeatureRefreshRequest = z.object({
  /** pending: only the stale and missing rows; all: every enterprise as of `asOf` (the registry's full pass). */
  mode: z.enum(['pending', 'all']).default('pending'),
  /** The features' date (default today). */
  asOf: ZIsoDate.optional(),
});

/** A feature store refresh job: state, and its output (progress while running, the result when done). */
export const ZFeatureRefreshJob = z.object({
  jobId: z.string(),
  state: z.enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed']),
  /** While running: { mode, enterprises } computed so far; when done: { mode, enterprises, seconds }. */
  output: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});
export type TFeatureRefreshJob = z.infer<typeof ZFeatureRefreshJob>;

export const ZMonitoringQuery = z.object({
  modelId: z.string().optional(),
  /** Back-test date: the population as of this date is scored and compared with defaults in the 12 months after. */
  outcomeAsOf: ZIsoDate.optional(),
  /** The population's date for the PSI (default today); several dates give PSI over time. */
  asOf: ZIsoDate.optional(),
});
export const ZMonitoring = z.object({
  modelId: z.string(),
  asOf: z.string(),
  population: z.number().int(),
  scorePsi: z.number(),
  features: z.array(z.object({ feature: z.string(), psi: z.number() })),
  calibration: z.object({
    outcomeAsOf: z.string(),
    horizonMonths: z.number().int(),
    n: z.number().int(),
    byGrade: z.array(
      z.object({ grade: z.string(), n: z.number().int(), observed: z.number(), predicted: z.number() }),
    ),
  }),
});
export type TMonitoring = z.infer<typeof ZMonitoring>;
