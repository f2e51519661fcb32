import { beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  newCreditCode,
  newMember,
  registerEnterprises,
  TODAY,
  testConfig,
} from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import { type ReadContext, systemReadContext, withReadContext } from '../../../platform/db/read-context.js';
import { buildServices, type Services } from '../../../services.js';
import { createRegistryReportReader } from '../../registry/index.js';
import type { TActor } from '../access.schemas.js';
import { readContextOf } from '../read-context.js';
import { submitRecords } from './trust-records.js';

/**
 * The second wall: with the acting party set on the transaction, a raw SELECT that forgets every filter
 * still returns only that party's rows. No service is asked here: the database alone decides.
 */

let database: Database;
let services: Services;
const now = new Date(`${TODAY}T12:00:00Z`);
const clock = { now: () => now };
const codeA = newCreditCode();
const codeB = newCreditCode();
let enterpriseA = '';
let enterpriseB = '';
let memberA: Awaited<ReturnType<typeof newMember>>;
let memberB: Awaited<ReturnType<typeof newMember>>;
let lender: Awaited<ReturnType<typeof newMember>>;
let consentId = '';

const TABLES = [
  'statements',
  'loans',
  'public_records',
  'enterprise_sources',
  'enterprise_scores',
  'record_explanations',
] as const;

function owner(enterpriseId: string): TActor {
  return {
    ...actorFor({ id: 'none', name: 'none', kind: 'bank' }, 'enterprise_owner'),
    id: `usr_owner_${enterpriseId}`,
    memberId: null,
    memberName: null,
    memberKind: null,
    enterpriseId,
  };
}

/** The credit codes of every row the context sees in each table, with no WHERE at all. */
async function visibleCodes(context: ReadContext) {
  return withReadContext(database.pool, context, async (client) => {
    const seen: Record<string, string[]> = {};
    for (const table of TABLES) {
      const result = await client.query<{ credit_code: string }>(
        `SELECT DISTINCT credit_code FROM ${table} ORDER BY credit_code`,
      );
      seen[table] = result.rows.map((row) => row.credit_code);
    }
    for (const table of ['consents', 'disputes', 'access_log'] as const) {
      const result = await client.query<{ enterprise_id: string }>(
        `SELECT DISTINCT enterprise_id FROM ${table} ORDER BY enterprise_id`,
      );
      seen[table] = result.rows.map((row) => (row.enterprise_id === enterpriseA ? codeA : codeB));
    }
    return seen;
  });
}

const only = (code: string | null) =>
  Object.fromEntries(
    [...TABLES, 'consents', 'disputes', 'access_log'].map((table) => [table, code === null ? [] : [code]]),
  );

beforeAll(async () => {
  database = await createTestDatabase();
  services = buildServices({ pool: database.pool, config: testConfig(), clock });
  memberA = await newMember(services);
  memberB = await newMember(services);
  lender = await newMember(services);
  await registerEnterprises(services, actorFor(memberA), [codeA]);
  await registerEnterprises(services, actorFor(memberB), [codeB]);
  const recordsA = await submitRecords(services, database, actorFor(memberA), codeA);
  const recordsB = await submitRecords(services, database, actorFor(memberB), codeB);
  const ids = await database.pool.query<{ id: string; credit_code: string }>(
    'SELECT id, credit_code FROM enterprises WHERE credit_code = ANY($1)',
    [[codeA, codeB]],
  );
  enterpriseA = ids.rows.find((row) => row.credit_code === codeA)?.id ?? '';
  enterpriseB = ids.rows.find((row) => row.credit_code === codeB)?.id ?? '';
  // Each enterprise: a score, an explanation, a dispute, a consent to its own submitter, a logged read.
  for (const [code, enterpriseId, records, member] of [
    [codeA, enterpriseA, recordsA, memberA],
    [codeB, enterpriseB, recordsB, memberB],
  ] as const) {
    await database.pool.query(
      `INSERT INTO enterprise_scores (credit_code, model_id, score, pd, grade, reasons) VALUES ($1, 'mdl_x', 600, 0.02, 'B', '[]')`,
      [code],
    );
    await services.registry.explainRecord({
      actor: owner(enterpriseId),
      recordType: 'loan',
      recordId: records.badLoanDefaultId,
      explanation: 'the default followed a flood that closed the plant',
    });
    await services.disputes.raiseDispute({
      actor: owner(enterpriseId),
      recordType: 'loan',
      recordId: records.goodLoanId,
      reason: 'repaid already',
    });
    await services.consents.grantConsent({
      actor: owner(enterpriseId),
      memberId: member.id,
      purpose: 'loan_monitoring',
      scopes: ['report'],
      dataFrom: '2020-01-01',
      dataTo: '2026-06-30',
      validUntil: '2026-12-31T00:00:00Z',
      maxLookups: 5,
    });
    await services.registry.getEnterprise({ actor: owner(enterpriseId), creditCode: code });
    await services.registry.getEnterprise({ actor: actorFor(member), creditCode: code });
  }
  const consent = await services.consents.grantConsent({
    actor: owner(enterpriseB),
    memberId: lender.id,
    purpose: 'credit_assessment',
    scopes: ['report'],
    dataFrom: '2020-01-01',
    dataTo: '2026-06-30',
    validUntil: '2026-07-31T00:00:00Z',
    maxLookups: 5,
  });
  consentId = consent.id;
});

