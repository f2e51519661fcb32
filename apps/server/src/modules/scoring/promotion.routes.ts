import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from '../access/index.js';
import {
  ZPromotionDecisionBody,
  ZPromotionListQuery,
  ZPromotionRequest,
  ZPromotionRequestBody,
} from './promotion.schemas.js';
import type { PromotionService } from './promotion.service.js';

const STAFF = ['operator', 'member_admin', 'analyst', 'credit_officer', 'approver'] as const;
const REQUESTERS = ['operator', 'analyst'] as const;
const DECIDERS = ['operator', 'approver'] as const;
const ZId = z.object({ id: z.string().min(1).max(60) });
const ZDecision = z.object({ request: ZPromotionRequest, previousChampionId: z.string().nullable() });

export async function registerPromotionRoutes(
  app: FastifyInstance,
  deps: { promotions: PromotionService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { promotions } = deps;

  api.post(
    '/scoring/models/:id/promotion-requests',
    {
      schema: {
        tags: ['scoring'],
        summary: 'Ask for a challenger to become champion; a different user must approve it',
        params: ZId,
        body: ZPromotionRequestBody.nullish(),
        response: { 201: ZPromotionRequest },
      },
      preHandler: requireActor(REQUESTERS),
    },
    async (request, reply) => {
      const created = await promotions.requestPromotion({
        actor: actorOf(request),
        modelId: request.params.id,
        reason: request.body?.reason,
      });
      return reply.status(201).send(created);
    },
  );

  api.get(
    '/scoring/promotion-requests',
    {
      schema: {
        tags: ['scoring'],
        summary: 'Promotion requests, newest first (filter by status or model)',
        querystring: ZPromotionListQuery,
        response: { 200: z.object({ items: z.array(ZPromotionRequest) }) },
      },
      preHandler: requireActor(STAFF),
    },
    async (request) => ({
      items: await promotions.listRequests({ actor: actorOf(request), ...request.query }),
    }),
  );

  for (const [path, decision, summary] of [
    ['approve', 'approved', 'Approve a pending promotion: the model becomes champion (not your own request)'],
    ['reject', 'rejected', 'Reject a pending promotion (not your own request)'],
  ] as const) {
    api.post(
      `/scoring/promotion-requests/:id/${path}`,
      {
        schema: {
          tags: ['scoring'],
          summary,
          params: ZId,
          body: ZPromotionDecisionBody.nullish(),
          response: { 200: ZDecision },
        },
        preHandler: requireActor(DECIDERS),
      },
      async (request) =>
        promotions.decide({
          actor: actorOf(request),
          id: request.params.id,
          decision,
          note: request.body?.note,
        }),
    );
  }
}
