import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, newCreditCode, newMember, registerEnterprises } from '../../../../test/factories.js';
import {
  type HttpHarness,
  startHttpHarness,
  TEST_PASSWORD,
  type UserLinks,
} from '../../../../test/http-harness.js';
import type { TRole } from '../access.schemas.js';
import { RETENTION_QUEUE } from '../retention.jobs.js';
import { submitRecords } from './trust-records.js';

/**
 * What enterprise users do for themselves: read the member directory (to grant consents), see their bound
 * enterprise's credit code in /auth/me, get bound by the operator; and the retention run on its schedule.
 */

let h: HttpHarness;
let app: HttpHarness['app'];
let database: HttpHarness['database'];
let now = new Date('2026-06-30T12:00:00Z');
const clock = { now: () => now };
let bank: { id: string; name: string; kind: 'bank' };
let enterprise: { id: string; creditCode: string };

const user = (key: string, role: TRole, links: UserLinks = {}) => h.addUser(key, role, links);
const call: HttpHarness['call'] = (...args) => h.call(...args);

beforeAll(async () => {
  h = await startHttpHarness({ clock, loginPrefix: 'self-service-' });
  ({ app, database } = h);
  bank = (await newMember(app.services, 'bank', 'Self-service Bank')) as typeof bank;
  const operatorMember = await newMember(app.services, 'operator', 'Platform operator');
  const code = newCreditCode();
  await registerEnterprises(app.services, actorFor(bank), [code]);
  enterprise = { id: await h.enterpriseIdOf(code), creditCode: code };
  await user('operator', 'operator', { memberId: operatorMember.id });
  await user('analyst', 'analyst', { memberId: bank.id });
  await user('owner', 'enterprise_owner', { enterpriseId: enterprise.id });
});

afterAll(async () => {
  await h.close();
});

describe('the member directory', () => {
  it('lets enterprise owners and finance staff read id, name and kind of every member, nothing else', async () => {
    await user('finance', 'enterprise_finance', { enterpriseId: enterprise.id });
    for (const who of ['owner', 'finance']) {
      const response = await call(who, 'GET', '/access/members');
      expect(response.statusCode, response.body).toBe(200);
      const items = response.json().items as Array<Record<string, unknown>>;
      expect(items).toContainEqual({ id: bank.id, name: 'Self-service Bank', kind: 'bank' });
      for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'kind', 'name']);
    }
    expect((await call('analyst', 'GET', '/access/members')).statusCode).toBe(403);
  });
});

