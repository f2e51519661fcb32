import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from './access.guards.js';
import type { RetentionService } from './retention.service.js';

export async function registerRetentionRoutes(
  app: FastifyInstance,
  deps: { retention: RetentionService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/access/retention/run',
    {
      schema: {
        tags: ['access'],
        summary:
          'Archives negative records whose retention period is over (each with an archive entry saying why)',
        response: {
          200: z.object({ archived: z.number().int(), cutoff: z.string(), retentionYears: z.number().int() }),
        },
      },
      preHandler: requireActor(['operator']),
    },
    async (request) => deps.retention.archiveExpiredNegativeRecords({ actor: actorOf(request) }),
  );
}
