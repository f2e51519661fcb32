import type { Bilingual, ColumnSpec, ParsedValue, RowError } from './column-parsers.js';

export const SUBMISSION_KINDS = ['enterprises', 'statements', 'loans', 'public_records', 'invoices'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export type ParsedRow = Record<string, ParsedValue>;

export type KindSpec = {
  kind: SubmissionKind;
  label: Bilingual;
  columns: readonly ColumnSpec[];
  /** Table the rows are copied into, and its columns after the four common ones. */
  table: string;
  copyColumns: readonly string[];
  toCopyValues: (row: ParsedRow) => ParsedValue[];
  /** Fields that identify a row inside one file: two rows equal on them are duplicates. */
  keyFields: readonly string[];
  /** Rules across the fields of one row (the single-cell rules live in the column specs). */
  checkRow?: (row: ParsedRow) => Array<Omit<RowError, 'row'>>;
};

const creditCode: ColumnSpec = {
  name: 'credit_code',
  type: 'credit_code',
  required: true,
  description: { zh: '统一社会信用代码（18位）', en: 'Unified Social Credit Code (18 characters)' },
};

const money = (name: string, required: boolean, zh: string, en: string, min?: number): ColumnSpec => ({
  name,
  type: 'money',
  required,
  description: { zh: `${zh}（元，最多两位小数）`, en: `${en} (yuan, at most 2 decimals)` },
  ...(min === undefined ? {} : { min }),
});

const date = (name: string, required: boolean, zh: string, en: string, isNotFuture = true): ColumnSpec => ({
  name,
  type: 'date',
  required,
  isNotFuture,
  description: { zh: `${zh}（YYYY-MM-DD）`, en: `${en} (YYYY-MM-DD)` },
});

const text = (name: string, required: boolean, zh: string, en: string, maxLength = 200): ColumnSpec => ({
  name,
  type: 'text',
  required,
  maxLength,
  description: { zh, en },
});

const enumeration = (
  name: string,
  values: readonly string[],
  zh: string,
  en: string,
  aliases?: Record<string, string>,
  required = true,
): ColumnSpec => ({
  name,
  type: 'enum',
  required,
  values,
  description: { zh, en },
  ...(aliases ? { aliases } : {}),
});

export const ENTERPRISE_PROFILE_FIELDS = [
  'name',
  'industry_code',
  'established_on',
  'employees',
  'annual_revenue',
  'total_assets',
  'registered_capital',
  'address',
] as const;

const enterprisesKind: KindSpec = {
  kind: 'enterprises',
  label: { zh: '企业基本信息', en: 'Enterprise profiles' },
  columns: [
    creditCode,
    text('name', true, '企业名称', 'Registered name', 200),
    {
      name: 'industry_code',
      type: 'text',
      required: false,
      maxLength: 5,
      description: { zh: '国民经济行业分类代码（GB/T 4754-2017）', en: 'Industry code (GB/T 4754-2017)' },
    },
    date('established_on', false, '成立日期', 'Date of establishment'),
    {
      name: 'employees',
      type: 'integer',
      required: false,
      min: 0,
      max: 10_000_000,
      description: { zh: '从业人员（人）', en: 'Employees (persons)' },
    },
    money('annual_revenue', false, '营业收入（上年）', 'Operating revenue, last year', 0),
    money('total_assets', false, '资产总额', 'Total assets', 0),
    money('registered_capital', false, '注册资本', 'Registered capital', 0),
    text('address', false, '注册地址', 'Registered address', 300),
  ],
  table: 'enterprise_sources',
  copyColumns: ['fields'],
  toCopyValues: (row) => [
    JSON.stringify(Object.fromEntries(ENTERPRISE_PROFILE_FIELDS.map((f) => [f, row[f]]))),
  ],
  keyFields: ['credit_code'],
};

export const STATEMENT_LINE_COUNTS = { bs: 53, is: 32, cf: 22 } as const;
export const STATEMENT_LINE_FIELDS: readonly string[] = Object.entries(STATEMENT_LINE_COUNTS).flatMap(
  ([prefix, count]) =>
    Array.from({ length: count }, (_, index) => `${prefix}_${String(index + 1).padStart(2, '0')}`),
);
const REQUIRED_STATEMENT_LINES = new Set(['bs_30', 'bs_53', 'is_01', 'is_32']);
const STATEMENT_NAMES: Record<string, Bilingual> = {
  bs: { zh: '资产负债表第', en: 'Balance sheet row' },
  is: { zh: '利润表第', en: 'Income statement row' },
  cf: { zh: '现金流量表第', en: 'Cash-flow statement row' },
};

const statementsKind: KindSpec = {
  kind: 'statements',
  label: { zh: '财务报表（小企业会计准则）', en: 'Financial statements (small-business standard)' },
  columns: [
    creditCode,
    date('period_end', true, '报告期末', 'Period end'),
    enumeration(
      'period_type',
      ['annual', 'interim'],
      '报表期间：annual 年报 / interim 中期',
      'annual or interim',
      {
        年报: 'annual',
        中期: 'interim',
      },
    ),
    ...STATEMENT_LINE_FIELDS.map((field): ColumnSpec => {
      const [prefix = 'bs', row = '0'] = field.split('_');
      const names = STATEMENT_NAMES[prefix] ?? { zh: '', en: '' };
      return {
        name: field,
        type: 'money',
        required: REQUIRED_STATEMENT_LINES.has(field),
        description: { zh: `${names.zh}${Number(row)}行（元）`, en: `${names.en} ${Number(row)} (yuan)` },
      };
    }),
  ],
  table: 'statements',
  copyColumns: ['period_end', 'period_type', 'lines'],
  toCopyValues: (row) => {
    const lines: Record<string, number> = {};
    for (const field of STATEMENT_LINE_FIELDS) {
      const value = row[field];
      if (typeof value === 'number') lines[field] = value;
    }
    return [row.period_end ?? null, row.period_type ?? null, JSON.stringify(lines)];
  },
  keyFields: ['credit_code', 'period_end', 'period_type'],
};

export const LOAN_STATUSES = [
  'current',
  'overdue',
  'default',
  'restructured',
  'closed',
  'written_off',
] as const;
export const LOAN_PRODUCTS = [
  'working_capital',
  'term',
  'trade_finance',
  'leasing',
  'factoring',
  'other',
] as const;
export const COLLATERAL_TYPES = ['none', 'guarantee', 'pledge', 'mortgage'] as const;
export const PUBLIC_RECORD_TYPES = [
  'administrative_penalty',
  'abnormal_operation',
  'court_judgment',
  'tax_arrears',
] as const;

const loansKind: KindSpec = {
  kind: 'loans',
  label: { zh: '贷款与违约', en: 'Loans and defaults' },
  columns: [
    creditCode,
    text(
      'loan_ref',
      true,
      '贷款编号（本机构内唯一）',
      "Loan reference (unique within the member's books)",
      64,
    ),
    enumeration('product', LOAN_PRODUCTS, '产品类型', 'Product'),
    money('principal', true, '合同金额', 'Principal', 1),
    date('granted_on', true, '发放日期', 'Granted on'),
    date('maturity_on', false, '到期日期', 'Maturity date', false),
    date('as_of', true, '数据日期', 'Status as of'),
    money('outstanding', true, '贷款余额', 'Outstanding balance', 0),
    {
      name: 'days_past_due',
      type: 'integer',
      required: true,
      min: 0,
      max: 36_500,
      description: { zh: '逾期天数', en: 'Days past due' },
    },
    enumeration('status', LOAN_STATUSES, '五级/状态', 'Status'),
    date('default_on', false, '违约日期', 'Default date'),
    enumeration('collateral', COLLATERAL_TYPES, '担保方式', 'Collateral', undefined, false),
  ],
  table: 'loans',
  copyColumns: [
    'loan_ref',
    'product',
    'principal_fen',
    'granted_on',
    'maturity_on',
    'as_of',
    'outstanding_fen',
    'days_past_due',
    'status',
    'default_on',
    'collateral',
  ],
  toCopyValues: (row) =>
    [
      'loan_ref',
      'product',
      'principal',
      'granted_on',
      'maturity_on',
      'as_of',
      'outstanding',
      'days_past_due',
      'status',
      'default_on',
      'collateral',
    ].map((field) => row[field] ?? null),
  keyFields: ['credit_code', 'loan_ref', 'as_of'],
  checkRow: (row) => {
    const errors: Array<Omit<RowError, 'row'>> = [];
    const granted = String(row.granted_on);
    if (typeof row.maturity_on === 'string' && row.maturity_on < granted) {
      errors.push({
        field: 'maturity_on',
        value: row.maturity_on,
        rule: 'date_order',
        message: `maturity_on ${row.maturity_on} is before granted_on ${granted}`,
      });
    }
    if (String(row.as_of) < granted) {
      errors.push({
        field: 'as_of',
        value: String(row.as_of),
        rule: 'date_order',
        message: `as_of ${row.as_of} is before granted_on ${granted}`,
      });
    }
    if (row.status === 'default' && row.default_on === null) {
      errors.push({
        field: 'default_on',
        value: null,
        rule: 'required_for_default',
        message: 'default_on is required when status is default',
      });
    }
    return errors;
  },
};

const publicRecordsKind: KindSpec = {
  kind: 'public_records',
  label: { zh: '公共记录', en: 'Public records' },
  columns: [
    creditCode,
    enumeration(
      'record_type',
      PUBLIC_RECORD_TYPES,
      '记录类型：行政处罚/经营异常/法院判决/欠税',
      'Record type',
      {
        行政处罚: 'administrative_penalty',
        经营异常: 'abnormal_operation',
        法院判决: 'court_judgment',
        欠税: 'tax_arrears',
      },
    ),
    text('reference_no', true, '文书编号', 'Reference number', 100),
    text('authority', true, '决定机关', 'Authority', 200),
    date('decided_on', true, '决定日期', 'Decided on'),
    date('ended_on', false, '结束/移出日期', 'Ended or removed on'),
    money('amount', false, '金额', 'Amount', 0),
    text('description', false, '内容摘要', 'Description', 2000),
  ],
  table: 'public_records',
  copyColumns: [
    'record_type',
    'reference_no',
    'authority',
    'decided_on',
    'ended_on',
    'amount_fen',
    'description',
  ],
  toCopyValues: (row) =>
    ['record_type', 'reference_no', 'authority', 'decided_on', 'ended_on', 'amount', 'description'].map(
      (field) => row[field] ?? null,
    ),
  keyFields: ['credit_code', 'record_type', 'reference_no'],
  checkRow: (row) =>
    typeof row.ended_on === 'string' && row.ended_on < String(row.decided_on)
      ? [
          {
            field: 'ended_on',
            value: row.ended_on,
            rule: 'date_order',
            message: `ended_on ${row.ended_on} is before decided_on ${row.decided_on}`,
          },
        ]
      : [],
};

const invoicesKind: KindSpec = {
  kind: 'invoices',
  label: { zh: '增值税发票', en: 'VAT invoices' },
  columns: [
    creditCode,
    enumeration('direction', ['sales', 'purchase'], '方向：sales 销项 / purchase 进项', 'sales or purchase', {
      销项: 'sales',
      进项: 'purchase',
    }),
    text('invoice_no', true, '发票号码', 'Invoice number', 40),
    date('issued_on', true, '开票日期', 'Issued on'),
    text('counterparty', true, '对方单位（信用代码或代号）', 'Counterparty (credit code or id)', 100),
    money('amount', true, '金额（不含税）', 'Amount excluding tax'),
    money('tax', true, '税额', 'Tax'),
    money('total', true, '价税合计', 'Total including tax'),
    enumeration('status', ['valid', 'void'], '发票状态：valid 有效 / void 作废', 'valid or void', {
      有效发票: 'valid',
      作废发票: 'void',
    }),
  ],
  table: 'invoices',
  copyColumns: [
    'direction',
    'invoice_no',
    'issued_on',
    'counterparty',
    'amount_fen',
    'tax_fen',
    'total_fen',
    'is_void',
  ],
  toCopyValues: (row) => [
    row.direction ?? null,
    row.invoice_no ?? null,
    row.issued_on ?? null,
    row.counterparty ?? null,
    row.amount ?? null,
    row.tax ?? null,
    row.total ?? null,
    row.status === 'void' ? 't' : 'f',
  ],
  keyFields: [
    'credit_code',
    'direction',
    'invoice_no',
    'issued_on',
    'counterparty',
    'amount',
    'tax',
    'total',
    'status',
  ],
  checkRow: (row) => {
    const amount = Number(row.amount);
    const tax = Number(row.tax);
    const total = Number(row.total);
    // The source systems round amount and tax separately: allow one fen of rounding each way.
    return Math.abs(amount + tax - total) > 1
      ? [
          {
            field: 'total',
            value: String(total / 100),
            rule: 'total_equals_amount_plus_tax',
            message: `total ${total / 100} ≠ amount ${amount / 100} + tax ${tax / 100}`,
          },
        ]
      : [];
  },
};

export const KIND_SPECS: Readonly<Record<SubmissionKind, KindSpec>> = {
  enterprises: enterprisesKind,
  statements: statementsKind,
  loans: loansKind,
  public_records: publicRecordsKind,
  invoices: invoicesKind,
};

export function isSubmissionKind(value: string): value is SubmissionKind {
  return (SUBMISSION_KINDS as readonly string[]).includes(value);
}
