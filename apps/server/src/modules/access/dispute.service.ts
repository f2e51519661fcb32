import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { ENTERPRISE_ROLES, MEMBER_STAFF_ROLES, type TActor, type TDispute } from './access.schemas.js';
import type { Clock } from './access.service.js';
import type { DisputeRepository, DisputeRow } from './dispute.repository.js';
import { readContextOf } from './read-context.js';

const DAY_MS = 86_400_000;

/** 《征信业管理条例》 art. 25: an objection is verified and answered in writing within 20 days of receipt. */
export const DEFAULT_DISPUTE_ANSWER_DAYS = 20;
/** The submitting member is reminded this many days before the deadline. */
export const DEFAULT_DISPUTE_REMINDER_DAYS = 5;

/**
 * The records a dispute is about, from the module that holds them (the registry), injected as a narrow type
 * so that access never reads the registry's tables.
 */
export type DisputedRecordStore = {
  /** The record with the enterprise it is about and the member that submitted it; null when unknown. */
  findRecord: (input: { recordType: TDispute['recordType']; recordId: string }) => Promise<{
    enterpriseId: string;
    memberId: string;
    isCurrent: boolean;
  } | null>;
  /**
   * Writes the corrected version of the record inside the dispute answer's transaction: a new row with the
   * correction applied supersedes the original, which stays stored. Returns the new record's id.
   */
  writeCorrection: (
    client: PoolClient,
    input: {
      recordType: TDispute['recordType'];
      recordId: string;
      disputeId: string;
      correction: Record<string, unknown>;
    },
  ) => Promise<string>;
};

type Deps = {
  repository: DisputeRepository;
  records: DisputedRecordStore;
  clock: Clock;
  answerDays?: number;
  reminderDays?: number;
};

/** Where a dispute stands against its deadline at `now`. */
export function deadlineStateOf(
  dispute: { status: TDispute['status']; dueAt: Date },
  now: Date,
  reminderDays: number,
): TDispute['deadlineState'] {
  if (dispute.status !== 'open') return 'answered';
  if (now >= dispute.dueAt) return 'overdue';
  if (now.getTime() >= dispute.dueAt.getTime() - reminderDays * DAY_MS) return 'reminder';
  return 'on_time';
}

