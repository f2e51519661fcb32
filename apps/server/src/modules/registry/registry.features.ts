import { StringDecoder } from 'node:string_decoder';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { systemReadContext, withReadContext } from '../../platform/db/read-context.js';
import { computeRatios, RATIO_DEFINITIONS } from './domain/ratios.js';
import type { StatementValues } from './domain/statement-validator.js';

/** The scoring features of one enterprise as of a date, with when its registry data last changed. */
export type EnterpriseFeatures = {
  creditCode: string;
  /** The latest commit time of a submission that touched this enterprise (profile or facts). */
  dataChangedAt: Date;
  values: Record<string, number | string | null>;
};

/** One feature the registry provides: name, type and what it means. */
export type FeatureDefinition = { name: string; type: 'numeric' | 'text'; description: string };

const PUBLIC_RECORD_TYPES = [
  'administrative_penalty',
  'abnormal_operation',
  'court_judgment',
  'tax_arrears',
] as const;

/** Every feature {@link createRegistryFeatureReader} returns, in a stable order. */
export const FEATURE_DEFINITIONS: readonly FeatureDefinition[] = Object.freeze([
  { name: 'ent_industry_group', type: 'text', description: 'industry group (GB/T 4754)' },
  { name: 'ent_size_class', type: 'text', description: 'SME size class' },
  { name: 'ent_age_years', type: 'numeric', description: 'years since establishment at the as-of date' },
  ...RATIO_DEFINITIONS.map(
    (ratio): FeatureDefinition => ({
      name: `fin_${ratio.id}`,
      type: 'numeric',
      description: `${ratio.en} from the latest annual statement (and the previous one)`,
    }),
  ),
  { name: 'fin_statement_age_days', type: 'numeric', description: 'days from the latest annual period end' },
  { name: 'inv_sales_total_12m_fen', type: 'numeric', description: 'valid sales invoices, 12 months, fen' },
  { name: 'inv_purchase_total_12m_fen', type: 'numeric', description: 'valid purchase invoices, 12 months' },
  { name: 'inv_sales_trend', type: 'numeric', description: 'last 6 months of sales / the 6 before − 1' },
  { name: 'inv_void_share', type: 'numeric', description: 'share of void invoices, 12 months' },
  { name: 'inv_negative_share', type: 'numeric', description: 'share of negative (red) invoices' },
  { name: 'inv_customer_hhi', type: 'numeric', description: 'Herfindahl index of sales by customer' },
  { name: 'inv_top_customer_share', type: 'numeric', description: "largest customer's share of sales" },
  { name: 'inv_supplier_hhi', type: 'numeric', description: 'Herfindahl index of purchases by supplier' },
  { name: 'inv_top_supplier_share', type: 'numeric', description: "largest supplier's share of purchases" },
  { name: 'inv_sales_monthly_cv', type: 'numeric', description: 'coefficient of variation of monthly sales' },
  { name: 'inv_active_months', type: 'numeric', description: 'months with sales, of the last 12' },
  { name: 'inv_customers', type: 'numeric', description: 'distinct customers, 12 months' },
  { name: 'inv_suppliers', type: 'numeric', description: 'distinct suppliers, 12 months' },
  { name: 'loan_max_dpd_12m', type: 'numeric', description: 'most days past due in 12 months' },
  { name: 'loan_count', type: 'numeric', description: 'loans granted up to the as-of date' },
  { name: 'loan_lenders', type: 'numeric', description: 'distinct lending members' },
  { name: 'loan_any_default', type: 'numeric', description: '1 when a loan defaulted by the as-of date' },
  { name: 'loan_outstanding_fen', type: 'numeric', description: 'outstanding on open loans, fen' },
  ...PUBLIC_RECORD_TYPES.map(
    (type): FeatureDefinition => ({
      name: `pub_${type}_5y`,
      type: 'numeric',
      description: `public records of type ${type} in 5 years`,
    }),
  ),
]);

