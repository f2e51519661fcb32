import { api } from '../api/client';
import type { MemberKind, Page } from '../api/types';
import type { Purpose } from '../credit/credit.api';

export type DataScope = 'report' | 'statements' | 'invoices' | 'loans' | 'public_records';
export const DATA_SCOPES: readonly DataScope[] = [
  'report',
  'statements',
  'invoices',
  'loans',
  'public_records',
];

export type ConsentStatus = 'pending' | 'active' | 'expired' | 'revoked' | 'exhausted';

/** At most `limit` look-ups in any rolling period (the Account Aggregator's "frequency"). */
export type ConsentFrequency = { period: 'day' | 'week' | 'month'; limit: number };

export type Consent = {
  id: string;
  enterpriseId: string;
  memberId: string;
  memberName: string;
  purpose: Purpose;
  scopes: DataScope[];
  dataFrom: string;
  dataTo: string;
  validFrom: string;
  validUntil: string;
  maxLookups: number;
  lookupsUsed: number;
  status: ConsentStatus;
  grantedBy: string;
  grantedAt: string;
  revokedAt: string | null;
  frequency: ConsentFrequency | null;
};

export type ConsentGrant = {
  memberId: string;
  purpose: Purpose;
  scopes: DataScope[];
  dataFrom: string;
  dataTo: string;
  validFrom?: string;
  validUntil: string;
  maxLookups: number;
  frequency?: ConsentFrequency;
};

export type RefusalReason =
  | 'no_consent'
  | 'not_yet_valid'
  | 'expired'
  | 'revoked'
  | 'lookup_limit_reached'
  | 'frequency_limit_reached'
  | 'not_own_enterprise'
  | 'enterprise_not_verified'
  | 'role_not_allowed';

export type AccessLogEntry = {
  id: string;
  at: string;
  actorUserId: string;
  actorRole: string;
  actorMemberId: string | null;
  actorMemberName: string | null;
  enterpriseId: string;
  enterpriseCreditCode: string;
  purpose: Purpose;
  scope: DataScope;
  resource: string;
  outcome: 'allowed' | 'refused';
  basis: 'enterprise' | 'submitter' | 'consent' | 'operator' | null;
  refusalReason: RefusalReason | string | null;
  consentId: string | null;
};

export type MemberRef = { id: string; name: string; kind?: MemberKind };

export function listConsents(page: { limit: number; offset: number }, signal?: AbortSignal) {
  return api.get<Page<Consent>>('/access/consents', { query: page, signal });
}

export function grantConsent(grant: ConsentGrant): Promise<Consent> {
  return api.post<Consent>('/access/consents', grant);
}

export function revokeConsent(id: string): Promise<Consent> {
  return api.post<Consent>(`/access/consents/${encodeURIComponent(id)}/revoke`);
}

export function listMyAccessLog(page: { limit: number; offset: number }, signal?: AbortSignal) {
  return api.get<Page<AccessLogEntry>>('/access/my/access-log', { query: page, signal });
}

/** The platform's members (operator, member admins and regulators may list them). */
export function listMembers(signal?: AbortSignal): Promise<MemberRef[]> {
  return api.get<{ items: MemberRef[] }>('/access/members', { signal }).then((body) => body.items);
}
