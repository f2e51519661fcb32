export * from './domain/index.js';
export { type ImportOutcome, importSubmission, type SubmissionMode } from './import/importer.js';
export { FILE_FORMATS, type FileFormat } from './import/row-source.js';
export {
  COLLATERAL_TYPES,
  isSubmissionKind,
  KIND_SPECS,
  LOAN_PRODUCTS,
  LOAN_STATUSES,
  PUBLIC_RECORD_TYPES,
  STATEMENT_LINE_FIELDS,
  SUBMISSION_KINDS,
  type SubmissionKind,
} from './import/submission-kinds.js';
export {
  createRegistryFeatureReader,
  type DefaultOutcome,
  type EnterpriseFeatures,
  FEATURE_DEFINITIONS,
  type FeatureDefinition,
  type RegistryFeatureReader,
} from './registry.features.js';
export {
  createRegistryReportReader,
  type InvoiceActivity,
  PEER_STATISTIC_RATIOS,
  type PeerCell,
  type PeerMembership,
  type PeerStatisticRatio,
  type PeerStatisticRow,
  type RegistryReportReader,
  type ReportEnterprise,
  type ReportLoanSnapshot,
  type ReportPublicRecord,
  type ReportStatement,
} from './registry.reports.js';
export { registerRegistryRoutes } from './registry.routes.js';
export type { TRowError, TSubmission } from './registry.schemas.js';
export { createRegistryService, type RegistryService } from './registry.service.js';
export {
  createRegistryTrustStore,
  type OpenDisputeLookup,
  RECORD_TYPES,
  type RecordAnnotation,
} from './registry.trust.js';
