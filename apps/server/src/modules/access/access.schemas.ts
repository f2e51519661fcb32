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

export const ZUser = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: ZRole,
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  memberKind: ZMemberKind.nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZLoginBody = z.object({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});
export const ZSessionResponse = z.object({ user: ZUser, csrfToken: z.string() });

/** Who is acting: every use case takes it. */
export type TActor = TUser & { via: 'session' | 'token' | 'cli'; csrfToken: string | null };
