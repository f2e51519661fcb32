import type pg from 'pg';
import { inTransaction } from '../../platform/db/transaction.js';
import type { TApiToken, TMemberKind, TRole, TTokenScope, TUser } from './access.schemas.js';
import { insertAudit } from './consent.repository.js';

const USER_COLUMNS = `u.id, u.login, u.display_name, u.role, u.member_id, m.name AS member_name, m.kind AS member_kind,
  u.enterprise_id, e.name AS enterprise_name, e.credit_code AS enterprise_credit_code,
  (SELECT json_build_object('id', v.id, 'enterpriseId', v.enterprise_id, 'enterpriseName', ve.name, 'status', v.status,
     'requestedAt', v.requested_at, 'attestedAt', v.attested_at)
   FROM enterprise_verifications v LEFT JOIN enterprises ve ON ve.id = v.enterprise_id
   WHERE v.user_id = u.id ORDER BY v.requested_at DESC, v.id DESC LIMIT 1) AS verification`;
const USER_JOINS = `FROM users u LEFT JOIN members m ON m.id = u.member_id
  LEFT JOIN enterprises e ON e.id = u.enterprise_id`;

type UserRow = {
  id: string;
  login: string;
  display_name: string;
  role: TRole;
  member_id: string | null;
  member_name: string | null;
  member_kind: TMemberKind | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  enterprise_credit_code: string | null;
  verification:
    | (Omit<NonNullable<TUser['enterpriseVerification']>, 'requestedAt' | 'attestedAt'> & {
        requestedAt: string;
        attestedAt: string | null;
      })
    | null;
};

const isoOf = (value: string | null) => (value === null ? null : new Date(value).toISOString());

function toUser(row: UserRow): TUser {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    memberId: row.member_id,
    memberName: row.member_name,
    memberKind: row.member_kind,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    enterpriseCreditCode: row.enterprise_credit_code,
    enterpriseVerification: row.verification
      ? {
          ...row.verification,
          requestedAt: isoOf(row.verification.requestedAt) ?? '',
          attestedAt: isoOf(row.verification.attestedAt),
        }
      : null,
  };
}

const TOKEN_COLUMNS = 'id, name, scopes, expires_at, revoked_at, last_used_at, created_at';