type FeatureRow = {
  credit_code: string;
  industry_group: string | null;
  size_class: string | null;
  age_years: number | null;
  data_changed_at: Date;
  current_lines: StatementValues | null;
  current_period_end: string | null;
  previous_lines: StatementValues | null;
  sales_total: number | null;
  purchase_total: number | null;
  sales_recent: number | null;
  sales_earlier: number | null;
  void_share: number | null;
  negative_share: number | null;
  customer_hhi: number | null;
  top_customer_share: number | null;
  supplier_hhi: number | null;
  top_supplier_share: number | null;
  monthly_mean: number | null;
  monthly_mean_square: number | null;
  active_months: number | null;
  customers: number | null;
  suppliers: number | null;
  max_dpd_12m: number | null;
  loan_count: number | null;
  loan_lenders: number | null;
  any_default: boolean | null;
  outstanding: number | null;
} & Record<`pub_${(typeof PUBLIC_RECORD_TYPES)[number]}`, number | null>;

/**
 * Which enterprises one feature statement covers. `page`: a page in credit-code order or the listed codes
 * ($2–$4), every fact table read through its `(credit_code, …)` index with the page's codes (an InitPlan
 * array), so a page costs its own facts, not the whole tables. `all`: every enterprise in one pass of hash
 * aggregates over each fact table, for full re-scoring.
 */
type FeatureScope = 'page' | 'all';