describe('creating, binding and /auth/me', () => {
  it('records the operator’s attestation when it creates a bound enterprise account', async () => {
    const response = await call('operator', 'POST', '/access/admin/users', {
      login: 'self-service-bound',
      displayName: 'Bound owner',
      password: TEST_PASSWORD,
      role: 'enterprise_owner',
      enterpriseId: enterprise.id,
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created.enterpriseId).toBe(enterprise.id);
    const rows = await database.pool.query(
      'SELECT enterprise_id, status, attested_by, attested_at FROM enterprise_verifications WHERE user_id = $1',
      [created.id],
    );
    expect(rows.rows).toEqual([
      { enterprise_id: enterprise.id, status: 'verified', attested_by: h.userIds.operator, attested_at: now },
    ]);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'self-service-bound', password: TEST_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user).toMatchObject({
      enterpriseId: enterprise.id,
      enterpriseCreditCode: enterprise.creditCode,
      enterpriseVerification: { status: 'verified', enterpriseId: enterprise.id },
    });
  });

  it('creates an unbound enterprise account that asks for binding; /auth/me shows the credit code once attested', async () => {
    const response = await call('operator', 'POST', '/access/admin/users', {
      login: 'self-service-unbound',
      displayName: 'Unbound owner',
      password: TEST_PASSWORD,
      role: 'enterprise_owner',
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().id as string;
    expect(response.json().enterpriseId).toBeNull();
    h.tokens.unbound = await app.services.access.createApiToken({ userId: id, name: 't', expiresAt: null });
    const before = (await call('unbound', 'GET', '/auth/me')).json().user;
    expect(before).toMatchObject({
      enterpriseId: null,
      enterpriseCreditCode: null,
      enterpriseVerification: null,
    });

    const asked = await call('unbound', 'POST', '/access/enterprise-verifications', {
      creditCode: enterprise.creditCode,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const pending = (await call('unbound', 'GET', '/auth/me')).json().user;
    expect(pending).toMatchObject({
      enterpriseCreditCode: null,
      enterpriseVerification: { status: 'pending', enterpriseId: enterprise.id },
    });
    const attested = await call(
      'operator',
      'POST',
      `/access/enterprise-verifications/${asked.json().id}/attest`,
      {
        decision: 'verified',
      },
    );
    expect(attested.statusCode, attested.body).toBe(200);
    const after = (await call('unbound', 'GET', '/auth/me')).json().user;
    expect(after).toMatchObject({
      enterpriseId: enterprise.id,
      enterpriseCreditCode: enterprise.creditCode,
      enterpriseVerification: { status: 'verified' },
    });
  });

  it('refuses an enterprise that does not exist, saying which', async () => {
    const response = await call('operator', 'POST', '/access/admin/users', {
      login: 'self-service-nowhere',
      displayName: 'Nowhere',
      password: TEST_PASSWORD,
      role: 'enterprise_owner',
      enterpriseId: 'ent_missing',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('there is no enterprise ent_missing');
    const rows = await database.pool.query("SELECT 1 FROM users WHERE login = 'self-service-nowhere'");
    expect(rows.rowCount).toBe(0);
  });
});

describe('the scheduled retention run', () => {
  it('is scheduled daily at 02:30 UTC and its worker archives like the operator’s route', async () => {
    await submitRecords(app.services, database, actorFor(bank), enterprise.creditCode);
    now = new Date('2031-01-01T00:00:00Z');
    await app.services.retentionJob.ready();
    await app.services.jobs.start();
    const schedule = await database.pool.query(
      'SELECT name, cron, timezone FROM pgboss.schedule WHERE name = $1',
      [RETENTION_QUEUE],
    );
    expect(schedule.rows).toEqual([{ name: RETENTION_QUEUE, cron: '30 2 * * *', timezone: 'UTC' }]);

    const { id } = await app.services.jobs.send(RETENTION_QUEUE, {});
    let job = await app.services.jobs.get(RETENTION_QUEUE, id);
    for (let i = 0; i < 300 && job?.state !== 'completed' && job?.state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await app.services.jobs.get(RETENTION_QUEUE, id);
    }
    expect(job?.state).toBe('completed');
    const output = job?.output as { archived: number; cutoff: string; retentionYears: number };
    expect(output).toMatchObject({ cutoff: '2026-01-01', retentionYears: 5 });
    // the written-off loan and the judgment (and any other record of trust-records that ended by 2026)
    expect(output.archived).toBeGreaterThanOrEqual(2);
    const archived = await database.pool.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM loans WHERE archived_at IS NOT NULL)::int
            + (SELECT count(*) FROM public_records WHERE archived_at IS NOT NULL)::int AS n`,
    );
    expect(archived.rows[0]?.n).toBe(output.archived);
    const entries = await database.pool.query<{ actor_user_id: string | null }>(
      "SELECT actor_user_id FROM audit_events WHERE action = 'retention.archived'",
    );
    expect(entries.rows).toHaveLength(output.archived);
    expect(entries.rows.every((row) => row.actor_user_id === null)).toBe(true);
    // The operator's route finds nothing left to archive: the scheduled run did the same work.
    const again = await call('operator', 'POST', '/access/retention/run');
    expect(again.json()).toEqual({ archived: 0, cutoff: '2026-01-01', retentionYears: 5 });
  }, 60_000);
});
