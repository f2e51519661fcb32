import { api, request } from '../api/client';
import type { Role } from '../api/types';

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
export type MemberKind = (typeof MEMBER_KINDS)[number];

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
/** The roles a member admin may give (the server enforces the same rule). */
export const MEMBER_STAFF_ROLES: readonly Role[] = ['member_admin', 'analyst', 'credit_officer', 'approver'];
export const ENTERPRISE_ROLES: readonly Role[] = ['enterprise_owner', 'enterprise_finance'];

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
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type AdminMember = {
  id: string;
  name: string;
  kind: MemberKind;
  isActive: boolean;
  userCount: number;
  createdAt: string;
};

export type AdminUser = {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  memberId: string | null;
  memberName: string | null;
  enterpriseId: string | null;
  disabledAt: string | null;
  createdAt: string;
};

export type ApiToken = {
  id: string;
  name: string;
  scopes: TokenScope[];
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
};

export type NewUser = {
  login: string;
  displayName: string;
  password: string;
  role: Role;
  memberId?: string | null;
  enterpriseId?: string | null;
};

export function listMembers(signal?: AbortSignal): Promise<AdminMember[]> {
  return api.get<{ items: AdminMember[] }>('/access/admin/members', { signal }).then((body) => body.items);
}

export function createMember(member: { name: string; kind: MemberKind }): Promise<AdminMember> {
  return api.post<AdminMember>('/access/admin/members', member);
}

export function listUsers(memberId: string | null, signal?: AbortSignal): Promise<AdminUser[]> {
  return api
    .get<{ items: AdminUser[] }>('/access/admin/users', { query: { memberId }, signal })
    .then((body) => body.items);
}

export function createUser(user: NewUser): Promise<AdminUser> {
  return api.post<AdminUser>('/access/admin/users', user);
}

export function updateUser(id: string, change: { role?: Role; disabled?: boolean }): Promise<AdminUser> {
  return request<AdminUser>('PATCH', `/access/admin/users/${encodeURIComponent(id)}`, { body: change });
}

export function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return api.get<{ items: ApiToken[] }>('/auth/tokens', { signal }).then((body) => body.items);
}

export function createToken(token: {
  name: string;
  expiresInDays: number;
  scopes: TokenScope[];
}): Promise<{ token: string; expiresAt: string }> {
  return api.post<{ token: string; expiresAt: string }>('/auth/tokens', token);
}

export function revokeToken(id: string): Promise<ApiToken> {
  return api.post<ApiToken>(`/auth/tokens/${encodeURIComponent(id)}/revoke`);
}

/** An enterprise user's request to be bound to its enterprise (GET /access/enterprise-verifications). */
export type BindingRequest = {
  id: string;
  userId: string;
  userLogin: string;
  userDisplayName: string;
  userRole: Role;
  enterpriseId: string;
  enterpriseName: string | null;
  enterpriseCreditCode: string | null;
  status: 'pending' | 'verified' | 'rejected';
  requestedAt: string;
  attestedAt: string | null;
  note: string | null;
};

/** Pending binding requests the caller may decide: all for the operator, its clients' for member staff. */
export function listPendingBindings(signal?: AbortSignal): Promise<BindingRequest[]> {
  return api
    .get<{ items: BindingRequest[] }>('/access/enterprise-verifications', {
      query: { status: 'pending' },
      signal,
    })
    .then((body) => body.items);
}

export function decideBinding(
  id: string,
  decision: 'verified' | 'rejected',
  note?: string,
): Promise<BindingRequest> {
  return api.post<BindingRequest>(`/access/enterprise-verifications/${encodeURIComponent(id)}/attest`, {
    decision,
    ...(note ? { note } : {}),
  });
}
