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
import { buildServices, type Services } from '../../../services.js';
import { createRegistryReportReader, createRegistryTrustStore } from '../../registry/index.js';
import type { TActor } from '../access.schemas.js';
import { createDisputeRepository } from '../dispute.repository.js';
import { createDisputeService, deadlineStateOf } from '../dispute.service.js';
import { submitRecords } from './trust-records.js';

let database: Database;
let services: Services;
let now = new Date(`${TODAY}T12:00:00Z`);
const clock = { now: () => now };
const DAY = 86_400_000;

let member: Awaited<ReturnType<typeof newMember>>;
let otherMember: Awaited<ReturnType<typeof newMember>>;
const operator: TActor = actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator');
let owner: TActor;
let otherOwner: TActor;
let records: Awaited<ReturnType<typeof submitRecords>>;
let otherRecords: Awaited<ReturnType<typeof submitRecords>>;
const code = newCreditCode();
const otherCode = newCreditCode();

function enterpriseUser(enterpriseId: string, id: string): TActor {
  return {
    ...actorFor({ id: 'none', name: 'none', kind: 'bank' }, 'enterprise_owner'),
    id,
    memberId: null,
    memberName: null,
    memberKind: null,
    enterpriseId,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = buildServices({ pool: database.pool, config: testConfig(), clock });
  member = await newMember(services);
  otherMember = await newMember(services);
  await registerEnterprises(services, actorFor(member), [code]);
  await registerEnterprises(services, actorFor(otherMember), [otherCode]);
  records = await submitRecords(services, database, actorFor(member), code);
  otherRecords = await submitRecords(services, database, actorFor(otherMember), otherCode);
  const ids = await database.pool.query<{ id: string; credit_code: string }>(
    'SELECT id, credit_code FROM enterprises WHERE credit_code = ANY($1)',
    [[code, otherCode]],
  );
  const idOf = (creditCode: string) => ids.rows.find((row) => row.credit_code === creditCode)?.id ?? '';
  owner = enterpriseUser(idOf(code), 'usr_owner');
  otherOwner = enterpriseUser(idOf(otherCode), 'usr_other_owner');
});

const newService = (options: { answerDays?: number; reminderDays?: number } = {}) =>
  createDisputeService({
    repository: createDisputeRepository(database.pool),
    records: createRegistryTrustStore(database.pool, { clock }).disputedRecords,
    clock,
    ...options,
  });

describe('deadline state', () => {
  it('moves from on time to reminder to overdue, and stops once answered', () => {
    const dueAt = new Date('2026-07-20T00:00:00Z');
    expect(deadlineStateOf({ status: 'open', dueAt }, new Date('2026-07-14T23:59:59Z'), 5)).toBe('on_time');
    expect(deadlineStateOf({ status: 'open', dueAt }, new Date('2026-07-15T00:00:00Z'), 5)).toBe('reminder');
    expect(deadlineStateOf({ status: 'open', dueAt }, dueAt, 5)).toBe('overdue');
    expect(deadlineStateOf({ status: 'upheld', dueAt }, new Date('2026-08-01T00:00:00Z'), 5)).toBe(
      'answered',
    );
  });

  it('refuses a reminder window as long as the deadline', () => {
    expect(() => newService({ reminderDays: 20 })).toThrow(
      new RangeError('reminderDays must be an integer in [0, 20); got 20'),
    );
  });
});

