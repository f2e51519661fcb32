import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from './access.guards.js';
import {
  ENTERPRISE_ROLES,
  MEMBER_STAFF_ROLES,
  ZAccessLogEntry,
  ZConsent,
  ZConsentGrant,
} from './access.schemas.js';
import type { ConsentService } from './consent.service.js';

const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export async function registerConsentRoutes(
  app: FastifyInstance,
  deps: { consents: ConsentService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { consents } = deps;

  api.post(
    '/access/consents',
    {
      schema: {
        tags: ['access'],
        summary: 'Grant a member access to identified data for one purpose, scope, data range and validity',
        description:
          "The consent artefact follows India's Account Aggregator: purpose, data scope, data range (dataFrom–dataTo), validity (validFrom–validUntil) and a maximum number of look-ups. Revocable at any time.",
        body: ZConsentGrant,
        response: { 201: ZConsent },
      },
      preHandler: requireActor([...ENTERPRISE_ROLES, 'operator']),
    },
    async (request, reply) => {
      const consent = await consents.grantConsent({
        ...request.body,
        actor: actorOf(request),
        requestId: request.id,
      });
      return reply.status(201).send(consent);
    },
  );

  api.get(
    '/access/consents',
    {
      schema: {
        tags: ['access'],
        summary: "Consents: the enterprise's own, those granted to the caller's member, or all (operator)",
        querystring: ZPageQuery,
        response: { 200: z.object({ items: z.array(ZConsent), total: z.number().int() }) },
      },
      preHandler: requireActor([...ENTERPRISE_ROLES, ...MEMBER_STAFF_ROLES, 'operator']),
    },
    async (request) => consents.listConsents({ actor: actorOf(request), ...request.query }),
  );

  api.post(
    '/access/consents/:id/revoke',
    {
      schema: {
        tags: ['access'],
        summary: 'Revoke a consent at once; the next read under it is refused',
        params: z.object({ id: z.string().min(1).max(60) }),
        response: { 200: ZConsent },
      },
      preHandler: requireActor([...ENTERPRISE_ROLES, 'operator']),
    },
    async (request) =>
      consents.revokeConsent({ actor: actorOf(request), id: request.params.id, requestId: request.id }),
  );

  api.get(
    '/access/my/access-log',
    {
      schema: {
        tags: ['access'],
        summary: "Every read of the caller's enterprise's identified data, allowed or refused, newest first",
        querystring: ZPageQuery,
        response: { 200: z.object({ items: z.array(ZAccessLogEntry), total: z.number().int() }) },
      },
      preHandler: requireActor(ENTERPRISE_ROLES),
    },
    async (request) => consents.listMyAccessLog({ actor: actorOf(request), ...request.query }),
  );

  api.get(
    '/access/access-log.csv',
    {
      schema: {
        tags: ['access'],
        summary: 'Export the access log as CSV (operator), optionally for one enterprise and a time window',
        querystring: z.object({
          enterpriseId: z.string().min(1).max(60).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
      },
      preHandler: requireActor(['operator']),
    },
    async (request, reply) => {
      const chunks = consents.accessLogCsv({
        actor: actorOf(request),
        enterpriseId: request.query.enterpriseId ?? null,
        from: request.query.from ? new Date(request.query.from) : null,
        to: request.query.to ? new Date(request.query.to) : null,
      });
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="access-log.csv"');
      return reply.send(Readable.from(chunks));
    },
  );
}
