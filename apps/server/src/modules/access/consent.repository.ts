import type pg from 'pg';
import { type ReadContext, withReadContext } from '../../platform/db/read-context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { newId } from '../../platform/ids.js';
import type { TAccessLogEntry, TDataScope, TPurpose, TReadBasis, TRefusalReason } from './access.schemas.js';

export type ConsentRow = {
  id: string;
  enterprise_id: string;
  member_id: string;
  member_name: string;
  purpose: TPurpose;
  scopes: TDataScope[];
  data_from: string;
  data_to: string;
  valid_from: Date;
  valid_until: Date;
  max_lookups: number;
  lookups_used: number;
  frequency_limit: number | null;
  frequency_period: 'day' | 'week' | 'month' | null;
  granted_by: string;
  granted_at: Date;
  revoked_at: Date | null;
};

const CONSENT_SELECT = `SELECT c.id, c.enterprise_id, c.member_id, m.name AS member_name, c.purpose, c.scopes,
  to_char(c.data_from, 'YYYY-MM-DD') AS data_from, to_char(c.data_to, 'YYYY-MM-DD') AS data_to, c.valid_from,
  c.valid_until, c.max_lookups, c.lookups_used, c.frequency_limit, c.frequency_period, c.granted_by, c.granted_at, c.revoked_at
  FROM consents c JOIN members m ON m.id = c.member_id`;

export type AccessLogInsert = {
  at: Date;
  actorUserId: string;
  actorRole: string;
  actorMemberId: string | null;
  enterpriseId: string;
  enterpriseCreditCode: string;
  purpose: TPurpose;
  scope: TDataScope;
  resource: string;
  outcome: 'allowed' | 'refused';
  basis: TReadBasis | null;
  refusalReason: TRefusalReason | null;
  consentId: string | null;
  requestId: string | null;
};

type AccessLogRow = {
  id: string;
  seq: string;
  at: Date;
  actor_user_id: string;
  actor_role: string;
  actor_member_id: string | null;
  actor_member_name: string | null;
  enterprise_id: string;
  enterprise_credit_code: string;
  purpose: TPurpose;
  scope: TDataScope;
  resource: string;
  outcome: 'allowed' | 'refused';
  basis: TReadBasis | null;
  refusal_reason: TRefusalReason | null;
  consent_id: string | null;
};

const ACCESS_LOG_SELECT = `SELECT l.id, l.seq, l.at, l.actor_user_id, l.actor_role, l.actor_member_id,
  m.name AS actor_member_name, l.enterprise_id, l.enterprise_credit_code, l.purpose, l.scope, l.resource,
  l.outcome, l.basis, l.refusal_reason, l.consent_id
  FROM access_log l LEFT JOIN members m ON m.id = l.actor_member_id`;

function toAccessLogEntry(row: AccessLogRow): TAccessLogEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    actorMemberId: row.actor_member_id,
    actorMemberName: row.actor_member_name,
    enterpriseId: row.enterprise_id,
    enterpriseCreditCode: row.enterprise_credit_code,
    purpose: row.purpose,
    scope: row.scope,
    resource: row.resource,
    outcome: row.outcome,
    basis: row.basis,
    refusalReason: row.refusal_reason,
    consentId: row.consent_id,
  };
}

export type AuditInsert = {
  at: Date;
  action: string;
  actorUserId: string;
  actorMemberId: string | null;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId: string | null;
};

/** The queries that must share one transaction: a client checked out of the pool. */
function transactionQueries(client: pg.PoolClient) {
  return {
    /** Locks the candidate consents so two concurrent reads cannot both spend the last look-up. */
    async lockConsents(filter: {
      enterpriseId: string;
      memberId: string;
      purpose: TPurpose;
      scope: TDataScope;
    }): Promise<ConsentRow[]> {
      const result = await client.query<ConsentRow>(
        `${CONSENT_SELECT} WHERE c.enterprise_id = $1 AND c.member_id = $2 AND c.purpose = $3 AND $4 = ANY(c.scopes)
         ORDER BY c.valid_until, c.id FOR UPDATE OF c`,
        [filter.enterpriseId, filter.memberId, filter.purpose, filter.scope],
      );
      return result.rows;
    },
    /** Allowed reads under a consent since `since`: what a frequency limit counts. */
    async countAllowedReadsSince(filter: { consentId: string; enterpriseId: string; since: Date }) {
      const result = await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM access_log
         WHERE enterprise_id = $1 AND consent_id = $2 AND outcome = 'allowed' AND at > $3`,
        [filter.enterpriseId, filter.consentId, filter.since],
      );
      return result.rows[0]?.count ?? 0;
    },
    async consumeLookup(consentId: string) {
      await client.query('UPDATE consents SET lookups_used = lookups_used + 1 WHERE id = $1', [consentId]);
    },
    async insertAccessLog(entry: AccessLogInsert): Promise<string> {
      const id = newId('audit').replace('aud_', 'acl_');
      await client.query(
        `INSERT INTO access_log (id, at, actor_user_id, actor_role, actor_member_id, enterprise_id,
           enterprise_credit_code, purpose, scope, resource, outcome, basis, refusal_reason, consent_id, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          id,
          entry.at,
          entry.actorUserId,
          entry.actorRole,
          entry.actorMemberId,
          entry.enterpriseId,
          entry.enterpriseCreditCode,
          entry.purpose,
          entry.scope,
          entry.resource,
          entry.outcome,
          entry.basis,
          entry.refusalReason,
          entry.consentId,
          entry.requestId,
        ],
      );
      return id;
    },
    insertAudit: (event: AuditInsert) => insertAudit(client, event),
    findConsentForUpdate: async (id: string) => {
      const result = await client.query<ConsentRow>(`${CONSENT_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [
        id,
      ]);
      return result.rows[0] ?? null;
    },
    async markRevoked(id: string, at: Date, by: string) {
      await client.query('UPDATE consents SET revoked_at = $2, revoked_by = $3 WHERE id = $1', [id, at, by]);
    },
    async insertConsent(consent: {
      id: string;
      enterpriseId: string;
      memberId: string;
      purpose: TPurpose;
      scopes: TDataScope[];
      dataFrom: string;
      dataTo: string;
      validFrom: Date;
      validUntil: Date;
      maxLookups: number;
      frequencyLimit: number | null;
      frequencyPeriod: string | null;
      grantedBy: string;
      grantedAt: Date;
    }) {
      await client.query(
        `INSERT INTO consents (id, enterprise_id, member_id, purpose, scopes, data_from, data_to, valid_from,
           valid_until, max_lookups, granted_by, granted_at, frequency_limit, frequency_period)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          consent.id,
          consent.enterpriseId,
          consent.memberId,
          consent.purpose,
          consent.scopes,
          consent.dataFrom,
          consent.dataTo,
          consent.validFrom,
          consent.validUntil,
          consent.maxLookups,
          consent.grantedBy,
          consent.grantedAt,
          consent.frequencyLimit,
          consent.frequencyPeriod,
        ],
      );
    },
  };
}

