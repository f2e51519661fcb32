import type { Role } from '../api/types';

/**
 * What each role may use in the web app. The server enforces the same rules on every request; this table
 * only decides what to show, so that nobody is offered a page that would answer "forbidden".
 */
const CAPABILITY_ROLES = {
  /** Upload files of client data to the registry. */
  'registry.submit': ['member_admin', 'analyst'],
  /** See past submissions (the operator sees every member's). */
  'registry.submissions.view': ['operator', 'member_admin', 'analyst'],
  /** See data-quality figures per member and kind. */
  'registry.quality.view': ['operator', 'member_admin', 'analyst'],
  /** Search consolidated enterprise records (the server limits members to what they may read). */
  'registry.enterprises.view': ['operator', 'member_admin', 'analyst', 'credit_officer', 'approver'],
  /** See the registry record of one's own enterprise. */
  'registry.enterprises.own': ['enterprise_owner', 'enterprise_finance'],
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
