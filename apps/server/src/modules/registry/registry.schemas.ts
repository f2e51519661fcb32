import { z } from 'zod';
import { SUBMISSION_KINDS } from './import/submission-kinds.js';

export const ZBilingual = z.object({ zh: z.string(), en: z.string() });
export const ZSubmissionKind = z.enum(SUBMISSION_KINDS);
export const ZSubmissionMode = z.enum(['all_or_nothing', 'accept_valid']);

export const ZKindDescription = z.object({
  kind: ZSubmissionKind,
  label: ZBilingual,
  columns: z.array(
    z.object({
      name: z.string(),
      required: z.boolean(),
      type: z.enum(['text', 'date', 'integer', 'money', 'enum', 'credit_code']),
      values: z.array(z.string()).optional(),
      description: ZBilingual,
    }),
  ),
});

export const ZRowError = z.object({
  row: z.number().int().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  rule: z.string(),
  message: z.string(),
});
export type TRowError = z.infer<typeof ZRowError>;

export const ZSubmission = z.object({
  id: z.string(),
  kind: ZSubmissionKind,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx', 'json']),
  mode: ZSubmissionMode,
  status: z.enum(['accepted', 'partially_accepted', 'rejected']),
  rowsTotal: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ZRowError),
  memberId: z.string(),
  memberName: z.string(),
  /** User id, or `cli:<name>` / `system:…` for the command line and the demo seeding. */
  submittedBy: z.string(),
  /** The submitter's display name, for people to read. */
  submittedByName: z.string(),
  createdAt: z.string(),
  duplicateOf: z.string().nullable(),
});
export type TSubmission = z.infer<typeof ZSubmission>;

export const ZSubmissionQuery = z.object({
  kind: ZSubmissionKind,
  mode: ZSubmissionMode.default('all_or_nothing'),
  encoding: z.enum(['utf-8', 'gb18030']).default('utf-8'),
});

export const ZPage = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ZQuality = z.object({
  members: z.array(
    z.object({
      memberId: z.string(),
      memberName: z.string(),
      kinds: z.array(
        z.object({
          kind: ZSubmissionKind,
          rowsAccepted: z.number().int(),
          rowsRejected: z.number().int(),
          submissions: z.number().int(),
          completeness: z.array(z.object({ field: z.string(), ratio: z.number() })),
          statementLagDaysMedian: z.number().nullable(),
        }),
      ),
    }),
  ),
});

export const ZEnterpriseListItem = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryGroup: z.string().nullable(),
  sizeClass: z.enum(['large', 'medium', 'small', 'micro']).nullable(),
  provinceName: ZBilingual.nullable(),
  hasConflicts: z.boolean(),
  sourceCount: z.number().int(),
});

/** What every record read from the registry carries about trust (disputes, the enterprise's explanation). */
const ZRecordAnnotation = {
  /** An open dispute about this record: shown as "under dispute" wherever it is read. */
  underDispute: z.boolean(),
  disputeId: z.string().nullable(),
  /** The enterprise's own statement about the record (条例 art. 16). */
  explanation: z.string().nullable(),
};

export const ZRecordStatement = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  periodEnd: z.string(),
  periodType: z.string(),
  /** Line items in integer fen, keyed `bs_01` … `cf_22`. */
  lines: z.record(z.string(), z.number()),
  ...ZRecordAnnotation,
});

export const ZRecordLoan = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  loanRef: z.string(),
  product: z.string(),
  principalFen: z.number().int(),
  grantedOn: z.string(),
  maturityOn: z.string().nullable(),
  asOf: z.string(),
  outstandingFen: z.number().int(),
  daysPastDue: z.number().int(),
  status: z.string(),
  defaultOn: z.string().nullable(),
  ...ZRecordAnnotation,
});

export const ZRecordPublicRecord = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  recordType: z.string(),
  referenceNo: z.string(),
  authority: z.string(),
  decidedOn: z.string(),
  endedOn: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  description: z.string().nullable(),
  ...ZRecordAnnotation,
});

const ZEnterpriseRecords = z.object({
  /** Current statements (a corrected one replaces the original, which stays stored), newest first. */
  statements: z.array(ZRecordStatement),
  /** The latest snapshot of each loan; negative records past their retention period are left out. */
  loans: z.array(ZRecordLoan),
  publicRecords: z.array(ZRecordPublicRecord),
});
export type TEnterpriseRecords = z.infer<typeof ZEnterpriseRecords>;

export const ZRecordExplanation = z.object({
  recordType: z.enum(['statement', 'loan', 'public_record']),
  recordId: z.string(),
  explanation: z.string(),
  writtenAt: z.string(),
});

export const ZEnterpriseDetail = ZEnterpriseListItem.extend({
  ...ZEnterpriseRecords.shape,
  sizeStandardVersion: z.string().nullable(),
  establishedOn: z.string().nullable(),
  employees: z.number().int().nullable(),
  annualRevenueFen: z.number().int().nullable(),
  totalAssetsFen: z.number().int().nullable(),
  registeredCapitalFen: z.number().int().nullable(),
  address: z.string().nullable(),
  fields: z.array(
    z.object({
      field: z.string(),
      value: z.string().nullable(),
      hasConflict: z.boolean(),
      sources: z.array(
        z.object({
          memberId: z.string(),
          memberName: z.string(),
          value: z.string().nullable(),
          submittedAt: z.string(),
        }),
      ),
    }),
  ),
});
