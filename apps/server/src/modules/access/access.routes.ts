import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from './access.guards.js';
import { ZApiToken, ZLoginBody, ZMemberKind, ZSessionResponse, ZTokenScope } from './access.schemas.js';
import { type AccessService, SESSION_COOKIE } from './access.service.js';
import { registerConsentRoutes } from './consent.routes.js';
import type { ConsentService } from './consent.service.js';
import { registerDisputeRoutes } from './dispute.routes.js';
import type { DisputeService } from './dispute.service.js';
import { registerRetentionRoutes } from './retention.routes.js';
import type { RetentionService } from './retention.service.js';
import { registerVerificationRoutes } from './verification.routes.js';
import type { VerificationService } from './verification.service.js';

export async function registerAccessRoutes(
  app: FastifyInstance,
  deps: {
    access: AccessService;
    consents: ConsentService;
    disputes: DisputeService;
    verifications: VerificationService;
    retention: RetentionService;
    isSecureCookie: boolean;
  },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  await registerConsentRoutes(app, { consents: deps.consents });
  await registerDisputeRoutes(app, { disputes: deps.disputes });
  await registerVerificationRoutes(app, { verifications: deps.verifications });
  await registerRetentionRoutes(app, { retention: deps.retention });
  api.post(
    '/auth/login',
    {
      schema: {
        tags: ['access'],
        summary: 'Sign in with a login and a password; sets the session cookie',
        body: ZLoginBody,
        response: { 200: ZSessionResponse },
        security: [],
      },
    },
    async (request, reply) => {
      const session = await deps.access.login(request.body);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.isSecureCookie,
        expires: session.expiresAt,
      });
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  api.get(
    '/auth/me',
    {
      schema: { tags: ['access'], summary: 'The signed-in user', response: { 200: ZSessionResponse } },
      preHandler: requireActor(),
    },
    async (request) => {
      const actor = actorOf(request);
      const { via: _via, csrfToken, tokenId: _tokenId, tokenScopes: _tokenScopes, ...user } = actor;
      return { user, csrfToken: csrfToken ?? '' };
    },
  );

  api.post(
    '/auth/tokens',
    {
      schema: {
        tags: ['access'],
        summary: 'Issue an API token for machine clients (shown once; only its hash is stored)',
        description:
          'Scopes narrow what the token may do per capability (`registry:read`, `registry:write`, …; write includes read); the role still applies. No scopes: the full rights of your role.',
        body: z.object({
          name: z.string().min(1).max(100),
          expiresInDays: z.number().int().min(1).max(366).default(90),
          scopes: z.array(ZTokenScope).max(20).default([]),
        }),
        response: { 201: z.object({ token: z.string(), expiresAt: z.string() }) },
      },
      preHandler: requireActor(),
    },
    async (request, reply) => {
      const { token, expiresAt } = await deps.access.issueApiToken({
        actor: actorOf(request),
        ...request.body,
      });
      return reply.status(201).send({ token, expiresAt: expiresAt.toISOString() });
    },
  );

  api.get(
    '/auth/tokens',
    {
      schema: {
        tags: ['access'],
        summary: 'Your own API tokens (never the secrets), newest first',
        response: { 200: z.object({ items: z.array(ZApiToken) }) },
      },
      preHandler: requireActor(),
    },
    async (request) => ({ items: await deps.access.listApiTokens({ actor: actorOf(request) }) }),
  );

  api.post(
    '/auth/tokens/:id/revoke',
    {
      schema: {
        tags: ['access'],
        summary: 'Revoke one of your own API tokens at once',
        params: z.object({ id: z.string().min(1).max(60) }),
        response: { 200: ZApiToken },
      },
      preHandler: requireActor(),
    },
    async (request) => deps.access.revokeApiToken({ actor: actorOf(request), id: request.params.id }),
  );

  api.get(
    '/access/members',
    {
      schema: {
        tags: ['access'],
        summary: 'The member institutions of the platform (id, name and kind only)',
        description: 'Enterprise owners and finance staff read it too, to choose whom to grant a consent to.',
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), kind: ZMemberKind })),
          }),
        },
      },
      preHandler: requireActor([
        'operator',
        'member_admin',
        'regulator',
        'enterprise_owner',
        'enterprise_finance',
      ]),
    },
    async () => ({
      items: (await deps.access.listMembers()).map(({ id, name, kind }) => ({ id, name, kind })),
    }),
  );

  api.post(
    '/auth/logout',
    { schema: { tags: ['access'], summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deps.access.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
