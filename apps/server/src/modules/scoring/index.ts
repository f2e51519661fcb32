/**
 * Scoring: features from the registry, training, the model registry (champion/challenger), online and batch
 * scoring with reasons and counterfactuals, and monitoring (PSI, calibration by grade).
 */

export type { TPromotionRequest } from './promotion.schemas.js';
export { createPromotionService, type PromotionService } from './promotion.service.js';
export {
  createRescoreJobs,
  FEATURES_REFRESH_QUEUE,
  RESCORE_QUEUE,
  type RescoreJobs,
} from './rescore.jobs.js';
export {
  createScoringReportReader,
  type ScoreHistoryEntry,
  type ScoreStatistics,
  type ScoringReportReader,
} from './scoring.reports.js';
export { registerScoringRoutes } from './scoring.routes.js';
export type { TEnterpriseScore, TModelDetail, TModelSummary, TMonitoring } from './scoring.schemas.js';
export { createScoringService, type RegistryFeatureSource, type ScoringService } from './scoring.service.js';
