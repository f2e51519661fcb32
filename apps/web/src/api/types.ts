/** Types of the HTTP API under /api/v1, as the server documents them. */

export type Role =
  | 'operator'
  | 'member_admin'
  | 'analyst'
  | 'credit_officer'
  | 'approver'
  | 'enterprise_owner'
  | 'enterprise_finance'
  | 'regulator';

export const ROLES: readonly Role[] = [
  'operator',
  'member_admin',
  'analyst',
  'credit_officer',
  'approver',
  'enterprise_owner',
  'enterprise_finance',
  'regulator',
];

export type MemberKind =
  | 'bank'
  | 'village_bank'
  | 'nbfi'
  | 'leasing'
  | 'factoring'
  | 'guarantee_fund'
  | 'anchor_firm'
  | 'government'
  | 'operator';

export type User = {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  memberId: string | null;
  memberName: string | null;
  memberKind: MemberKind | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  /** The bound enterprise's credit code: null until the binding is verified. */
  enterpriseCreditCode?: string | null;
  /** An enterprise user's binding request: pending until the operator or a member attests it. */
  enterpriseVerification?: EnterpriseVerificationSummary | null;
};

export type EnterpriseVerificationSummary = {
  id: string;
  enterpriseId: string;
  enterpriseName: string | null;
  status: 'pending' | 'verified' | 'rejected';
  requestedAt: string;
  attestedAt: string | null;
};

export type Session = { user: User; csrfToken: string };

/** Text the server gives in both languages. */
export type Localized = { zh: string; en: string };

export type SubmissionKind = 'enterprises' | 'statements' | 'loans' | 'public_records' | 'invoices';

export type ColumnType = 'text' | 'date' | 'integer' | 'money' | 'enum' | 'credit_code';

export type KindColumn = {
  name: string;
  required: boolean;
  type: ColumnType;
  values?: string[];
  description: Localized;
};

export type KindSpec = { kind: SubmissionKind; label: Localized; columns: KindColumn[] };

export type SubmissionMode = 'all_or_nothing' | 'accept_valid';
/** Text encodings the server decodes CSV files from; Excel in Chinese saves CSV as GB18030 (GBK). */
export type SubmissionEncoding = 'utf-8' | 'gb18030';
export type SubmissionFormat = 'csv' | 'xlsx' | 'json';
export type SubmissionStatus = 'accepted' | 'partially_accepted' | 'rejected';

export type RowError = {
  row: number | null;
  field: string | null;
  value: string | null;
  rule: string;
  message: string;
};

export type Submission = {
  id: string;
  kind: string;
  fileName: string;
  format: SubmissionFormat;
  mode: SubmissionMode;
  status: SubmissionStatus;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  errorCount: number;
  /** The first 100 errors; the full list is the errors.csv download. */
  errors: RowError[];
  memberId: string;
  memberName: string;
  submittedBy: string;
  submittedByName: string;
  createdAt: string;
  duplicateOf: string | null;
};

export type Page<T> = { items: T[]; total: number };

export type KindQuality = {
  kind: string;
  rowsAccepted: number;
  rowsRejected: number;
  submissions: number;
  completeness: Array<{ field: string; ratio: number }>;
  statementLagDaysMedian: number | null;
};

export type MemberQuality = { memberId: string; memberName: string; kinds: KindQuality[] };

export type QualityReport = { members: MemberQuality[] };

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

export type EnterpriseSummary = {
  id: string;
  creditCode: string;
  /** Null until a member reports the name. */
  name: string | null;
  industryCode: string | null;
  industryGroup: string | null;
  sizeClass: SizeClass | null;
  provinceName: Localized | null;
  hasConflicts: boolean;
  sourceCount: number;
};

export type FieldSource = { memberId: string; memberName: string; value: string | null; submittedAt: string };

export type ConsolidatedField = {
  field: string;
  value: string | null;
  sources: FieldSource[];
  hasConflict: boolean;
};

export type EnterpriseDetail = EnterpriseSummary & {
  sizeStandardVersion: string | null;
  establishedOn: string | null;
  employees: number | null;
  annualRevenueFen: number | null;
  totalAssetsFen: number | null;
  registeredCapitalFen: number | null;
  address: string | null;
  fields: ConsolidatedField[];
};

/** The body of every error response. */
export type ErrorBody = { code: string; message: string; requestId: string; details?: unknown };
