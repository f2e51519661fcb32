import { z } from 'zod';
import { ZMemberKind, ZRole } from './access.schemas.js';

export const ZAdminMember = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZMemberKind,
  isActive: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
});
export type TAdminMember = z.infer<typeof ZAdminMember>;

export const ZAdminUser = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: ZRole,
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TAdminUser = z.infer<typeof ZAdminUser>;

export const ZCreateMemberBody = z.object({
  name: z.string().trim().min(2).max(200),
  kind: ZMemberKind,
});

export const ZCreateUserBody = z.object({
  login: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(12, 'at least 12 characters').max(500),
  role: ZRole,
  /** The operator names the member (member staff) or the enterprise (enterprise roles); a member admin's own member is implied. */
  memberId: z.string().max(60).nullable().optional(),
  enterpriseId: z.string().max(60).nullable().optional(),
});
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z
  .object({ role: ZRole.optional(), disabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.disabled !== undefined, {
    message: 'give a new role, disabled: true/false, or both',
  });

export const ZUsersQuery = z.object({ memberId: z.string().max(60).optional() });
