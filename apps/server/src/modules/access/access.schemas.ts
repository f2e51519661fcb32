import { z } from 'zod';

export const ROLES = [
  'operator',
  'member_admin',
  'analyst',
  'credit_officer',
  'approver',
  'enterprise_owner',
  'enterprise_finance',
  'regulator',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const MEMBER_KINDS = [
  'bank',
  'village_bank',
  'nbfi',
  'leasing',
  'factoring',
  'guarantee_fund',
  'anchor_firm',
  'government',
  'operator',
] as const;
export const ZMemberKind = z.enum(MEMBER_KINDS);
export type TMemberKind = z.infer<typeof ZMemberKind>;

/** Roles of a member institution's staff: they may submit data for their member. */
export const MEMBER_STAFF_ROLES: readonly TRole[] = ['member_admin', 'analyst', 'credit_officer', 'approver'];

export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const ZVerificationStatus = z.enum(VERIFICATION_STATUSES);

const ZEnterpriseVerificationSummary = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string().nullable(),
  status: ZVerificationStatus,
  requestedAt: z.string(),
  attestedAt: z.string().nullable(),
});

export const ZUser = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: ZRole,
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  memberKind: ZMemberKind.nullable(),
  /** The enterprise the user is bound to: set only once the binding is verified (attested). */
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  /** The bound enterprise's unified social credit code (null until the binding is verified). */
  enterpriseCreditCode: z.string().nullable().optional(),
  /** The user's latest request to be bound to an enterprise, verified or not. */
  enterpriseVerification: ZEnterpriseVerificationSummary.nullable().optional(),
});
export type TUser = z.infer<typeof ZUser>;

/** An enterprise user's binding to its enterprise: pending until the operator or a member attests it. */
export const ZEnterpriseVerification = ZEnterpriseVerificationSummary.extend({
  userId: z.string(),
  userLogin: z.string(),
  userDisplayName: z.string(),
  userRole: ZRole,
  enterpriseCreditCode: z.string().nullable(),
  attestedBy: z.string().nullable(),
  attestedByMemberId: z.string().nullable(),
  note: z.string().nullable(),
});
export type TEnterpriseVerification = z.infer<typeof ZEnterpriseVerification>;

export const ZLoginBody = z.object({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});
export const ZSessionResponse = z.object({ user: ZUser, csrfToken: z.string() });

/**
 * What an API token may do, per capability (the first segment of the API path; `auth` counts as `access`).
 * `write` includes `read` of the same capability. Scopes only narrow the user's role: they never add rights.
 * A token with no scopes (every token issued before scopes existed) has the full rights of its user's role.
 */
export const TOKEN_SCOPES = [
  'access:read',
  'access:write',
  'registry:read',
  'registry:write',
  'scoring:read',
  'scoring:write',
  'reports:read',
  'reports:write',
] as const;
export const ZTokenScope = z.enum(TOKEN_SCOPES);
export type TTokenScope = z.infer<typeof ZTokenScope>;

export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(ZTokenScope),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

/** Who is acting: every use case takes it. */
export type TActor = TUser & {
  via: 'session' | 'token' | 'cli';
  csrfToken: string | null;
  /** The API token used, when `via` is `token`. */
  tokenId?: string | null;
  /** The token's scopes; empty or absent means the full rights of the role. */
  tokenScopes?: readonly TTokenScope[];
};

/** Why a member may read an enterprise's identified data (Account Aggregator's consent purpose). */
export const PURPOSES = [
  'credit_assessment',
  'loan_monitoring',
  'guarantee',
  'supply_chain_finance',
  'research',
] as const;
export const ZPurpose = z.enum(PURPOSES);
export type TPurpose = z.infer<typeof ZPurpose>;

/** Which identified data a consent covers. */
export const DATA_SCOPES = ['report', 'statements', 'invoices', 'loans', 'public_records'] as const;
export const ZDataScope = z.enum(DATA_SCOPES);
export type TDataScope = z.infer<typeof ZDataScope>;

