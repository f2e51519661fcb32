import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type TRole } from '../src/modules/access/index.js';
import { KIND_SPECS } from '../src/modules/registry/index.js';
import type { Database } from '../src/platform/db/database.js';
import { buildApp } from '../src/platform/http/app.js';
import { type Caller, type Fixture, seedAuthorizationFixture } from './authorization-fixture.js';
import {
  csv,
  ENTERPRISE_HEADER,
  enterpriseRow,
  fixedClock,
  newCreditCode,
  submitText,
  testConfig,
} from './factories.js';
import { createTestDatabase } from './test-database.js';

/**
 * Every route of the OpenAPI document, called without credentials, with a tampered and an expired token,
 * as every role of the wrong party (A asking for B's objects) and as the right party. A route missing
 * from ROUTES fails the test: decide who may call it and add it.
 */

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let fixture: Fixture;
let modelId = 'mdl_missing';
let adminUserSeq = 0;

const PUBLIC_ROUTES: Record<string, string> = {
  'POST /api/v1/auth/login': 'signing in is how a credential is obtained',
  'POST /api/v1/auth/logout': 'clears only the caller’s own cookie; without one it does nothing',
};

type Request = { url: string; payload?: unknown; headers?: Record<string, string> };

type RouteRule = {
  /** Roles that may call the route at all; the others must get 403 (or 404). */
  allowed: readonly TRole[];
  /**
   * The route serves a party's own objects: allowed roles of side A must get B's objects refused, or a 2xx
   * answer holding none of B's identifiers. Platform-wide routes (the scoring models) are not.
   */
  partyScoped: boolean;
  /** Statuses the right party gets; 2xx unless the fixture lacks a business precondition (said why). */
  ok?: readonly number[];
  /** Roles that see other parties' identifiers by design, and why. */
  mayShowOthers?: { roles: readonly TRole[]; why: string };
  /** A leak found by this test and not yet fixed (outside access): asserted by its own `it.fails` below. */
  knownLeak?: { roles: readonly TRole[]; why: string };
  /** Builds the request aimed at B's objects; called once per caller so mutations get fresh objects. */
  request: (caller?: Caller) => Promise<Request> | Request;
};

const STAFF: readonly TRole[] = ['member_admin', 'analyst', 'credit_officer', 'approver'];
const ENTERPRISE: readonly TRole[] = ['enterprise_owner', 'enterprise_finance'];
const EVERYONE: readonly TRole[] = ROLES;

function trainingCsv(): string {
  const rows: string[] = ['x,noise,target'];
  for (let row = 0; row < 400; row++) {
    const x = (row * 37) % 100;
    const noise = (row * 53) % 17;
    rows.push(`${x},${noise},${x + noise * 2 > 70 ? 1 : 0}`);
  }
  return `${rows.join('\n')}\n`;
}

let loanSerial = 0;

/** A new loan of B's enterprise submitted by B's member: each dispute or explanation gets its own record. */
async function freshLoanOfB(): Promise<string> {
  loanSerial++;
  const ref = `AUTHZ-${loanSerial}`;
  const { submission } = await submitText(
    app.services,
    fixture.actorOf('B', 'analyst'),
    'loans',
    csv(
      KIND_SPECS.loans.columns.map((column) => column.name),
      [
        [
          fixture.b.enterprise.creditCode,
          ref,
          'working_capital',
          '100000',
          '2025-01-10',
          '2026-01-10',
          '2025-12-31',
          '50000',
          '0',
          'current',
          '',
          'none',
        ],
      ],
    ),
  );
  if (submission.status !== 'accepted') throw new Error(`setup: ${JSON.stringify(submission.errors)}`);
  const found = await database.pool.query<{ id: string }>(
    'SELECT id::text FROM loans WHERE credit_code = $1 AND loan_ref = $2',
    [fixture.b.enterprise.creditCode, ref],
  );
  return found.rows[0]?.id ?? 'missing';
}

let pendingSerial = 0;

