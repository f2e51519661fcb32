import type { TActor } from './access.schemas.js';

/**
 * The operator as the platform itself acts (the command line, schedules, demo seeding, benchmarks): no member,
 * no enterprise, no session; `id` names who acts in audit entries and access logs (e.g. `system:schedule`).
 */
export function platformActor(input: { id: string; displayName: string; login?: string }): TActor {
  return {
    id: input.id,
    login: input.login ?? 'system',
    displayName: input.displayName,
    role: 'operator',
    memberId: null,
    memberName: null,
    memberKind: null,
    enterpriseId: null,
    enterpriseName: null,
    via: 'cli',
    csrfToken: null,
  };
}
