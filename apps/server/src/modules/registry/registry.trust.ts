import type pg from 'pg';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type {
  DisputedRecordStore,
  EnterpriseDirectory,
  NegativeRecord,
  NegativeRecordStore,
} from '../access/index.js';
import { validateStatement } from './domain/statement-validator.js';
import { LOAN_STATUSES, STATEMENT_LINE_FIELDS } from './import/submission-kinds.js';

/**
 * The registry's side of trust: the records a dispute, an explanation or the retention rule is about.
 * Access decides; the registry holds the records, so it implements the narrow stores access asks for.
 */

export const RECORD_TYPES = ['statement', 'loan', 'public_record'] as const;
export type TRecordType = (typeof RECORD_TYPES)[number];

const TABLE_OF: Record<TRecordType, string> = {
  statement: 'statements',
  loan: 'loans',
  public_record: 'public_records',
};

/** An open dispute as the registry shows it on a record: `underDispute` with the dispute's id. */
export type OpenDisputeLookup = (
  enterpriseId: string,
) => Promise<Array<{ id: string; recordType: string; recordId: string }>>;

/** What every record the registry shows carries about trust: an open dispute and the enterprise's explanation. */
export type RecordAnnotation = {
  underDispute: boolean;
  disputeId: string | null;
  explanation: string | null;
};

/** Loan statuses and facts that make a loan snapshot negative information. */
const NEGATIVE_LOAN_SQL = `(l.status IN ('overdue', 'default', 'written_off') OR l.default_on IS NOT NULL OR l.days_past_due > 0)`;

const ZIsoDateOrNull = z.iso.date().nullable();
const ZFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** What a dispute's correction may change, per record type (the identity of a record never changes). */
const CORRECTION_SCHEMAS = {
  loan: z
    .object({
      status: z.enum(LOAN_STATUSES),
      daysPastDue: z.number().int().min(0).max(100_000),
      outstandingFen: ZFen,
      defaultOn: ZIsoDateOrNull,
      maturityOn: ZIsoDateOrNull,
    })
    .partial()
    .strict(),
  public_record: z
    .object({
      endedOn: ZIsoDateOrNull,
      amountFen: ZFen.nullable(),
      description: z.string().max(2000).nullable(),
    })
    .partial()
    .strict(),
  statement: z
    .object({
      lines: z
        .record(z.string(), z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER))
        .refine((lines) => Object.keys(lines).every((key) => STATEMENT_LINE_FIELDS.includes(key)), {
          message: `statement line ids are ${STATEMENT_LINE_FIELDS[0]} … ${STATEMENT_LINE_FIELDS.at(-1)}`,
        }),
    })
    .strict(),
} satisfies Record<TRecordType, z.ZodType>;

function parseCorrection(recordType: TRecordType, correction: Record<string, unknown>) {
  const parsed = CORRECTION_SCHEMAS[recordType].safeParse(correction);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'correction';
    throw new AppError('VALIDATION_FAILED', {
      message: `correction of a ${recordType}: ${field}: ${issue?.message ?? 'invalid'}`,
      details: {
        field: `correction.${field}`,
        value: issue?.path[0] === undefined ? null : (correction[String(issue.path[0])] ?? null),
        rule: issue?.code ?? 'invalid',
      },
    });
  }
  return parsed.data as Record<string, unknown>;
}

const isRecordId = (value: string) => /^[1-9]\d{0,17}$/.test(value);

async function insertAudit(
  client: pg.PoolClient | pg.Pool,
  event: {
    at: Date;
    action: string;
    actorUserId: string | null;
    actorMemberId: string | null;
    entityType: string;
    entityId: string;
    before: unknown;
    after: unknown;
    requestId?: string | null;
  },
) {
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
      event.before === null ? null : JSON.stringify(event.before),
      event.after === null ? null : JSON.stringify(event.after),
      event.requestId ?? null,
    ],
  );
}