/** A new enterprise user asking to be bound to B's enterprise: a pending verification request. */
async function freshVerificationForB(): Promise<string> {
  pendingSerial++;
  const user = await app.services.access.createUser({
    login: `authz-pending-${pendingSerial}`,
    displayName: 'pending owner of B',
    password: 'correct horse battery staple',
    role: 'enterprise_owner',
    enterpriseId: fixture.b.enterprise.id,
    enterpriseBinding: 'pending',
  });
  const found = await database.pool.query<{ id: string }>(
    "SELECT id FROM enterprise_verifications WHERE user_id = $1 AND status = 'pending'",
    [user.id],
  );
  return found.rows[0]?.id ?? 'missing';
}

const VALID_UNTIL = '2027-06-30T00:00:00Z';

async function freshConsentOfB(): Promise<string> {
  const consent = await app.services.consents.grantConsent({
    actor: fixture.actorOf('B', 'enterprise_owner'),
    memberId: fixture.neutralMemberId,
    purpose: 'credit_assessment',
    scopes: ['report'],
    dataFrom: '2024-01-01',
    dataTo: '2026-06-30',
    validUntil: VALID_UNTIL,
    maxLookups: 5,
  });
  return consent.id;
}

async function freshDisputeAgainstB(): Promise<string> {
  const dispute = await app.services.disputes.raiseDispute({
    actor: fixture.actorOf('B', 'enterprise_owner'),
    recordType: 'loan',
    recordId: await freshLoanOfB(),
    reason: 'this loan was repaid in full',
  });
  return dispute.id;
}

