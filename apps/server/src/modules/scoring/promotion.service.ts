import type pg from 'pg';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Clock, TActor } from '../access/index.js';
import { createPromotionRepository, type PromotionRequestRow } from './promotion.repository.js';
import type { TPromotionRequest } from './promotion.schemas.js';
import { createScoringRepository } from './scoring.repository.js';

/** Who may ask for a promotion: the people who train models. */
const REQUESTERS = ['operator', 'analyst'] as const;
/** Who may decide one: a second person with the authority to approve. */
const DECIDERS = ['operator', 'approver'] as const;

function toRequest(row: PromotionRequestRow): TPromotionRequest {
  return {
    id: row.id,
    modelId: row.model_id,
    modelKind: row.model_kind,
    modelVersion: row.model_version,
    status: row.status,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
  };
}

function auditActor(actor: TActor) {
  return { userId: actor.id, memberId: actor.memberId, auditId: newId('audit') };
}

/**
 * Champion changes under four eyes: a trainer requests the promotion of a registry-trained challenger, a
 * different user holding the approver or operator role approves (the model becomes champion, the former
 * champion retires) or rejects it. Both steps are audited.
 */
export function createPromotionService({ pool, clock }: { pool: pg.Pool; clock: Clock }) {
  const repository = createPromotionRepository(pool);
  const models = createScoringRepository(pool);

  return {
    async requestPromotion(input: { actor: TActor; modelId: string; reason?: string }) {
      const { actor } = input;
      if (!(REQUESTERS as readonly string[]).includes(actor.role)) {
        throw new AppError('FORBIDDEN', {
          message: 'asking for a promotion needs the role operator or analyst',
        });
      }
      const model = await models.findModel(input.modelId);
      if (!model) throw new AppError('NOT_FOUND', { message: `model ${input.modelId} not found` });
      if (model.source !== 'registry') {
        throw new AppError('SCORING_NO_CHAMPION', {
          message: `model ${model.id} was trained on an uploaded data set: it cannot score registry enterprises, so it cannot become champion`,
        });
      }
      if (model.status !== 'challenger') {
        throw new AppError('CONFLICT', {
          message: `model ${model.id} is ${model.status === 'champion' ? 'already the champion' : 'retired'}: only a challenger can be promoted`,
        });
      }
      const created = await repository.insertRequest({
        id: newId('audit').replace('aud_', 'prq_'),
        modelId: model.id,
        reason: input.reason?.trim() || null,
        requestedBy: actor.id,
        requestedByName: actor.displayName,
        at: clock.now(),
        audit: auditActor(actor),
      });
      if (!created) {
        throw new AppError('CONFLICT', {
          message: `model ${model.id} already has a pending promotion request: approve or reject that one`,
        });
      }
      return toRequest(created);
    },

    async listRequests(input: {
      actor: TActor;
      status?: 'pending' | 'approved' | 'rejected';
      modelId?: string;
    }) {
      void input.actor;
      const rows = await repository.listRequests({ status: input.status, modelId: input.modelId });
      return rows.map(toRequest);
    },

    /** Approves or rejects a pending request; never the requester's own. */
    async decide(input: { actor: TActor; id: string; decision: 'approved' | 'rejected'; note?: string }) {
      const { actor } = input;
      if (!(DECIDERS as readonly string[]).includes(actor.role)) {
        throw new AppError('FORBIDDEN', {
          message: 'deciding a promotion needs the role approver or operator',
        });
      }
      const decided = await repository.decide({
        id: input.id,
        decision: input.decision,
        decidedBy: actor.id,
        decidedByName: actor.displayName,
        note: input.note?.trim() || null,
        at: clock.now(),
        audit: auditActor(actor),
        check: (request) => {
          if (request.status !== 'pending') {
            throw new AppError('CONFLICT', {
              message: `promotion request ${request.id} was already ${request.status}`,
            });
          }
          if (request.requested_by === actor.id) {
            throw new AppError('FORBIDDEN', {
              message:
                'you asked for this promotion yourself: a different user (approver or operator) must decide it',
            });
          }
        },
      });
      if (!decided) throw new AppError('NOT_FOUND', { message: `promotion request ${input.id} not found` });
      return { request: toRequest(decided.request), previousChampionId: decided.previousChampionId };
    },
  };
}

export type PromotionService = ReturnType<typeof createPromotionService>;
