import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { ENTERPRISE_ROLES, type TActor, type TEnterpriseVerification, type TRole } from './access.schemas.js';
import type { Clock } from './access.service.js';
import type { VerificationRepository } from './verification.repository.js';

/**
 * What access needs to know about enterprises, from the module that holds them (the registry), injected as
 * a narrow type so that access never reads the registry's tables.
 */
export type EnterpriseDirectory = {
  findEnterpriseByCreditCode: (
    creditCode: string,
  ) => Promise<{ id: string; creditCode: string; name: string | null } | null>;
  /** Members that submitted the enterprise's profile or any fact about it: they know it as a client. */
  listSubmitterMemberIds: (enterpriseId: string) => Promise<string[]>;
};

/** Member staff who may attest that a person acts for a client enterprise (know-your-customer). */
export const ATTESTING_MEMBER_ROLES: readonly TRole[] = ['member_admin', 'credit_officer'];

type Deps = { repository: VerificationRepository; clock: Clock; enterprises: EnterpriseDirectory };

/**
 * Binding an enterprise user to its enterprise. Until the operator, or a member institution that submitted
 * data about the enterprise, attests the binding, the user can sign in but is bound to nothing: it reads
 * no identified data of the enterprise and grants no consent.
 */
export function createVerificationService({ repository, clock, enterprises }: Deps) {
  async function mayAttest(actor: TActor, enterpriseId: string): Promise<boolean> {
    if (actor.role === 'operator') return true;
    if (!ATTESTING_MEMBER_ROLES.includes(actor.role) || !actor.memberId) return false;
    return (await enterprises.listSubmitterMemberIds(enterpriseId)).includes(actor.memberId);
  }

  return {
    /** An enterprise user asks to be bound to the enterprise with this credit code. */
    async requestVerification(input: {
      actor: TActor;
      creditCode: string;
      requestId?: string | null;
    }): Promise<TEnterpriseVerification> {
      const { actor } = input;
      if (!ENTERPRISE_ROLES.includes(actor.role)) {
        throw new AppError('FORBIDDEN', {
          message: `only enterprise users (enterprise_owner, enterprise_finance) ask to be bound to an enterprise; you are ${actor.role}`,
        });
      }
      if (actor.enterpriseId) {
        throw new AppError('CONFLICT', {
          message: `you are already bound to enterprise ${actor.enterpriseName ?? actor.enterpriseId}`,
        });
      }
      const pending = await repository.findPendingOfUser(actor.id);
      if (pending) {
        throw new AppError('CONFLICT', {
          message: `your request ${pending.id} for enterprise ${pending.enterpriseCreditCode} is still pending; wait for the attestation`,
          details: { verificationId: pending.id },
        });
      }
      const creditCode = input.creditCode.trim().toUpperCase();
      const enterprise = await enterprises.findEnterpriseByCreditCode(creditCode);
      if (!enterprise) {
        throw new AppError('NOT_FOUND', {
          message: `enterprise ${creditCode} is not in the registry; a member must submit its profile first`,
          details: { field: 'creditCode', value: creditCode },
        });
      }
      const id = newId('verification');
      const now = clock.now();
      await repository.insertRequest({
        id,
        userId: actor.id,
        enterpriseId: enterprise.id,
        requestedAt: now,
        audit: {
          at: now,
          actorUserId: actor.id,
          actorMemberId: actor.memberId,
          requestId: input.requestId ?? null,
        },
      });
      const created = await repository.findVerification(id);
      if (!created) throw new AppError('INTERNAL', { message: 'the verification request vanished' });
      return created;
    },

    /**
     * The operator, or staff of a member that submitted data about the enterprise, attests (or rejects) a
     * pending binding. Anyone else gets NOT_FOUND: a request is not shown to who may not decide it.
     */
    async attestVerification(input: {
      actor: TActor;
      id: string;
      decision: 'verified' | 'rejected';
      note?: string | null;
      requestId?: string | null;
    }): Promise<TEnterpriseVerification> {
      const found = await repository.findVerification(input.id);
      if (!found || !(await mayAttest(input.actor, found.enterpriseId))) {
        throw new AppError('NOT_FOUND', { message: `verification request ${input.id} not found` });
      }
      if (found.userId === input.actor.id) {
        throw new AppError('FORBIDDEN', { message: 'nobody attests their own binding' });
      }
      const decided = await repository.decide({
        id: found.id,
        status: input.decision,
        attestedBy: input.actor.id,
        attestedByMemberId: input.actor.role === 'operator' ? null : input.actor.memberId,
        attestedAt: clock.now(),
        note: input.note ?? null,
        requestId: input.requestId ?? null,
      });
      if (!decided) {
        throw new AppError('CONFLICT', {
          message: `verification request ${input.id} is already ${found.status}`,
        });
      }
      const updated = await repository.findVerification(found.id);
      if (!updated) throw new AppError('INTERNAL', { message: 'the verification request vanished' });
      return updated;
    },

    /**
     * Enterprise users see their own requests; the operator every request; attesting member staff the
     * requests for enterprises their member submitted data about.
     */
    async listVerifications(input: {
      actor: TActor;
      status?: TEnterpriseVerification['status'];
    }): Promise<TEnterpriseVerification[]> {
      const { actor } = input;
      const status = input.status ?? null;
      if (ENTERPRISE_ROLES.includes(actor.role)) {
        return repository.listVerifications({ userId: actor.id, enterpriseIds: null, status });
      }
      if (actor.role === 'operator') {
        return repository.listVerifications({ userId: null, enterpriseIds: null, status });
      }
      if (!ATTESTING_MEMBER_ROLES.includes(actor.role) || !actor.memberId) {
        throw new AppError('FORBIDDEN', {
          message: `the role ${actor.role} neither requests nor attests enterprise bindings`,
        });
      }
      const all = await repository.listVerifications({ userId: null, enterpriseIds: null, status });
      const visible: TEnterpriseVerification[] = [];
      const submitters = new Map<string, string[]>();
      for (const verification of all) {
        let members = submitters.get(verification.enterpriseId);
        if (!members) {
          members = await enterprises.listSubmitterMemberIds(verification.enterpriseId);
          submitters.set(verification.enterpriseId, members);
        }
        if (members.includes(actor.memberId)) visible.push(verification);
      }
      return visible;
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
