import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from './access.guards.js';
import { ENTERPRISE_ROLES, MEMBER_STAFF_ROLES, ZDispute, ZDisputeRecordType } from './access.schemas.js';
import type { DisputeService } from './dispute.service.js';

export async function registerDisputeRoutes(
  app: FastifyInstance,
  deps: { disputes: DisputeService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { disputes } = deps;

  api.post(
    '/access/disputes',
    {
      schema: {
        tags: ['access'],
        summary:
          "Dispute one of the enterprise's own records (statement, loan, public record); its submitter answers within the deadline",
        description:
          'The record id is the `id` of a record in GET /registry/enterprises/{creditCode}; a record of another enterprise is 404. While open, the record shows `underDispute: true` wherever it is read; one open dispute per record.',
        body: z.object({
          /** Optional: taken from the record; when given it must be the member that submitted it. */
          memberId: z.string().min(1).max(60).optional(),
          recordType: ZDisputeRecordType,
          recordId: z.string().min(1).max(60),
          reason: z.string().trim().min(5).max(2000),
        }),
        response: { 201: ZDispute },
      },
      preHandler: requireActor(ENTERPRISE_ROLES),
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await disputes.raiseDispute({ actor: actorOf(request), ...request.body, requestId: request.id }),
        ),
  );

  api.get(
    '/access/disputes',
    {
      schema: {
        tags: ['access'],
        summary: "Disputes: the enterprise's own, those addressed to the caller's member, or all (operator)",
        response: { 200: z.object({ items: z.array(ZDispute) }) },
      },
      preHandler: requireActor([...ENTERPRISE_ROLES, ...MEMBER_STAFF_ROLES, 'operator']),
    },
    async (request) => ({ items: await disputes.listDisputes({ actor: actorOf(request) }) }),
  );

  api.post(
    '/access/disputes/:id/answer',
    {
      schema: {
        tags: ['access'],
        summary: 'The submitting member answers a dispute in writing: corrected or upheld',
        params: z.object({ id: z.string().min(1).max(60) }),
        body: z.object({
          outcome: z.enum(['corrected', 'upheld']),
          reply: z.string().trim().min(5).max(4000),
          /**
           * Corrected values of the record, required when the outcome is corrected: a loan's status,
           * daysPastDue, outstandingFen, defaultOn, maturityOn; a public record's endedOn, amountFen,
           * description; a statement's lines ({"bs_01": fen, …}).
           */
          correction: z
            .record(z.string(), z.union([z.string(), z.number(), z.null(), z.record(z.string(), z.number())]))
            .optional(),
        }),
        response: { 200: ZDispute },
      },
      preHandler: requireActor(MEMBER_STAFF_ROLES),
    },
    async (request) =>
      disputes.answerDispute({ actor: actorOf(request), id: request.params.id, ...request.body }),
  );

  api.get(
    '/access/disputes/attention',
    {
      schema: {
        tags: ['access'],
        summary: 'Open disputes near their deadline (remind the member) and past it (escalated)',
        response: { 200: z.object({ reminders: z.array(ZDispute), escalations: z.array(ZDispute) }) },
      },
      preHandler: requireActor(['operator']),
    },
    async (request) => disputes.disputesNeedingAttention({ actor: actorOf(request) }),
  );
}
