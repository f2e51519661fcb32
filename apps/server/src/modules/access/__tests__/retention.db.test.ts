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
import { buildApp } from '../../../platform/http/app.js';
import { buildServices } from '../../../services.js';
import {
  createRegistryFeatureReader,
  createRegistryReportReader,
  createRegistryTrustStore,
} from '../../registry/index.js';
import type { TActor } from '../access.schemas.js';
import { createRetentionRepository } from '../retention.repository.js';
import { createRetentionService, yearsBefore } from '../retention.service.js';
import { submitRecords } from './trust-records.js';

let database: Database;
let now = new Date(`${TODAY}T12:00:00Z`);
const clock = { now: () => now };
const operator: TActor = actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator');

beforeAll(async () => {
  database = await createTestDatabase();
});

/** An enterprise with a loan written off on 2020-09-30, a judgment that ended on 2020-05-31, a current loan. */
async function enterpriseWithNegativeRecords(config = testConfig()) {
  now = new Date(`${TODAY}T12:00:00Z`);
  const services = buildServices({ pool: database.pool, config, clock });
  const member = await newMember(services);
  const code = newCreditCode();
  await registerEnterprises(services, actorFor(member), [code]);
  const records = await submitRecords(services, database, actorFor(member), code);
  return { services, code, records };
}

