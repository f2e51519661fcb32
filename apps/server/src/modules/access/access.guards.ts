import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { TActor, TRole } from './access.schemas.js';
import { type AccessService, SESSION_COOKIE } from './access.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: TActor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling (session cookie or bearer token) on every request. Cookie-based calls that
 * change something must echo the session's CSRF token in `x-csrf-token`.
 */
export function createAuthHook(access: AccessService) {
  return async (request: FastifyRequest) => {
    request.actor = null;
    const header = request.headers.authorization;
    const bearerToken = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!bearerToken && !sessionToken) return;
    const actor = await access.authenticate({ bearerToken, sessionToken });
    if (!actor) {
      if (bearerToken) {
        throw new AppError('UNAUTHENTICATED', { message: 'the API token is unknown, expired or revoked' });
      }
      return;
    }
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== actor.csrfToken) {
        throw new AppError('FORBIDDEN', {
          message: 'the x-csrf-token header is missing or does not match this session',
        });
      }
    }
    request.actor = actor;
  };
}

/** Route guard: the caller must be signed in, and hold one of `roles` when given. */
export function requireActor(roles?: readonly TRole[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.actor) throw new AppError('UNAUTHENTICATED', { message: 'sign in or send an API token' });
    if (roles && !roles.includes(request.actor.role)) {
      throw new AppError('FORBIDDEN', {
        message: `this needs one of the roles ${roles.join(', ')}; you are ${request.actor.role}`,
      });
    }
  };
}

export function actorOf(request: FastifyRequest): TActor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', { message: 'sign in or send an API token' });
  return request.actor;
}
