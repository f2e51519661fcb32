import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from '../access/index.js';
import { registerPromotionRoutes } from './promotion.routes.js';
import type { PromotionService } from './promotion.service.js';
import type { RescoreJobs } from './rescore.jobs.js';
import {
  ZEnterpriseScore,
  ZFeatureRefreshJob,
  ZFeatureRefreshRequest,
  ZModelDetail,
  ZModelSummary,
  ZMonitoring,
  ZMonitoringQuery,
  ZRescoreJob,
  ZRescoreJobParams,
  ZRescoreRequest,
  ZScoredRecord,
  ZScoreRecordsRequest,
  ZTrainRequest,
  ZValidationMetrics,
} from './scoring.schemas.js';
import type { ScoringService } from './scoring.service.js';

const STAFF = ['operator', 'member_admin', 'analyst', 'credit_officer', 'approver'] as const;
const TRAINERS = ['operator', 'analyst'] as const;
const OPERATOR = ['operator'] as const;
const ZModelParams = z.object({ id: z.string() });

export async function registerScoringRoutes(
  app: FastifyInstance,
  deps: { scoring: ScoringService; promotions: PromotionService; rescoreJobs: RescoreJobs },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { scoring } = deps;
  // Champion changes go through a request and a second person's approval (promotion.routes.ts).
  await registerPromotionRoutes(app, { promotions: deps.promotions });

  api.get(
    '/scoring/models',
    {
      schema: {
        tags: ['scoring'],
        summary: 'The model registry: every trained model, newest first',
        response: { 200: z.object({ items: z.array(ZModelSummary) }) },
      },
      preHandler: requireActor(STAFF),
    },
    async (request) => ({ items: await scoring.listModels({ actor: actorOf(request) }) }),
  );

  api.get(
    '/scoring/models/:id',
    {
      schema: {
        tags: ['scoring'],
        summary: 'One model: its points table, training report and promotions',
        params: ZModelParams,
        response: { 200: ZModelDetail },
      },
      preHandler: requireActor(STAFF),
    },
    async (request) => scoring.getModel({ actor: actorOf(request), id: request.params.id }),
  );

  api.post(
    '/scoring/models',
    {
      schema: {
        tags: ['scoring'],
        summary: 'Train a challenger from registry data or an uploaded CSV',
        description:
          'source=registry: features as of `asOf`, target = a loan default within `horizonMonths` after it (firms already in default left out). source=csv: the CSV text with a target column.',
        body: ZTrainRequest,
        response: {
          201: z.object({
            model: ZModelSummary,
            validation: ZValidationMetrics.nullable(),
            selected: z.array(z.string()),
            rows: z.number().int(),
            eventRate: z.number(),
          }),
        },
      },
      preHandler: requireActor(TRAINERS),
    },
    async (request, reply) => {
      const { model, report } = await scoring.train({ actor: actorOf(request), request: request.body });
      return reply.status(201).send({
        model,
        validation: report.validation,
        selected: report.selected,
        rows: report.rows,
        eventRate: report.eventRate,
      });
    },
  );

  api.post(
    '/scoring/models/:id/score',
    {
      schema: {
        tags: ['scoring'],
        summary: 'Score records given by value with a model (same numbers as the SQL export)',
        params: ZModelParams,
        body: ZScoreRecordsRequest,
        response: { 200: z.object({ items: z.array(ZScoredRecord) }) },
      },
      preHandler: requireActor(TRAINERS),
    },
    async (request) => ({
      items: await scoring.scoreRecords({
        actor: actorOf(request),
        id: request.params.id,
        records: request.body.records,
      }),
    }),
  );

  api.get(
    '/scoring/enterprises/:creditCode/score',
    {
      schema: {
        tags: ['scoring'],
        summary: "An enterprise's score with the champion: PD, grade, reasons and what would raise the grade",
        params: z.object({ creditCode: z.string().min(1).max(32) }),
        response: { 200: ZEnterpriseScore },
      },
      // the enterprise reads its own score (the read check lets it see its own data only)
      preHandler: requireActor([...STAFF, 'enterprise_owner', 'enterprise_finance']),
    },
    async (request) =>
      scoring.scoreEnterprise({ actor: actorOf(request), creditCode: request.params.creditCode }),
  );

  api.post(
    '/scoring/rescore',
    {
      schema: {
        tags: ['scoring'],
        summary:
          'Queue a re-scoring of the registry with the champion (a background job; incremental by default). Returns the job; a request while one waits returns the waiting job',
        body: ZRescoreRequest.optional(),
        response: { 202: ZRescoreJob },
      },
      preHandler: requireActor(OPERATOR),
    },
    async (request, reply) => {
      const job = await deps.rescoreJobs.enqueue({
        actor: actorOf(request),
        mode: request.body?.mode ?? 'incremental',
      });
      return reply.status(202).send(job);
    },
  );

  api.get(
    '/scoring/rescore/:jobId',
    {
      schema: {
        tags: ['scoring'],
        summary: 'State, progress and result of a re-scoring job',
        params: ZRescoreJobParams,
        response: { 200: ZRescoreJob },
      },
      preHandler: requireActor(OPERATOR),
    },
    async (request) => deps.rescoreJobs.status({ actor: actorOf(request), jobId: request.params.jobId }),
  );

  api.post(
    '/scoring/features/refresh',
    {
      schema: {
        tags: ['scoring'],
        summary:
          'Queue a refresh of the feature store (a background job): pending = the enterprises whose data changed since their features were computed; all = every enterprise as of asOf (the registry full pass, nightly by default)',
        body: ZFeatureRefreshRequest.optional(),
        response: { 202: ZFeatureRefreshJob },
      },
      preHandler: requireActor(OPERATOR),
    },
    async (request, reply) => {
      const job = await deps.rescoreJobs.enqueueFeatureRefresh({
        actor: actorOf(request),
        mode: request.body?.mode ?? 'pending',
        ...(request.body?.asOf ? { asOf: request.body.asOf } : {}),
      });
      return reply.status(202).send(job);
    },
  );

  api.get(
    '/scoring/features/refresh/:jobId',
    {
      schema: {
        tags: ['scoring'],
        summary: 'State, progress and result of a feature store refresh job',
        params: ZRescoreJobParams,
        response: { 200: ZFeatureRefreshJob },
      },
      preHandler: requireActor(OPERATOR),
    },
    async (request) =>
      deps.rescoreJobs.featureRefreshStatus({ actor: actorOf(request), jobId: request.params.jobId }),
  );

  api.get(
    '/scoring/monitoring',
    {
      schema: {
        tags: ['scoring'],
        summary: 'PSI of the score and of each feature; default rate by grade against the calibration',
        querystring: ZMonitoringQuery,
        response: { 200: ZMonitoring },
      },
      preHandler: requireActor(TRAINERS),
    },
    async (request) =>
      scoring.monitoring({
        actor: actorOf(request),
        modelId: request.query.modelId,
        outcomeAsOf: request.query.outcomeAsOf,
        asOf: request.query.asOf,
      }),
  );
}