const ROUTES: Record<string, RouteRule> = {
  'GET /api/v1/auth/me': {
    allowed: EVERYONE,
    partyScoped: false,
    request: () => ({ url: '/api/v1/auth/me' }),
  },
  'POST /api/v1/auth/tokens': {
    allowed: EVERYONE,
    partyScoped: false,
    request: () => ({ url: '/api/v1/auth/tokens', payload: { name: 'authz', expiresInDays: 1 } }),
  },
  'GET /api/v1/auth/tokens': {
    allowed: EVERYONE,
    partyScoped: true,
    request: () => ({ url: '/api/v1/auth/tokens' }),
  },
  'POST /api/v1/auth/tokens/{id}/revoke': {
    allowed: EVERYONE,
    partyScoped: true,
    // A asks to revoke B's token; B and the platform revoke a fresh token of their own.
    request: async (caller) => {
      const owner = !caller || caller.side === 'A' ? fixture.actorOf('B', 'enterprise_owner') : caller.actor;
      await app.services.access.createApiToken({ userId: owner.id, name: 'to revoke', expiresAt: null });
      const [newest] = await app.services.access.listApiTokens({ actor: owner });
      return { url: `/api/v1/auth/tokens/${newest?.id}/revoke` };
    },
  },
  'GET /api/v1/access/members': {
    allowed: ['operator', 'member_admin', 'regulator', ...ENTERPRISE],
    partyScoped: false,
    mayShowOthers: {
      roles: ['member_admin', 'regulator', ...ENTERPRISE],
      why: 'the member directory: names and kinds of the platform’s institutions are not credit data',
    },
    request: () => ({ url: '/api/v1/access/members' }),
  },
  'GET /api/v1/access/admin/members': {
    allowed: ['operator', 'member_admin'],
    partyScoped: true,
    request: () => ({ url: '/api/v1/access/admin/members' }),
  },
  'POST /api/v1/access/admin/members': {
    allowed: ['operator'],
    partyScoped: false,
    request: () => ({ url: '/api/v1/access/admin/members', payload: { name: 'authz member', kind: 'bank' } }),
  },
  'GET /api/v1/access/admin/users': {
    allowed: ['operator', 'member_admin'],
    partyScoped: true,
    request: () => ({ url: '/api/v1/access/admin/users' }),
  },
  'POST /api/v1/access/admin/users': {
    allowed: ['operator', 'member_admin'],
    partyScoped: true,
    // A user for B's member: A's member admin is refused, B's and the operator create one.
    request: () => ({
      url: '/api/v1/access/admin/users',
      payload: {
        login: `authz-new-${++adminUserSeq}`,
        displayName: 'new analyst',
        password: 'a long enough password',
        role: 'analyst',
        memberId: fixture.b.member.id,
      },
    }),
  },
  'PATCH /api/v1/access/admin/users/{id}': {
    allowed: ['operator', 'member_admin'],
    partyScoped: true,
    // A fresh analyst of B each call: A's member admin must not find it.
    request: async () => {
      const user = await app.services.access.createUser({
        login: `authz-patch-${++adminUserSeq}`,
        displayName: 'analyst of B',
        password: 'a long enough password',
        role: 'analyst',
        memberId: fixture.b.member.id,
      });
      return { url: `/api/v1/access/admin/users/${user.id}`, payload: { role: 'credit_officer' } };
    },
  },
  'POST /api/v1/access/consents': {
    allowed: [...ENTERPRISE, 'operator'],
    partyScoped: true,
    request: () => ({
      url: '/api/v1/access/consents',
      payload: {
        enterpriseId: fixture.b.enterprise.id,
        memberId: fixture.neutralMemberId,
        purpose: 'credit_assessment',
        scopes: ['report'],
        dataFrom: '2024-01-01',
        dataTo: '2026-06-30',
        validUntil: VALID_UNTIL,
        maxLookups: 3,
      },
    }),
  },
  'GET /api/v1/access/consents': {
    allowed: [...ENTERPRISE, ...STAFF, 'operator'],
    partyScoped: true,
    request: () => ({ url: '/api/v1/access/consents' }),
  },
  'POST /api/v1/access/consents/{id}/revoke': {
    allowed: [...ENTERPRISE, 'operator'],
    partyScoped: true,
    request: async () => ({ url: `/api/v1/access/consents/${await freshConsentOfB()}/revoke` }),
  },
  'GET /api/v1/access/my/access-log': {
    allowed: ENTERPRISE,
    partyScoped: true,
    request: () => ({ url: '/api/v1/access/my/access-log' }),
  },
  'GET /api/v1/access/access-log.csv': {
    allowed: ['operator'],
    partyScoped: true,
    request: () => ({ url: `/api/v1/access/access-log.csv?enterpriseId=${fixture.b.enterprise.id}` }),
  },
  'POST /api/v1/access/disputes': {
    // A's enterprise users aim at B's loan: not a record of their enterprise, so 404.
    allowed: ENTERPRISE,
    partyScoped: true,
    request: async () => ({
      url: '/api/v1/access/disputes',
      payload: { recordType: 'loan', recordId: await freshLoanOfB(), reason: 'this loan was repaid in full' },
    }),
  },
  'GET /api/v1/access/disputes': {
    allowed: [...ENTERPRISE, ...STAFF, 'operator'],
    partyScoped: true,
    request: () => ({ url: '/api/v1/access/disputes' }),
  },
  'POST /api/v1/access/enterprise-verifications': {
    allowed: ENTERPRISE,
    partyScoped: false,
    // Every enterprise user of the fixture is bound already, so asking again is a conflict, never a binding.
    ok: [409],
    request: () => ({
      url: '/api/v1/access/enterprise-verifications',
      payload: { creditCode: fixture.b.enterprise.creditCode },
    }),
  },
  'GET /api/v1/access/enterprise-verifications': {
    allowed: [...ENTERPRISE, 'member_admin', 'credit_officer', 'operator'],
    partyScoped: true,
    request: () => ({ url: '/api/v1/access/enterprise-verifications' }),
  },
  'POST /api/v1/access/enterprise-verifications/{id}/attest': {
    // Only a member that submitted B's data (B's) or the operator attests a binding to B.
    allowed: ['member_admin', 'credit_officer', 'operator'],
    partyScoped: true,
    request: async () => ({
      url: `/api/v1/access/enterprise-verifications/${await freshVerificationForB()}/attest`,
      payload: { note: 'known client' },
    }),
  },
  'POST /api/v1/access/retention/run': {
    allowed: ['operator'],
    partyScoped: false,
    request: () => ({ url: '/api/v1/access/retention/run' }),
  },
  'PUT /api/v1/registry/my/records/{recordType}/{recordId}/explanation': {
    allowed: ENTERPRISE,
    partyScoped: true,
    request: async () => ({
      url: `/api/v1/registry/my/records/loan/${await freshLoanOfB()}/explanation`,
      payload: { explanation: 'the loan was restructured by agreement' },
    }),
  },
  'POST /api/v1/access/disputes/{id}/answer': {
    allowed: STAFF,
    partyScoped: true,
    request: async () => ({
      url: `/api/v1/access/disputes/${await freshDisputeAgainstB()}/answer`,
      payload: { outcome: 'upheld', reply: 'checked against the ledger: the record stands' },
    }),
  },
  'GET /api/v1/access/disputes/attention': {
    allowed: ['operator'],
    partyScoped: true,
    request: () => ({ url: '/api/v1/access/disputes/attention' }),
  },
  'GET /api/v1/registry/kinds': {
    allowed: EVERYONE,
    partyScoped: false,
    request: () => ({ url: '/api/v1/registry/kinds' }),
  },
  'POST /api/v1/registry/submissions': {
    allowed: [...STAFF, 'operator'],
    partyScoped: true,
    request: () => ({
      url: '/api/v1/registry/submissions?kind=enterprises',
      headers: { 'content-type': 'text/csv', 'x-file-name': 'authz.csv' },
      payload: csv(ENTERPRISE_HEADER, [enterpriseRow(newCreditCode())]),
    }),
  },
  'GET /api/v1/registry/submissions': {
    allowed: [...STAFF, 'operator'],
    partyScoped: true,
    request: () => ({ url: '/api/v1/registry/submissions' }),
  },
  'GET /api/v1/registry/submissions/{id}': {
    allowed: [...STAFF, 'operator'],
    partyScoped: true,
    request: () => ({ url: `/api/v1/registry/submissions/${fixture.b.submissionId}` }),
  },
  'GET /api/v1/registry/submissions/{id}/errors.csv': {
    allowed: [...STAFF, 'operator'],
    partyScoped: true,
    request: () => ({ url: `/api/v1/registry/submissions/${fixture.b.submissionId}/errors.csv` }),
  },
  'GET /api/v1/registry/quality': {
    allowed: [...STAFF, 'operator', 'regulator'],
    partyScoped: true,
    mayShowOthers: { roles: ['regulator'], why: 'the regulator supervises every member’s data quality' },
    request: () => ({ url: '/api/v1/registry/quality' }),
  },
  'GET /api/v1/registry/enterprises': {
    allowed: [...STAFF, 'operator'],
    partyScoped: true,
    mayShowOthers: {
      roles: STAFF,
      why: 'registration search: credit codes and names are public registration data (see the report: it also shows sourceCount)',
    },
    request: () => ({
      url: `/api/v1/registry/enterprises?q=${encodeURIComponent(fixture.b.enterprise.name)}`,
    }),
  },
  'GET /api/v1/registry/enterprises/{creditCode}': {
    // The regulator reaches the consent check (and is logged) but is refused: it reads aggregates only.
    allowed: [...STAFF, ...ENTERPRISE, 'operator'],
    partyScoped: true,
    request: () => ({ url: `/api/v1/registry/enterprises/${fixture.b.enterprise.creditCode}` }),
  },
  'GET /api/v1/reports/enterprises/{creditCode}': {
    // The regulator reaches the consent check (and is logged) but is refused: it reads aggregates only.
    allowed: [...STAFF, ...ENTERPRISE, 'operator'],
    partyScoped: true,
    request: () => ({ url: `/api/v1/reports/enterprises/${fixture.b.enterprise.creditCode}` }),
  },
  'GET /api/v1/reports/my/diagnosis': {
    allowed: ENTERPRISE,
    partyScoped: true,
    request: () => ({ url: '/api/v1/reports/my/diagnosis' }),
  },
  'GET /api/v1/reports/peer-statistics': {
    allowed: [...STAFF, 'operator', 'regulator'],
    partyScoped: false,
    request: () => ({ url: '/api/v1/reports/peer-statistics?year=2025' }),
  },
  'POST /api/v1/reports/peer-statistics/snapshots': {
    allowed: ['operator'],
    partyScoped: false,
    request: () => ({ url: '/api/v1/reports/peer-statistics/snapshots', payload: { year: 2025 } }),
  },
  'GET /api/v1/reports/peer-statistics/snapshots': {
    allowed: [...STAFF, 'operator', 'regulator'],
    partyScoped: false,
    request: () => ({ url: '/api/v1/reports/peer-statistics/snapshots?year=2025' }),
  },
  'GET /api/v1/reports/peer-statistics/snapshots/{year}/{version}': {
    allowed: [...STAFF, 'operator', 'regulator'],
    partyScoped: false,
    // Before the operator has published one, there is none to read.
    ok: [404],
    request: () => ({ url: '/api/v1/reports/peer-statistics/snapshots/2025/latest' }),
  },
  'GET /api/v1/reports/sample-data': {
    allowed: [...STAFF, 'operator', 'regulator'],
    partyScoped: false,
    request: () => ({ url: '/api/v1/reports/sample-data?format=csv' }),
  },
  'GET /api/v1/scoring/models': {
    allowed: ['operator', ...STAFF],
    partyScoped: false,
    request: () => ({ url: '/api/v1/scoring/models' }),
  },
  'GET /api/v1/scoring/models/{id}': {
    allowed: ['operator', ...STAFF],
    partyScoped: false,
    request: () => ({ url: `/api/v1/scoring/models/${modelId}` }),
  },
  'POST /api/v1/scoring/models': {
    allowed: ['operator', 'analyst'],
    partyScoped: false,
    request: () => ({
      url: '/api/v1/scoring/models',
      payload: { source: 'csv', kind: 'scorecard', csv: trainingCsv(), target: 'target' },
    }),
  },
  'POST /api/v1/scoring/models/{id}/promotion-requests': {
    allowed: ['operator', 'analyst'],
    partyScoped: false,
    // The fixture's model is CSV-trained, which cannot become the registry champion: the gate passes, then 409.
    ok: [409],
    request: () => ({
      url: `/api/v1/scoring/models/${modelId}/promotion-requests`,
      payload: { reason: 'authz' },
    }),
  },
  'GET /api/v1/scoring/promotion-requests': {
    allowed: ['operator', ...STAFF],
    partyScoped: false,
    request: () => ({ url: '/api/v1/scoring/promotion-requests' }),
  },
  'POST /api/v1/scoring/promotion-requests/{id}/approve': {
    allowed: ['operator', 'approver'],
    partyScoped: false,
    // No registry-trained model, so no request to decide: the gate passes, then 404.
    ok: [404],
    request: () => ({ url: '/api/v1/scoring/promotion-requests/prq_missing/approve', payload: {} }),
  },
  'POST /api/v1/scoring/promotion-requests/{id}/reject': {
    allowed: ['operator', 'approver'],
    partyScoped: false,
    ok: [404],
    request: () => ({ url: '/api/v1/scoring/promotion-requests/prq_missing/reject', payload: {} }),
  },
  'POST /api/v1/scoring/models/{id}/score': {
    allowed: ['operator', 'analyst'],
    partyScoped: false,
    request: () => ({
      url: `/api/v1/scoring/models/${modelId}/score`,
      payload: { records: [{ x: 50, noise: 3 }] },
    }),
  },
  'GET /api/v1/scoring/enterprises/{creditCode}/score': {
    allowed: [...STAFF, 'operator', ...ENTERPRISE],
    partyScoped: true,
    // No registry-trained champion in this fixture: the right party passes the consent check, then 409.
    ok: [409],
    request: () => ({ url: `/api/v1/scoring/enterprises/${fixture.b.enterprise.creditCode}/score` }),
  },
  'POST /api/v1/scoring/rescore': {
    allowed: ['operator'],
    partyScoped: false,
    // Queues a background job (202); the job itself then ends refused (the CSV-trained champion cannot
    // score registry enterprises).
    request: () => ({ url: '/api/v1/scoring/rescore', payload: { mode: 'incremental' } }),
  },
  'GET /api/v1/scoring/rescore/{jobId}': {
    allowed: ['operator'],
    partyScoped: false,
    ok: [404],
    request: () => ({ url: '/api/v1/scoring/rescore/00000000-0000-0000-0000-000000000000' }),
  },
  'POST /api/v1/scoring/features/refresh': {
    allowed: ['operator'],
    partyScoped: false,
    // Queues a background job (202) that refreshes what is pending in the fixture's feature store.
    request: () => ({ url: '/api/v1/scoring/features/refresh', payload: { mode: 'pending' } }),
  },
  'GET /api/v1/scoring/features/refresh/{jobId}': {
    allowed: ['operator'],
    partyScoped: false,
    ok: [404],
    request: () => ({ url: '/api/v1/scoring/features/refresh/00000000-0000-0000-0000-000000000000' }),
  },
  'GET /api/v1/scoring/monitoring': {
    allowed: ['operator', 'analyst'],
    partyScoped: false,
    ok: [409],
    request: () => ({ url: '/api/v1/scoring/monitoring' }),
  },
};

