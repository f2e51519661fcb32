import type pg from 'pg';
import { inTransaction } from '../../platform/db/transaction.js';

export type PromotionRequestRow = {
  id: string;
  model_id: string;
  model_kind: 'scorecard' | 'gam';
  model_version: number;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
};

const COLUMNS = `r.id, r.model_id, m.kind AS model_kind, m.version AS model_version, r.status, r.reason,
  r.requested_by, r.requested_by_name, r.requested_at, r.decided_by, r.decided_by_name, r.decided_at,
  r.decision_note`;

type AuditActor = { userId: string; memberId: string | null; auditId: string };

async function writeAudit(
  client: pg.PoolClient,
  actor: AuditActor,
  at: Date,
  event: { action: string; modelId: string; before: unknown; after: unknown },
) {
  await client.query(
    `INSERT INTO audit_events (id, at, action, actor_user_id, actor_member_id, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, 'scoring_model', $6, $7, $8)`,
    [
      actor.auditId,
      at,
      event.action,
      actor.userId,
      actor.memberId,
      event.modelId,
      JSON.stringify(event.before),
      JSON.stringify(event.after),
    ],
  );
}

async function selectRequest(client: pg.PoolClient | pg.Pool, id: string, lock = false) {
  const result = await client.query<PromotionRequestRow>(
    `SELECT ${COLUMNS} FROM scoring_promotion_requests r JOIN scoring_models m ON m.id = r.model_id
     WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
  return result.rows[0] ?? null;
}

/** Promotion requests and their decisions; every change writes an audit event in the same transaction. */
export function createPromotionRepository(pool: pg.Pool) {
  return {
    findRequest: (id: string) => selectRequest(pool, id),

    async listRequests(filter: { status?: string; modelId?: string }): Promise<PromotionRequestRow[]> {
      const result = await pool.query<PromotionRequestRow>(
        `SELECT ${COLUMNS} FROM scoring_promotion_requests r JOIN scoring_models m ON m.id = r.model_id
         WHERE ($1::text IS NULL OR r.status = $1) AND ($2::text IS NULL OR r.model_id = $2)
         ORDER BY r.requested_at DESC, r.id DESC LIMIT 200`,
        [filter.status ?? null, filter.modelId ?? null],
      );
      return result.rows;
    },

    /** Inserts a pending request; null when the model already has one pending (the unique index). */
    async insertRequest(input: {
      id: string;
      modelId: string;
      reason: string | null;
      requestedBy: string;
      requestedByName: string;
      at: Date;
      audit: AuditActor;
    }): Promise<PromotionRequestRow | null> {
      return inTransaction(pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO scoring_promotion_requests (id, model_id, status, reason, requested_by, requested_by_name, requested_at)
           VALUES ($1, $2, 'pending', $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [input.id, input.modelId, input.reason, input.requestedBy, input.requestedByName, input.at],
        );
        if (inserted.rowCount === 0) return null;
        await writeAudit(client, input.audit, input.at, {
          action: 'scoring.promotion_requested',
          modelId: input.modelId,
          before: null,
          after: { requestId: input.id, reason: input.reason },
        });
        return selectRequest(client, input.id);
      });
    },

    /**
     * Decides a pending request in one transaction. On approval: the former champion retires, the model
     * becomes champion, the promotion is recorded with requester and approver. `check` runs on the locked
     * request and throws to refuse (already decided, own request).
     */
    async decide(input: {
      id: string;
      decision: 'approved' | 'rejected';
      decidedBy: string;
      decidedByName: string;
      note: string | null;
      at: Date;
      audit: AuditActor;
      check: (request: PromotionRequestRow) => void;
    }): Promise<{ request: PromotionRequestRow; previousChampionId: string | null } | null> {
      return inTransaction(pool, async (client) => {
        const request = await selectRequest(client, input.id, true);
        if (!request) return null;
        input.check(request);
        let previousChampionId: string | null = null;
        if (input.decision === 'approved') {
          await client.query('LOCK TABLE scoring_models IN SHARE ROW EXCLUSIVE MODE');
          const previous = await client.query<{ id: string }>(
            "UPDATE scoring_models SET status = 'retired' WHERE status = 'champion' AND id <> $1 RETURNING id",
            [request.model_id],
          );
          previousChampionId = previous.rows[0]?.id ?? null;
          await client.query("UPDATE scoring_models SET status = 'champion' WHERE id = $1", [
            request.model_id,
          ]);
          await client.query(
            `INSERT INTO scoring_model_promotions
               (model_id, previous_champion_id, promoted_by, promoted_at, reason, approved_by, approved_at)
             VALUES ($1, $2, $3, $4, $5, $6, $4)`,
            [
              request.model_id,
              previousChampionId,
              request.requested_by,
              input.at,
              request.reason,
              input.decidedBy,
            ],
          );
        }
        await client.query(
          `UPDATE scoring_promotion_requests
           SET status = $2, decided_by = $3, decided_by_name = $4, decided_at = $5, decision_note = $6
           WHERE id = $1`,
          [input.id, input.decision, input.decidedBy, input.decidedByName, input.at, input.note],
        );
        await writeAudit(client, input.audit, input.at, {
          action: input.decision === 'approved' ? 'scoring.promotion_approved' : 'scoring.promotion_rejected',
          modelId: request.model_id,
          before: { status: 'pending', championId: previousChampionId },
          after: {
            requestId: request.id,
            status: input.decision,
            requestedBy: request.requested_by,
            note: input.note,
            ...(input.decision === 'approved' ? { championId: request.model_id } : {}),
          },
        });
        const decided = await selectRequest(client, input.id);
        if (!decided) throw new Error('decide: the request vanished inside its transaction');
        return { request: decided, previousChampionId };
      });
    },
  };
}