/** Open disputes and explanations of one enterprise's records: a function from `type`, `id` to the annotation. */
export async function annotationsOf(
  db: pg.Pool | pg.PoolClient,
  enterprise: { id: string; creditCode: string },
  openDisputes: OpenDisputeLookup | null,
) {
  const disputes = openDisputes ? await openDisputes(enterprise.id) : [];
  const explanations = await db.query<{ record_type: string; record_id: string; explanation: string }>(
    'SELECT record_type, record_id, explanation FROM record_explanations WHERE credit_code = $1',
    [enterprise.creditCode],
  );
  const disputeOf = new Map(
    disputes.map((dispute) => [`${dispute.recordType}:${dispute.recordId}`, dispute.id]),
  );
  const explanationOf = new Map(
    explanations.rows.map((row) => [`${row.record_type}:${row.record_id}`, row.explanation]),
  );
  return (recordType: TRecordType, recordId: string): RecordAnnotation => {
    const disputeId = disputeOf.get(`${recordType}:${recordId}`) ?? null;
    return {
      underDispute: disputeId !== null,
      disputeId,
      explanation: explanationOf.get(`${recordType}:${recordId}`) ?? null,
    };
  };
}

export function createRegistryTrustStore(pool: pg.Pool, deps: { clock: { now: () => Date } }) {
  /** The record with its enterprise and submitting member, current or superseded; null when unknown. */
  async function findRecord(
    recordType: TRecordType,
    recordId: string,
    db: pg.Pool | pg.PoolClient = pool,
    lock = false,
  ) {
    if (!isRecordId(recordId)) return null;
    const result = await db.query<{
      enterprise_id: string;
      credit_code: string;
      member_id: string;
      is_current: boolean;
    }>(
      `SELECT e.id AS enterprise_id, r.credit_code, r.member_id,
         (r.superseded_by IS NULL ${recordType === 'statement' ? '' : 'AND r.archived_at IS NULL'}) AS is_current
       FROM ${TABLE_OF[recordType]} r JOIN enterprises e ON e.credit_code = r.credit_code
       WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [recordId],
    );
    return result.rows[0] ?? null;
  }

  const negativeRecords: NegativeRecordStore = {
    /**
     * A loan's negative snapshots (overdue, in default, written off, or carrying a default date) end when the
     * loan is closed or written off: the first such snapshot's date. A public record ends on its `ended_on`.
     */
    async listNegativeRecordsEndedBy({ endedOnOrBefore, limit }) {
      const loans = await pool.query<{ id: string; enterprise_id: string; what: string; ended_on: string }>(
        `WITH ended AS (
           SELECT credit_code, member_id, loan_ref, min(as_of) AS ended_on FROM loans
           WHERE superseded_by IS NULL AND status IN ('closed', 'written_off')
           GROUP BY credit_code, member_id, loan_ref
         )
         SELECT l.id::text, e.id AS enterprise_id, to_char(en.ended_on, 'YYYY-MM-DD') AS ended_on,
           'loan ' || l.loan_ref || ' ' || l.status || coalesce(' (default on ' || to_char(l.default_on, 'YYYY-MM-DD') || ')', '')
             AS what
         FROM loans l JOIN ended en USING (credit_code, member_id, loan_ref)
           JOIN enterprises e ON e.credit_code = l.credit_code
         WHERE l.archived_at IS NULL AND l.superseded_by IS NULL AND ${NEGATIVE_LOAN_SQL}
           AND en.ended_on <= $1::date
         ORDER BY l.id LIMIT $2`,
        [endedOnOrBefore, limit],
      );
      const records: NegativeRecord[] = loans.rows.map((row) => ({
        recordType: 'loan',
        recordId: row.id,
        enterpriseId: row.enterprise_id,
        what: row.what,
        endedOn: row.ended_on,
      }));
      if (records.length >= limit) return records;
      const publicRecords = await pool.query<{
        id: string;
        enterprise_id: string;
        what: string;
        ended_on: string;
      }>(
        `SELECT p.id::text, e.id AS enterprise_id, to_char(p.ended_on, 'YYYY-MM-DD') AS ended_on,
           replace(p.record_type, '_', ' ') || ' ' || p.reference_no AS what
         FROM public_records p JOIN enterprises e ON e.credit_code = p.credit_code
         WHERE p.archived_at IS NULL AND p.superseded_by IS NULL AND p.ended_on IS NOT NULL AND p.ended_on <= $1::date
         ORDER BY p.id LIMIT $2`,
        [endedOnOrBefore, limit - records.length],
      );
      for (const row of publicRecords.rows) {
        records.push({
          recordType: 'public_record',
          recordId: row.id,
          enterpriseId: row.enterprise_id,
          what: row.what,
          endedOn: row.ended_on,
        });
      }
      return records;
    },

    async markArchived({ records, archivedAt, reason }) {
      const idsOf = (type: string) =>
        records.filter((record) => record.recordType === type).map((record) => record.recordId);
      await pool.query(
        'UPDATE loans SET archived_at = $1, archive_reason = $2 WHERE id = ANY($3::bigint[]) AND archived_at IS NULL',
        [archivedAt, reason, idsOf('loan')],
      );
      await pool.query(
        `UPDATE public_records SET archived_at = $1, archive_reason = $2
         WHERE id = ANY($3::bigint[]) AND archived_at IS NULL`,
        [archivedAt, reason, idsOf('public_record')],
      );
    },
  };

  const enterpriseDirectory: EnterpriseDirectory = {
    async findEnterpriseByCreditCode(creditCode) {
      const result = await pool.query<{ id: string; credit_code: string; name: string | null }>(
        'SELECT id, credit_code, name FROM enterprises WHERE credit_code = $1',
        [creditCode],
      );
      const row = result.rows[0];
      return row ? { id: row.id, creditCode: row.credit_code, name: row.name } : null;
    },
    async listSubmitterMemberIds(enterpriseId) {
      const result = await pool.query<{ member_id: string }>(
        `WITH e AS (SELECT credit_code FROM enterprises WHERE id = $1)
         SELECT member_id FROM enterprise_sources WHERE credit_code = (SELECT credit_code FROM e)
         UNION SELECT member_id FROM statements WHERE credit_code = (SELECT credit_code FROM e)
         UNION SELECT member_id FROM loans WHERE credit_code = (SELECT credit_code FROM e)
         UNION SELECT member_id FROM public_records WHERE credit_code = (SELECT credit_code FROM e)
         UNION SELECT member_id FROM invoices WHERE credit_code = (SELECT credit_code FROM e)`,
        [enterpriseId],
      );
      return result.rows.map((row) => row.member_id);
    },
  };

  const disputedRecords: DisputedRecordStore = {
    async findRecord({ recordType, recordId }) {
      const row = await findRecord(recordType, recordId);
      return row
        ? { enterpriseId: row.enterprise_id, memberId: row.member_id, isCurrent: row.is_current }
        : null;
    },

    /** A new version with the correction applied supersedes the disputed record; the original stays as it was. */
    async writeCorrection(client, { recordType, recordId, disputeId, correction }) {
      const patch = parseCorrection(recordType, correction);
      const found = await findRecord(recordType, recordId, client, true);
      if (!found) throw new AppError('NOT_FOUND', { message: `${recordType} ${recordId} not found` });
      if (!found.is_current) {
        throw new AppError('CONFLICT', {
          message: `${recordType} ${recordId} was replaced meanwhile; the correction must apply to the current version`,
        });
      }
      const table = TABLE_OF[recordType];
      const before = (
        await client.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = $1`, [recordId])
      ).rows[0];
      if (!before) throw new AppError('NOT_FOUND', { message: `${recordType} ${recordId} not found` });
      const after: Record<string, unknown> = { ...before };
      if (recordType === 'statement') {
        const lines = {
          ...(before.lines as Record<string, number>),
          ...(patch.lines as Record<string, number>),
        };
        // A corrected statement must hold like a submitted one (subtotals, A = L + E): 条例 art. 23, accuracy.
        const issue = validateStatement(lines)[0];
        if (issue) {
          throw new AppError('REGISTRY_UNBALANCED_STATEMENT', {
            message: `the corrected statement does not hold: ${issue.message}`,
            details: {
              field: `correction.lines.${issue.field}`,
              rule: issue.rule,
              value: lines[issue.field] ?? null,
            },
          });
        }
        after.lines = lines;
      } else {
        for (const [key, value] of Object.entries(patch)) {
          after[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = value;
        }
      }
      const columns = Object.keys(before).filter(
        (column) =>
          !['id', 'superseded_by', 'archived_at', 'archive_reason', 'corrects_dispute_id'].includes(column),
      );
      const values = columns.map((column) =>
        column === 'lines' ? JSON.stringify(after[column]) : (after[column] ?? null),
      );
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO ${table} (${columns.join(', ')}, corrects_dispute_id)
         VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}, $${columns.length + 1})
         RETURNING id::text`,
        [...values, disputeId],
      );
      const newRecordId = inserted.rows[0]?.id;
      if (!newRecordId) throw new AppError('INTERNAL', { message: 'the corrected record was not written' });
      await client.query(`UPDATE ${table} SET superseded_by = $2 WHERE id = $1`, [recordId, newRecordId]);
      await insertAudit(client, {
        at: deps.clock.now(),
        action: 'registry.record_corrected',
        actorUserId: null,
        actorMemberId: found.member_id,
        entityType: recordType,
        entityId: recordId,
        before,
        after: { ...after, id: newRecordId, correctsDisputeId: disputeId },
      });
      return newRecordId;
    },
  };

  return {
    negativeRecords,
    enterpriseDirectory,
    disputedRecords,

    /**
     * The enterprise's statement about one of its records (条例 art. 16), replacing an earlier one; audited
     * with before and after. A record of another enterprise is NOT_FOUND.
     */
    async writeExplanation(input: {
      actorUserId: string;
      enterpriseId: string;
      recordType: TRecordType;
      recordId: string;
      explanation: string;
      requestId?: string | null;
    }) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const record = await findRecord(input.recordType, input.recordId, client);
        if (!record || record.enterprise_id !== input.enterpriseId) {
          throw new AppError('NOT_FOUND', {
            message: `${input.recordType} ${input.recordId} is not a record of your enterprise`,
            details: { field: 'recordId', value: input.recordId },
          });
        }
        const previous = await client.query<{ explanation: string; written_by: string; written_at: Date }>(
          `SELECT explanation, written_by, written_at FROM record_explanations
           WHERE record_type = $1 AND record_id = $2 FOR UPDATE`,
          [input.recordType, input.recordId],
        );
        const now = deps.clock.now();
        await client.query(
          `INSERT INTO record_explanations (record_type, record_id, credit_code, explanation, written_by, written_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (record_type, record_id)
           DO UPDATE SET explanation = EXCLUDED.explanation, written_by = EXCLUDED.written_by,
             written_at = EXCLUDED.written_at`,
          [input.recordType, input.recordId, record.credit_code, input.explanation, input.actorUserId, now],
        );
        await insertAudit(client, {
          at: now,
          action: 'registry.record_explained',
          actorUserId: input.actorUserId,
          actorMemberId: null,
          entityType: input.recordType,
          entityId: input.recordId,
          before: previous.rows[0] ?? null,
          after: {
            explanation: input.explanation,
            writtenBy: input.actorUserId,
            writtenAt: now.toISOString(),
          },
          requestId: input.requestId ?? null,
        });
        await client.query('COMMIT');
        return {
          recordType: input.recordType,
          recordId: input.recordId,
          explanation: input.explanation,
          writtenAt: now.toISOString(),
        };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export type RegistryTrustStore = ReturnType<typeof createRegistryTrustStore>;
