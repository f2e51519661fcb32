import type pg from 'pg';
import { type ReadContext, withReadContext } from '../../platform/db/read-context.js';
import { computeRatios, type RatioId, type Ratios } from './domain/ratios.js';
import type { StatementValues } from './domain/statement-validator.js';
import { LOAN_COLUMNS, type LoanRow, toLoanRecord } from './loan-row.js';
import { annotationsOf, type OpenDisputeLookup, type RecordAnnotation } from './registry.trust.js';

/** The registry's read side for reports: one enterprise's facts, peer ratios and peer-statistic cells. */

export type ReportEnterprise = {
  id: string;
  creditCode: string;
  name: string | null;
  industryCode: string | null;
  industryGroup: string | null;
  sizeClass: string | null;
  divisionCode: string;
  provinceCode: string;
  establishedOn: string | null;
  employees: number | null;
  annualRevenueFen: number | null;
  totalAssetsFen: number | null;
  registeredCapitalFen: number | null;
  address: string | null;
  /** Every member that submitted the profile or any fact of this enterprise. */
  submitterMemberIds: string[];
};

export type ReportStatement = {
  id: string;
  memberId: string;
  periodEnd: string;
  lines: StatementValues;
  /** Ratios against the previous annual statement when the registry holds one. */
  ratios: Ratios | null;
} & RecordAnnotation;

export type ReportLoanSnapshot = {
  id: string;
  memberId: string;
  memberName: string;
  loanRef: string;
  product: string;
  principalFen: number;
  grantedOn: string;
  maturityOn: string | null;
  asOf: string;
  outstandingFen: number;
  daysPastDue: number;
  status: string;
  defaultOn: string | null;
} & RecordAnnotation;

export type ReportPublicRecord = {
  id: string;
  recordType: string;
  referenceNo: string;
  authority: string;
  decidedOn: string;
  endedOn: string | null;
  amountFen: number | null;
  description: string | null;
} & RecordAnnotation;

export type InvoiceActivity = {
  months: Array<{ month: string; salesFen: number; purchasesFen: number }>;
  customers: number;
  suppliers: number;
  topCustomerShare: number | null;
  customerHhi: number | null;
  topSupplierShare: number | null;
  supplierHhi: number | null;
  invoices: number;
  voidShare: number | null;
};

/** Ratios that the peer-statistics SQL computes from one statement, with the same formulas as computeRatios. */
export const PEER_STATISTIC_RATIOS = [
  'current_ratio',
  'quick_ratio',
  'debt_to_assets',
  'gross_margin',
  'net_margin',
] as const satisfies readonly RatioId[];
export type PeerStatisticRatio = (typeof PEER_STATISTIC_RATIOS)[number];

const line = (id: string) => `coalesce(l.${id}, 0)`;
/** The statement lines the peer ratios read, taken out of the jsonb once per statement (one detoast, not one per use). */
const PEER_LINES = ['bs_09', 'bs_15', 'bs_30', 'bs_41', 'bs_47', 'is_01', 'is_02', 'is_32'] as const;
const ratioSql = (numerator: string, denominator: string) => `(${numerator}) / NULLIF(${denominator}, 0)`;
const PEER_RATIO_SQL: Record<PeerStatisticRatio, string> = {
  current_ratio: ratioSql(line('bs_15'), line('bs_41')),
  quick_ratio: ratioSql(`${line('bs_15')} - ${line('bs_09')}`, line('bs_41')),
  debt_to_assets: ratioSql(line('bs_47'), line('bs_30')),
  gross_margin: ratioSql(`${line('is_01')} - ${line('is_02')}`, line('is_01')),
  net_margin: ratioSql(line('is_32'), line('is_01')),
};

/** One row of peer statistics: a subgroup (all, non-default, default) of a cell or of a cell's margin. */
export type PeerStatisticRow = {
  level: 'cell' | 'industry_size';
  industryGroup: string;
  sizeClass: string;
  provinceCode: string | null;
  subgroup: 'all' | 'non_default' | 'default';
  count: number;
  defaults: number;
  indicators: Record<
    PeerStatisticRatio,
    { mean: number | null; median: number | null; sd: number | null; p30: number | null; p70: number | null }
  >;
};

