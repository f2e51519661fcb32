import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from './access.guards.js';
import {
  ZAdminMember,
  ZAdminUser,
  ZCreateMemberBody,
  ZCreateUserBody,
  ZUpdateUserBody,
  ZUsersQuery,
} from './admin.schemas.js';
import type { AdminService } from './admin.service.js';

const ADMINS = ['operator', 'member_admin'] as const;

/** Members and users, for the operator (everyone) and member admins (their own member's staff). */
export async function registerAdminRoutes(app: FastifyInstance, deps: { admin: AdminService }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { admin } = deps;

  api.get(
    '/access/admin/members',
    {
      schema: {
        tags: ['access'],
        summary: 'Members with their user counts (a member admin: its own member)',
        response: { 200: z.object({ items: z.array(ZAdminMember) }) },
      },
      preHandler: requireActor(ADMINS),
    },
    async (request) => ({ items: await admin.listMembers({ actor: actorOf(request) }) }),
  );

  api.post(
    '/access/admin/members',
    {
      schema: {
        tags: ['access'],
        summary: 'Admit a member institution (operator)',
        body: ZCreateMemberBody,
        response: { 201: ZAdminMember },
      },
      preHandler: requireActor(['operator']),
    },
    async (request, reply) =>
      reply.status(201).send(await admin.createMember({ actor: actorOf(request), ...request.body })),
  );

  api.get(
    '/access/admin/users',
    {
      schema: {
        tags: ['access'],
        summary: 'Users with role and state (a member admin: its own member’s)',
        querystring: ZUsersQuery,
        response: { 200: z.object({ items: z.array(ZAdminUser) }) },
      },
      preHandler: requireActor(ADMINS),
    },
    async (request) => ({
      items: await admin.listUsers({ actor: actorOf(request), memberId: request.query.memberId }),
    }),
  );

  api.post(
    '/access/admin/users',
    {
      schema: {
        tags: ['access'],
        summary: 'Create a user (a member admin: staff of its own member)',
        body: ZCreateUserBody,
        response: { 201: ZAdminUser },
      },
      preHandler: requireActor(ADMINS),
    },
    async (request, reply) =>
      reply.status(201).send(await admin.createUser({ actor: actorOf(request), user: request.body })),
  );

  api.patch(
    '/access/admin/users/:id',
    {
      schema: {
        tags: ['access'],
        summary: 'Change a user’s role, or disable (sessions end, tokens revoked) or re-enable it',
        params: z.object({ id: z.string().min(1).max(60) }),
        body: ZUpdateUserBody,
        response: { 200: ZAdminUser },
      },
      preHandler: requireActor(ADMINS),
    },
    async (request) => admin.updateUser({ actor: actorOf(request), id: request.params.id, ...request.body }),
  );
}