// Set operations stay in PostgreSQL: one statement aggregates invoices, loans and public records per
// enterprise; only the statement ratios (domain code) are computed in TypeScript. `asOf` is an SQL date
// expression: the parameter $1 (pages) or a checked literal (COPY of the full population takes no parameters).
function featuresSql(scope: FeatureScope, asOf: string): string {
  const page = scope === 'page';
  const inPage = (column: string) =>
    page ? `AND ${column} = ANY ((SELECT codes FROM page_codes)::text[])` : '';
  const $1 = asOf;
  const ent = page
    ? `ent AS (
  SELECT credit_code, industry_group, size_class, established_on, updated_at FROM enterprises
  WHERE ($2::text[] IS NULL OR credit_code = ANY($2)) AND ($3::text IS NULL OR credit_code > $3)
  ORDER BY credit_code LIMIT $4
),
page_codes AS (SELECT coalesce(array_agg(credit_code), '{}') AS codes FROM ent),`
    : `ent AS (
  SELECT credit_code, industry_group, size_class, established_on, updated_at FROM enterprises
),`;
  // when an enterprise's registry data last changed: through the indexes per enterprise (page), or one
  // aggregate over every fact row joined to its submission (all)
  const changed = page
    ? `changed AS (
  SELECT ent.credit_code, greatest(ent.updated_at, max(coalesce(sub.completed_at, sub.created_at))) AS data_changed_at
  FROM ent
  LEFT JOIN LATERAL (
    SELECT submission_id FROM statements WHERE credit_code = ent.credit_code
    UNION SELECT submission_id FROM loans WHERE credit_code = ent.credit_code
    UNION SELECT submission_id FROM public_records WHERE credit_code = ent.credit_code
    UNION SELECT submission_id FROM invoices WHERE credit_code = ent.credit_code
  ) facts ON true
  LEFT JOIN submissions sub ON sub.id = facts.submission_id
  GROUP BY ent.credit_code, ent.updated_at
)`
    : `sub_at AS (SELECT id AS submission_id, coalesce(completed_at, created_at) AS at FROM submissions),
fact_at AS (
  SELECT credit_code, max(at) AS at FROM (
    SELECT credit_code, submission_id FROM statements
    UNION ALL SELECT credit_code, submission_id FROM loans
    UNION ALL SELECT credit_code, submission_id FROM public_records
    UNION ALL SELECT credit_code, submission_id FROM invoices
  ) facts JOIN sub_at USING (submission_id)
  GROUP BY credit_code
),
changed AS (
  SELECT ent.credit_code, greatest(ent.updated_at, fact_at.at) AS data_changed_at
  FROM ent LEFT JOIN fact_at USING (credit_code)
)`;
  return `
WITH ${ent}
inv AS (
  SELECT i.credit_code, i.direction, i.counterparty, i.total_fen::float8 AS total, i.is_void, i.issued_on,
    date_trunc('month', i.issued_on)::date AS month
  FROM invoices i
  WHERE i.issued_on > (${$1} - interval '12 months') AND i.issued_on <= ${$1} ${inPage('i.credit_code')}
),
inv_totals AS (
  SELECT credit_code,
    count(*) FILTER (WHERE is_void)::float8 / count(*) AS void_share,
    count(*) FILTER (WHERE total < 0)::float8 / count(*) AS negative_share,
    sum(total) FILTER (WHERE direction = 'sales' AND NOT is_void) AS sales_total,
    sum(total) FILTER (WHERE direction = 'purchase' AND NOT is_void) AS purchase_total,
    sum(total) FILTER (WHERE direction = 'sales' AND NOT is_void AND issued_on > ${$1} - interval '6 months')
      AS sales_recent,
    sum(total) FILTER (WHERE direction = 'sales' AND NOT is_void AND issued_on <= ${$1} - interval '6 months')
      AS sales_earlier,
    count(DISTINCT counterparty) FILTER (WHERE direction = 'sales') AS customers,
    count(DISTINCT counterparty) FILTER (WHERE direction = 'purchase') AS suppliers,
    count(DISTINCT month) FILTER (WHERE direction = 'sales' AND NOT is_void) AS active_months
  FROM inv GROUP BY credit_code
),
by_party AS (
  SELECT credit_code, direction, counterparty, sum(total) AS total
  FROM inv WHERE NOT is_void GROUP BY credit_code, direction, counterparty HAVING sum(total) > 0
),
shares AS (
  SELECT credit_code, direction, total / sum(total) OVER (PARTITION BY credit_code, direction) AS share
  FROM by_party
),
-- float sums that are not exact (squares) add in a fixed order, so every plan gives the same last bit
concentration AS (
  SELECT credit_code,
    sum(share * share ORDER BY share) FILTER (WHERE direction = 'sales') AS customer_hhi,
    max(share) FILTER (WHERE direction = 'sales') AS top_customer_share,
    sum(share * share ORDER BY share) FILTER (WHERE direction = 'purchase') AS supplier_hhi,
    max(share) FILTER (WHERE direction = 'purchase') AS top_supplier_share
  FROM shares GROUP BY credit_code
),
monthly AS (
  SELECT credit_code, month, sum(total) AS total FROM inv
  WHERE direction = 'sales' AND NOT is_void GROUP BY credit_code, month
),
volatility AS (
  SELECT credit_code, sum(total) / 12 AS monthly_mean, sum(total * total ORDER BY total) / 12 AS monthly_mean_square
  FROM monthly GROUP BY credit_code
),
ln AS (
  SELECT l.credit_code, l.member_id, l.loan_ref, l.as_of, l.id, l.days_past_due, l.status, l.default_on,
    l.outstanding_fen
  FROM loans l
  WHERE l.superseded_by IS NULL AND l.archived_at IS NULL AND l.as_of <= ${$1} ${inPage('l.credit_code')}
),
loan_stats AS (
  SELECT credit_code,
    coalesce(max(days_past_due) FILTER (WHERE as_of > ${$1} - interval '12 months'), 0) AS max_dpd_12m,
    bool_or(status IN ('default', 'written_off') OR default_on <= ${$1}) AS any_default
  FROM ln GROUP BY credit_code
),
loan_latest AS (
  SELECT DISTINCT ON (credit_code, member_id, loan_ref) credit_code, member_id, outstanding_fen, status
  FROM ln ORDER BY credit_code, member_id, loan_ref, as_of DESC, id DESC
),
-- one row per loan (member, reference) in loan_latest: counting them needs no DISTINCT of its own
outstanding AS (
  SELECT credit_code, count(*) AS loan_count, count(DISTINCT member_id) AS loan_lenders,
    coalesce(sum(outstanding_fen) FILTER (WHERE status <> 'closed'), 0)::float8 AS outstanding
  FROM loan_latest GROUP BY credit_code
),
pr AS (
  SELECT credit_code,
    ${PUBLIC_RECORD_TYPES.map((type) => `count(*) FILTER (WHERE record_type = '${type}') AS pub_${type}`).join(',\n    ')}
  FROM public_records p
  WHERE superseded_by IS NULL AND archived_at IS NULL AND decided_on <= ${$1}
    AND decided_on > ${$1} - interval '5 years' ${inPage('p.credit_code')}
  GROUP BY credit_code
),
-- the latest version of the two latest annual statements: picked by id first, lines read only for those
st_pick AS (
  SELECT credit_code, period_end, id,
    row_number() OVER (PARTITION BY credit_code ORDER BY period_end DESC) AS rn
  FROM (
    SELECT DISTINCT ON (s.credit_code, s.period_end) s.credit_code, s.period_end, s.id
    FROM statements s
    WHERE s.superseded_by IS NULL AND s.period_type = 'annual' AND s.period_end <= ${$1} ${inPage('s.credit_code')}
    ORDER BY s.credit_code, s.period_end, s.id DESC
  ) latest_versions
),
st AS (
  SELECT p.credit_code, p.period_end, p.rn, s.lines
  FROM st_pick p JOIN statements s ON s.id = p.id
  WHERE p.rn <= 2
),
${changed}
SELECT ent.credit_code, ent.industry_group, ent.size_class,
  CASE WHEN ent.established_on IS NULL THEN NULL ELSE ((${$1} - ent.established_on) / 365.25)::float8 END AS age_years,
  changed.data_changed_at,
  cur.lines AS current_lines, to_char(cur.period_end, 'YYYY-MM-DD') AS current_period_end, prev.lines AS previous_lines,
  t.sales_total, t.purchase_total, t.sales_recent, t.sales_earlier, t.void_share, t.negative_share,
  c.customer_hhi, c.top_customer_share, c.supplier_hhi, c.top_supplier_share,
  v.monthly_mean, v.monthly_mean_square, t.active_months::int, t.customers::int, t.suppliers::int,
  ls.max_dpd_12m, o.loan_count::int, o.loan_lenders::int, ls.any_default, o.outstanding,
  ${PUBLIC_RECORD_TYPES.map((type) => `pr.pub_${type}::int`).join(', ')}
FROM ent
JOIN changed USING (credit_code)
LEFT JOIN st cur ON cur.credit_code = ent.credit_code AND cur.rn = 1
LEFT JOIN st prev ON prev.credit_code = ent.credit_code AND prev.rn = 2
LEFT JOIN inv_totals t ON t.credit_code = ent.credit_code
LEFT JOIN concentration c ON c.credit_code = ent.credit_code
LEFT JOIN volatility v ON v.credit_code = ent.credit_code
LEFT JOIN loan_stats ls ON ls.credit_code = ent.credit_code
LEFT JOIN outstanding o ON o.credit_code = ent.credit_code
LEFT JOIN pr ON pr.credit_code = ent.credit_code
${page ? 'ORDER BY ent.credit_code' : ''}`;
}

