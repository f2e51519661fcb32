import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from '../access/index.js';
import { peerStatisticsCsv, peerStatisticsXlsx } from './peer-statistics.js';
import {
  ZCreateSnapshotBody,
  ZCreditReport,
  ZDiagnosis,
  ZPeerStatistics,
  ZPeerStatisticsQuery,
  ZPeerStatisticsSnapshot,
  ZPeerStatisticsSnapshotMeta,
  ZReportParams,
  ZReportQuery,
  ZSampleData,
  ZSampleDataQuery,
  ZSnapshotListQuery,
  ZSnapshotParams,
  ZSnapshotQuery,
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
const SAMPLE_DATA_READERS = PEER_STATISTICS_READERS;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
        response: {
          200: z.union([ZPeerStatistics, z.string(), z.instanceof(Buffer).describe(XLSX_TYPE)]),
        },
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
      if (request.query.format === 'xlsx') {
        reply.header('content-type', XLSX_TYPE);
        reply.header('content-disposition', `attachment; filename="peer-statistics-${input.year}.xlsx"`);
        return reply.send(await reports.peerStatisticsXlsx(input));
      }
      return reports.getPeerStatistics(input);
    },
  );

  api.post(
    '/reports/peer-statistics/snapshots',
    {
      schema: {
        tags: ['reports'],
        summary: "Publish the year's peer statistics as its next snapshot version (operator)",
        body: ZCreateSnapshotBody,
        response: { 201: ZPeerStatisticsSnapshotMeta },
      },
      preHandler: requireActor(['operator']),
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await reports.createPeerStatisticsSnapshot({ actor: actorOf(request), year: request.body.year }),
        ),
  );

  api.get(
    '/reports/peer-statistics/snapshots',
    {
      schema: {
        tags: ['reports'],
        summary: 'Published peer-statistics snapshots, newest first',
        querystring: ZSnapshotListQuery,
        response: { 200: z.array(ZPeerStatisticsSnapshotMeta) },
      },
      preHandler: requireActor(PEER_STATISTICS_READERS),
    },
    async (request) =>
      reports.listPeerStatisticsSnapshots({ actor: actorOf(request), year: request.query.year ?? null }),
  );

  api.get(
    '/reports/peer-statistics/snapshots/:year/:version',
    {
      schema: {
        tags: ['reports'],
        summary: 'One published snapshot (a version number or `latest`) as JSON, CSV or XLSX',
        params: ZSnapshotParams,
        querystring: ZSnapshotQuery,
        response: {
          200: z.union([
            ZPeerStatisticsSnapshot,
            z.string().describe('text/csv'),
            z.instanceof(Buffer).describe(XLSX_TYPE),
          ]),
        },
      },
      preHandler: requireActor(PEER_STATISTICS_READERS),
    },
    async (request, reply) => {
      const { year, version } = request.params;
      const input = { actor: actorOf(request), year, version: version === 'latest' ? null : version };
      const found = await reports.getPeerStatisticsSnapshot(input);
      const stem = `peer-statistics-${year}-v${found.snapshot.version}`;
      if (request.query.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${stem}.csv"`);
        return reply.send(peerStatisticsCsv(found.statistics));
      }
      if (request.query.format === 'xlsx') {
        reply.header('content-type', XLSX_TYPE);
        reply.header('content-disposition', `attachment; filename="${stem}.xlsx"`);
        return reply.send(await peerStatisticsXlsx(found.statistics, found.snapshot));
      }
      return found;
    },
  );

  api.get(
    '/reports/sample-data',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Anonymised sample data for model building: no names or codes, province and year only, amounts to 3 significant figures, k-anonymous (k ≥ 5)',
        querystring: ZSampleDataQuery,
        response: { 200: z.union([ZSampleData, z.string()]) },
      },
      preHandler: requireActor(SAMPLE_DATA_READERS),
    },
    async (request, reply) => {
      const input = { actor: actorOf(request), year: request.query.year ?? null };
      if (request.query.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header(
          'content-disposition',
          `attachment; filename="sample-data-${input.year ?? 'all-years'}.csv"`,
        );
        return reply.send(await reports.sampleDataCsv(input));
      }
      return reports.getSampleData(input);
    },
  );
}