const archivedOf = async (table: 'loans' | 'public_records', ids: string[]) =>
  (
    await database.pool.query<{ id: string; archived_at: Date | null; archive_reason: string | null }>(
      `SELECT id::text, archived_at, archive_reason FROM ${table} WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    )
  ).rows;

describe('yearsBefore', () => {
  it('goes back whole calendar years, 29 February falling back to the 28th', () => {
    expect(yearsBefore('2026-06-30', 5)).toBe('2021-06-30');
    expect(yearsBefore('2028-02-29', 5)).toBe('2023-02-28');
    expect(() => yearsBefore('June 2026', 5)).toThrow(
      new TypeError('date must be YYYY-MM-DD; got June 2026'),
    );
  });
});

describe('archiving the registry’s negative records after the retention period', () => {
  it('archives each record exactly 5 years after its event ended, with an entry saying why, and it stops counting', async () => {
    const { services, code, records } = await enterpriseWithNegativeRecords();
    const features = createRegistryFeatureReader(database.pool);
    const featuresOf = async () =>
      (await features.readEnterpriseFeatures({ asOf: '2023-12-31', creditCodes: [code] }))[0]?.values;
    expect(await featuresOf()).toMatchObject({ loan_any_default: 1, pub_court_judgment_5y: 1 });

    now = new Date('2025-05-30T23:59:59Z');
    expect(await services.retention.archiveExpiredNegativeRecords()).toEqual({
      archived: 0,
      cutoff: '2020-05-30',
      retentionYears: 5,
    });
    now = new Date('2025-05-31T00:00:00Z');
    expect(await services.retention.archiveExpiredNegativeRecords({ actor: operator })).toMatchObject({
      archived: 1,
      cutoff: '2020-05-31',
    });
    const [judgment] = await archivedOf('public_records', [records.judgmentId]);
    expect(judgment?.archived_at?.toISOString()).toBe('2025-05-31T00:00:00.000Z');
    expect(judgment?.archive_reason).toContain('negative_record_retention');
    expect(await archivedOf('loans', [records.badLoanDefaultId])).toEqual([
      { id: records.badLoanDefaultId, archived_at: null, archive_reason: null },
    ]);

    now = new Date('2025-09-29T12:00:00Z');
    expect((await services.retention.archiveExpiredNegativeRecords()).archived).toBe(0);
    now = new Date('2025-09-30T00:00:00Z');
    expect((await services.retention.archiveExpiredNegativeRecords()).archived).toBe(2);
    const loans = await archivedOf('loans', [
      records.badLoanDefaultId,
      records.badLoanWrittenOffId,
      records.goodLoanId,
    ]);
    expect(loans.map((loan) => loan.archived_at !== null)).toEqual([true, true, false]);
    // A second run finds nothing more: archiving is idempotent.
    expect((await services.retention.archiveExpiredNegativeRecords()).archived).toBe(0);

    const entries = await database.pool.query(
      `SELECT entity_type, entity_id, actor_user_id, after FROM audit_events
       WHERE action = 'retention.archived'
         AND ((entity_type = 'public_record' AND entity_id = $1) OR (entity_type = 'loan' AND entity_id = ANY($2)))
       ORDER BY at, entity_id`,
      [records.judgmentId, [records.badLoanDefaultId, records.badLoanWrittenOffId]],
    );
    expect(entries.rows).toHaveLength(3);
    expect(entries.rows[0]).toMatchObject({
      entity_type: 'public_record',
      entity_id: records.judgmentId,
      actor_user_id: operator.id,
      after: {
        rule: 'negative_record_retention',
        endedOn: '2020-05-31',
        retentionYears: 5,
        reason: expect.stringContaining('court judgment JUDG-1 ended on 2020-05-31'),
      },
    });
    expect(entries.rows[1]).toMatchObject({
      entity_type: 'loan',
      actor_user_id: null,
      after: { endedOn: '2020-09-30', what: expect.stringContaining('loan BAD-1') },
    });

    // Archived records no longer count: not in scoring features, not in what reports read, not in the registry read.
    expect(await featuresOf()).toMatchObject({ loan_any_default: 0, pub_court_judgment_5y: 0 });
    const reader = createRegistryReportReader(database.pool);
    expect((await reader.listLoanSnapshots(code)).map((loan) => loan.loanRef)).toEqual(['GOOD-1']);
    expect(await reader.listPublicRecords(code)).toEqual([]);
    const detail = await services.registry.getEnterprise({ actor: operator, creditCode: code });
    expect(detail.loans.map((loan) => loan.loanRef)).toEqual(['GOOD-1']);
    expect(detail.publicRecords).toEqual([]);
  });

  it('takes the retention period from its configuration, and finishes a run interrupted before marking', async () => {
    const { services, records } = await enterpriseWithNegativeRecords(
      testConfig({ negativeRecordRetentionYears: 2 }),
    );
    // An earlier run wrote the judgment's archive entry and stopped before marking the record.
    const repository = createRetentionRepository(database.pool);
    now = new Date('2022-05-31T08:00:00Z');
    const store = createRegistryTrustStore(database.pool, { clock }).negativeRecords;
    const pending = (
      await store.listNegativeRecordsEndedBy({ endedOnOrBefore: '2020-05-31', limit: 10 })
    ).filter((record) => record.recordId === records.judgmentId);
    expect(pending).toHaveLength(1);
    await repository.insertArchiveEntries(pending, {
      now,
      cutoff: '2020-05-31',
      today: '2022-05-31',
      retentionYears: 2,
      actorUserId: null,
    });

    const result = await services.retention.archiveExpiredNegativeRecords();
    expect(result).toMatchObject({ cutoff: '2020-05-31', retentionYears: 2 });
    expect((await archivedOf('public_records', [records.judgmentId]))[0]?.archived_at).not.toBeNull();
    const entries = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE action = 'retention.archived' AND entity_type = 'public_record' AND entity_id = $1`,
      [records.judgmentId],
    );
    expect(entries.rows[0]?.n).toBe(1);
    expect(() => createRetentionService({ repository, clock, store, retentionYears: 0 })).toThrow(
      new RangeError('retentionYears must be a positive integer; got 0'),
    );
  });

  it('runs from the operator’s route and refuses everyone else', async () => {
    await enterpriseWithNegativeRecords();
    now = new Date('2031-01-01T00:00:00Z');
    const app = await buildApp({
      pool: database.pool,
      config: testConfig({ webDistDir: '/nonexistent' }),
      clock,
      logger: false,
    });
    try {
      const bank = await app.services.access.createMember({ name: 'Retention bank', kind: 'bank' });
      const opMember = await app.services.access.createMember({ name: 'Operator', kind: 'operator' });
      const tokenOf = async (role: 'operator' | 'analyst', memberId: string) => {
        const user = await app.services.access.createUser({
          login: `retention-${role}`,
          displayName: role,
          password: 'correct horse battery staple',
          role,
          memberId,
        });
        return app.services.access.createApiToken({ userId: user.id, name: 'test', expiresAt: null });
      };
      const run = (token: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/access/retention/run',
          headers: { authorization: `Bearer ${token}` },
        });
      const refused = await run(await tokenOf('analyst', bank.id));
      expect(refused.statusCode).toBe(403);
      const response = await run(await tokenOf('operator', opMember.id));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ cutoff: '2026-01-01', retentionYears: 5 });
      expect(response.json().archived).toBeGreaterThanOrEqual(3);
    } finally {
      await app.close();
    }
  });
});
