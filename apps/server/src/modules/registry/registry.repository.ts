import type pg from 'pg';
import { LOAN_COLUMNS, type LoanRow, toLoanRecord } from './loan-row.js';
import type { TEnterpriseRecords, TRowError } from './registry.schemas.js';
import type { RecordAnnotation, TRecordType } from './registry.trust.js';

export type SubmissionRow = {
  id: string;
  kind: string;
  file_name: string;
  format: string;
  mode: string;
  status: string;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
  error_count: number;
  member_id: string;
  member_name: string;
  submitted_by: string;
  submitted_by_name: string;
  created_at: Date;
  stats: { completeness?: Record<string, number> } | null;
};

const SUBMISSION_SELECT = `SELECT s.id, s.kind, s.file_name, s.format, s.mode, s.status, s.rows_total, s.rows_accepted,
  s.rows_rejected, s.error_count, s.member_id, m.name AS member_name, s.submitted_by,
  coalesce(u.display_name, s.submitted_by) AS submitted_by_name, s.created_at, s.stats
  FROM submissions s JOIN members m ON m.id = s.member_id LEFT JOIN users u ON u.id = s.submitted_by`;

export function createRegistryRepository(pool: pg.Pool) {
  return {
    /**
     * The enterprise's current records (not superseded, not archived): statements, the latest snapshot of
     * each loan, public records; each with its open dispute and the enterprise's explanation. `client` is a
     * connection set to the acting party, so row-level security filters these reads too.
     */
    async listCurrentRecords(
      client: pg.PoolClient,
      creditCode: string,
      annotation: (recordType: TRecordType, recordId: string) => RecordAnnotation,
    ): Promise<TEnterpriseRecords> {
      const statements = await client.query<{
        id: string;
        member_id: string;
        member_name: string;
        period_end: string;
        period_type: string;
        lines: Record<string, number>;
      }>(
        `SELECT s.id::text, s.member_id, m.name AS member_name, to_char(s.period_end, 'YYYY-MM-DD') AS period_end,
           s.period_type, s.lines
         FROM statements s JOIN members m ON m.id = s.member_id
         WHERE s.credit_code = $1 AND s.superseded_by IS NULL ORDER BY s.period_end DESC, s.id DESC LIMIT 200`,
        [creditCode],
      );
      const loans = await client.query<LoanRow>(
        `SELECT DISTINCT ON (l.member_id, l.loan_ref) ${LOAN_COLUMNS}
         FROM loans l JOIN members m ON m.id = l.member_id
         WHERE l.credit_code = $1 AND l.superseded_by IS NULL AND l.archived_at IS NULL
         ORDER BY l.member_id, l.loan_ref, l.as_of DESC, l.id DESC LIMIT 1000`,
        [creditCode],
      );
      const publicRecords = await client.query<{
        id: string;
        member_id: string;
        member_name: string;
        record_type: string;
        reference_no: string;
        authority: string;
        decided_on: string;
        ended_on: string | null;
        amount_fen: number | null;
        description: string | null;
      }>(
        `SELECT p.id::text, p.member_id, m.name AS member_name, p.record_type, p.reference_no, p.authority,
           to_char(p.decided_on, 'YYYY-MM-DD') AS decided_on, to_char(p.ended_on, 'YYYY-MM-DD') AS ended_on,
           p.amount_fen, p.description
         FROM public_records p JOIN members m ON m.id = p.member_id
         WHERE p.credit_code = $1 AND p.superseded_by IS NULL AND p.archived_at IS NULL
         ORDER BY p.decided_on DESC, p.id DESC LIMIT 1000`,
        [creditCode],
      );
      return {
        statements: statements.rows.map((row) => ({
          id: row.id,
          memberId: row.member_id,
          memberName: row.member_name,
          periodEnd: row.period_end,
          periodType: row.period_type,
          lines: row.lines,
          ...annotation('statement', row.id),
        })),
        loans: loans.rows.map((row) => ({ ...toLoanRecord(row), ...annotation('loan', row.id) })),
        publicRecords: publicRecords.rows.map((row) => ({
          id: row.id,
          memberId: row.member_id,
          memberName: row.member_name,
          recordType: row.record_type,
          referenceNo: row.reference_no,
          authority: row.authority,
          decidedOn: row.decided_on,
          endedOn: row.ended_on,
          amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
          description: row.description,
          ...annotation('public_record', row.id),
        })),
      };
    },
    async findSubmission(id: string): Promise<SubmissionRow | null> {
      const result = await pool.query<SubmissionRow>(`${SUBMISSION_SELECT} WHERE s.id = $1`, [id]);
      return result.rows[0] ?? null;
    },
    async listSubmissions(filter: { memberId: string | null; limit: number; offset: number }) {
      const where = filter.memberId
        ? "WHERE s.member_id = $3 AND s.status <> 'processing'"
        : "WHERE s.status <> 'processing'";
      const params: unknown[] = [filter.limit, filter.offset];
      if (filter.memberId) params.push(filter.memberId);
      const [items, total] = await Promise.all([
        pool.query<SubmissionRow>(
          `${SUBMISSION_SELECT} ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT $1 OFFSET $2`,
          params,
        ),
        pool.query<{ count: string }>(
          `SELECT count(*) FROM submissions s ${where.replace('$3', '$1')}`,
          filter.memberId ? [filter.memberId] : [],
        ),
      ]);
      return { items: items.rows, total: Number(total.rows[0]?.count ?? 0) };
    },
    async listErrors(submissionId: string, limit: number): Promise<TRowError[]> {
      const result = await pool.query<TRowError>(
        'SELECT row, field, value, rule, message FROM submission_errors WHERE submission_id = $1 ORDER BY seq LIMIT $2',
        [submissionId, limit],
      );
      return result.rows;
    },
    async *streamErrors(submissionId: string): AsyncGenerator<TRowError[]> {
      const pageSize = 10_000;
      for (let seq = 0; ; seq += pageSize) {
        const result = await pool.query<TRowError>(
          `SELECT row, field, value, rule, message FROM submission_errors
           WHERE submission_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
          [submissionId, seq, seq + pageSize],
        );
        if (result.rows.length === 0) return;
        yield result.rows;
      }
    },
    async qualityByMemberAndKind(memberId: string | null) {
      const result = await pool.query<{
        member_id: string;
        member_name: string;
        kind: string;
        submissions: string;
        rows_accepted: string;
        rows_rejected: string;
        completeness: Record<string, number> | null;
      }>(
        `SELECT s.member_id, m.name AS member_name, s.kind, count(*) AS submissions,
           sum(s.rows_accepted) AS rows_accepted, sum(s.rows_rejected) AS rows_rejected,
           (SELECT jsonb_object_agg(key, avg_ratio) FROM (
              SELECT key, sum((value)::float8 * s2.rows_total) / nullif(sum(s2.rows_total), 0) AS avg_ratio
              FROM submissions s2, jsonb_each(s2.stats->'completeness')
              WHERE s2.member_id = s.member_id AND s2.kind = s.kind AND s2.status <> 'processing'
              GROUP BY key) c) AS completeness
         FROM submissions s JOIN members m ON m.id = s.member_id
         WHERE s.status <> 'processing' AND ($1::text IS NULL OR s.member_id = $1)
         GROUP BY s.member_id, m.name, s.kind ORDER BY m.name, s.kind`,
        [memberId],
      );
      return result.rows;
    },
    async statementLagMedians(memberId: string | null) {
      const result = await pool.query<{ member_id: string; median: number | null }>(
        `SELECT st.member_id,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY (s.created_at::date - st.period_end)) AS median
         FROM statements st JOIN submissions s ON s.id = st.submission_id
         WHERE ($1::text IS NULL OR st.member_id = $1) GROUP BY st.member_id`,
        [memberId],
      );
      return new Map(
        result.rows.map((row) => [row.member_id, row.median === null ? null : Number(row.median)]),
      );
    },
    async listEnterprises(filter: { query: string | null; limit: number; offset: number }) {
      const pattern = filter.query ? `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const where = 'WHERE ($1::text IS NULL OR e.name ILIKE $1 OR e.credit_code ILIKE $1)';
      const [items, total] = await Promise.all([
        pool.query(
          `SELECT e.*, (SELECT count(*) FROM enterprise_sources s WHERE s.credit_code = e.credit_code)::int AS source_count
           FROM enterprises e ${where} ORDER BY e.name NULLS LAST, e.credit_code LIMIT $2 OFFSET $3`,
          [pattern, filter.limit, filter.offset],
        ),
        pool.query<{ count: string }>(`SELECT count(*) FROM enterprises e ${where}`, [pattern]),
      ]);
      return { items: items.rows as EnterpriseRow[], total: Number(total.rows[0]?.count ?? 0) };
    },
    async findEnterprise(creditCode: string) {
      const result = await pool.query(
        `SELECT e.*, (SELECT count(*) FROM enterprise_sources s WHERE s.credit_code = e.credit_code)::int AS source_count
         FROM enterprises e WHERE e.credit_code = $1`,
        [creditCode],
      );
      return (result.rows[0] as EnterpriseRow | undefined) ?? null;
    },
    async listSources(creditCode: string) {
      const result = await pool.query<{
        member_id: string;
        member_name: string;
        fields: Record<string, string | number | null>;
        submitted_at: Date;
      }>(
        `SELECT s.member_id, m.name AS member_name, s.fields, s.submitted_at FROM enterprise_sources s
         JOIN members m ON m.id = s.member_id WHERE s.credit_code = $1 ORDER BY s.submitted_at DESC`,
        [creditCode],
      );
      return result.rows;
    },
  };
}

export type EnterpriseRow = {
  id: string;
  credit_code: string;
  name: string | null;
  industry_code: string | null;
  industry_group: string | null;
  size_class: 'large' | 'medium' | 'small' | 'micro' | null;
  size_standard_version: string | null;
  division_code: string;
  province_code: string;
  established_on: string | null;
  employees: number | null;
  annual_revenue_fen: number | null;
  total_assets_fen: number | null;
  registered_capital_fen: number | null;
  address: string | null;
  has_conflicts: boolean;
  source_count: number;
};

export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
