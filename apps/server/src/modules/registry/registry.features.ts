import type pg from 'pg';
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

// Set operations stay in PostgreSQL: one statement per page of enterprises aggregates their invoices,
// loans and public records; only the statement ratios (domain code) are computed in TypeScript.
const FEATURES_SQL = `
WITH ent AS (
  SELECT credit_code, industry_group, size_class, established_on, updated_at FROM enterprises
  WHERE ($2::text[] IS NULL OR credit_code = ANY($2)) AND ($3::text IS NULL OR credit_code > $3)
  ORDER BY credit_code LIMIT $4
),
inv AS (
  SELECT i.credit_code, i.direction, i.counterparty, i.total_fen::float8 AS total, i.is_void, i.issued_on,
    date_trunc('month', i.issued_on)::date AS month
  FROM invoices i JOIN ent USING (credit_code)
  WHERE i.issued_on > ($1::date - interval '12 months') AND i.issued_on <= $1::date
),
inv_totals AS (
  SELECT credit_code,
    count(*) FILTER (WHERE is_void)::float8 / count(*) AS void_share,
    count(*) FILTER (WHERE total < 0)::float8 / count(*) AS negative_share,
    sum(total) FILTER (WHERE direction = 'sales' AND NOT is_void) AS sales_total,
    sum(total) FILTER (WHERE direction = 'purchase' AND NOT is_void) AS purchase_total,
    sum(total) FILTER (WHERE direction = 'sales' AND NOT is_void AND issued_on > $1::date - interval '6 months')
      AS sales_recent,
    sum(total) FILTER (WHERE direction = 'sales' AND NOT is_void AND issued_on <= $1::date - interval '6 months')
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
concentration AS (
  SELECT credit_code,
    sum(share * share) FILTER (WHERE direction = 'sales') AS customer_hhi,
    max(share) FILTER (WHERE direction = 'sales') AS top_customer_share,
    sum(share * share) FILTER (WHERE direction = 'purchase') AS supplier_hhi,
    max(share) FILTER (WHERE direction = 'purchase') AS top_supplier_share
  FROM shares GROUP BY credit_code
),
monthly AS (
  SELECT credit_code, month, sum(total) AS total FROM inv
  WHERE direction = 'sales' AND NOT is_void GROUP BY credit_code, month
),
volatility AS (
  SELECT credit_code, sum(total) / 12 AS monthly_mean, sum(total * total) / 12 AS monthly_mean_square
  FROM monthly GROUP BY credit_code
),
ln AS (
  SELECT l.* FROM loans l JOIN ent USING (credit_code)
  WHERE l.superseded_by IS NULL AND l.archived_at IS NULL AND l.as_of <= $1::date
),
loan_stats AS (
  SELECT credit_code,
    coalesce(max(days_past_due) FILTER (WHERE as_of > $1::date - interval '12 months'), 0) AS max_dpd_12m,
    count(DISTINCT (member_id, loan_ref)) AS loan_count,
    count(DISTINCT member_id) AS loan_lenders,
    bool_or(status IN ('default', 'written_off') OR default_on <= $1::date) AS any_default
  FROM ln GROUP BY credit_code
),
loan_latest AS (
  SELECT DISTINCT ON (credit_code, member_id, loan_ref) credit_code, outstanding_fen, status
  FROM ln ORDER BY credit_code, member_id, loan_ref, as_of DESC, id DESC
),
outstanding AS (
  SELECT credit_code, coalesce(sum(outstanding_fen) FILTER (WHERE status <> 'closed'), 0)::float8 AS outstanding
  FROM loan_latest GROUP BY credit_code
),
pr AS (
  SELECT credit_code,
    ${PUBLIC_RECORD_TYPES.map((type) => `count(*) FILTER (WHERE record_type = '${type}') AS pub_${type}`).join(',\n    ')}
  FROM public_records JOIN ent USING (credit_code)
  WHERE superseded_by IS NULL AND archived_at IS NULL AND decided_on <= $1::date
    AND decided_on > $1::date - interval '5 years'
  GROUP BY credit_code
),
st AS (
  SELECT credit_code, period_end, lines,
    row_number() OVER (PARTITION BY credit_code ORDER BY period_end DESC) AS rn
  FROM (
    SELECT DISTINCT ON (s.credit_code, s.period_end) s.credit_code, s.period_end, s.lines
    FROM statements s JOIN ent USING (credit_code)
    WHERE s.superseded_by IS NULL AND s.period_type = 'annual' AND s.period_end <= $1::date
    ORDER BY s.credit_code, s.period_end, s.id DESC
  ) latest_versions
),
changed AS (
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
)
SELECT ent.credit_code, ent.industry_group, ent.size_class,
  CASE WHEN ent.established_on IS NULL THEN NULL ELSE (($1::date - ent.established_on) / 365.25)::float8 END AS age_years,
  changed.data_changed_at,
  cur.lines AS current_lines, to_char(cur.period_end, 'YYYY-MM-DD') AS current_period_end, prev.lines AS previous_lines,
  t.sales_total, t.purchase_total, t.sales_recent, t.sales_earlier, t.void_share, t.negative_share,
  c.customer_hhi, c.top_customer_share, c.supplier_hhi, c.top_supplier_share,
  v.monthly_mean, v.monthly_mean_square, t.active_months::int, t.customers::int, t.suppliers::int,
  ls.max_dpd_12m, ls.loan_count::int, ls.loan_lenders::int, ls.any_default, o.outstanding,
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
ORDER BY ent.credit_code`;

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
