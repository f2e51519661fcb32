import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The consolidated ("golden") record of one enterprise across members. What each member submitted is
 * kept in `enterprise_sources`; conflicting values stay there with their source and set `has_conflicts`.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: text('id').primaryKey(),
    creditCode: text('credit_code').notNull().unique(),
    name: text('name'),
    industryCode: text('industry_code'),
    industryGroup: text('industry_group'),
    sizeClass: text('size_class'),
    sizeStandardVersion: text('size_standard_version'),
    divisionCode: text('division_code').notNull(),
    provinceCode: text('province_code').notNull(),
    establishedOn: date('established_on'),
    employees: integer('employees'),
    annualRevenueFen: bigint('annual_revenue_fen', { mode: 'number' }),
    totalAssetsFen: bigint('total_assets_fen', { mode: 'number' }),
    registeredCapitalFen: bigint('registered_capital_fen', { mode: 'number' }),
    address: text('address'),
    hasConflicts: boolean('has_conflicts').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('enterprises_name_idx').on(table.name)],
);

export const enterpriseSources = pgTable(
  'enterprise_sources',
  {
    creditCode: text('credit_code').notNull(),
    memberId: text('member_id').notNull(),
    submissionId: text('submission_id').notNull(),
    sourceRow: integer('source_row').notNull(),
    fields: jsonb('fields').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.creditCode, table.memberId] })],
);

export const submissions = pgTable(
  'submissions',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull(),
    submittedBy: text('submitted_by').notNull(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    mode: text('mode').notNull(),
    contentHash: text('content_hash'),
    /** member + kind + content hash: the same file sent twice is recorded once. */
    idempotencyKey: text('idempotency_key'),
    status: text('status').notNull(),
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsAccepted: integer('rows_accepted').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    stats: jsonb('stats'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('submissions_idempotency_idx').on(table.idempotencyKey),
    index('submissions_member_idx').on(table.memberId, table.createdAt),
  ],
);

export const submissionErrors = pgTable(
  'submission_errors',
  {
    submissionId: text('submission_id').notNull(),
    seq: integer('seq').notNull(),
    row: integer('row'),
    field: text('field'),
    value: text('value'),
    rule: text('rule').notNull(),
    message: text('message').notNull(),
  },
  (table) => [primaryKey({ columns: [table.submissionId, table.seq] })],
);

/** Fact tables reference the enterprise by its credit code (checked in the import's transaction). */
export const statements = pgTable(
  'statements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    creditCode: text('credit_code').notNull(),
    memberId: text('member_id').notNull(),
    submissionId: text('submission_id').notNull(),
    sourceRow: integer('source_row').notNull(),
    periodEnd: date('period_end').notNull(),
    periodType: text('period_type').notNull(),
    /** Line items in integer fen, keyed `bs_01` … `cf_22`. */
    lines: jsonb('lines').notNull(),
    supersededBy: bigint('superseded_by', { mode: 'number' }),
    correctsDisputeId: text('corrects_dispute_id'),
  },
  (table) => [
    index('statements_enterprise_idx').on(table.creditCode, table.periodEnd),
    index('statements_submission_idx').on(table.submissionId),
  ],
);

export const loans = pgTable(
  'loans',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    creditCode: text('credit_code').notNull(),
    memberId: text('member_id').notNull(),
    submissionId: text('submission_id').notNull(),
    sourceRow: integer('source_row').notNull(),
    loanRef: text('loan_ref').notNull(),
    product: text('product').notNull(),
    principalFen: bigint('principal_fen', { mode: 'number' }).notNull(),
    grantedOn: date('granted_on').notNull(),
    maturityOn: date('maturity_on'),
    asOf: date('as_of').notNull(),
    outstandingFen: bigint('outstanding_fen', { mode: 'number' }).notNull(),
    daysPastDue: integer('days_past_due').notNull(),
    status: text('status').notNull(),
    defaultOn: date('default_on'),
    collateral: text('collateral'),
    supersededBy: bigint('superseded_by', { mode: 'number' }),
    /** Retention: a negative record archived this long after its event ended stops counting (kept for audits). */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archiveReason: text('archive_reason'),
    /** Set on a version written by a dispute's correction: the dispute it answers. */
    correctsDisputeId: text('corrects_dispute_id'),
  },
  (table) => [
    index('loans_enterprise_idx').on(table.creditCode, table.asOf),
    index('loans_member_ref_idx').on(table.memberId, table.loanRef, table.asOf),
    index('loans_submission_idx').on(table.submissionId),
  ],
);

export const publicRecords = pgTable(
  'public_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    creditCode: text('credit_code').notNull(),
    memberId: text('member_id').notNull(),
    submissionId: text('submission_id').notNull(),
    sourceRow: integer('source_row').notNull(),
    recordType: text('record_type').notNull(),
    referenceNo: text('reference_no').notNull(),
    authority: text('authority').notNull(),
    decidedOn: date('decided_on').notNull(),
    endedOn: date('ended_on'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    description: text('description'),
    supersededBy: bigint('superseded_by', { mode: 'number' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archiveReason: text('archive_reason'),
    correctsDisputeId: text('corrects_dispute_id'),
  },
  (table) => [
    index('public_records_enterprise_idx').on(table.creditCode, table.recordType, table.referenceNo),
    index('public_records_submission_idx').on(table.submissionId),
  ],
);

export const invoices = pgTable(
  'invoices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    creditCode: text('credit_code').notNull(),
    memberId: text('member_id').notNull(),
    submissionId: text('submission_id').notNull(),
    sourceRow: integer('source_row').notNull(),
    direction: text('direction').notNull(),
    invoiceNo: text('invoice_no').notNull(),
    issuedOn: date('issued_on').notNull(),
    counterparty: text('counterparty').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'number' }).notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    isVoid: boolean('is_void').notNull(),
  },
  (table) => [
    index('invoices_enterprise_idx').on(table.creditCode, table.invoiceNo),
    index('invoices_submission_idx').on(table.submissionId),
  ],
);

/**
 * The enterprise's own statement about one of its records (条例 art. 16: the subject may add a statement),
 * shown with the record wherever it is read. One current explanation per record; changes are audited.
 */
export const recordExplanations = pgTable(
  'record_explanations',
  {
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    creditCode: text('credit_code').notNull(),
    explanation: text('explanation').notNull(),
    writtenBy: text('written_by').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.recordType, table.recordId] }),
    index('record_explanations_enterprise_idx').on(table.creditCode),
  ],
);
