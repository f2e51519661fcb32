export { createAccessRepository } from './access.repository.js';
export * from './access.schemas.js';
export { type AccessService, type Clock, createAccessService, SESSION_COOKIE } from './access.service.js';
export { registerAccessRoutes } from './access.routes.js';
