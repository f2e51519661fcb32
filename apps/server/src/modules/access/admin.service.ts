import argon2 from 'argon2';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { MEMBER_STAFF_ROLES, type TActor, type TMemberKind, type TRole } from './access.schemas.js';
import type { Clock } from './access.service.js';
import type { AdminRepository, AuditEntry } from './admin.repository.js';
import type { TAdminUser, TCreateUserBody } from './admin.schemas.js';

const ENTERPRISE_ROLES: readonly TRole[] = ['enterprise_owner', 'enterprise_finance'];

type Deps = { repository: AdminRepository; clock: Clock };

function forbidden(message: string): AppError {
  return new AppError('FORBIDDEN', { message });
}

function invalid(field: string, value: unknown, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: [{ field, value, message }] });
}

/**
 * Administration of members and users. The operator administers everyone; a member admin administers the
 * staff of its own member only (never operator, regulator or enterprise accounts, never another member).
 * Nobody changes their own role or disables themselves, so an administrator cannot lock itself out.
 */
export function createAdminService({ repository, clock }: Deps) {
  function assertAdmin(actor: TActor): void {
    if (actor.role !== 'operator' && actor.role !== 'member_admin') {
      throw forbidden('administration needs the role operator or member_admin');
    }
  }

  /** The member whose users a member admin may see; null (every member) for the operator. */
  function scopeOf(actor: TActor): string | null {
    if (actor.role === 'operator') return null;
    if (!actor.memberId) throw forbidden('this member admin account is not bound to a member');
    return actor.memberId;
  }

  function entry(actor: TActor, fields: Omit<AuditEntry, 'id' | 'at' | 'actorUserId' | 'actorMemberId'>) {
    return {
      id: newId('audit'),
      at: clock.now(),
      actorUserId: actor.id,
      actorMemberId: actor.memberId,
      ...fields,
    };
  }

  async function getManagedUser(actor: TActor, id: string): Promise<TAdminUser> {
    const user = await repository.findUser(id);
    const scope = scopeOf(actor);
    // Another member's user is "not found": a member admin may not learn who exists elsewhere.
    if (!user || (scope !== null && user.memberId !== scope)) {
      throw new AppError('NOT_FOUND', { message: `user ${id} not found` });
    }
    return user;
  }

  function assertMayGrant(actor: TActor, role: TRole): void {
    if (actor.role === 'member_admin' && !MEMBER_STAFF_ROLES.includes(role)) {
      throw forbidden(
        `a member admin gives only the roles ${MEMBER_STAFF_ROLES.join(', ')}; ${role} is the operator's to give`,
      );
    }
  }

  return {
    async listMembers(input: { actor: TActor }) {
      assertAdmin(input.actor);
      return repository.listMembers(scopeOf(input.actor));
    },

    async createMember(input: { actor: TActor; name: string; kind: TMemberKind }) {
      if (input.actor.role !== 'operator') throw forbidden('only the operator admits members');
      const id = newId('member');
      return repository.insertMember(
        { id, name: input.name, kind: input.kind },
        entry(input.actor, {
          action: 'access.member_created',
          entityType: 'member',
          entityId: id,
          before: null,
          after: { name: input.name, kind: input.kind },
        }),
      );
    },

    async listUsers(input: { actor: TActor; memberId?: string }) {
      assertAdmin(input.actor);
      const scope = scopeOf(input.actor);
      if (scope !== null && input.memberId && input.memberId !== scope) {
        throw forbidden('a member admin sees the users of its own member only');
      }
      return repository.listUsers(scope ?? input.memberId ?? null);
    },

    async createUser(input: { actor: TActor; user: TCreateUserBody }): Promise<TAdminUser> {
      const { actor, user } = input;
      assertAdmin(actor);
      assertMayGrant(actor, user.role);
      const scope = scopeOf(actor);
      let memberId = user.memberId ?? null;
      let enterpriseId = user.enterpriseId ?? null;
      if (scope !== null) {
        if (memberId && memberId !== scope)
          throw forbidden('a member admin adds users to its own member only');
        memberId = scope;
        enterpriseId = null;
      }
      if (MEMBER_STAFF_ROLES.includes(user.role) && !memberId) {
        throw invalid('memberId', memberId, `the role ${user.role} needs the member the user works for`);
      }
      if (ENTERPRISE_ROLES.includes(user.role)) {
        // Without an enterprise the account starts unbound: its user asks to be bound by credit code and
        // the operator or a submitting member attests it (POST /access/verifications).
        if (enterpriseId && !(await repository.enterpriseExists(enterpriseId))) {
          throw invalid('enterpriseId', enterpriseId, `there is no enterprise ${enterpriseId}`);
        }
      } else enterpriseId = null;
      if (memberId && !(await repository.memberExists(memberId))) {
        throw invalid('memberId', memberId, `there is no member ${memberId}`);
      }
      const taken = () =>
        new AppError('CONFLICT', {
          message: `the login ${user.login} is taken: choose another`,
          details: [{ field: 'login', value: user.login, message: 'taken' }],
        });
      if (await repository.loginTaken(user.login)) throw taken();
      const id = newId('user');
      const now = clock.now();
      const created = await repository.insertUser(
        {
          id,
          login: user.login,
          displayName: user.displayName,
          passwordHash: await argon2.hash(user.password, { type: argon2.argon2id }),
          role: user.role,
          memberId,
          enterpriseId,
        },
        entry(actor, {
          action: 'access.user_created',
          entityType: 'user',
          entityId: id,
          before: null,
          after: { login: user.login, role: user.role, memberId, enterpriseId },
        }),
        // Creating a bound enterprise account is the operator's attestation of the binding: recorded as such.
        enterpriseId ? { id: newId('verification'), attestedBy: actor.id, at: now } : null,
      );
      if (!created) throw taken();
      return created;
    },

    /** Changes a user's role and/or disables (sessions end, tokens revoked) or re-enables it. */
    async updateUser(input: { actor: TActor; id: string; role?: TRole; disabled?: boolean }) {
      const { actor } = input;
      assertAdmin(actor);
      if (input.id === actor.id) {
        throw forbidden('you cannot change your own role or disable yourself: ask another administrator');
      }
      const user = await getManagedUser(actor, input.id);
      if (actor.role === 'member_admin') assertMayGrant(actor, user.role);
      if (input.role !== undefined) {
        assertMayGrant(actor, input.role);
        const needsMember = MEMBER_STAFF_ROLES.includes(input.role);
        if (needsMember && !user.memberId) {
          throw invalid(
            'role',
            input.role,
            `the role ${input.role} needs a member, and ${user.login} has none`,
          );
        }
        if (ENTERPRISE_ROLES.includes(input.role) !== ENTERPRISE_ROLES.includes(user.role)) {
          throw invalid(
            'role',
            input.role,
            'an enterprise account and a member or platform account cannot be turned into one another: create a new user',
          );
        }
      }
      return repository.updateUser(
        { id: user.id, role: input.role, disabled: input.disabled, now: clock.now() },
        entry(actor, {
          action:
            input.disabled === true
              ? 'access.user_disabled'
              : input.disabled === false
                ? 'access.user_enabled'
                : 'access.user_role_changed',
          entityType: 'user',
          entityId: user.id,
          before: { role: user.role, disabledAt: user.disabledAt },
          after: { role: input.role ?? user.role, disabled: input.disabled ?? user.disabledAt !== null },
        }),
      );
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
