import type pg from 'pg';
import {
  type Clock,
  createAccessRepository,
  createAccessService,
  createAdminRepository,
  createAdminService,
  createConsentRepository,
  createConsentService,
  createDisputeRepository,
  createDisputeService,
  createRetentionJob,
  createRetentionRepository,
  createRetentionService,
  createVerificationRepository,
  createVerificationService,
} from './modules/access/index.js';
import {
  createRegistryFeatureReader,
  createRegistryReportReader,
  createRegistryService,
  createRegistryTrustStore,
  type OpenDisputeLookup,
} from './modules/registry/index.js';
import { createPdfRenderer, createReportsRepository, createReportsService } from './modules/reports/index.js';
import {
  createPromotionService,
  createRescoreJobs,
  createScoringReportReader,
  createScoringService,
} from './modules/scoring/index.js';
import type { Config } from './platform/config.js';
import { createJobQueue } from './platform/jobs.js';

export type ServiceDeps = { pool: pg.Pool; config: Config; clock?: Clock };

/**
 * The modules, wired once with plain factories (no container). The HTTP app and the CLI both call this;
 * tests build the same services with their own pool and clock.
 */
export function buildServices(deps: ServiceDeps) {
  const clock = deps.clock ?? { now: () => new Date() };
  const access = createAccessService({
    repository: createAccessRepository(deps.pool),
    clock,
    sessionHours: deps.config.sessionHours,
  });
  const admin = createAdminService({ repository: createAdminRepository(deps.pool), clock });
  const consents = createConsentService({ repository: createConsentRepository(deps.pool), clock });
  // The registry holds the records that disputes, verification and retention are about (narrow stores).
  const trust = createRegistryTrustStore(deps.pool, { clock });
  const disputes = createDisputeService({
    repository: createDisputeRepository(deps.pool),
    records: trust.disputedRecords,
    clock,
  });
  const openDisputes: OpenDisputeLookup = async (enterpriseId) =>
    (
      await createDisputeRepository(deps.pool).listDisputes({ enterpriseId, memberId: null, openOnly: true })
    ).map((row) => ({ id: row.id, recordType: row.record_type, recordId: row.record_id }));
  const verifications = createVerificationService({
    repository: createVerificationRepository(deps.pool),
    clock,
    enterprises: trust.enterpriseDirectory,
  });
  const retention = createRetentionService({
    repository: createRetentionRepository(deps.pool),
    clock,
    store: trust.negativeRecords,
    retentionYears: deps.config.negativeRecordRetentionYears,
  });
  const registry = createRegistryService({
    pool: deps.pool,
    clock,
    config: deps.config,
    authorizeIdentifiedRead: consents.authorizeIdentifiedRead,
    openDisputes,
  });
  const scoring = createScoringService({
    pool: deps.pool,
    clock,
    features: createRegistryFeatureReader(deps.pool),
    authorizeEnterpriseRead: async (input) => {
      await registry.authorizeEnterpriseRead(input);
    },
  });
  const promotions = createPromotionService({ pool: deps.pool, clock });
  // pg-boss in the same database; it starts on first use or when the HTTP server listens
  const jobs = createJobQueue(deps.pool);
  // re-scoring on request; the feature store computed in full for each new day (config.featureRefreshCron)
  const rescoreJobs = createRescoreJobs({
    jobs,
    scoring,
    featureRefreshCron: deps.config.featureRefreshCron,
  });
  // archives expired negative records daily (config.retentionCron) once the server listens
  const retentionJob = createRetentionJob({ jobs, retention, cron: deps.config.retentionCron });
  const reports = createReportsService({
    registry: createRegistryReportReader(deps.pool, { openDisputes }),
    scoringReader: createScoringReportReader(deps.pool),
    scoring,
    authorizeIdentifiedRead: consents.authorizeIdentifiedRead,
    disputes: createDisputeRepository(deps.pool),
    accessLog: createConsentRepository(deps.pool),
    // Chromium starts on the first PDF only; whoever builds the services closes it (reports.close()).
    pdf: createPdfRenderer(),
    repository: createReportsRepository(deps.pool),
    clock,
  });
  return {
    access,
    admin,
    consents,
    disputes,
    verifications,
    retention,
    retentionJob,
    registry,
    scoring,
    promotions,
    rescoreJobs,
    jobs,
    reports,
    clock,
  };
}

export type Services = ReturnType<typeof buildServices>;
