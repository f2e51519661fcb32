import type pg from 'pg';
import { type ReadContext, withReadContext } from '../../platform/db/read-context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { TDispute } from './access.schemas.js';

export type DisputeRow = {
  id: string;
  enterprise_id: string;
  member_id: string;
  record_type: TDispute['recordType'];
  record_id: string;
  reason: string;
  status: TDispute['status'];
  raised_at: Date;
  due_at: Date;
  reply: string | null;
  answered_at: Date | null;
  corrected_record_id: string | null;
};

const DISPUTE_SELECT = `SELECT id, enterprise_id, member_id, record_type, record_id, reason, status, raised_at, due_at,
  reply, answered_at, corrected_record_id FROM disputes`;

export function createDisputeRepository(pool: pg.Pool) {
  async function insertAudit(
    client: pg.PoolClient,
    event: {
      id: string;
      at: Date;
      action: string;
      actorUserId: string;
      actorMemberId: string | null;
      entityId: string;
      before?: unknown;
      after: unknown;
    },
  ) {
    await client.query(
      `INSERT INTO audit_events (id, at, action, actor_user_id, actor_member_id, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, 'dispute', $6, $7, $8)`,
      [
        event.id,
        event.at,
        event.action,
        event.actorUserId,
        event.actorMemberId,
        event.entityId,
        event.before === undefined ? null : JSON.stringify(event.before),
        JSON.stringify(event.after),
      ],
    );
  }

  return {
    async findMember(memberId: string) {
      const result = await pool.query<{ id: string }>('SELECT id FROM members WHERE id = $1', [memberId]);
      return result.rows[0] ?? null;
    },
    async findDispute(id: string): Promise<DisputeRow | null> {
      const result = await pool.query<DisputeRow>(`${DISPUTE_SELECT} WHERE id = $1`, [id]);
      return result.rows[0] ?? null;
    },
    async listDisputes(
      filter: { enterpriseId: string | null; memberId: string | null; openOnly: boolean },
      context?: ReadContext,
    ) {
      const query = (db: pg.Pool | pg.PoolClient) =>
        db.query<DisputeRow>(
          `${DISPUTE_SELECT} WHERE ($1::text IS NULL OR enterprise_id = $1) AND ($2::text IS NULL OR member_id = $2)
           AND (NOT $3 OR status = 'open')
         ORDER BY raised_at DESC, id DESC LIMIT 1000`,
          [filter.enterpriseId, filter.memberId, filter.openOnly],
        );
      // With a context the read runs as the acting party: row-level security filters it a second time.
      const result = context ? await withReadContext(pool, context, query) : await query(pool);
      return result.rows;
    },
    async insertDispute(
      dispute: {
        id: string;
        enterpriseId: string;
        memberId: string;
        recordType: string;
        recordId: string;
        reason: string;
        raisedBy: string;
        raisedAt: Date;
        dueAt: Date;
      },
      audit: { id: string; actorMemberId: string | null },
    ) {
      await inTransaction(pool, async (client) => {
        await client
          .query(
            `INSERT INTO disputes (id, enterprise_id, member_id, record_type, record_id, reason, status, raised_by,
             raised_at, due_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9)`,
            [
              dispute.id,
              dispute.enterpriseId,
              dispute.memberId,
              dispute.recordType,
              dispute.recordId,
              dispute.reason,
              dispute.raisedBy,
              dispute.raisedAt,
              dispute.dueAt,
            ],
          )
          .catch((error: { code?: string }) => {
            // The partial unique index holds one open dispute per record, even when two are raised at once.
            if (error.code === '23505') {
              throw new AppError('CONFLICT', {
                message: `${dispute.recordType} ${dispute.recordId} is already under dispute; wait for its answer`,
              });
            }
            throw error;
          });
        await insertAudit(client, {
          id: audit.id,
          at: dispute.raisedAt,
          action: 'dispute.raised',
          actorUserId: dispute.raisedBy,
          actorMemberId: audit.actorMemberId,
          entityId: dispute.id,
          after: dispute,
        });
      });
    },
    /** Answers an open dispute; false when it was answered meanwhile (the row lock serialises two answers). */
    async answerDispute(
      answer: {
        id: string;
        status: 'corrected' | 'upheld';
        reply: string;
        answeredBy: string;
        answeredAt: Date;
      },
      audit: { id: string; actorMemberId: string | null },
      /** Writes the corrected record in this transaction and returns its id. */
      writeCorrection: ((client: pg.PoolClient) => Promise<string>) | null,
    ): Promise<boolean> {
      return inTransaction(pool, async (client) => {
        const before = await client.query<{ status: string; reply: string | null }>(
          `SELECT status, reply FROM disputes WHERE id = $1 AND status = 'open' FOR UPDATE`,
          [answer.id],
        );
        if (before.rowCount !== 1) return false;
        const correctedRecordId = writeCorrection ? await writeCorrection(client) : null;
        await client.query(
          `UPDATE disputes SET status = $2, reply = $3, answered_by = $4, answered_at = $5, corrected_record_id = $6
           WHERE id = $1`,
          [answer.id, answer.status, answer.reply, answer.answeredBy, answer.answeredAt, correctedRecordId],
        );
        await insertAudit(client, {
          id: audit.id,
          at: answer.answeredAt,
          action: 'dispute.answered',
          actorUserId: answer.answeredBy,
          actorMemberId: audit.actorMemberId,
          entityId: answer.id,
          before: before.rows[0],
          after: { ...answer, correctedRecordId },
        });
        return true;
      });
    },
  };
}

export type DisputeRepository = ReturnType<typeof createDisputeRepository>;
