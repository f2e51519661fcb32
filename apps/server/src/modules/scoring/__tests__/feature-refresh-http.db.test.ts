import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, newCreditCode, newMember, registerEnterprises } from '../../../../test/factories.js';
import { type HttpHarness, startHttpHarness } from '../../../../test/http-harness.js';
import { submitRecords } from '../../access/__tests__/trust-records.js';
import { FEATURES_REFRESH_QUEUE } from '../rescore.jobs.js';

// The feature store's refresh as the operator drives it over HTTP, and as the nightly schedule runs it.

let h: HttpHarness;
let bank: Awaited<ReturnType<typeof newMember>>;
const codes = [newCreditCode(), newCreditCode(), newCreditCode()];

/** Polls a refresh job until it ends; returns its last status. */
async function waitForRefresh(jobId: string) {
  for (let i = 0; i < 600; i++) {
    const response = await h.call('operator', 'GET', `/scoring/features/refresh/${jobId}`);
    expect(response.statusCode, response.body).toBe(200);
    const job = response.json();
    if (['completed', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`refresh job ${jobId} did not end in 60 s`);
}

beforeAll(async () => {
  h = await startHttpHarness();
  bank = await newMember(h.app.services, 'bank', 'Refresh Bank');
  await registerEnterprises(h.app.services, actorFor(bank), codes);
  await h.addUser('operator', 'operator');
  await h.addUser('analyst', 'analyst', { memberId: bank.id });
  await h.app.services.rescoreJobs.ready();
  await h.app.services.jobs.start();
});

afterAll(async () => {
  await h.close();
});

describe('feature store refresh', () => {
  it('is scheduled nightly at 01:00 UTC, and the scheduled job computes every enterprise for the day', async () => {
    const schedule = await h.database.pool.query(
      'SELECT name, cron, timezone FROM pgboss.schedule WHERE name = $1',
      [FEATURES_REFRESH_QUEUE],
    );
    expect(schedule.rows).toEqual([{ name: FEATURES_REFRESH_QUEUE, cron: '0 1 * * *', timezone: 'UTC' }]);
    // what pg-boss sends on the schedule: no data
    const { id } = await h.app.services.jobs.send(FEATURES_REFRESH_QUEUE, {});
    const job = await waitForRefresh(id);
    expect(job).toMatchObject({ state: 'completed', error: null, output: { mode: 'all', enterprises: 3 } });
    const stored = await h.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enterprise_features WHERE credit_code = ANY($1)',
      [codes],
    );
    expect(stored.rows[0]?.n).toBe(3);
  });

  it('refreshes over HTTP only what changed since, with progress and result; only the operator may', async () => {
    const nothing = await h.call('operator', 'POST', '/scoring/features/refresh', { mode: 'pending' });
    expect(nothing.statusCode, nothing.body).toBe(202);
    expect(nothing.json()).toMatchObject({ jobId: expect.any(String), error: null });
    expect(await waitForRefresh(nothing.json().jobId)).toMatchObject({
      state: 'completed',
      output: { mode: 'none', enterprises: 0 },
    });

    await submitRecords(h.app.services, h.database, actorFor(bank), codes[1] as string);
    const changed = await h.call('operator', 'POST', '/scoring/features/refresh', {});
    expect(changed.statusCode, changed.body).toBe(202);
    expect(await waitForRefresh(changed.json().jobId)).toMatchObject({
      state: 'completed',
      output: { mode: 'changed', enterprises: 1 },
    });

    const badDate = await h.call('operator', 'POST', '/scoring/features/refresh', { asOf: '2026-13-40x' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('asOf');
    expect((await h.call('analyst', 'POST', '/scoring/features/refresh', {})).statusCode).toBe(403);
    const unknown = await h.call('operator', 'GET', '/scoring/features/refresh/not-a-job');
    expect(unknown.statusCode).toBe(404);
  });
});