const FEATURES_SQL = featuresSql('page', '$1::date');

const DAY_MS = 86_400_000;

function ratiosOf(current: StatementValues, previous: StatementValues | null) {
  try {
    return computeRatios(current, previous);
  } catch {
    // A stored statement with non-integer amounts cannot be read as ratios: its features stay missing.
    return null;
  }
}

function toFeatures(row: FeatureRow, asOf: string): EnterpriseFeatures {
  const values: Record<string, number | string | null> = {
    ent_industry_group: row.industry_group,
    ent_size_class: row.size_class,
    ent_age_years: row.age_years === null ? null : Number(row.age_years),
  };
  const ratios = row.current_lines ? ratiosOf(row.current_lines, row.previous_lines) : null;
  for (const ratio of RATIO_DEFINITIONS) values[`fin_${ratio.id}`] = ratios ? ratios[ratio.id] : null;
  values.fin_statement_age_days = row.current_period_end
    ? Math.round((Date.parse(asOf) - Date.parse(row.current_period_end)) / DAY_MS)
    : null;
  const hasInvoices = row.void_share !== null;
  const salesTotal = row.sales_total ?? (hasInvoices ? 0 : null);
  values.inv_sales_total_12m_fen = salesTotal;
  values.inv_purchase_total_12m_fen = row.purchase_total ?? (hasInvoices ? 0 : null);
  values.inv_sales_trend =
    row.sales_earlier !== null && row.sales_earlier > 0
      ? (row.sales_recent ?? 0) / row.sales_earlier - 1
      : null;
  values.inv_void_share = row.void_share;
  values.inv_negative_share = row.negative_share;
  values.inv_customer_hhi = row.customer_hhi;
  values.inv_top_customer_share = row.top_customer_share;
  values.inv_supplier_hhi = row.supplier_hhi;
  values.inv_top_supplier_share = row.top_supplier_share;
  const mean = row.monthly_mean;
  values.inv_sales_monthly_cv =
    mean !== null && mean > 0
      ? Math.sqrt(Math.max(0, (row.monthly_mean_square ?? 0) - mean * mean)) / mean
      : null;
  values.inv_active_months = row.active_months ?? (hasInvoices ? 0 : null);
  values.inv_customers = row.customers;
  values.inv_suppliers = row.suppliers;
  const hasLoans = row.loan_count !== null;
  values.loan_max_dpd_12m = row.max_dpd_12m;
  values.loan_count = row.loan_count ?? 0;
  values.loan_lenders = row.loan_lenders ?? 0;
  values.loan_any_default = hasLoans ? (row.any_default ? 1 : 0) : 0;
  values.loan_outstanding_fen = row.outstanding ?? 0;
  for (const type of PUBLIC_RECORD_TYPES) values[`pub_${type}_5y`] = row[`pub_${type}`] ?? 0;
  return { creditCode: row.credit_code, dataChangedAt: row.data_changed_at, values };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// COPY's text format escapes these after a backslash (PostgreSQL docs, COPY, "Text Format")
const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One field of COPY's text format as the text PostgreSQL would have sent a query (null for \N). */
function copyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (_, octal, hex, char: string) =>
    octal
      ? String.fromCharCode(Number.parseInt(octal, 8))
      : hex
        ? String.fromCharCode(Number.parseInt(hex, 16))
        : (COPY_ESCAPES[char] ?? char),
  );
}

