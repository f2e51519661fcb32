import type pg from 'pg';
import PgBoss from 'pg-boss';

/** A background job as the API reports it. */
export type JobStatus = {
  id: string;
  name: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  data: unknown;
  /** While active: the progress the handler last reported; when done: its result (or the error). */
  output: unknown;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
};

/** What a handler gets: its job's data and a way to record progress that `get` shows while it runs. */
export type JobContext<T> = {
  id: string;
  data: T;
  createdOn: Date;
  progress: (output: object) => Promise<void>;
};

type Handler = (job: JobContext<never>) => Promise<object>;

/**
 * Background jobs on pg-boss in the platform's own database (its `pgboss` schema, created on first start),
 * sharing the platform's connection pool. Nothing starts until a job is sent, read, or `start()` is called
 * (the HTTP server calls it when it listens), so tests and CLI commands that never touch jobs pay nothing.
 * Each queue is `stately`: at most one job waiting and one running; sending while one waits returns the
 * waiting job's id instead of a second job.
 */
export function createJobQueue(pool: pg.Pool) {
  const handlers = new Map<string, Handler>();
  const workerIds = new Map<string, string>();
  const paused = new Set<string>();
  /** Cron schedules (queue → cron, UTC), put in place when pg-boss starts. */
  const schedules = new Map<string, string>();
  let boss: PgBoss | null = null;
  let starting: Promise<PgBoss> | null = null;

  async function ensureStarted(): Promise<PgBoss> {
    if (boss) return boss;
    starting ??= (async () => {
      const instance = new PgBoss({
        db: { executeSql: (text, values) => pool.query(text, values) },
        // a crashed worker's job is picked up again after this long
        expireInHours: 2,
        retryLimit: 2,
        retryDelay: 5,
      });
      instance.on('error', () => {
        // maintenance errors (e.g. a dropped connection) are retried by pg-boss itself
      });
      await instance.start();
      for (const [name, handler] of handlers)
        if (!paused.has(name)) await startWorker(instance, name, handler);
      for (const [name, cron] of schedules) await applySchedule(instance, name, cron);
      boss = instance;
      return instance;
    })();
    try {
      return await starting;
    } catch (error) {
      starting = null;
      throw error;
    }
  }

  async function applySchedule(instance: PgBoss, name: string, cron: string) {
    await instance.createQueue(name, { name, policy: 'stately' });
    await instance.schedule(name, cron, {}, { tz: 'UTC' });
  }

  async function startWorker(instance: PgBoss, name: string, handler: Handler) {
    await instance.createQueue(name, { name, policy: 'stately' });
    const id = await instance.work(
      name,
      { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
      async ([job]) => {
        if (!job) return {};
        return handler({
          id: job.id,
          data: job.data as never,
          createdOn: job.createdOn,
          progress: async (output) => {
            // pg-boss keeps a job's output column for its result; while the job runs it holds the progress
            await pool.query(
              `UPDATE pgboss.job SET output = $3 WHERE name = $1 AND id = $2 AND state = 'active'`,
              [name, job.id, JSON.stringify(output)],
            );
          },
        });
      },
    );
    workerIds.set(name, id);
  }

  return {
    /** Registers the handler of a queue; its worker runs once the queue has started. */
    async register<T>(name: string, handler: (job: JobContext<T>) => Promise<object>): Promise<void> {
      handlers.set(name, handler as Handler);
      if (boss && !paused.has(name)) await startWorker(boss, name, handler as Handler);
    },

    /**
     * Sends a job to the queue on a cron schedule (UTC; pg-boss checks schedules every 30 s and sends one
     * job per due time across all servers). Takes effect when the queue starts (`start`, or at once if it
     * already has); scheduling the same queue again replaces its cron.
     */
    async schedule(name: string, cron: string): Promise<void> {
      schedules.set(name, cron);
      if (boss) await applySchedule(boss, name, cron);
    },

    /** Stops taking jobs of a queue (a running one finishes); jobs sent meanwhile wait until `resume`. */
    async pause(name: string): Promise<void> {
      paused.add(name);
      const instance = await ensureStarted();
      if (workerIds.has(name)) {
        await instance.offWork(name);
        workerIds.delete(name);
      }
    },

    /** Takes jobs of a paused queue again. */
    async resume(name: string): Promise<void> {
      paused.delete(name);
      const instance = await ensureStarted();
      const handler = handlers.get(name);
      if (handler && !workerIds.has(name)) await startWorker(instance, name, handler);
    },

    /** Starts pg-boss and the registered workers (idempotent). */
    async start(): Promise<void> {
      await ensureStarted();
    },

    /**
     * Queues a job; when one is already waiting in this queue, returns that job's id (sending is idempotent
     * while the first request has not started).
     */
    async send(name: string, data: object): Promise<{ id: string; created: boolean }> {
      const instance = await ensureStarted();
      const id = await instance.send(name, data);
      const workerId = workerIds.get(name);
      if (workerId) instance.notifyWorker(workerId);
      if (id) return { id, created: true };
      const waiting = await pool.query<{ id: string }>(
        `SELECT id FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry') ORDER BY created_on LIMIT 1`,
        [name],
      );
      const existing = waiting.rows[0]?.id;
      if (existing) return { id: existing, created: false };
      // the waiting job started in between: queue again (now there is room)
      const retried = await instance.send(name, data);
      if (!retried) throw new Error(`jobs: could not queue a ${name} job`);
      return { id: retried, created: true };
    },

    /** A job of a queue by id, or null. */
    async get(name: string, id: string): Promise<JobStatus | null> {
      const instance = await ensureStarted();
      const job = await instance.getJobById(name, id, { includeArchive: true });
      if (!job) return null;
      return {
        id: job.id,
        name: job.name,
        state: job.state,
        data: job.data,
        output: job.output ?? null,
        createdOn: job.createdOn,
        startedOn: job.startedOn ?? null,
        completedOn: job.completedOn ?? null,
      };
    },

    /** Stops the workers (waiting for a running job) and pg-boss; the pool stays open. */
    async stop(): Promise<void> {
      const instance = boss ?? (starting ? await starting.catch(() => null) : null);
      if (!instance) return;
      await instance.stop({ graceful: true, wait: true, timeout: 30_000 });
      boss = null;
      starting = null;
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
