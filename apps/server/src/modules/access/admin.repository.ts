import type pg from 'pg';
import { inTransaction } from '../../platform/db/transaction.js';
import type { TMemberKind, TRole } from './access.schemas.js';
import type { TAdminMember, TAdminUser } from './admin.schemas.js';

type MemberRow = {
  id: string;
  name: string;
  kind: TMemberKind;
  is_active: boolean;
  user_count: string;
  created_at: Date;
};

type UserRow = {
  id: string;
  login: string;
  display_name: string;
  role: TRole;
  member_id: string | null;
  member_name: string | null;
  enterprise_id: string | null;
  disabled_at: Date | null;
  created_at: Date;
};

const toMember = (row: MemberRow): TAdminMember => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  isActive: row.is_active,
  userCount: Number(row.user_count),
  createdAt: row.created_at.toISOString(),
});

const toUser = (row: UserRow): TAdminUser => ({
  id: row.id,
  login: row.login,
  displayName: row.display_name,
  role: row.role,
  memberId: row.member_id,
  memberName: row.member_name,
  enterpriseId: row.enterprise_id,
  disabledAt: row.disabled_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

const USER_SELECT = `SELECT u.id, u.login, u.display_name, u.role, u.member_id, m.name AS member_name,
  u.enterprise_id, u.disabled_at, u.created_at FROM users u LEFT JOIN members m ON m.id = u.member_id`;

export type AuditEntry = {
  id: string;
  at: Date;
  action: string;
  actorUserId: string;
  actorMemberId: string | null;
  entityType: 'member' | 'user';
  entityId: string;
  before: unknown;
  after: unknown;
};

async function audit(client: pg.PoolClient, entry: AuditEntry) {
  await client.query(
    `INSERT INTO audit_events (id, at, action, actor_user_id, actor_member_id, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.id,
      entry.at,
      entry.action,
      entry.actorUserId,
      entry.actorMemberId,
      entry.entityType,
      entry.entityId,
      JSON.stringify(entry.before),
      JSON.stringify(entry.after),
    ],
  );
}

/** The administration's SQL: members with user counts, users with their state; each change audited. */
export function createAdminRepository(pool: pg.Pool) {
  return {
    async listMembers(memberId: string | null): Promise<TAdminMember[]> {
      const result = await pool.query<MemberRow>(
        `SELECT m.id, m.name, m.kind, m.is_active, m.created_at,
           (SELECT count(*) FROM users u WHERE u.member_id = m.id) AS user_count
         FROM members m WHERE ($1::text IS NULL OR m.id = $1) ORDER BY m.created_at, m.id`,
        [memberId],
      );
      return result.rows.map(toMember);
    },

    async memberExists(id: string): Promise<boolean> {
      const result = await pool.query('SELECT 1 FROM members WHERE id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    },

    async enterpriseExists(id: string): Promise<boolean> {
      const result = await pool.query('SELECT 1 FROM enterprises WHERE id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    },

    async insertMember(member: { id: string; name: string; kind: TMemberKind }, entry: AuditEntry) {
      return inTransaction(pool, async (client) => {
        const result = await client.query<MemberRow>(
          `INSERT INTO members (id, name, kind) VALUES ($1, $2, $3)
           RETURNING id, name, kind, is_active, created_at, 0 AS user_count`,
          [member.id, member.name, member.kind],
        );
        await audit(client, entry);
        return toMember(result.rows[0] as MemberRow);
      });
    },

    async listUsers(memberId: string | null): Promise<TAdminUser[]> {
      const result = await pool.query<UserRow>(
        `${USER_SELECT} WHERE ($1::text IS NULL OR u.member_id = $1) ORDER BY u.created_at, u.id LIMIT 1000`,
        [memberId],
      );
      return result.rows.map(toUser);
    },

    async findUser(id: string): Promise<TAdminUser | null> {
      const result = await pool.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
      return result.rows[0] ? toUser(result.rows[0]) : null;
    },

    async loginTaken(login: string): Promise<boolean> {
      const result = await pool.query('SELECT 1 FROM users WHERE login = $1', [login]);
      return (result.rowCount ?? 0) > 0;
    },

    /** Inserts the user; null when the login was taken meanwhile (the unique constraint). */
    async insertUser(
      user: {
        id: string;
        login: string;
        displayName: string;
        passwordHash: string;
        role: TRole;
        memberId: string | null;
        enterpriseId: string | null;
      },
      entry: AuditEntry,
      /** The binding the creating operator attests by creating the account (a verified verification row). */
      verification: { id: string; attestedBy: string; at: Date } | null = null,
    ): Promise<TAdminUser | null> {
      return inTransaction(pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO users (id, login, display_name, password_hash, role, member_id, enterprise_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (login) DO NOTHING`,
          [
            user.id,
            user.login,
            user.displayName,
            user.passwordHash,
            user.role,
            user.memberId,
            user.enterpriseId,
          ],
        );
        if (inserted.rowCount === 0) return null;
        if (verification && user.enterpriseId) {
          await client.query(
            `INSERT INTO enterprise_verifications (id, user_id, enterprise_id, status, requested_at, attested_by,
               attested_at, note)
             VALUES ($1, $2, $3, 'verified', $4, $5, $4, 'bound when the operator created the account')`,
            [verification.id, user.id, user.enterpriseId, verification.at, verification.attestedBy],
          );
        }
        await audit(client, entry);
        const result = await client.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [user.id]);
        return toUser(result.rows[0] as UserRow);
      });
    },

    /**
     * Changes a user's role and/or disabled state. Disabling ends the user's sessions and revokes its API
     * tokens in the same transaction, so access stops at once.
     */
    async updateUser(
      input: { id: string; role?: TRole; disabled?: boolean; now: Date },
      entry: AuditEntry,
    ): Promise<TAdminUser> {
      return inTransaction(pool, async (client) => {
        if (input.role !== undefined) {
          await client.query('UPDATE users SET role = $2 WHERE id = $1', [input.id, input.role]);
        }
        if (input.disabled === true) {
          await client.query('UPDATE users SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1', [
            input.id,
            input.now,
          ]);
          await client.query('DELETE FROM sessions WHERE user_id = $1', [input.id]);
          await client.query(
            'UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
            [input.id, input.now],
          );
        } else if (input.disabled === false) {
          await client.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [input.id]);
        }
        if (input.role !== undefined) {
          // The user signs in again, so the web app shows the pages of the new role.
          await client.query('DELETE FROM sessions WHERE user_id = $1', [input.id]);
        }
        await audit(client, entry);
        const result = await client.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [input.id]);
        return toUser(result.rows[0] as UserRow);
      });
    },
  };
}

export type AdminRepository = ReturnType<typeof createAdminRepository>;
