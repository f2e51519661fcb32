import type pg from 'pg';
import { inTransaction } from '../../platform/db/transaction.js';
import type { TEnterpriseVerification } from './access.schemas.js';
import { type AuditInsert, insertAudit } from './consent.repository.js';

type VerificationRow = {
  id: string;
  user_id: string;
  user_login: string;
  user_display_name: string;
  user_role: TEnterpriseVerification['userRole'];
  enterprise_id: string;
  enterprise_name: string | null;
  enterprise_credit_code: string | null;
  status: TEnterpriseVerification['status'];
  requested_at: Date;
  attested_by: string | null;
  attested_by_member_id: string | null;
  attested_at: Date | null;
  note: string | null;
};

const VERIFICATION_SELECT = `SELECT v.id, v.user_id, u.login AS user_login, u.display_name AS user_display_name,
  u.role AS user_role, v.enterprise_id, e.name AS enterprise_name, e.credit_code AS enterprise_credit_code, v.status,
  v.requested_at, v.attested_by, v.attested_by_member_id, v.attested_at, v.note
  FROM enterprise_verifications v JOIN users u ON u.id = v.user_id LEFT JOIN enterprises e ON e.id = v.enterprise_id`;

function toVerification(row: VerificationRow): TEnterpriseVerification {
  return {
    id: row.id,
    userId: row.user_id,
    userLogin: row.user_login,
    userDisplayName: row.user_display_name,
    userRole: row.user_role,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    enterpriseCreditCode: row.enterprise_credit_code,
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    attestedBy: row.attested_by,
    attestedByMemberId: row.attested_by_member_id,
    attestedAt: row.attested_at?.toISOString() ?? null,
    note: row.note,
  };
}

export function createVerificationRepository(pool: pg.Pool) {
  return {
    async findVerification(id: string): Promise<TEnterpriseVerification | null> {
      const result = await pool.query<VerificationRow>(`${VERIFICATION_SELECT} WHERE v.id = $1`, [id]);
      return result.rows[0] ? toVerification(result.rows[0]) : null;
    },

    async findPendingOfUser(userId: string): Promise<TEnterpriseVerification | null> {
      const result = await pool.query<VerificationRow>(
        `${VERIFICATION_SELECT} WHERE v.user_id = $1 AND v.status = 'pending'`,
        [userId],
      );
      return result.rows[0] ? toVerification(result.rows[0]) : null;
    },

    async listVerifications(filter: {
      userId: string | null;
      enterpriseIds: readonly string[] | null;
      status: TEnterpriseVerification['status'] | null;
    }): Promise<TEnterpriseVerification[]> {
      const result = await pool.query<VerificationRow>(
        `${VERIFICATION_SELECT}
         WHERE ($1::text IS NULL OR v.user_id = $1) AND ($2::text[] IS NULL OR v.enterprise_id = ANY($2))
           AND ($3::text IS NULL OR v.status = $3)
         ORDER BY v.requested_at DESC, v.id DESC LIMIT 1000`,
        [filter.userId, filter.enterpriseIds, filter.status],
      );
      return result.rows.map(toVerification);
    },

    async insertRequest(request: {
      id: string;
      userId: string;
      enterpriseId: string;
      requestedAt: Date;
      audit: Omit<AuditInsert, 'entityType' | 'entityId' | 'action'>;
    }) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO enterprise_verifications (id, user_id, enterprise_id, status, requested_at)
           VALUES ($1, $2, $3, 'pending', $4)`,
          [request.id, request.userId, request.enterpriseId, request.requestedAt],
        );
        await insertAudit(client, {
          ...request.audit,
          action: 'enterprise_verification.requested',
          entityType: 'enterprise_verification',
          entityId: request.id,
          after: { userId: request.userId, enterpriseId: request.enterpriseId, status: 'pending' },
        });
      });
    },

    /**
     * Decides a pending request; on `verified` binds the user to the enterprise in the same transaction.
     * False when it was decided meanwhile (the row lock serialises two attestations).
     */
    async decide(decision: {
      id: string;
      status: 'verified' | 'rejected';
      attestedBy: string;
      attestedByMemberId: string | null;
      attestedAt: Date;
      note: string | null;
      requestId: string | null;
    }): Promise<boolean> {
      return inTransaction(pool, async (client) => {
        const before = await client.query<{ user_id: string; enterprise_id: string; status: string }>(
          'SELECT user_id, enterprise_id, status FROM enterprise_verifications WHERE id = $1 FOR UPDATE',
          [decision.id],
        );
        const row = before.rows[0];
        if (row?.status !== 'pending') return false;
        await client.query(
          `UPDATE enterprise_verifications SET status = $2, attested_by = $3, attested_by_member_id = $4,
             attested_at = $5, note = $6 WHERE id = $1`,
          [
            decision.id,
            decision.status,
            decision.attestedBy,
            decision.attestedByMemberId,
            decision.attestedAt,
            decision.note,
          ],
        );
        const userBefore = await client.query<{ enterprise_id: string | null }>(
          'SELECT enterprise_id FROM users WHERE id = $1 FOR UPDATE',
          [row.user_id],
        );
        if (decision.status === 'verified') {
          await client.query('UPDATE users SET enterprise_id = $2 WHERE id = $1', [
            row.user_id,
            row.enterprise_id,
          ]);
        }
        await insertAudit(client, {
          at: decision.attestedAt,
          action: `enterprise_verification.${decision.status}`,
          actorUserId: decision.attestedBy,
          actorMemberId: decision.attestedByMemberId,
          entityType: 'enterprise_verification',
          entityId: decision.id,
          before: { status: 'pending', userEnterpriseId: userBefore.rows[0]?.enterprise_id ?? null },
          after: {
            status: decision.status,
            userEnterpriseId:
              decision.status === 'verified'
                ? row.enterprise_id
                : (userBefore.rows[0]?.enterprise_id ?? null),
            note: decision.note,
          },
          requestId: decision.requestId,
        });
        return true;
      });
    },
  };
}

export type VerificationRepository = ReturnType<typeof createVerificationRepository>;