type Operation = { method: string; path: string; key: string; isPublic: boolean };

async function operations(): Promise<Operation[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  const document = response.json() as {
    security?: unknown[];
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const method of Object.keys(methods)) {
      const key = `${method.toUpperCase()} ${path}`;
      found.push({ method: method.toUpperCase(), path, key, isPublic: key in PUBLIC_ROUTES });
    }
  }
  return found;
}

async function call(method: string, request: Request, token?: string) {
  return app.inject({
    method: method as 'GET',
    url: request.url,
    ...(request.payload === undefined
      ? {}
      : { payload: request.payload as string | Record<string, unknown> }),
    headers: { ...(request.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

function ruleOf(key: string): RouteRule {
  const rule = ROUTES[key];
  if (!rule) {
    throw new Error(
      `route ${key} is in the OpenAPI document but not in ROUTES of test/authorization.db.test.ts: add it with the roles allowed to call it`,
    );
  }
  return rule;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    pool: database.pool,
    config: testConfig({ webDistDir: '/nonexistent' }),
    clock: fixedClock,
    logger: false,
  });
  fixture = await seedAuthorizationFixture(app, database);
  const trained = await call(
    'POST',
    await ruleOf('POST /api/v1/scoring/models').request(),
    fixture.tokenOf('platform', 'operator'),
  );
  expect(trained.statusCode, trained.body).toBe(201);
  modelId = trained.json().model.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('authorization of every route in the OpenAPI document', () => {
  it('has a rule for every route, and no rule for a route that is gone', async () => {
    const keys = (await operations()).map((operation) => operation.key);
    const missing = keys.filter((key) => !(key in ROUTES) && !(key in PUBLIC_ROUTES));
    expect(
      missing,
      `add these routes to ROUTES in test/authorization.db.test.ts with the roles allowed to call them`,
    ).toEqual([]);
    const stale = Object.keys(ROUTES).filter((key) => !keys.includes(key));
    expect(stale, 'these ROUTES entries name routes that no longer exist').toEqual([]);
  });

  it('serves the public documents without credentials', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });

  it('sends a content security policy that still lets the docs load their scripts, and no HSTS over HTTP', async () => {
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    const api = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(api.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(api.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers 401 without a credential, and with a tampered or expired token', async () => {
    const operator = fixture.callers.find((caller) => caller.user.role === 'operator');
    if (!operator) throw new Error('no operator');
    const tampered = `${operator.token.slice(0, -2)}${operator.token.endsWith('AA') ? 'BB' : 'AA'}`;
    const expired = await app.services.access.createApiToken({
      userId: operator.user.id,
      name: 'expired',
      expiresAt: new Date(fixedClock.now().getTime() - 1000),
    });
    const failures: string[] = [];
    for (const operation of await operations()) {
      if (operation.isPublic) continue;
      const rule = ROUTES[operation.key];
      if (!rule) continue;
      const request = await rule.request();
      for (const [label, token] of [
        ['no credential', undefined],
        ['tampered token', tampered],
        ['expired token', expired],
        ['forged token', 'cbt_forged'],
      ] as const) {
        const response = await call(operation.method, request, token);
        if (response.statusCode !== 401) failures.push(`${operation.key} (${label}): ${response.statusCode}`);
        else
          expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every role of the wrong party, and never shows B’s identifiers to A', async () => {
    const failures: string[] = [];
    for (const operation of await operations()) {
      if (operation.isPublic) continue;
      // A route without a rule fails the first test, with the message saying what to do.
      const rule = ROUTES[operation.key];
      if (!rule) continue;
      for (const caller of fixture.callers) {
        if (caller.side === 'B' || caller.user.role === 'operator') continue;
        const role = caller.user.role;
        const response = await call(operation.method, await rule.request(caller), caller.token);
        const where = `${operation.key} as ${role} of ${caller.side}`;
        const status = response.statusCode;
        if (!rule.allowed.includes(role)) {
          if (![400, 403, 404].includes(status)) failures.push(`${where}: ${status}, expected 403`);
          continue;
        }
        if (status >= 200 && status < 300) {
          if (rule.mayShowOthers?.roles.includes(role)) continue;
          const leaked = fixture.secretsOfB.filter((secret) => response.body.includes(secret));
          if (leaked.length > 0) failures.push(`${where}: 2xx showing B's ${leaked.join(', ')}`);
        } else if (rule.partyScoped && ![400, 403, 404, 422].includes(status)) {
          failures.push(`${where}: ${status} ${response.body.slice(0, 200)}`);
        } else if (!rule.partyScoped && !(rule.ok ?? []).includes(status)) {
          failures.push(`${where}: ${status} ${response.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('lets the right party and the operator use what is meant for them', async () => {
    const failures: string[] = [];
    for (const operation of await operations()) {
      if (operation.isPublic) continue;
      // A route without a rule fails the first test, with the message saying what to do.
      const rule = ROUTES[operation.key];
      if (!rule) continue;
      for (const caller of fixture.callers) {
        if (caller.side === 'A') continue;
        const role = caller.user.role;
        const response = await call(operation.method, await rule.request(caller), caller.token);
        const where = `${operation.key} as ${role} of ${caller.side}`;
        const status = response.statusCode;
        const isSuccess = (status >= 200 && status < 300) || (rule.ok ?? []).includes(status);
        if (rule.allowed.includes(role) && !isSuccess) {
          failures.push(`${where}: ${status} ${response.body.slice(0, 200)}`);
        }
        if (!rule.allowed.includes(role) && ![400, 403, 404].includes(status)) {
          failures.push(`${where}: ${status}, expected 403`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('scoped, expiring, revocable API tokens', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lets a scoped token do only what its scopes cover, within its role', async () => {
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: bearer(fixture.tokenOf('B', 'analyst')),
      payload: { name: 'read the registry', expiresInDays: 7, scopes: ['registry:read'] },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const token: string = issued.json().token;
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/registry/submissions',
      headers: bearer(token),
    });
    expect(read.statusCode).toBe(200);
    const write = await call('POST', await ruleOf('POST /api/v1/registry/submissions').request(), token);
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ code: 'FORBIDDEN', details: { neededScope: 'registry:write' } });
    const scoring = await app.inject({
      method: 'GET',
      url: '/api/v1/scoring/models',
      headers: bearer(token),
    });
    expect(scoring.statusCode).toBe(403);
    const tokens = await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(token) });
    expect(tokens.statusCode).toBe(403);
  });

  it('lets a write scope read too, and never widens the role', async () => {
    const token = await app.services.access.createApiToken({
      userId: fixture.actorOf('B', 'enterprise_owner').id,
      name: 'registry writer',
      expiresAt: null,
      scopes: ['registry:write'],
    });
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/registry/enterprises/${fixture.b.enterprise.creditCode}`,
      headers: bearer(token),
    });
    expect(read.statusCode).toBe(200);
    const upload = await call('POST', await ruleOf('POST /api/v1/registry/submissions').request(), token);
    expect(upload.statusCode).toBe(403);
  });

  it('refuses to mint a wider token from a scoped one', async () => {
    const token = await app.services.access.createApiToken({
      userId: fixture.actorOf('B', 'analyst').id,
      name: 'narrow',
      expiresAt: null,
      scopes: ['access:write', 'registry:read'],
    });
    for (const scopes of [[], ['registry:write'], ['scoring:read']]) {
      const wider = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: bearer(token),
        payload: { name: 'wider', scopes },
      });
      expect(wider.statusCode, JSON.stringify(scopes)).toBe(403);
    }
    const same = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: bearer(token),
      payload: { name: 'same', scopes: ['registry:read'] },
    });
    expect(same.statusCode).toBe(201);
  });

  it('lists one’s own tokens without secrets, and revokes one at once', async () => {
    const owner = fixture.actorOf('B', 'credit_officer');
    const token = await app.services.access.createApiToken({
      userId: owner.id,
      name: 'to be revoked',
      expiresAt: new Date('2026-12-31T00:00:00Z'),
      scopes: ['registry:read'],
    });
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/tokens',
      headers: bearer(fixture.tokenOf('B', 'credit_officer')),
    });
    expect(list.statusCode).toBe(200);
    const items: Array<{ id: string; name: string; scopes: string[]; expiresAt: string }> = list.json().items;
    const entry = items.find((item) => item.name === 'to be revoked');
    expect(entry).toMatchObject({ scopes: ['registry:read'], expiresAt: '2026-12-31T00:00:00.000Z' });
    expect(list.body).not.toContain(token);
    const otherUsers = await app.inject({
      method: 'POST',
      url: `/api/v1/auth/tokens/${entry?.id}/revoke`,
      headers: bearer(fixture.tokenOf('A', 'credit_officer')),
    });
    expect(otherUsers.statusCode).toBe(404);
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/auth/tokens/${entry?.id}/revoke`,
      headers: bearer(fixture.tokenOf('B', 'credit_officer')),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBe(fixedClock.now().toISOString());
    const after = await app.inject({ method: 'GET', url: '/api/v1/registry/kinds', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
  });
});

describe('rate limits per token', () => {
  it('answers 429 with the error shape past the limit, and again normally in the next minute', async () => {
    let now = new Date('2026-06-30T12:00:10Z');
    const limited = await buildApp({
      pool: database.pool,
      config: testConfig({ webDistDir: '/nonexistent', rateLimitPerMinute: 3 }),
      clock: { now: () => now },
      logger: false,
    });
    try {
      const get = (token: string) =>
        limited.inject({
          method: 'GET',
          url: '/api/v1/registry/kinds',
          headers: { authorization: `Bearer ${token}` },
        });
      const token = fixture.tokenOf('B', 'analyst');
      for (let request = 0; request < 3; request++) expect((await get(token)).statusCode).toBe(200);
      const refused = await get(token);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringContaining('3 requests'),
        requestId: expect.any(String),
      });
      expect(refused.headers['retry-after']).toBe('50');
      // Another token has its own budget.
      expect((await get(fixture.tokenOf('A', 'analyst'))).statusCode).toBe(200);
      now = new Date('2026-06-30T12:01:00Z');
      expect((await get(token)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
