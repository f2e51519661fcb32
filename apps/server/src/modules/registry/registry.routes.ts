import { Readable, Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, ENTERPRISE_ROLES, requireActor, ZPurpose } from '../access/index.js';
import type { FileFormat } from './import/row-source.js';
import {
  ZEnterpriseDetail,
  ZEnterpriseListItem,
  ZKindDescription,
  ZPage,
  ZQuality,
  ZRecordExplanation,
  ZSubmission,
  ZSubmissionQuery,
} from './registry.schemas.js';
import type { RegistryService } from './registry.service.js';

const SUBMITTERS = ['operator', 'member_admin', 'analyst', 'credit_officer', 'approver'] as const;
const READERS = SUBMITTERS;
// Regulators see aggregates (quality figures), never identified enterprise records.
const AGGREGATE_READERS = [...SUBMITTERS, 'regulator'] as const;

const FORMAT_BY_CONTENT_TYPE: Record<string, FileFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/plain': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

function formatOf(request: FastifyRequest, fileName: string): FileFormat {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const byType = FORMAT_BY_CONTENT_TYPE[contentType];
  if (byType) return byType;
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'csv' || extension === 'json' || extension === 'xlsx') return extension;
  if (extension === 'ndjson' || extension === 'jsonl') return 'json';
  throw new AppError('VALIDATION_FAILED', {
    message: `cannot tell the file's format from content-type '${contentType}' or its name '${fileName}': send text/csv, application/json or an .xlsx file`,
  });
}

/** Counts the bytes of a raw upload and stops it at the limit, whatever Content-Length claimed. */
function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        callback(
          new AppError('PAYLOAD_TOO_LARGE', {
            message: `the file is larger than the upload limit of ${limit} bytes; split it into smaller files`,
          }),
        );
        return;
      }
      callback(null, chunk);
    },
  });
}