export function createDisputeService({
  repository,
  records,
  clock,
  answerDays = DEFAULT_DISPUTE_ANSWER_DAYS,
  reminderDays = DEFAULT_DISPUTE_REMINDER_DAYS,
}: Deps) {
  if (!Number.isInteger(answerDays) || answerDays < 1) {
    throw new RangeError(`answerDays must be a positive integer; got ${answerDays}`);
  }
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays >= answerDays) {
    throw new RangeError(`reminderDays must be an integer in [0, ${answerDays}); got ${reminderDays}`);
  }

  function toDispute(row: DisputeRow, now: Date): TDispute {
    return {
      id: row.id,
      enterpriseId: row.enterprise_id,
      memberId: row.member_id,
      recordType: row.record_type,
      recordId: row.record_id,
      reason: row.reason,
      status: row.status,
      raisedAt: row.raised_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      reply: row.reply,
      answeredAt: row.answered_at?.toISOString() ?? null,
      correctedRecordId: row.corrected_record_id,
      deadlineState: deadlineStateOf({ status: row.status, dueAt: row.due_at }, now, reminderDays),
    };
  }

  return {
    /**
     * The enterprise objects to one of its own records; the member that submitted it must answer by `dueAt`.
     * A record about another enterprise is NOT_FOUND, exactly like one that does not exist.
     */
    async raiseDispute(input: {
      actor: TActor;
      /** Optional: the submitting member is taken from the record; when given it must match. */
      memberId?: string;
      recordType: TDispute['recordType'];
      recordId: string;
      reason: string;
      requestId?: string | null;
    }): Promise<TDispute> {
      const { actor } = input;
      if (!ENTERPRISE_ROLES.includes(actor.role) || !actor.enterpriseId) {
        throw new AppError('FORBIDDEN', {
          message: ENTERPRISE_ROLES.includes(actor.role)
            ? 'your account is not yet bound to an enterprise (verification pending): it disputes nothing'
            : 'only the enterprise itself disputes its records',
        });
      }
      const record = await records.findRecord({ recordType: input.recordType, recordId: input.recordId });
      if (!record || record.enterpriseId !== actor.enterpriseId) {
        throw new AppError('NOT_FOUND', {
          message: `${input.recordType} ${input.recordId} is not a record of your enterprise`,
          details: { field: 'recordId', value: input.recordId },
        });
      }
      if (!record.isCurrent) {
        throw new AppError('VALIDATION_FAILED', {
          message: `${input.recordType} ${input.recordId} has been replaced by a newer version; dispute the current one`,
          details: { field: 'recordId', value: input.recordId, rule: 'current_version' },
        });
      }
      if (input.memberId !== undefined && input.memberId !== record.memberId) {
        throw new AppError('VALIDATION_FAILED', {
          message: `${input.recordType} ${input.recordId} was submitted by member ${record.memberId}, not ${input.memberId}; leave memberId out or name that member`,
          details: { field: 'memberId', value: input.memberId, rule: 'submitter_of_record' },
        });
      }
      const open = await repository.listDisputes({
        enterpriseId: actor.enterpriseId,
        memberId: null,
        openOnly: true,
      });
      const already = open.find(
        (dispute) => dispute.record_type === input.recordType && dispute.record_id === input.recordId,
      );
      if (already) {
        throw new AppError('CONFLICT', {
          message: `${input.recordType} ${input.recordId} is already under dispute (${already.id}); wait for its answer`,
          details: { disputeId: already.id },
        });
      }
      const now = clock.now();
      const id = newId('dispute');
      await repository.insertDispute(
        {
          id,
          enterpriseId: actor.enterpriseId,
          memberId: record.memberId,
          recordType: input.recordType,
          recordId: input.recordId,
          reason: input.reason,
          raisedBy: actor.id,
          raisedAt: now,
          dueAt: new Date(now.getTime() + answerDays * DAY_MS),
        },
        { id: newId('audit'), actorMemberId: actor.memberId },
      );
      const row = await repository.findDispute(id);
      if (!row) throw new AppError('INTERNAL', { message: 'the dispute vanished after it was raised' });
      return toDispute(row, now);
    },

    /**
     * The submitting member answers in writing. `corrected` writes a new version of the record with the
     * correction applied (the original stays, superseded) in the same transaction; `upheld` keeps the record
     * and the reply.
     */
    async answerDispute(input: {
      actor: TActor;
      id: string;
      outcome: 'corrected' | 'upheld';
      reply: string;
      correction?: Record<string, unknown> | null;
    }): Promise<TDispute> {
      const { actor } = input;
      const row = await repository.findDispute(input.id);
      const isAddressee =
        row !== null && MEMBER_STAFF_ROLES.includes(actor.role) && actor.memberId === row.member_id;
      if (!row || !isAddressee) throw new AppError('NOT_FOUND', { message: `dispute ${input.id} not found` });
      const correction = input.correction ?? null;
      if (input.outcome === 'corrected' && (!correction || Object.keys(correction).length === 0)) {
        throw new AppError('VALIDATION_FAILED', {
          message: `a corrected ${row.record_type} needs its corrected values in correction (e.g. {"status": "closed"})`,
          details: { field: 'correction', rule: 'required_when_corrected' },
        });
      }
      if (input.outcome === 'upheld' && correction) {
        throw new AppError('VALIDATION_FAILED', {
          message: 'an upheld dispute keeps the record as it is: leave correction out',
          details: { field: 'correction', rule: 'absent_when_upheld' },
        });
      }
      const now = clock.now();
      const answered = await repository.answerDispute(
        { id: row.id, status: input.outcome, reply: input.reply, answeredBy: actor.id, answeredAt: now },
        { id: newId('audit'), actorMemberId: actor.memberId },
        correction
          ? (client) =>
              records.writeCorrection(client, {
                recordType: row.record_type,
                recordId: row.record_id,
                disputeId: row.id,
                correction,
              })
          : null,
      );
      if (!answered) {
        throw new AppError('CONFLICT', { message: `dispute ${input.id} has already been answered` });
      }
      const updated = await repository.findDispute(row.id);
      if (!updated) throw new AppError('INTERNAL', { message: 'the dispute vanished after it was answered' });
      return toDispute(updated, now);
    },

    /** The enterprise sees its disputes; member staff those addressed to their member; the operator all. */
    async listDisputes(input: { actor: TActor }): Promise<TDispute[]> {
      const { actor } = input;
      let filter: { enterpriseId: string | null; memberId: string | null };
      if (ENTERPRISE_ROLES.includes(actor.role) && actor.enterpriseId) {
        filter = { enterpriseId: actor.enterpriseId, memberId: null };
      } else if (MEMBER_STAFF_ROLES.includes(actor.role) && actor.memberId) {
        filter = { enterpriseId: null, memberId: actor.memberId };
      } else if (actor.role === 'operator') {
        filter = { enterpriseId: null, memberId: null };
      } else {
        throw new AppError('FORBIDDEN', { message: `the role ${actor.role} has no disputes to see` });
      }
      const now = clock.now();
      return (await repository.listDisputes({ ...filter, openOnly: false }, readContextOf(actor, now))).map(
        (row) => toDispute(row, now),
      );
    },

    /** Open disputes whose member must be reminded, and those past the deadline, escalated to the operator. */
    async disputesNeedingAttention(input: { actor: TActor }) {
      if (input.actor.role !== 'operator') {
        throw new AppError('FORBIDDEN', { message: 'only the operator follows up on dispute deadlines' });
      }
      const now = clock.now();
      const open = (
        await repository.listDisputes({ enterpriseId: null, memberId: null, openOnly: true })
      ).map((row) => toDispute(row, now));
      return {
        reminders: open.filter((dispute) => dispute.deadlineState === 'reminder'),
        escalations: open.filter((dispute) => dispute.deadlineState === 'overdue'),
      };
    },
  };
}

export type DisputeService = ReturnType<typeof createDisputeService>;
