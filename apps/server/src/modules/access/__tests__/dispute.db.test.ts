import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor, newMember, TODAY, testConfig } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import { buildServices, type Services } from '../../../services.js';
import type { TActor } from '../access.schemas.js';
import { createDisputeRepository } from '../dispute.repository.js';
import { createDisputeService, deadlineStateOf } from '../dispute.service.js';

let database: Database;
let services: Services;
let now = new Date(`${TODAY}T12:00:00Z`);
const clock = { now: () => now };
const DAY = 86_400_000;

let member: Awaited<ReturnType<typeof newMember>>;
let otherMember: Awaited<ReturnType<typeof newMember>>;
const operator: TActor = actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator');
const owner: TActor = {
  ...actorFor({ id: 'none', name: 'none', kind: 'bank' }, 'enterprise_owner'),
  id: 'usr_owner',
  memberId: null,
  memberName: null,
  memberKind: null,
  enterpriseId: 'ent_disputing',
};

beforeAll(async () => {
  database = await createTestDatabase();
  services = buildServices({ pool: database.pool, config: testConfig(), clock });
  member = await newMember(services);
  otherMember = await newMember(services);
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
    expect(() =>
      createDisputeService({ repository: createDisputeRepository(database.pool), clock, reminderDays: 20 }),
    ).toThrow(new RangeError('reminderDays must be an integer in [0, 20); got 20'));
  });
});

describe('disputes', () => {
  it('gives the member 20 days, reminds it, escalates past the deadline, and records the answer', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const raised = await services.disputes.raiseDispute({
      actor: owner,
      memberId: member.id,
      recordType: 'loan',
      recordId: 'lon_123',
      reason: 'this loan was repaid in full on 2026-03-01',
    });
    expect(raised).toMatchObject({
      status: 'open',
      deadlineState: 'on_time',
      dueAt: new Date(now.getTime() + 20 * DAY).toISOString(),
    });
    const attention = () => services.disputes.disputesNeedingAttention({ actor: operator });
    expect(await attention()).toEqual({ reminders: [], escalations: [] });

    now = new Date(now.getTime() + 16 * DAY);
    expect((await attention()).reminders.map((dispute) => dispute.id)).toEqual([raised.id]);

    now = new Date(now.getTime() + 4 * DAY);
    const late = await attention();
    expect(late.reminders).toEqual([]);
    expect(late.escalations.map((dispute) => dispute.id)).toEqual([raised.id]);

    // Only the addressed member answers; its staff's reply closes the dispute.
    await expect(
      services.disputes.answerDispute({
        actor: actorFor(otherMember),
        id: raised.id,
        outcome: 'upheld',
        reply: 'no',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const answered = await services.disputes.answerDispute({
      actor: actorFor(member),
      id: raised.id,
      outcome: 'corrected',
      reply: 'our file was wrong; the corrected loan was resubmitted',
    });
    expect(answered).toMatchObject({ status: 'corrected', deadlineState: 'answered' });
    await expect(
      services.disputes.answerDispute({
        actor: actorFor(member),
        id: raised.id,
        outcome: 'upheld',
        reply: 'again',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await attention()).toEqual({ reminders: [], escalations: [] });

    const enterpriseView = await services.disputes.listDisputes({ actor: owner });
    expect(enterpriseView.map((dispute) => dispute.reply)).toEqual([
      'our file was wrong; the corrected loan was resubmitted',
    ]);
    expect(await services.disputes.listDisputes({ actor: actorFor(otherMember) })).toEqual([]);
    const audit = await database.pool.query(
      "SELECT action FROM audit_events WHERE entity_type = 'dispute' AND entity_id = $1 ORDER BY at",
      [raised.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['dispute.raised', 'dispute.answered']);
  });

  it('uses a configured deadline', async () => {
    now = new Date(`${TODAY}T12:00:00Z`);
    const quick = createDisputeService({
      repository: createDisputeRepository(database.pool),
      clock,
      answerDays: 10,
      reminderDays: 2,
    });
    const raised = await quick.raiseDispute({
      actor: owner,
      memberId: member.id,
      recordType: 'public_record',
      recordId: 'pub_9',
      reason: 'the judgment was overturned on appeal',
    });
    expect(raised.dueAt).toBe(new Date(now.getTime() + 10 * DAY).toISOString());
    await expect(
      quick.raiseDispute({
        actor: actorFor(member),
        memberId: member.id,
        recordType: 'loan',
        recordId: 'x',
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