/** Which cell an enterprise falls in for a year, and whether it defaulted in the year after. */
export type PeerMembership = {
  creditCode: string;
  industryGroup: string;
  sizeClass: string;
  provinceCode: string;
  defaulted: boolean;
};

// Current annual statements of the year (the latest version of each), and whether the firm defaulted on any
// loan within the 12 months after that year end (the CRD convention: next-year default).
const peerBaseSql = (withRatios: boolean) => `
WITH st AS (
  SELECT DISTINCT ON (s.credit_code) s.credit_code, e.industry_group, e.size_class, e.province_code${
    withRatios
      ? `,
    ${PEER_STATISTIC_RATIOS.map((ratio) => `${PEER_RATIO_SQL[ratio]} AS ${ratio}`).join(',\n    ')}`
      : ''
  }
  FROM statements s JOIN enterprises e ON e.credit_code = s.credit_code${
    withRatios
      ? `
  CROSS JOIN LATERAL jsonb_to_record(s.lines) AS l(${PEER_LINES.map((id) => `${id} float8`).join(', ')})`
      : ''
  }
  WHERE s.superseded_by IS NULL AND s.period_type = 'annual'
    AND s.period_end >= make_date($1::int, 1, 1) AND s.period_end <= make_date($1::int, 12, 31)
    AND e.industry_group IS NOT NULL AND e.size_class IS NOT NULL
  ORDER BY s.credit_code, s.period_end DESC, s.id DESC
),
defaults AS (
  SELECT DISTINCT credit_code FROM loans
  WHERE superseded_by IS NULL AND archived_at IS NULL
    AND coalesce(default_on, CASE WHEN status IN ('default', 'written_off') THEN as_of END)
      BETWEEN make_date($1::int + 1, 1, 1) AND make_date($1::int + 1, 12, 31)
),
base AS (
  SELECT st.*, (d.credit_code IS NOT NULL) AS defaulted FROM st LEFT JOIN defaults d USING (credit_code)
)`;

function statisticsSql(): string {
  // Each ratio is a column of `base`, computed once per statement.
  const aggregates = PEER_STATISTIC_RATIOS.flatMap((ratio) => {
    const value = ratio;
    return [
      `avg(${value}) AS ${ratio}_mean`,
      `stddev_samp(${value}) AS ${ratio}_sd`,
      // One sort per ratio and group for the three percentiles.
      `percentile_cont(ARRAY[0.3, 0.5, 0.7]) WITHIN GROUP (ORDER BY ${value}) AS ${ratio}_q`,
    ];
  }).join(',\n  ');
  const select = (subgroup: string, filter: string) => `
SELECT '${subgroup}' AS subgroup, industry_group, size_class, province_code,
  GROUPING(province_code) AS is_margin, count(*)::int AS count, count(*) FILTER (WHERE defaulted)::int AS defaults,
  ${aggregates}
FROM base WHERE ${filter}
GROUP BY GROUPING SETS ((industry_group, size_class, province_code), (industry_group, size_class))`;
  return `${peerBaseSql(true)}
${select('all', 'true')}
UNION ALL ${select('non_default', 'NOT defaulted')}
UNION ALL ${select('default', 'defaulted')}
ORDER BY industry_group, size_class, is_margin, province_code, subgroup`;
}

type EnterpriseDbRow = {
  id: string;
  credit_code: string;
  name: string | null;
  industry_code: string | null;
  industry_group: string | null;
  size_class: string | null;
  division_code: string;
  province_code: string;
  established_on: string | null;
  employees: number | null;
  annual_revenue_fen: string | null;
  total_assets_fen: string | null;
  registered_capital_fen: string | null;
  address: string | null;
  submitters: string[] | null;
};

const toNumber = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

function ratiosOf(current: StatementValues, previous: StatementValues | null): Ratios | null {
  try {
    return computeRatios(current, previous);
  } catch {
    return null;
  }
}