export async function registerRegistryRoutes(
  app: FastifyInstance,
  deps: { registry: RegistryService; uploadLimitBytes: number },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { registry } = deps;
  await registerExplanationRoutes(app, { registry });

  api.get(
    '/registry/kinds',
    {
      schema: {
        tags: ['registry'],
        summary: 'The kinds of data members submit, with their columns',
        response: { 200: z.object({ kinds: z.array(ZKindDescription) }) },
      },
      preHandler: requireActor(),
    },
    async () => ({ kinds: registry.listKinds() }),
  );

  await api.register(async (upload) => {
    // The body is the raw file, streamed into the importer: no parser buffers it.
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', (_request, _payload, done) => done(null));
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/registry/submissions',
      {
        schema: {
          tags: ['registry'],
          summary: 'Submit a file (CSV, XLSX or JSON) of one kind; the body is the raw file',
          description:
            'Send the file as the request body with its content-type and an `x-file-name` header. One transaction per file; the same file sent again returns the first submission (200, duplicateOf set). Row errors are listed (first 100) and downloadable in full as CSV.',
          querystring: ZSubmissionQuery,
          response: { 200: ZSubmission, 201: ZSubmission },
        },
        preHandler: requireActor(SUBMITTERS),
      },
      async (request, reply) => {
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > deps.uploadLimitBytes) {
          request.raw.resume();
          throw new AppError('PAYLOAD_TOO_LARGE', {
            message: `the file has ${declared} bytes; the upload limit is ${deps.uploadLimitBytes} bytes. Split it into smaller files.`,
          });
        }
        const rawName = request.headers['x-file-name'];
        const fileName =
          typeof rawName === 'string' && rawName ? safeDecode(rawName) : `upload.${request.query.kind}`;
        const format = formatOf(request, fileName);
        const input = request.raw.pipe(limitBytes(deps.uploadLimitBytes));
        request.raw.on('error', (error) => input.destroy(error));
        const { submission } = await registry.submit({
          actor: actorOf(request),
          kind: request.query.kind,
          mode: request.query.mode,
          encoding: request.query.encoding,
          format,
          fileName,
          input,
        });
        return reply.status(submission.duplicateOf ? 200 : 201).send(submission);
      },
    );
  });

  api.get(
    '/registry/submissions',
    {
      schema: {
        tags: ['registry'],
        summary: "Submissions of the caller's member (all, for the operator), newest first",
        querystring: ZPage,
        response: { 200: z.object({ items: z.array(ZSubmission), total: z.number().int() }) },
      },
      preHandler: requireActor(SUBMITTERS),
    },
    async (request) => registry.listSubmissions({ actor: actorOf(request), ...request.query }),
  );

  api.get(
    '/registry/submissions/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One submission with its first 100 row errors',
        params: z.object({ id: z.string() }),
        response: { 200: ZSubmission },
      },
      preHandler: requireActor(SUBMITTERS),
    },
    async (request) => registry.getSubmission({ actor: actorOf(request), id: request.params.id }),
  );

  api.get(
    '/registry/submissions/:id/errors.csv',
    {
      schema: {
        tags: ['registry'],
        summary: 'The full row-error report of a submission, as CSV (row, field, value, rule, message)',
        params: z.object({ id: z.string() }),
      },
      preHandler: requireActor(SUBMITTERS),
    },
    async (request, reply) => {
      const chunks = registry.errorReportCsv({ actor: actorOf(request), id: request.params.id });
      const first = await chunks.next();
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${request.params.id}-errors.csv"`);
      return reply.send(
        Readable.from(
          (async function* () {
            if (!first.done) yield first.value;
            yield* chunks;
          })(),
        ),
      );
    },
  );

  api.get(
    '/registry/quality',
    {
      schema: {
        tags: ['registry'],
        summary:
          'Data-quality figures per member and kind: rows accepted and rejected, completeness, timeliness',
        response: { 200: ZQuality },
      },
      preHandler: requireActor(AGGREGATE_READERS),
    },
    async (request) => registry.quality({ actor: actorOf(request) }) as Promise<z.infer<typeof ZQuality>>,
  );

  api.get(
    '/registry/enterprises',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search enterprises by name or credit code (registration data)',
        querystring: ZPage.extend({ q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(ZEnterpriseListItem), total: z.number().int() }) },
      },
      preHandler: requireActor(READERS),
    },
    async (request) =>
      registry.listEnterprises({
        actor: actorOf(request),
        query: request.query.q?.trim() || null,
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  api.get(
    '/registry/enterprises/:creditCode',
    {
      schema: {
        tags: ['registry'],
        summary: "One enterprise's consolidated profile with every member's values and the conflicts",
        description:
          'Identified data: the enterprise itself, the members that submitted its data, a member holding a live consent for `purpose`, and the operator may read it; every attempt is in the access log.',
        params: z.object({ creditCode: z.string().min(1).max(40) }),
        querystring: z.object({ purpose: ZPurpose.default('credit_assessment') }),
        response: { 200: ZEnterpriseDetail },
      },
      // Every signed-in caller reaches the consent check, so refused attempts are logged too.
      preHandler: requireActor(),
    },
    async (request) =>
      registry.getEnterprise({
        actor: actorOf(request),
        creditCode: request.params.creditCode,
        purpose: request.query.purpose,
        requestId: request.id,
      }),
  );
}

export async function registerExplanationRoutes(
  app: FastifyInstance,
  deps: { registry: RegistryService },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.put(
    '/registry/my/records/:recordType/:recordId/explanation',
    {
      schema: {
        tags: ['registry'],
        summary:
          'The enterprise attaches its explanation to one of its records; shown with the record wherever it is read',
        params: z.object({
          recordType: z.enum(['statement', 'loan', 'public_record']),
          recordId: z.string().min(1).max(20),
        }),
        body: z.object({ explanation: z.string().trim().min(5).max(2000) }),
        response: { 200: ZRecordExplanation },
      },
      preHandler: requireActor(ENTERPRISE_ROLES),
    },
    async (request) =>
      deps.registry.explainRecord({
        actor: actorOf(request),
        recordType: request.params.recordType,
        recordId: request.params.recordId,
        explanation: request.body.explanation,
        requestId: request.id,
      }),
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value).slice(0, 255);
  } catch {
    return value.slice(0, 255);
  }
}
