export { actorOf, createAuthHook, requireActor } from './access.guards.js';
export { createAccessRepository } from './access.repository.js';
export { registerAccessRoutes } from './access.routes.js';
export * from './access.schemas.js';
export { type AccessService, type Clock, createAccessService, SESSION_COOKIE } from './access.service.js';