describe('row-level security on identified data', () => {
  it("shows member A only its own rows: a raw SELECT of member B's private rows returns nothing", async () => {
    const aboutA = await visibleCodes(readContextOf(actorFor(memberA), now, { creditCode: codeA }));
    expect(aboutA).toEqual(only(codeA));
    // Even a read that names B's enterprise shows A none of B's rows: A submitted nothing about B and holds no consent.
    const aboutB = await visibleCodes(readContextOf(actorFor(memberA), now, { creditCode: codeB }));
    for (const [table, codes] of Object.entries(aboutB)) expect(codes, table).not.toContain(codeB);
    const direct = await withReadContext(
      database.pool,
      readContextOf(actorFor(memberA), now, { creditCode: codeB }),
      (client) => client.query('SELECT * FROM loans WHERE credit_code = $1', [codeB]),
    );
    expect(direct.rows).toEqual([]);
  });

  it('shows an enterprise its own rows only', async () => {
    expect(await visibleCodes(readContextOf(owner(enterpriseB), now))).toEqual(only(codeB));
    // An enterprise user whose binding is not verified is keyed to nothing.
    expect(await visibleCodes(readContextOf({ ...owner(enterpriseB), enterpriseId: null }, now))).toEqual(
      only(null),
    );
  });

  it('opens the records of an enterprise to a member holding its live consent, and closes them on revocation or expiry', async () => {
    const aboutB = { creditCode: codeB };
    const seen = await visibleCodes(readContextOf(actorFor(lender), now, aboutB));
    // The fact tables of the consenting enterprise, its own consent row, nothing it has not logged.
    for (const table of TABLES) expect(seen[table], table).toEqual([codeB]);
    expect(seen.consents).toEqual([codeB]);
    expect(seen.disputes).toEqual([]);
    expect(seen.access_log).toEqual([]);
    // Only the enterprise the read is about: without it, the consent opens nothing.
    const aboutNothing = await visibleCodes(readContextOf(actorFor(lender), now));
    for (const table of TABLES) expect(aboutNothing[table], table).toEqual([]);

    const expired = await visibleCodes(
      readContextOf(actorFor(lender), new Date('2026-07-31T00:00:00Z'), aboutB),
    );
    for (const table of TABLES) expect(expired[table], table).toEqual([]);

    await services.consents.revokeConsent({ actor: owner(enterpriseB), id: consentId });
    const revoked = await visibleCodes(readContextOf(actorFor(lender), now, aboutB));
    for (const table of TABLES) expect(revoked[table], table).toEqual([]);
  });

  it("filters the credit report's record reads the same way: the reader run as a party sees only what the wall allows", async () => {
    const reader = createRegistryReportReader(database.pool);
    const asOf = TODAY;
    const readAll = async (context?: ReadContext) => ({
      statements: (await reader.listAnnualStatements(codeA, 3, context)).length,
      loans: (await reader.listLoanSnapshots(codeA, context)).length,
      publicRecords: (await reader.listPublicRecords(codeA, context)).length,
      invoices: (await reader.readInvoiceActivity(codeA, asOf, 120, context)).invoices,
    });
    const platform = await readAll();
    expect(platform.statements).toBeGreaterThan(0);
    expect(platform.loans).toBeGreaterThan(0);
    // The submitting member and the enterprise itself see what the platform sees.
    expect(await readAll(readContextOf(actorFor(memberA), now, { creditCode: codeA }))).toEqual(platform);
    expect(await readAll(readContextOf(owner(enterpriseA), now, { creditCode: codeA }))).toEqual(platform);
    // Member B submitted nothing about A and holds no consent from it: a report read as B finds no record.
    expect(await readAll(readContextOf(actorFor(memberB), now, { creditCode: codeA }))).toEqual({
      statements: 0,
      loans: 0,
      publicRecords: 0,
      invoices: 0,
    });
  });

  it('lets the operator and system jobs through, and shows a regulator no identified row', async () => {
    const both = [codeA, codeB].sort();
    const operatorView = await visibleCodes(
      readContextOf(actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator'), now),
    );
    for (const table of TABLES) expect(operatorView[table], table).toEqual(both);
    const systemView = await visibleCodes(systemReadContext(now));
    for (const table of TABLES) expect(systemView[table], table).toEqual(both);
    const regulator = await visibleCodes(
      readContextOf({ ...actorFor(lender), role: 'regulator' }, now, { creditCode: codeB }),
    );
    expect(regulator).toEqual(only(null));
  });

  it('is read-only and leaves no context on the pooled connection', async () => {
    await expect(
      withReadContext(database.pool, systemReadContext(now), (client) =>
        client.query("UPDATE loans SET status = 'closed'"),
      ),
    ).rejects.toThrow(/read-only transaction|permission denied/);
    const after = await database.pool.query<{ role: string; member: string | null; user: string }>(
      "SELECT current_setting('app.role', true) AS role, current_setting('app.member_id', true) AS member, current_user AS user",
    );
    expect(after.rows[0]?.role ?? '').toBe('');
    expect(after.rows[0]?.member ?? '').toBe('');
    expect(after.rows[0]?.user).not.toBe('creditbridge_app');
  });
});
