import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { TActor, TRole, TTokenScope } from './access.schemas.js';
import { type AccessService, SESSION_COOKIE } from './access.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: TActor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_PREFIX = '/api/v1/';
/** The capability a path segment under /api/v1 belongs to, for token scopes; unknown ones fail closed. */
const CAPABILITY_OF_SEGMENT: Record<string, string> = {
  auth: 'access',
  access: 'access',
  registry: 'registry',
  scoring: 'scoring',
  reports: 'reports',
};
const UNSCOPED_ROUTES = new Set(['/api/v1/openapi.json']);

/** The scope a route needs from a scoped token: `<capability>:read` for safe methods, `:write` otherwise. */
export function scopeNeededFor(method: string, routeUrl: string): string | null {
  if (!routeUrl.startsWith(API_PREFIX) || UNSCOPED_ROUTES.has(routeUrl)) return null;
  const segment = routeUrl.slice(API_PREFIX.length).split('/')[0] ?? '';
  const capability = CAPABILITY_OF_SEGMENT[segment] ?? segment;
  return `${capability}:${SAFE_METHODS.has(method) ? 'read' : 'write'}`;
}

/** Whether a token's scopes cover `needed`; no scopes means the full rights of the role. */
export function hasScope(scopes: readonly TTokenScope[] | undefined, needed: string): boolean {
  if (!scopes || scopes.length === 0) return true;
  const [capability] = needed.split(':');
  return scopes.some((scope) => scope === needed || scope === `${capability}:write`);
}

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
    const routeUrl = request.routeOptions.url;
    const needed = routeUrl ? scopeNeededFor(request.method, routeUrl) : null;
    if (needed && !hasScope(actor.tokenScopes, needed)) {
      throw new AppError('FORBIDDEN', {
        message: `this API token is scoped to ${actor.tokenScopes?.join(', ')}; ${request.method} ${routeUrl} needs ${needed}`,
        details: { neededScope: needed },
      });
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
