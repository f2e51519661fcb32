import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from './access.guards.js';
import { ENTERPRISE_ROLES, ZEnterpriseVerification, ZVerificationStatus } from './access.schemas.js';
import { ATTESTING_MEMBER_ROLES, type VerificationService } from './verification.service.js';

export async function registerVerificationRoutes(
  app: FastifyInstance,
  deps: { verifications: VerificationService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { verifications } = deps;

  api.post(
    '/access/enterprise-verifications',
    {
      schema: {
        tags: ['access'],
        summary: 'An enterprise user asks to be bound to its enterprise; pending until attested',
        body: z.object({ creditCode: z.string().trim().min(18).max(18) }),
        response: { 201: ZEnterpriseVerification },
      },
      preHandler: requireActor(ENTERPRISE_ROLES),
    },
    async (request, reply) =>
      reply.status(201).send(
        await verifications.requestVerification({
          actor: actorOf(request),
          creditCode: request.body.creditCode,
          requestId: request.id,
        }),
      ),
  );

  api.get(
    '/access/enterprise-verifications',
    {
      schema: {
        tags: ['access'],
        summary:
          'Binding requests: the caller’s own (enterprise user), those the caller’s member may attest, or all (operator)',
        querystring: z.object({ status: ZVerificationStatus.optional() }),
        response: { 200: z.object({ items: z.array(ZEnterpriseVerification) }) },
      },
      preHandler: requireActor([...ENTERPRISE_ROLES, ...ATTESTING_MEMBER_ROLES, 'operator']),
    },
    async (request) => ({
      items: await verifications.listVerifications({
        actor: actorOf(request),
        status: request.query.status,
      }),
    }),
  );

  api.post(
    '/access/enterprise-verifications/:id/attest',
    {
      schema: {
        tags: ['access'],
        summary:
          'The operator, or a member that submitted data about the enterprise, attests (or rejects) a binding',
        params: z.object({ id: z.string().min(1).max(60) }),
        body: z.object({
          decision: z.enum(['verified', 'rejected']).default('verified'),
          note: z.string().trim().max(2000).optional(),
        }),
        response: { 200: ZEnterpriseVerification },
      },
      preHandler: requireActor([...ATTESTING_MEMBER_ROLES, 'operator']),
    },
    async (request) =>
      verifications.attestVerification({
        actor: actorOf(request),
        id: request.params.id,
        decision: request.body.decision,
        note: request.body.note ?? null,
        requestId: request.id,
      }),
  );
}
