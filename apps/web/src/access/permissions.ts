import type { Role } from '../api/types';

/**
 * What each role may use in the web app. The server enforces the same rules on every request; this table
 * only decides what to show, so that nobody is offered a page that would answer "forbidden".
 */
const MEMBER_STAFF = ['member_admin', 'analyst', 'credit_officer', 'approver'] as const;
const ENTERPRISE_STAFF = ['enterprise_owner', 'enterprise_finance'] as const;

const CAPABILITY_ROLES = {
  /** Upload files of client data to the registry (staff for their member; the operator for its own). */
  'registry.submit': ['operator', ...MEMBER_STAFF],
  /** See past submissions: one's own member's, or every member's for the operator. */
  'registry.submissions.view': ['operator', ...MEMBER_STAFF],
  /** Data-quality figures per member and kind: about members, not enterprises, so regulators too. */
  'registry.quality.view': ['operator', ...MEMBER_STAFF, 'regulator'],
  // Regulators are left out on purpose: they see aggregates, never identified enterprise data (DESIGN.md).
  /** Search consolidated enterprise records. */
  'registry.enterprises.view': ['operator', ...MEMBER_STAFF],
  /** The enterprise's own pages: its credit, report, diagnosis, data, consents, access log and disputes. */
  'enterprise.own': [...ENTERPRISE_STAFF],
  /** Look up an enterprise's report for a stated purpose (consent checked and logged by the server). */
  'lookup.enterprises': [...MEMBER_STAFF],
  /** Peer statistics, their snapshots and the anonymised sample data: aggregates, so regulators too. */
  'statistics.peers': ['operator', ...MEMBER_STAFF, 'regulator'],
  /** The member directory (GET /access/members). */
  'access.members.view': ['operator', 'member_admin', 'regulator', 'enterprise_owner', 'enterprise_finance'],
  /** The model registry: training runs, validation charts, points tables, promotion requests. */
  'models.view': ['operator', 'analyst', 'approver'],
  /** Train challengers and ask for their promotion. */
  'models.train': ['operator', 'analyst'],
  /** Decide a promotion someone else asked for (four eyes). */
  'models.decide': ['operator', 'approver'],
  /** Drift monitoring (PSI) of a model. */
  'models.monitor': ['operator', 'analyst'],
  /** Members and their users: the operator for all, a member admin for its own member. */
  'admin.members': ['operator', 'member_admin'],
  'admin.members.create': ['operator'],
  'admin.users': ['operator', 'member_admin'],
  /** Attest or reject enterprise users' binding requests (the operator; staff of a submitting member). */
  'admin.bindings': ['operator', 'member_admin', 'credit_officer'],
  /** One's own API tokens, for an institution's machine clients. */
  'admin.tokens': ['operator', ...MEMBER_STAFF, 'regulator'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITY_ROLES;

export function can(role: Role | null | undefined, capability: Capability): boolean {
  if (!role) return false;
  return (CAPABILITY_ROLES[capability] as readonly Role[]).includes(role);
}

export type RoleGroup = 'operator' | 'member' | 'enterprise' | 'regulator';

export function roleGroup(role: Role): RoleGroup {
  switch (role) {
    case 'operator':
      return 'operator';
    case 'regulator':
      return 'regulator';
    case 'enterprise_owner':
    case 'enterprise_finance':
      return 'enterprise';
    default:
      return 'member';
  }
}
