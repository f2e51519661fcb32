import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from '../access/index.js';
import {
  ZCreditReport,
  ZDiagnosis,
  ZPeerStatistics,
  ZPeerStatisticsQuery,
  ZReportParams,
  ZReportQuery,
} from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const PEER_STATISTICS_READERS = [
  'operator',
  'member_admin',
  'analyst',
  'credit_officer',
  'approver',
  'regulator',
] as const;

export async function registerReportsRoutes(
  app: FastifyInstance,
  deps: { reports: ReportsService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { reports } = deps;

  api.get(
    '/reports/enterprises/:creditCode',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The credit assessment report of one enterprise (JSON, printable HTML or PDF); an identified read',
        params: ZReportParams,
        querystring: ZReportQuery,
        response: {
          200: z.union([
            ZCreditReport,
            z.string().describe('text/html'),
            z.instanceof(Buffer).describe('application/pdf'),
          ]),
        },
      },
      preHandler: requireActor(),
    },
    async (request, reply) => {
      const rendered = await reports.renderCreditReport({
        actor: actorOf(request),
        creditCode: request.params.creditCode,
        purpose: request.query.purpose,
        format: request.query.format,
        lang: request.query.lang,
        requestId: request.id,
      });
      if (rendered.format === 'json') return rendered.report;
      reply.header('cache-control', 'no-store');
      if (rendered.format === 'html') {
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      } else {
        reply.header('content-disposition', `inline; filename="${rendered.fileName}"`);
      }
      return reply.type(rendered.contentType).send(rendered.body);
    },
  );

  api.get(
    '/reports/my/diagnosis',
    {
      schema: {
        tags: ['reports'],
        summary: "The enterprise's own diagnosis against peers in the ten CRD categories, with advice",
        response: { 200: ZDiagnosis },
      },
      preHandler: requireActor(['enterprise_owner', 'enterprise_finance']),
    },
    async (request) => reports.getMyDiagnosis({ actor: actorOf(request), requestId: request.id }),
  );

  api.get(
    '/reports/peer-statistics',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Peer statistics by industry group × size class × province for a year; small cells suppressed',
        querystring: ZPeerStatisticsQuery,
        response: { 200: z.union([ZPeerStatistics, z.string()]) },
      },
      preHandler: requireActor(PEER_STATISTICS_READERS),
    },
    async (request, reply) => {
      const input = { actor: actorOf(request), year: request.query.year };
      if (request.query.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="peer-statistics-${input.year}.csv"`);
        return reply.send(await reports.peerStatisticsCsv(input));
      }
      return reports.getPeerStatistics(input);
    },
  );
}