/** Whether an enterprise defaulted (loan status default / written off, or a default date) before and after a date. */
export type DefaultOutcome = { defaultedBefore: boolean; defaultedInWindow: boolean };

/**
 * The registry's read side for scoring: features of enterprises as of a date, computed over the registry's
 * current (not superseded) facts, and the default outcomes that label training samples.
 */
export function createRegistryFeatureReader(pool: pg.Pool) {
  return {
    /**
     * Features of one page of enterprises in credit-code order (`after` = the last code of the previous
     * page), or of the listed codes. Unknown codes are absent from the result.
     */
    async readEnterpriseFeatures(input: {
      asOf: string;
      creditCodes?: readonly string[];
      after?: string | null;
      limit?: number;
    }): Promise<EnterpriseFeatures[]> {
      const result = await pool.query<FeatureRow>(FEATURES_SQL, [
        input.asOf,
        input.creditCodes ? [...input.creditCodes] : null,
        input.after ?? null,
        input.limit ?? input.creditCodes?.length ?? 1000,
      ]);
      return result.rows.map((row) => toFeatures(row, input.asOf));
    },

    /**
     * Features of every enterprise as of a date, for full re-scoring: ONE set-based statement (hash
     * aggregates over each fact table, no per-page joins) streamed with `COPY (…) TO STDOUT`, handed to
     * `onBatch` in batches of `batchSize` (in no particular order; the next batch is read once `onBatch`
     * resolves). Runs in a read-only transaction with the system read context (row-level security lets
     * batch jobs see every row); values are parsed with the same type parsers as a query, so they equal
     * {@link readEnterpriseFeatures}' values. Returns the number of enterprises read.
     */
    async streamAllEnterpriseFeatures(input: {
      asOf: string;
      /** The platform's clock, for the read context. */
      now: Date;
      /** @default 10000 */
      batchSize?: number;
      onBatch: (batch: EnterpriseFeatures[]) => Promise<void>;
    }): Promise<number> {
      if (!ISO_DATE.test(input.asOf) || Number.isNaN(Date.parse(input.asOf))) {
        throw new RangeError(
          `streamAllEnterpriseFeatures: asOf must be a date YYYY-MM-DD, got ${input.asOf}`,
        );
      }
      const sql = featuresSql('all', `'${input.asOf}'::date`);
      const batchSize = input.batchSize ?? 10_000;
      return withReadContext(pool, systemReadContext(input.now), async (client) => {
        // one big statement: JIT compilation of its ~250 functions costs seconds and saves nothing here,
        // and its sorts and hash aggregates over whole fact tables would spill to disk at the default 4 MB
        await client.query("SET LOCAL jit = off; SET LOCAL work_mem = '256MB'");
        // the column names and types of the statement (not run: LIMIT 0), to parse COPY's text like a query
        const shape = await client.query(`SELECT * FROM (${sql}) features LIMIT 0`);
        const names = shape.fields.map((field) => field.name);
        const parsers = shape.fields.map((field) => pg.types.getTypeParser(field.dataTypeID, 'text'));
        const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT`));
        const decoder = new StringDecoder('utf8');
        let rest = '';
        let batch: EnterpriseFeatures[] = [];
        let read = 0;
        const take = (line: string) => {
          const fields = line.split('\t');
          const row: Record<string, unknown> = {};
          for (let k = 0; k < names.length; k++) {
            const text = copyField(fields[k] as string);
            row[names[k] as string] = text === null ? null : (parsers[k] as (text: string) => unknown)(text);
          }
          batch.push(toFeatures(row as FeatureRow, input.asOf));
        };
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          const lines = (rest + decoder.write(chunk)).split('\n');
          rest = lines.pop() as string;
          for (const line of lines) take(line);
          if (batch.length >= batchSize) {
            read += batch.length;
            const full = batch;
            batch = [];
            await input.onBatch(full);
          }
        }
        rest += decoder.end();
        if (rest !== '') take(rest);
        if (batch.length > 0) {
          read += batch.length;
          await input.onBatch(batch);
        }
        return read;
      });
    },

    /** Defaults by the as-of date and within `horizonMonths` after it, per listed enterprise. */
    async readDefaultOutcomes(input: {
      creditCodes: readonly string[];
      asOf: string;
      horizonMonths: number;
    }): Promise<Map<string, DefaultOutcome>> {
      const result = await pool.query<{
        credit_code: string;
        defaulted_before: boolean;
        defaulted_in_window: boolean;
      }>(
        `SELECT credit_code,
           coalesce(bool_or(defaulted_on <= $2::date), false) AS defaulted_before,
           coalesce(bool_or(defaulted_on > $2::date AND defaulted_on <= $2::date + make_interval(months => $3)), false)
             AS defaulted_in_window
         FROM (
           SELECT credit_code,
             coalesce(default_on, CASE WHEN status IN ('default', 'written_off') THEN as_of END) AS defaulted_on
           FROM loans WHERE superseded_by IS NULL AND credit_code = ANY($1)
         ) facts
         GROUP BY credit_code`,
        [[...input.creditCodes], input.asOf, input.horizonMonths],
      );
      const outcomes = new Map<string, DefaultOutcome>();
      for (const code of input.creditCodes)
        outcomes.set(code, { defaultedBefore: false, defaultedInWindow: false });
      for (const row of result.rows) {
        outcomes.set(row.credit_code, {
          defaultedBefore: row.defaulted_before,
          defaultedInWindow: row.defaulted_in_window,
        });
      }
      return outcomes;
    },
  };
}

export type RegistryFeatureReader = ReturnType<typeof createRegistryFeatureReader>;
