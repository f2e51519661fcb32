import { AppError } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs.js';
import { platformActor, type TActor } from '../access/index.js';
import type { TFeatureRefreshJob, TRescoreJob, TRescoreResult } from './scoring.schemas.js';
import type { ScoringService } from './scoring.service.js';

/** The pg-boss queue of registry re-scoring. */
export const RESCORE_QUEUE = 'scoring-rescore';
/** The pg-boss queue of feature store refreshes (pg-boss queue names allow no dot: `features.refresh`). */
export const FEATURES_REFRESH_QUEUE = 'features-refresh';

/** A refresh asked for by the operator; the nightly schedule sends `{}` (every enterprise as of that day). */
type FeatureRefreshJobData = { mode?: 'pending' | 'all'; asOf?: string; actor?: TActor };

/** Who the nightly refresh runs as: the platform itself (no user). */
const SCHEDULE_ACTOR = platformActor({
  id: 'system:schedule',
  displayName: 'Nightly schedule',
  login: 'schedule',
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RescoreJobData = { mode: 'incremental' | 'full'; actor: TActor };

function assertOperator(actor: TActor) {
  if (actor.role !== 'operator') {
    throw new AppError('FORBIDDEN', { message: 'only the operator re-scores the registry' });
  }
}

/**
 * Registry re-scoring as a background job: `enqueue` returns a job id at once (the id of the job already
 * waiting, when there is one), the worker runs `scoring.rescore` page by page and records its progress, and
 * `status` reports state, progress and result. A retried job (crash, expiry) resumes: incremental mode skips
 * what is up to date, full mode skips what was scored since the job was queued.
 */
export function createRescoreJobs(deps: {
  jobs: JobQueue;
  scoring: ScoringService;
  /** When set (cron, UTC), the feature store is refreshed in full for the new day on this schedule. */
  featureRefreshCron?: string;
}) {
  const { jobs, scoring } = deps;
  const registered = jobs.register<RescoreJobData>(RESCORE_QUEUE, async (job) => {
    try {
      return await scoring.rescore({
        actor: job.data.actor,
        mode: job.data.mode,
        ...(job.data.mode === 'full' ? { notScoredSince: job.createdOn } : {}),
        onProgress: (progress) => job.progress(progress),
      });
    } catch (error) {
      // a refusal (no champion, not allowed) would refuse again: end the job now instead of retrying it
      if (error instanceof AppError) return { refused: { code: error.code, message: error.message } };
      throw error;
    }
  });

  // the feature store's refresh (a new as-of date: the registry's full pass) as a job with progress
  const refreshRegistered = jobs.register<FeatureRefreshJobData>(FEATURES_REFRESH_QUEUE, async (job) => {
    try {
      return await scoring.refreshFeatures({
        actor: job.data.actor ?? SCHEDULE_ACTOR,
        mode: job.data.mode ?? 'all',
        ...(job.data.asOf ? { asOf: job.data.asOf } : {}),
        onProgress: ({ mode, enterprises }) => job.progress({ mode, enterprises }),
      });
    } catch (error) {
      if (error instanceof AppError) return { refused: { code: error.code, message: error.message } };
      throw error;
    }
  });

  // the nightly full pass for the new day, so that the day's re-scorings read the store without waiting for it
  const refreshScheduled = deps.featureRefreshCron
    ? refreshRegistered.then(() => jobs.schedule(FEATURES_REFRESH_QUEUE, deps.featureRefreshCron as string))
    : Promise.resolve();

  /** State, progress and result of a re-scoring job. */
  async function status(input: { actor: TActor; jobId: string }): Promise<TRescoreJob> {
    assertOperator(input.actor);
    await registered;
    // pg-boss ids are UUIDs; anything else cannot name a job
    const job = UUID.test(input.jobId) ? await jobs.get(RESCORE_QUEUE, input.jobId) : null;
    if (!job) throw new AppError('NOT_FOUND', { message: `re-scoring job ${input.jobId} not found` });
    const data = job.data as Partial<RescoreJobData>;
    const output = (job.output ?? null) as Record<string, unknown> | null;
    const refused = output?.refused as { message?: string } | undefined;
    const done = job.state === 'completed' && !refused;
    const failed = job.state === 'failed' || job.state === 'cancelled' || Boolean(refused);
    return {
      jobId: job.id,
      state: refused ? 'failed' : job.state,
      mode: data.mode ?? 'incremental',
      progress:
        output && typeof output.enterprises === 'number' && typeof output.scored === 'number'
          ? { enterprises: output.enterprises, scored: output.scored }
          : null,
      result: done && output ? (output as TRescoreResult) : null,
      error: failed ? String(refused?.message ?? output?.message ?? job.state) : null,
      createdAt: job.createdOn.toISOString(),
      startedAt: job.startedOn?.toISOString() ?? null,
      completedAt: job.completedOn?.toISOString() ?? null,
    };
  }

  /** State, progress ({ mode, enterprises }) and result of a feature store refresh job. */
  async function refreshStatus(input: { actor: TActor; jobId: string }): Promise<TFeatureRefreshJob> {
    assertOperator(input.actor);
    await refreshRegistered;
    const job = UUID.test(input.jobId) ? await jobs.get(FEATURES_REFRESH_QUEUE, input.jobId) : null;
    if (!job) throw new AppError('NOT_FOUND', { message: `feature refresh job ${input.jobId} not found` });
    const output = (job.output ?? null) as Record<string, unknown> | null;
    const refused = output?.refused as { message?: string } | undefined;
    return {
      jobId: job.id,
      state: refused ? ('failed' as const) : job.state,
      output,
      error: refused
        ? String(refused.message)
        : job.state === 'failed'
          ? String(output?.message ?? 'failed')
          : null,
    };
  }

  return {
    /** The nightly refresh's cron (UTC), when scheduled. */
    featureRefreshCron: deps.featureRefreshCron ?? null,
    /** Resolves once the workers are registered and the nightly refresh's schedule is recorded. */
    ready: async () => {
      await Promise.all([registered, refreshRegistered, refreshScheduled]);
    },

    /** Queues a re-scoring of the registry with the champion; idempotent while a request is waiting. */
    async enqueue(input: { actor: TActor; mode: 'incremental' | 'full' }): Promise<TRescoreJob> {
      assertOperator(input.actor);
      await registered;
      const { csrfToken: _csrf, ...actor } = input.actor;
      const { id } = await jobs.send(RESCORE_QUEUE, {
        mode: input.mode,
        actor: { ...actor, csrfToken: null },
      });
      return status({ actor: input.actor, jobId: id });
    },

    status,

    /**
     * Queues a refresh of the feature store: `all` recomputes every enterprise as of `asOf` (default today)
     * with the registry's full pass (run it ahead of a re-scoring for a new date, e.g. nightly); `pending`
     * only the stale and missing rows.
     */
    async enqueueFeatureRefresh(input: {
      actor: TActor;
      mode: 'pending' | 'all';
      asOf?: string;
    }): Promise<TFeatureRefreshJob> {
      assertOperator(input.actor);
      await refreshRegistered;
      const { csrfToken: _csrf, ...actor } = input.actor;
      const { id } = await jobs.send(FEATURES_REFRESH_QUEUE, {
        mode: input.mode,
        ...(input.asOf ? { asOf: input.asOf } : {}),
        actor: { ...actor, csrfToken: null },
      });
      return refreshStatus({ actor: input.actor, jobId: id });
    },

    featureRefreshStatus: refreshStatus,
  };
}

export type RescoreJobs = ReturnType<typeof createRescoreJobs>;