/** Annual statements (latest version per period end) of the listed firms in a year and the year before. */
async function annualStatements(
  pool: Queryable,
  filter: { creditCodes: string[] | null; cell: PeerCell | null; fromYear: number; toYear: number },
) {
  const result = await pool.query<{
    id: string;
    credit_code: string;
    member_id: string;
    period_end: string;
    lines: StatementValues;
  }>(
    `SELECT DISTINCT ON (s.credit_code, date_part('year', s.period_end)) s.id::text, s.credit_code, s.member_id,
       to_char(s.period_end, 'YYYY-MM-DD') AS period_end, s.lines
     FROM statements s JOIN enterprises e ON e.credit_code = s.credit_code
     WHERE s.superseded_by IS NULL AND s.period_type = 'annual'
       AND s.period_end >= make_date($1::int, 1, 1) AND s.period_end <= make_date($2::int, 12, 31)
       AND ($3::text[] IS NULL OR s.credit_code = ANY($3))
       AND ($4::text IS NULL OR (e.industry_group = $4 AND e.size_class = $5 AND ($6::text IS NULL OR e.province_code = $6)))
     ORDER BY s.credit_code, date_part('year', s.period_end), s.period_end DESC, s.id DESC`,
    [
      filter.fromYear,
      filter.toYear,
      filter.creditCodes,
      filter.cell?.industryGroup ?? null,
      filter.cell?.sizeClass ?? null,
      filter.cell?.provinceCode ?? null,
    ],
  );
  return result.rows;
}

/** A pool or a client inside a transaction (a read context's). */
type Queryable = pg.Pool | pg.PoolClient;

/** A peer cell: industry group × size class × province, or × all provinces when provinceCode is null. */
export type PeerCell = { industryGroup: string; sizeClass: string; provinceCode: string | null };

/**
 * `openDisputes` (access's dispute list, injected) marks records under dispute; without it no record is.
 * Records archived by the retention rule are left out: they no longer count in reports.
 */
