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
} from './modules/access/index.js';
import {
  createRegistryFeatureReader,
  createRegistryReportReader,
  createRegistryService,
} from './modules/registry/index.js';
import { createPdfRenderer, createReportsService } from './modules/reports/index.js';
import {
  createPromotionService,
  createScoringReportReader,
  createScoringService,
} from './modules/scoring/index.js';
import type { Config } from './platform/config.js';

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
  const disputes = createDisputeService({ repository: createDisputeRepository(deps.pool), clock });
  const registry = createRegistryService({
    pool: deps.pool,
    clock,
    config: deps.config,
    authorizeIdentifiedRead: consents.authorizeIdentifiedRead,
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
  const reports = createReportsService({
    registry: createRegistryReportReader(deps.pool),
    scoringReader: createScoringReportReader(deps.pool),
    scoring,
    authorizeIdentifiedRead: consents.authorizeIdentifiedRead,
    disputes: createDisputeRepository(deps.pool),
    accessLog: createConsentRepository(deps.pool),
    // Chromium starts on the first PDF only; whoever builds the services closes it (reports.close()).
    pdf: createPdfRenderer(),
    clock,
  });
  return { access, admin, consents, disputes, registry, scoring, promotions, reports, clock };
}

export type Services = ReturnType<typeof buildServices>;
