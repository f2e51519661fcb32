export { validateCreditCode } from './domain/credit-code.js';
export { importSubmission, type ImportOutcome, type SubmissionMode } from './import/importer.js';
export { FILE_FORMATS, type FileFormat } from './import/row-source.js';
export { KIND_SPECS, SUBMISSION_KINDS, type SubmissionKind } from './import/submission-kinds.js';
export { registerRegistryRoutes } from './registry.routes.js';
export { createRegistryService, type RegistryService } from './registry.service.js';