/** Roles of an enterprise's own staff: bound to `users.enterprise_id`, they decide who sees its data. */
export const ENTERPRISE_ROLES: readonly TRole[] = ['enterprise_owner', 'enterprise_finance'];

const ZIsoDate = z.iso.date();

export const FREQUENCY_PERIODS = ['day', 'week', 'month'] as const;
export const ZConsentFrequency = z.object({
  limit: z.number().int().min(1).max(10_000),
  period: z.enum(FREQUENCY_PERIODS),
});
export type TConsentFrequency = z.infer<typeof ZConsentFrequency>;

export const ZConsentGrant = z
  .object({
    /** Only the operator names the enterprise (recording a written consent); enterprise users grant for their own. */
    enterpriseId: z.string().min(1).optional(),
    memberId: z.string().min(1),
    purpose: ZPurpose,
    scopes: z.array(ZDataScope).min(1).max(DATA_SCOPES.length),
    dataFrom: ZIsoDate,
    dataTo: ZIsoDate,
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validUntil: z.iso.datetime({ offset: true }),
    maxLookups: z.number().int().min(1).max(10_000),
    /** Account Aggregator's `frequency`: at most `limit` look-ups in any `period` (rolling day, 7 days, 30 days). */
    frequency: ZConsentFrequency.optional(),
  })
  .refine((body) => body.dataFrom <= body.dataTo, {
    message: 'dataFrom must not be after dataTo',
    path: ['dataTo'],
  })
  .refine((body) => new Set(body.scopes).size === body.scopes.length, {
    message: 'scopes must not repeat',
    path: ['scopes'],
  });
export type TConsentGrant = z.infer<typeof ZConsentGrant>;

export const CONSENT_STATUSES = ['pending', 'active', 'expired', 'revoked', 'exhausted'] as const;

export const ZConsent = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  purpose: ZPurpose,
  scopes: z.array(ZDataScope),
  dataFrom: z.string(),
  dataTo: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  maxLookups: z.number().int(),
  lookupsUsed: z.number().int(),
  frequency: ZConsentFrequency.nullable(),
  status: z.enum(CONSENT_STATUSES),
  grantedBy: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TConsent = z.infer<typeof ZConsent>;

export const READ_BASES = ['enterprise', 'submitter', 'consent', 'operator'] as const;
export type TReadBasis = (typeof READ_BASES)[number];

export const REFUSAL_REASONS = [
  'no_consent',
  'not_yet_valid',
  'expired',
  'revoked',
  'lookup_limit_reached',
  'frequency_limit_reached',
  'not_own_enterprise',
  'enterprise_not_verified',
  'role_not_allowed',
] as const;
export type TRefusalReason = (typeof REFUSAL_REASONS)[number];

export const ZAccessLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string(),
  actorRole: z.string(),
  actorMemberId: z.string().nullable(),
  actorMemberName: z.string().nullable(),
  enterpriseId: z.string(),
  enterpriseCreditCode: z.string(),
  purpose: ZPurpose,
  scope: ZDataScope,
  resource: z.string(),
  outcome: z.enum(['allowed', 'refused']),
  basis: z.enum(READ_BASES).nullable(),
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  consentId: z.string().nullable(),
});
export type TAccessLogEntry = z.infer<typeof ZAccessLogEntry>;

export const DISPUTE_RECORD_TYPES = ['statement', 'loan', 'public_record'] as const;
export const ZDisputeRecordType = z.enum(DISPUTE_RECORD_TYPES);
export const DISPUTE_STATUSES = ['open', 'corrected', 'upheld'] as const;

export const ZDispute = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  memberId: z.string(),
  recordType: ZDisputeRecordType,
  recordId: z.string(),
  reason: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  raisedAt: z.string(),
  dueAt: z.string(),
  reply: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** When corrected: the new version of the record; the disputed original stays, superseded by it. */
  correctedRecordId: z.string().nullable(),
  /** on_time; reminder: the deadline is near; overdue: past the deadline and escalated to the operator. */
  deadlineState: z.enum(['answered', 'on_time', 'reminder', 'overdue']),
});
export type TDispute = z.infer<typeof ZDispute>;
