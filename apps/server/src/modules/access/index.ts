export { actorOf, createAuthHook, hasScope, requireActor, scopeNeededFor } from './access.guards.js';
export { createAccessRepository } from './access.repository.js';
export { registerAccessRoutes } from './access.routes.js';
export * from './access.schemas.js';
export { type AccessService, type Clock, createAccessService, SESSION_COOKIE } from './access.service.js';
export { createAdminRepository } from './admin.repository.js';
export { registerAdminRoutes } from './admin.routes.js';
export type { TAdminMember, TAdminUser } from './admin.schemas.js';
export { type AdminService, createAdminService } from './admin.service.js';
export { createConsentRepository } from './consent.repository.js';
export {
  type AuthorizeIdentifiedRead,
  type ConsentService,
  createConsentService,
  type IdentifiedRead,
  type ReadPermit,
} from './consent.service.js';
export { createDisputeRepository } from './dispute.repository.js';
export {
  createDisputeService,
  DEFAULT_DISPUTE_ANSWER_DAYS,
  type DisputedRecordStore,
  type DisputeService,
  deadlineStateOf,
} from './dispute.service.js';
export { platformActor } from './platform-actor.js';
export { createRateLimitHook } from './rate-limit.js';
export { readContextOf } from './read-context.js';
export { createRetentionJob, RETENTION_QUEUE, type RetentionJob } from './retention.jobs.js';
export { createRetentionRepository } from './retention.repository.js';
export {
  NEGATIVE_RECORD_TYPES,
  type NegativeRecord,
  type NegativeRecordStore,
  type TNegativeRecordType,
} from './retention.schemas.js';
export {
  createRetentionService,
  DEFAULT_NEGATIVE_RETENTION_YEARS,
  type RetentionService,
  yearsBefore,
} from './retention.service.js';
export { createVerificationRepository } from './verification.repository.js';
export {
  ATTESTING_MEMBER_ROLES,
  createVerificationService,
  type EnterpriseDirectory,
  type VerificationService,
} from './verification.service.js';