describe('which records an enterprise may dispute', () => {
  it("refuses another enterprise's record and an unknown one as not found, and a wrong member as invalid", async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const attempt = (input: {
      recordType: 'loan' | 'statement' | 'public_record';
      recordId: string;
      memberId?: string;
    }) => services.disputes.raiseDispute({ actor: owner, reason: 'this is not right', ...input });
    await expect(attempt({ recordType: 'loan', recordId: otherRecords.goodLoanId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `loan ${otherRecords.goodLoanId} is not a record of your enterprise`,
    });
    await expect(
      attempt({ recordType: 'statement', recordId: otherRecords.statementId }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(attempt({ recordType: 'loan', recordId: 'lon_123' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(attempt({ recordType: 'loan', recordId: '999999999' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      attempt({ recordType: 'loan', recordId: records.goodLoanId, memberId: otherMember.id }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'memberId' } });
    await expect(
      services.disputes.raiseDispute({
        actor: { ...owner, enterpriseId: null },
        recordType: 'loan',
        recordId: records.goodLoanId,
        reason: 'not bound yet',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const count = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM disputes');
    expect(count.rows[0]?.n).toBe(0);
  });
});

describe('disputes', () => {
  it('gives the member 20 days, reminds it, escalates past the deadline, marks the record, and versions the correction', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const raised = await services.disputes.raiseDispute({
      actor: owner,
      recordType: 'loan',
      recordId: records.goodLoanId,
      reason: 'this loan was repaid in full on 2026-03-01',
    });
    expect(raised).toMatchObject({
      status: 'open',
      memberId: member.id,
      deadlineState: 'on_time',
      dueAt: new Date(now.getTime() + 20 * DAY).toISOString(),
    });
    await expect(
      services.disputes.raiseDispute({
        actor: owner,
        recordType: 'loan',
        recordId: records.goodLoanId,
        reason: 'twice the same objection',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { disputeId: raised.id } });

    // Under dispute in the registry's read and in what reports get from the registry.
    const detail = await services.registry.getEnterprise({ actor: owner, creditCode: code });
    expect(detail.loans.find((loan) => loan.id === records.goodLoanId)).toMatchObject({
      underDispute: true,
      disputeId: raised.id,
    });
    expect(detail.loans.find((loan) => loan.loanRef === 'BAD-1')).toMatchObject({ underDispute: false });
    const reader = createRegistryReportReader(database.pool, {
      openDisputes: async (enterpriseId) =>
        (await services.disputes.listDisputes({ actor: operator }))
          .filter((dispute) => dispute.enterpriseId === enterpriseId && dispute.status === 'open')
          .map((dispute) => ({ id: dispute.id, recordType: dispute.recordType, recordId: dispute.recordId })),
    });
    const snapshots = await reader.listLoanSnapshots(code);
    expect(snapshots.find((loan) => loan.id === records.goodLoanId)).toMatchObject({
      underDispute: true,
      disputeId: raised.id,
    });
    expect((await reader.listLoanSnapshots(otherCode)).every((loan) => !loan.underDispute)).toBe(true);

    const attention = () => services.disputes.disputesNeedingAttention({ actor: operator });
    expect(await attention()).toEqual({ reminders: [], escalations: [] });
    now = new Date(now.getTime() + 15 * DAY - 1);
    expect((await attention()).reminders).toEqual([]);
    now = new Date(now.getTime() + 1);
    expect((await attention()).reminders.map((dispute) => dispute.id)).toEqual([raised.id]);
    now = new Date(now.getTime() + 5 * DAY - 1);
    expect((await attention()).escalations).toEqual([]);
    now = new Date(now.getTime() + 1);
    const late = await attention();
    expect(late.reminders).toEqual([]);
    expect(late.escalations.map((dispute) => dispute.id)).toEqual([raised.id]);

    // Only the addressed member answers; a correction needs its values.
    await expect(
      services.disputes.answerDispute({
        actor: actorFor(otherMember),
        id: raised.id,
        outcome: 'upheld',
        reply: 'no',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      services.disputes.answerDispute({
        actor: actorFor(member),
        id: raised.id,
        outcome: 'corrected',
        reply: 'our file was wrong',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'correction' } });
    await expect(
      services.disputes.answerDispute({
        actor: actorFor(member),
        id: raised.id,
        outcome: 'corrected',
        reply: 'our file was wrong',
        correction: { status: 'repaid' },
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'correction.status', value: 'repaid' },
    });
    const answered = await services.disputes.answerDispute({
      actor: actorFor(member),
      id: raised.id,
      outcome: 'corrected',
      reply: 'our file was wrong; the loan was repaid',
      correction: { status: 'closed', outstandingFen: 0 },
    });
    expect(answered).toMatchObject({ status: 'corrected', deadlineState: 'answered' });
    expect(answered.correctedRecordId).toMatch(/^\d+$/);
    await expect(
      services.disputes.answerDispute({
        actor: actorFor(member),
        id: raised.id,
        outcome: 'upheld',
        reply: 'again',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await attention()).toEqual({ reminders: [], escalations: [] });

    // The original stays, superseded by the corrected version that names the dispute.
    const versions = await database.pool.query(
      `SELECT id::text, status, outstanding_fen, superseded_by::text, corrects_dispute_id FROM loans
       WHERE credit_code = $1 AND loan_ref = 'GOOD-1' ORDER BY id`,
      [code],
    );
    expect(versions.rows).toEqual([
      {
        id: records.goodLoanId,
        status: 'current',
        outstanding_fen: 4_000_000,
        superseded_by: answered.correctedRecordId,
        corrects_dispute_id: null,
      },
      {
        id: answered.correctedRecordId,
        status: 'closed',
        outstanding_fen: 0,
        superseded_by: null,
        corrects_dispute_id: raised.id,
      },
    ]);
    const after = await services.registry.getEnterprise({ actor: owner, creditCode: code });
    expect(after.loans.find((loan) => loan.loanRef === 'GOOD-1')).toMatchObject({
      id: answered.correctedRecordId,
      status: 'closed',
      underDispute: false,
    });

    const enterpriseView = await services.disputes.listDisputes({ actor: owner });
    expect(enterpriseView.map((dispute) => dispute.reply)).toEqual([
      'our file was wrong; the loan was repaid',
    ]);
    expect(await services.disputes.listDisputes({ actor: actorFor(otherMember) })).toEqual([]);
    expect(await services.disputes.listDisputes({ actor: otherOwner })).toEqual([]);
    const audit = await database.pool.query(
      `SELECT action, before, after FROM audit_events WHERE entity_type = 'dispute' AND entity_id = $1 ORDER BY at`,
      [raised.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['dispute.raised', 'dispute.answered']);
    expect(audit.rows[1]).toMatchObject({
      before: { status: 'open', reply: null },
      after: { status: 'corrected', correctedRecordId: answered.correctedRecordId },
    });
    const corrected = await database.pool.query(
      "SELECT before, after FROM audit_events WHERE action = 'registry.record_corrected' AND entity_id = $1",
      [records.goodLoanId],
    );
    expect(corrected.rows[0]).toMatchObject({ before: { status: 'current' }, after: { status: 'closed' } });
  });

  it('holds one open dispute per record even when two are raised at once', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const raise = () =>
      services.disputes.raiseDispute({
        actor: owner,
        recordType: 'loan',
        recordId: records.badLoanWrittenOffId,
        reason: 'the write-off was reversed',
      });
    const outcomes = await Promise.allSettled([raise(), raise()]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps the record and the reply when the member upholds it', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const raised = await services.disputes.raiseDispute({
      actor: owner,
      recordType: 'public_record',
      recordId: records.judgmentId,
      reason: 'the judgment was paid the same month',
    });
    const upheld = await services.disputes.answerDispute({
      actor: actorFor(member, 'credit_officer'),
      id: raised.id,
      outcome: 'upheld',
      reply: 'the court record shows the judgment; it stands',
    });
    expect(upheld).toMatchObject({
      status: 'upheld',
      reply: 'the court record shows the judgment; it stands',
      correctedRecordId: null,
    });
    const rows = await database.pool.query('SELECT superseded_by FROM public_records WHERE id = $1', [
      records.judgmentId,
    ]);
    expect(rows.rows).toEqual([{ superseded_by: null }]);
  });

  it('uses a configured deadline', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const quick = newService({ answerDays: 10, reminderDays: 2 });
    const raised = await quick.raiseDispute({
      actor: owner,
      recordType: 'statement',
      recordId: records.statementId,
      reason: 'revenue is misstated',
    });
    expect(raised.dueAt).toBe(new Date(now.getTime() + 10 * DAY).toISOString());

    // A corrected statement must still hold; a failing correction writes nothing and leaves the dispute open.
    const original = await database.pool.query<{ lines: Record<string, number> }>(
      'SELECT lines FROM statements WHERE id = $1',
      [records.statementId],
    );
    const lines = original.rows[0]?.lines ?? {};
    const plus = (id: string) => (lines[id] ?? 0) + 10_000;
    await expect(
      quick.answerDispute({
        actor: actorFor(member),
        id: raised.id,
        outcome: 'corrected',
        reply: 'cash was understated',
        correction: { lines: { bs_01: plus('bs_01') } },
      }),
    ).rejects.toMatchObject({
      code: 'REGISTRY_UNBALANCED_STATEMENT',
      details: { field: expect.stringMatching(/^correction\.lines\./) },
    });
    expect(
      (await quick.listDisputes({ actor: owner })).find((dispute) => dispute.id === raised.id)?.status,
    ).toBe('open');
    const corrected = await quick.answerDispute({
      actor: actorFor(member),
      id: raised.id,
      outcome: 'corrected',
      reply: 'cash and paid-in capital were both understated by 100 yuan',
      correction: {
        lines: Object.fromEntries(
          ['bs_01', 'bs_15', 'bs_30', 'bs_48', 'bs_52', 'bs_53'].map((id) => [id, plus(id)]),
        ),
      },
    });
    const versions = await database.pool.query<{ id: string; superseded_by: string | null; cash: number }>(
      `SELECT id::text, superseded_by::text, (lines->>'bs_01')::bigint AS cash FROM statements
       WHERE credit_code = $1 ORDER BY id`,
      [code],
    );
    expect(versions.rows).toEqual([
      { id: records.statementId, superseded_by: corrected.correctedRecordId, cash: lines.bs_01 },
      { id: corrected.correctedRecordId, superseded_by: null, cash: plus('bs_01') },
    ]);
    await expect(
      quick.raiseDispute({
        actor: actorFor(member),
        recordType: 'loan',
        recordId: records.goodLoanId,
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
