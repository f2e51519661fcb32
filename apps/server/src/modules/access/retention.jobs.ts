import type { JobQueue } from '../../platform/jobs.js';
import type { RetentionService } from './retention.service.js';

export const RETENTION_QUEUE = 'access.retention';

/**
 * The retention run as a scheduled background job: pg-boss sends a job to `access.retention` on `cron`
 * (UTC) once the server listens, and the worker archives exactly as the operator's
 * `POST /access/retention/run` does (with no actor: the archive entries name no user).
 */
export function createRetentionJob(deps: { jobs: JobQueue; retention: RetentionService; cron: string }) {
  const { jobs, retention, cron } = deps;
  const ready = Promise.all([
    jobs.register(RETENTION_QUEUE, async () => retention.archiveExpiredNegativeRecords({ actor: null })),
    jobs.schedule(RETENTION_QUEUE, cron),
  ]);
  return {
    queue: RETENTION_QUEUE,
    cron,
    /** Resolves once the handler is registered and the schedule is recorded. */
    ready: async () => {
      await ready;
    },
  };
}

export type RetentionJob = ReturnType<typeof createRetentionJob>;
