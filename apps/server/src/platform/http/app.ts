import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type pg from 'pg';
import {
  type Clock,
  createAuthHook,
  createRateLimitHook,
  registerAccessRoutes,
  registerAdminRoutes,
} from '../../modules/access/index.js';
import { registerRegistryRoutes } from '../../modules/registry/index.js';
import { registerReportsRoutes } from '../../modules/reports/index.js';
import { registerScoringRoutes } from '../../modules/scoring/index.js';
import { buildServices } from '../../services.js';
import type { Config } from '../config.js';
import { newId } from '../ids.js';
import { registerErrorHandler } from './error-handler.js';

const DEFAULT_CSP =
  "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; img-src 'self' data: validator.swagger.io; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:";

export type AppDeps = {
  pool: pg.Pool;
  config: Config;
  clock?: Clock;
  /** false silences request logs (tests). */
  logger?: boolean | { level: string };
};

export type App = FastifyInstance;

/** Wires the modules once: plain factories, no container. Tests build the same app with their own deps. */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: 10 * 1024 * 1024,
    genReqId: () => newId('audit').replace('aud_', 'req_'),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CreditBridge API',
        version: '1',
        description:
          'The open MSME finance platform: credit registry, scoring and reports. Sign in with a session cookie (web) or send `Authorization: Bearer cbt_…` (machine clients).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'cb_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs load only their own files (no inline script); Swagger UI styles itself inline.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', DEFAULT_CSP);
    // Only over TLS: a browser ignores HSTS on plain HTTP, and sending it there would pin a wrong promise.
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
  });

  const services = buildServices(deps);
  const { access, admin, consents, disputes, registry, scoring, promotions, reports } = services;
  app.addHook('onClose', async () => reports.close());
  // background jobs (pg-boss) run in the serving process; tests start them on first use
  app.addHook('onListen', async () => services.jobs.start());
  app.addHook('onClose', async () => services.jobs.stop());
  app.addHook('onRequest', createAuthHook(access));
  app.addHook(
    'onRequest',
    createRateLimitHook({ perMinute: deps.config.rateLimitPerMinute, clock: services.clock }),
  );

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await registerAccessRoutes(api, {
        access,
        consents,
        disputes,
        verifications: services.verifications,
        retention: services.retention,
        isSecureCookie: false,
      });
      await registerAdminRoutes(api, { admin });
      await registerRegistryRoutes(api, { registry, uploadLimitBytes: deps.config.uploadLimitBytes });
      await registerScoringRoutes(api, { scoring, promotions, rescoreJobs: services.rescoreJobs });
      await registerReportsRoutes(api, { reports });
    },
    { prefix: '/api/v1' },
  );

  await registerWebApp(app, deps.config.webDistDir);
  return Object.assign(app, { services });
}

/** The built web app at `/`, with the SPA's client-side routes falling back to index.html. */
async function registerWebApp(app: FastifyInstance, webDistDir: string): Promise<void> {
  const hasWebApp = existsSync(path.join(webDistDir, 'index.html'));
  if (hasWebApp) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWebApp) {
      return reply.status(404).send({
        code: 'NOT_FOUND',
        message: hasWebApp
          ? `no route ${request.method} ${request.url.split('?')[0]}`
          : `no route ${request.method} ${request.url.split('?')[0]} (the web app is not built: run npm run build -w apps/web)`,
        requestId: request.id,
      });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
