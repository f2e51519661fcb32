import type { ReadContext } from '../../platform/db/read-context.js';
import { ENTERPRISE_ROLES, MEMBER_STAFF_ROLES, type TActor } from './access.schemas.js';

/**
 * The row-level security context of a read made for `actor`: its role, the member it works for (member
 * staff) and the enterprise it is bound to (a verified enterprise user). Nobody else is keyed to anything.
 * `about` names the enterprise a read is about: its rows show when the actor may read that enterprise.
 */
export function readContextOf(
  actor: TActor,
  now: Date,
  about: { creditCode: string } | null = null,
): ReadContext {
  return {
    creditCode: about?.creditCode ?? null,
    role: actor.role,
    memberId:
      MEMBER_STAFF_ROLES.includes(actor.role) || actor.role === 'operator' ? (actor.memberId ?? null) : null,
    enterpriseId: ENTERPRISE_ROLES.includes(actor.role) ? (actor.enterpriseId ?? null) : null,
    now,
  };
}