type TokenRow = {
  id: string;
  name: string;
  scopes: TTokenScope[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
};

function toApiToken(row: TokenRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export function createAccessRepository(pool: pg.Pool) {
  return {
    async findCredentials(login: string) {
      const result = await pool.query<{
        id: string;
        password_hash: string;
        failed_logins: number;
        locked_until: Date | null;
        disabled_at: Date | null;
      }>('SELECT id, password_hash, failed_logins, locked_until, disabled_at FROM users WHERE login = $1', [
        login,
      ]);
      return result.rows[0] ?? null;
    },
    async recordFailedLogin(userId: string, lockedUntil: Date | null) {
      await pool.query(
        'UPDATE users SET failed_logins = failed_logins + 1, locked_until = $2 WHERE id = $1',
        [userId, lockedUntil],
      );
    },
    async resetFailedLogins(userId: string) {
      await pool.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
    },
    async findUserById(userId: string): Promise<TUser | null> {
      const result = await pool.query<UserRow>(`SELECT ${USER_COLUMNS} ${USER_JOINS} WHERE u.id = $1`, [
        userId,
      ]);
      return result.rows[0] ? toUser(result.rows[0]) : null;
    },
    async insertSession(session: {
      id: string;
      userId: string;
      tokenHash: string;
      csrfToken: string;
      expiresAt: Date;
    }) {
      await pool.query(
        'INSERT INTO sessions (id, user_id, token_hash, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [session.id, session.userId, session.tokenHash, session.csrfToken, session.expiresAt],
      );
    },
    async findSession(tokenHash: string, now: Date) {
      const result = await pool.query<UserRow & { csrf_token: string }>(
        `SELECT ${USER_COLUMNS}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN members m ON m.id = u.member_id LEFT JOIN enterprises e ON e.id = u.enterprise_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
        [tokenHash, now],
      );
      const row = result.rows[0];
      return row ? { user: toUser(row), csrfToken: row.csrf_token } : null;
    },
    async deleteSession(tokenHash: string) {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async findToken(tokenHash: string, now: Date) {
      const result = await pool.query<UserRow & { token_id: string; scopes: TTokenScope[] }>(
        `SELECT ${USER_COLUMNS}, t.id AS token_id, t.scopes FROM api_tokens t JOIN users u ON u.id = t.user_id
         LEFT JOIN members m ON m.id = u.member_id LEFT JOIN enterprises e ON e.id = u.enterprise_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
           AND u.disabled_at IS NULL`,
        [tokenHash, now],
      );
      const row = result.rows[0];
      if (!row) return null;
      await pool.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.token_id, now]);
      return { user: toUser(row), tokenId: row.token_id, scopes: row.scopes };
    },
    async listTokens(userId: string): Promise<TApiToken[]> {
      const result = await pool.query<TokenRow>(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC`,
        [userId],
      );
      return result.rows.map(toApiToken);
    },
    /**
     * Revokes one of the user's own tokens, audited with before and after in the same transaction; null when
     * it is not theirs (or does not exist). Revoking twice changes nothing and writes no second event.
     */
    async revokeToken(input: {
      id: string;
      userId: string;
      now: Date;
      actorMemberId: string | null;
    }): Promise<TApiToken | null> {
      return inTransaction(pool, async (client) => {
        const before = await client.query<TokenRow>(
          `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1 AND user_id = $2 FOR UPDATE`,
          [input.id, input.userId],
        );
        const row = before.rows[0];
        if (!row) return null;
        if (row.revoked_at) return toApiToken(row);
        const result = await client.query<TokenRow>(
          `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 RETURNING ${TOKEN_COLUMNS}`,
          [input.id, input.now],
        );
        const revoked = result.rows[0] ? toApiToken(result.rows[0]) : null;
        await insertAudit(client, {
          at: input.now,
          action: 'access.token_revoked',
          actorUserId: input.userId,
          actorMemberId: input.actorMemberId,
          entityType: 'api_token',
          entityId: input.id,
          before: { revokedAt: null },
          after: { revokedAt: input.now.toISOString() },
          requestId: null,
        });
        return revoked;
      });
    },
    /** Stores a token's hash (never the token) with an audit event naming who issued it, in one transaction. */
    async insertToken(
      token: {
        id: string;
        userId: string;
        name: string;
        tokenHash: string;
        expiresAt: Date | null;
        scopes: readonly TTokenScope[];
      },
      audit: { at: Date; actorUserId: string; actorMemberId: string | null },
    ) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at, scopes)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [token.id, token.userId, token.name, token.tokenHash, token.expiresAt, [...token.scopes]],
        );
        await insertAudit(client, {
          at: audit.at,
          action: 'access.token_issued',
          actorUserId: audit.actorUserId,
          actorMemberId: audit.actorMemberId,
          entityType: 'api_token',
          entityId: token.id,
          after: {
            userId: token.userId,
            name: token.name,
            scopes: [...token.scopes],
            expiresAt: token.expiresAt?.toISOString() ?? null,
          },
          requestId: null,
        });
      });
    },
    async insertMember(member: { id: string; name: string; kind: TMemberKind }) {
      await pool.query('INSERT INTO members (id, name, kind) VALUES ($1, $2, $3)', [
        member.id,
        member.name,
        member.kind,
      ]);
    },
    async insertUser(user: {
      id: string;
      login: string;
      displayName: string;
      passwordHash: string;
      role: TRole;
      memberId: string | null;
      enterpriseId: string | null;
      /** A binding to an enterprise made with the account: verified (attested by `attestedBy`) or pending. */
      verification: {
        id: string;
        enterpriseId: string;
        status: 'pending' | 'verified';
        at: Date;
        attestedBy: string | null;
      } | null;
    }) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO users (id, login, display_name, password_hash, role, member_id, enterprise_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
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
        const verification = user.verification;
        if (verification) {
          await client.query(
            `INSERT INTO enterprise_verifications (id, user_id, enterprise_id, status, requested_at, attested_by,
               attested_at, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              verification.id,
              user.id,
              verification.enterpriseId,
              verification.status,
              verification.at,
              verification.attestedBy,
              verification.status === 'verified' ? verification.at : null,
              verification.status === 'verified' ? 'bound when the account was created' : null,
            ],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listMembers() {
      const result = await pool.query<{ id: string; name: string; kind: TMemberKind }>(
        'SELECT id, name, kind FROM members ORDER BY created_at, id',
      );
      return result.rows;
    },
    async countUsers(): Promise<number> {
      const result = await pool.query<{ count: string }>('SELECT count(*) FROM users');
      return Number(result.rows[0]?.count ?? 0);
    },
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