export type ConsentTransaction = ReturnType<typeof transactionQueries>;

export async function insertAudit(client: pg.PoolClient | pg.Pool, event: AuditInsert) {
  await client.query(
    `INSERT INTO audit_events (id, at, action, actor_user_id, actor_member_id, entity_type, entity_id, before, after,
       request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      newId('audit'),
      event.at,
      event.action,
      event.actorUserId,
      event.actorMemberId,
      event.entityType,
      event.entityId,
      event.before === undefined ? null : JSON.stringify(event.before),
      event.after === undefined ? null : JSON.stringify(event.after),
      event.requestId,
    ],
  );
}

export function createConsentRepository(pool: pg.Pool) {
  return {
    async inTransaction<T>(work: (tx: ConsentTransaction) => Promise<T>): Promise<T> {
      return inTransaction(pool, (client) => work(transactionQueries(client)));
    },
    async findMember(memberId: string) {
      const result = await pool.query<{ id: string; name: string; is_active: boolean }>(
        'SELECT id, name, is_active FROM members WHERE id = $1',
        [memberId],
      );
      return result.rows[0] ?? null;
    },
    async findConsent(id: string): Promise<ConsentRow | null> {
      const result = await pool.query<ConsentRow>(`${CONSENT_SELECT} WHERE c.id = $1`, [id]);
      return result.rows[0] ?? null;
    },
    /** Runs as the acting party (row-level security filters the rows as a second wall). */
    async listConsents(
      context: ReadContext,
      filter: { enterpriseId: string | null; memberId: string | null; limit: number; offset: number },
    ) {
      const where =
        'WHERE ($1::text IS NULL OR c.enterprise_id = $1) AND ($2::text IS NULL OR c.member_id = $2)';
      return withReadContext(pool, context, async (client) => {
        const items = await client.query<ConsentRow>(
          `${CONSENT_SELECT} ${where} ORDER BY c.granted_at DESC, c.id DESC LIMIT $3 OFFSET $4`,
          [filter.enterpriseId, filter.memberId, filter.limit, filter.offset],
        );
        const total = await client.query<{ count: string }>(`SELECT count(*) FROM consents c ${where}`, [
          filter.enterpriseId,
          filter.memberId,
        ]);
        return { items: items.rows, total: Number(total.rows[0]?.count ?? 0) };
      });
    },
    /** Runs as the acting party (row-level security filters the rows as a second wall). */
    async listAccessLog(
      context: ReadContext,
      filter: { enterpriseId: string; limit: number; offset: number },
    ) {
      return withReadContext(pool, context, async (client) => {
        const items = await client.query<AccessLogRow>(
          `${ACCESS_LOG_SELECT} WHERE l.enterprise_id = $1 ORDER BY l.seq DESC LIMIT $2 OFFSET $3`,
          [filter.enterpriseId, filter.limit, filter.offset],
        );
        const total = await client.query<{ count: string }>(
          'SELECT count(*) FROM access_log WHERE enterprise_id = $1',
          [filter.enterpriseId],
        );
        return { items: items.rows.map(toAccessLogEntry), total: Number(total.rows[0]?.count ?? 0) };
      });
    },
    /** Pages through the log in keyset order so an export of millions of rows never holds them all. */
    async *streamAccessLog(filter: {
      enterpriseId: string | null;
      from: Date | null;
      to: Date | null;
    }): AsyncGenerator<TAccessLogEntry[]> {
      const pageSize = 5_000;
      let afterSeq = 0;
      for (;;) {
        const result: pg.QueryResult<AccessLogRow> = await pool.query<AccessLogRow>(
          `${ACCESS_LOG_SELECT}
           WHERE ($1::text IS NULL OR l.enterprise_id = $1) AND ($2::timestamptz IS NULL OR l.at >= $2)
             AND ($3::timestamptz IS NULL OR l.at < $3)
             AND l.seq > $4
           ORDER BY l.seq LIMIT $5`,
          [filter.enterpriseId, filter.from, filter.to, afterSeq, pageSize],
        );
        if (result.rows.length === 0) return;
        yield result.rows.map(toAccessLogEntry);
        const last = result.rows[result.rows.length - 1];
        if (!last || result.rows.length < pageSize) return;
        afterSeq = Number(last.seq);
      }
    },
  };
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>;