export function createRegistryReportReader(
  pool: pg.Pool,
  options: { openDisputes?: OpenDisputeLookup } = {},
) {
  async function annotate(db: Queryable, creditCode: string) {
    const found = await db.query<{ id: string }>('SELECT id FROM enterprises WHERE credit_code = $1', [
      creditCode,
    ]);
    const id = found.rows[0]?.id;
    return annotationsOf(db, { id: id ?? '', creditCode }, id ? (options.openDisputes ?? null) : null);
  }

  /**
   * Runs one enterprise's record reads as the acting party when a context is given (row-level security is
   * then the second wall behind the caller's consent check), else as the platform.
   */
  function readAs<T>(context: ReadContext | undefined, work: (db: Queryable) => Promise<T>): Promise<T> {
    return context ? withReadContext(pool, context, work) : work(pool);
  }

  return {
    /** The enterprise by credit code, or by its id when `by` is 'id'. */
    async findEnterprise(
      key: string,
      by: 'credit_code' | 'id' = 'credit_code',
    ): Promise<ReportEnterprise | null> {
      const result = await pool.query<EnterpriseDbRow>(
        `SELECT e.id, e.credit_code, e.name, e.industry_code, e.industry_group, e.size_class, e.division_code,
           e.province_code, to_char(e.established_on, 'YYYY-MM-DD') AS established_on, e.employees,
           e.annual_revenue_fen, e.total_assets_fen, e.registered_capital_fen, e.address,
           ARRAY(
             SELECT member_id FROM enterprise_sources WHERE credit_code = e.credit_code
             UNION SELECT member_id FROM statements WHERE credit_code = e.credit_code
             UNION SELECT member_id FROM loans WHERE credit_code = e.credit_code
             UNION SELECT member_id FROM public_records WHERE credit_code = e.credit_code
             UNION SELECT member_id FROM invoices WHERE credit_code = e.credit_code
           ) AS submitters
         FROM enterprises e WHERE (CASE WHEN $2 = 'id' THEN e.id ELSE e.credit_code END) = $1`,
        [key, by],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        id: row.id,
        creditCode: row.credit_code,
        name: row.name,
        industryCode: row.industry_code,
        industryGroup: row.industry_group,
        sizeClass: row.size_class,
        divisionCode: row.division_code,
        provinceCode: row.province_code,
        establishedOn: row.established_on,
        employees: row.employees,
        annualRevenueFen: toNumber(row.annual_revenue_fen),
        totalAssetsFen: toNumber(row.total_assets_fen),
        registeredCapitalFen: toNumber(row.registered_capital_fen),
        address: row.address,
        submitterMemberIds: row.submitters ?? [],
      };
    },

    /** The latest `years` annual statements, newest first, each with its ratios. */
    async listAnnualStatements(
      creditCode: string,
      years: number,
      context?: ReadContext,
    ): Promise<ReportStatement[]> {
      return readAs(context, async (db) => {
        const rows = await annualStatements(db, {
          creditCodes: [creditCode],
          cell: null,
          fromYear: 1900,
          toYear: 9999,
        });
        const newestFirst = [...rows].reverse();
        const annotation = await annotate(db, creditCode);
        return newestFirst.slice(0, years).map((row, index) => {
          const previous = newestFirst[index + 1];
          const isPreviousYear =
            previous && Number(previous.period_end.slice(0, 4)) === Number(row.period_end.slice(0, 4)) - 1;
          return {
            id: row.id,
            memberId: row.member_id,
            periodEnd: row.period_end,
            lines: row.lines,
            ratios: ratiosOf(row.lines, isPreviousYear ? previous.lines : null),
            ...annotation('statement', row.id),
          };
        });
      });
    },

    /** Enterprises of a peer cell with an annual statement in `year`. */
    async countPeers(cell: PeerCell, year: number): Promise<number> {
      const rows = await annualStatements(pool, { creditCodes: null, cell, fromYear: year, toYear: year });
      return rows.length;
    },

    /**
     * The ratio values (no identities) of every enterprise of a peer cell with an annual statement in `year`,
     * computed with the previous year's statement when there is one.
     */
    async readPeerRatios(cell: PeerCell, year: number): Promise<Ratios[]> {
      const rows = await annualStatements(pool, {
        creditCodes: null,
        cell,
        fromYear: year - 1,
        toYear: year,
      });
      const byFirm = new Map<string, { current?: StatementValues; previous?: StatementValues }>();
      for (const row of rows) {
        const entry = byFirm.get(row.credit_code) ?? {};
        if (Number(row.period_end.slice(0, 4)) === year) entry.current = row.lines;
        else entry.previous = row.lines;
        byFirm.set(row.credit_code, entry);
      }
      const ratios: Ratios[] = [];
      for (const entry of byFirm.values()) {
        if (!entry.current) continue;
        const values = ratiosOf(entry.current, entry.previous ?? null);
        if (values) ratios.push(values);
      }
      return ratios;
    },

    /** Sales and purchases by month over `months` months up to `asOf`, concentration and void share. */
    async readInvoiceActivity(
      creditCode: string,
      asOf: string,
      months: number,
      context?: ReadContext,
    ): Promise<InvoiceActivity> {
      return readAs(context, async (db) => {
        const monthly = await db.query<{ month: string; sales: number; purchases: number }>(
          `SELECT to_char(date_trunc('month', issued_on), 'YYYY-MM') AS month,
           coalesce(sum(total_fen) FILTER (WHERE direction = 'sales' AND NOT is_void), 0)::float8 AS sales,
           coalesce(sum(total_fen) FILTER (WHERE direction = 'purchase' AND NOT is_void), 0)::float8 AS purchases
         FROM invoices WHERE credit_code = $1 AND issued_on <= $2::date
           AND issued_on > $2::date - make_interval(months => $3)
         GROUP BY 1 ORDER BY 1`,
          [creditCode, asOf, months],
        );
        const summary = await db.query<{
          invoices: number;
          void_share: number | null;
          customers: number;
          suppliers: number;
          top_customer_share: number | null;
          customer_hhi: number | null;
          top_supplier_share: number | null;
          supplier_hhi: number | null;
        }>(
          `WITH inv AS (
           SELECT * FROM invoices WHERE credit_code = $1 AND issued_on <= $2::date
             AND issued_on > $2::date - make_interval(months => $3)
         ),
         by_party AS (
           SELECT direction, counterparty, sum(total_fen)::float8 AS total FROM inv WHERE NOT is_void
           GROUP BY direction, counterparty HAVING sum(total_fen) > 0
         ),
         shares AS (SELECT direction, total / sum(total) OVER (PARTITION BY direction) AS share FROM by_party)
         SELECT (SELECT count(*)::int FROM inv) AS invoices,
           (SELECT count(*) FILTER (WHERE is_void)::float8 / NULLIF(count(*), 0) FROM inv) AS void_share,
           (SELECT count(DISTINCT counterparty)::int FROM inv WHERE direction = 'sales') AS customers,
           (SELECT count(DISTINCT counterparty)::int FROM inv WHERE direction = 'purchase') AS suppliers,
           (SELECT max(share) FROM shares WHERE direction = 'sales') AS top_customer_share,
           (SELECT sum(share * share) FROM shares WHERE direction = 'sales') AS customer_hhi,
           (SELECT max(share) FROM shares WHERE direction = 'purchase') AS top_supplier_share,
           (SELECT sum(share * share) FROM shares WHERE direction = 'purchase') AS supplier_hhi`,
          [creditCode, asOf, months],
        );
        const row = summary.rows[0];
        return {
          months: monthly.rows.map((month) => ({
            month: month.month,
            salesFen: Number(month.sales),
            purchasesFen: Number(month.purchases),
          })),
          invoices: row?.invoices ?? 0,
          voidShare: toNumber(row?.void_share),
          customers: row?.customers ?? 0,
          suppliers: row?.suppliers ?? 0,
          topCustomerShare: toNumber(row?.top_customer_share),
          customerHhi: toNumber(row?.customer_hhi),
          topSupplierShare: toNumber(row?.top_supplier_share),
          supplierHhi: toNumber(row?.supplier_hhi),
        };
      });
    },

    /** Every current snapshot of every loan of the enterprise, by lender and loan, oldest first. */
    async listLoanSnapshots(creditCode: string, context?: ReadContext): Promise<ReportLoanSnapshot[]> {
      return readAs(context, async (db) => {
        const result = await db.query<LoanRow>(
          `SELECT ${LOAN_COLUMNS}
         FROM loans l JOIN members m ON m.id = l.member_id
         WHERE l.credit_code = $1 AND l.superseded_by IS NULL AND l.archived_at IS NULL
         ORDER BY l.member_id, l.loan_ref, l.as_of, l.id`,
          [creditCode],
        );
        const annotation = await annotate(db, creditCode);
        return result.rows.map((row) => ({ ...toLoanRecord(row), ...annotation('loan', row.id) }));
      });
    },

    async listPublicRecords(creditCode: string, context?: ReadContext): Promise<ReportPublicRecord[]> {
      return readAs(context, async (db) => {
        const result = await db.query<{
          id: string;
          record_type: string;
          reference_no: string;
          authority: string;
          decided_on: string;
          ended_on: string | null;
          amount_fen: string | null;
          description: string | null;
        }>(
          `SELECT id::text, record_type, reference_no, authority, to_char(decided_on, 'YYYY-MM-DD') AS decided_on,
           to_char(ended_on, 'YYYY-MM-DD') AS ended_on, amount_fen, description
         FROM public_records WHERE credit_code = $1 AND superseded_by IS NULL AND archived_at IS NULL
         ORDER BY decided_on DESC, id`,
          [creditCode],
        );
        const annotation = await annotate(db, creditCode);
        return result.rows.map((row) => ({
          id: row.id,
          recordType: row.record_type,
          referenceNo: row.reference_no,
          authority: row.authority,
          decidedOn: row.decided_on,
          endedOn: row.ended_on,
          amountFen: toNumber(row.amount_fen),
          description: row.description,
          ...annotation('public_record', row.id),
        }));
      });
    },

    /**
     * Statistics of the peer-statistic ratios per industry group × size class × province (and per industry
     * group × size class over all provinces) for firms with an annual statement in `year`, computed in SQL.
     * Nothing is suppressed here: the caller applies the disclosure rules.
     */
    async readPeerStatistics(year: number): Promise<PeerStatisticRow[]> {
      const result = await pool.query<Record<string, string | number | number[] | null>>(statisticsSql(), [
        year,
      ]);
      const scalar = (value: string | number | number[] | null | undefined) =>
        Array.isArray(value) ? null : toNumber(value);
      const quantile = (value: string | number | number[] | null | undefined, index: number) =>
        Array.isArray(value) ? toNumber(value[index]) : null;
      return result.rows.map((row) => ({
        level: Number(row.is_margin) === 1 ? 'industry_size' : 'cell',
        industryGroup: String(row.industry_group),
        sizeClass: String(row.size_class),
        provinceCode: Number(row.is_margin) === 1 ? null : String(row.province_code),
        subgroup: row.subgroup as PeerStatisticRow['subgroup'],
        count: Number(row.count),
        defaults: Number(row.defaults),
        indicators: Object.fromEntries(
          PEER_STATISTIC_RATIOS.map((ratio) => [
            ratio,
            {
              mean: scalar(row[`${ratio}_mean`]),
              median: quantile(row[`${ratio}_q`], 1),
              sd: scalar(row[`${ratio}_sd`]),
              p30: quantile(row[`${ratio}_q`], 0),
              p70: quantile(row[`${ratio}_q`], 2),
            },
          ]),
        ) as PeerStatisticRow['indicators'],
      }));
    },

    /** Which cell each firm with an annual statement in `year` falls in, and whether it defaulted after. */
    async listPeerMemberships(year: number): Promise<PeerMembership[]> {
      const result = await pool.query<{
        credit_code: string;
        industry_group: string;
        size_class: string;
        province_code: string;
        defaulted: boolean;
      }>(
        `${peerBaseSql(false)} SELECT credit_code, industry_group, size_class, province_code, defaulted FROM base`,
        [year],
      );
      return result.rows.map((row) => ({
        creditCode: row.credit_code,
        industryGroup: row.industry_group,
        sizeClass: row.size_class,
        provinceCode: row.province_code,
        defaulted: row.defaulted,
      }));
    },

    /**
     * The raw material of the anonymised sample data: per firm and year with a current annual statement
     * (one year, or every year when `year` is null), the cell keys, the profile figures an outsider might know
     * (employees), headline statement amounts in fen, and next-year default. Credit codes are here only so
     * the caller can group and then drop them; they must never leave the reports module.
     */
    async listSampleBase(year: number | null): Promise<
      Array<{
        creditCode: string;
        industryGroup: string;
        sizeClass: string;
        provinceCode: string;
        year: number;
        employees: number | null;
        lines: Record<string, number | null>;
        defaulted: boolean;
      }>
    > {
      const result = await pool.query<{
        credit_code: string;
        industry_group: string;
        size_class: string;
        province_code: string;
        year: number;
        employees: number | null;
        lines: Record<string, number | null>;
        defaulted: boolean;
      }>(
        `WITH st AS (
           SELECT DISTINCT ON (s.credit_code, date_part('year', s.period_end))
             s.credit_code, date_part('year', s.period_end)::int AS year, s.lines,
             e.industry_group, e.size_class, e.province_code, e.employees
           FROM statements s JOIN enterprises e ON e.credit_code = s.credit_code
           WHERE s.superseded_by IS NULL AND s.period_type = 'annual'
             AND e.industry_group IS NOT NULL AND e.size_class IS NOT NULL
             AND ($1::int IS NULL OR date_part('year', s.period_end) = $1)
           ORDER BY s.credit_code, date_part('year', s.period_end), s.period_end DESC, s.id DESC
         ),
         defaults AS (
           SELECT credit_code,
             date_part('year', coalesce(default_on, CASE WHEN status IN ('default', 'written_off') THEN as_of END))::int AS year
           FROM loans
           WHERE superseded_by IS NULL AND archived_at IS NULL
             AND coalesce(default_on, CASE WHEN status IN ('default', 'written_off') THEN as_of END) IS NOT NULL
           GROUP BY 1, 2
         )
         SELECT st.credit_code, st.industry_group, st.size_class, st.province_code, st.year, st.employees, st.lines,
           EXISTS (SELECT 1 FROM defaults d WHERE d.credit_code = st.credit_code AND d.year = st.year + 1) AS defaulted
         FROM st ORDER BY st.year, st.industry_group, st.size_class, st.province_code, st.credit_code`,
        [year],
      );
      return result.rows.map((row) => ({
        creditCode: row.credit_code,
        industryGroup: row.industry_group,
        sizeClass: row.size_class,
        provinceCode: row.province_code,
        year: row.year,
        employees: row.employees,
        lines: row.lines,
        defaulted: row.defaulted,
      }));
    },
  };
}

export type RegistryReportReader = ReturnType<typeof createRegistryReportReader>;
