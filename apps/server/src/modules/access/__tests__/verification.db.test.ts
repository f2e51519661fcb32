import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  fixedClock,
  newCreditCode,
  newMember,
  registerEnterprises,
} from '../../../../test/factories.js';
import { type HttpHarness, startHttpHarness } from '../../../../test/http-harness.js';

let h: HttpHarness;
let app: HttpHarness['app'];
let database: HttpHarness['database'];
let creditCode = '';
let enterpriseId = '';
let lenderId = '';
const call: HttpHarness['call'] = (...args) => h.call(...args);

const grant = () => ({
  memberId: lenderId,
  purpose: 'credit_assessment',
  scopes: ['report'],
  dataFrom: '2024-01-01',
  dataTo: '2025-12-31',
  validUntil: '2026-12-31T00:00:00Z',
  maxLookups: 3,
});

beforeAll(async () => {
  h = await startHttpHarness();
  ({ app, database } = h);
  const submitter = await newMember(app.services);
  const stranger = await newMember(app.services);
  lenderId = (await newMember(app.services)).id;
  const operatorMember = await newMember(app.services, 'operator');
  creditCode = newCreditCode();
  await registerEnterprises(app.services, actorFor(submitter), [creditCode]);
  enterpriseId = await h.enterpriseIdOf(creditCode);
  await h.addUser('newcomer', 'enterprise_owner');
  await h.addUser('finance', 'enterprise_finance', {
    enterpriseId,
    enterpriseBinding: 'pending',
  });
  await h.addUser('submitterOfficer', 'credit_officer', { memberId: submitter.id });
  await h.addUser('submitterAnalyst', 'analyst', { memberId: submitter.id });
  await h.addUser('strangerAdmin', 'member_admin', { memberId: stranger.id });
  await h.addUser('operator', 'operator', { memberId: operatorMember.id });
});

afterAll(async () => {
  await h.close();
});

describe('binding an enterprise user to its enterprise', () => {
  it('lets an unverified user sign in but read nothing of the enterprise and grant nothing, until a submitter attests it', async () => {
    const me = await call('newcomer', 'GET', '/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ enterpriseId: null, enterpriseVerification: null });

    const unknown = await call('newcomer', 'POST', '/access/enterprise-verifications', {
      creditCode: newCreditCode(),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().details).toMatchObject({ field: 'creditCode' });

    const requested = await call('newcomer', 'POST', '/access/enterprise-verifications', { creditCode });
    expect(requested.statusCode, requested.body).toBe(201);
    const request = requested.json();
    expect(request).toMatchObject({ status: 'pending', enterpriseId, attestedBy: null, attestedAt: null });
    const twice = await call('newcomer', 'POST', '/access/enterprise-verifications', { creditCode });
    expect(twice.statusCode).toBe(409);

    // Pending: no identified read (refused and logged), no consent, no dispute.
    const read = await call('newcomer', 'GET', `/registry/enterprises/${creditCode}`);
    expect(read.statusCode).toBe(403);
    expect(read.json().details).toMatchObject({ reason: 'enterprise_not_verified' });
    const consent = await call('newcomer', 'POST', '/access/consents', grant());
    expect(consent.statusCode).toBe(403);
    expect(consent.json().message).toContain('not yet bound');
    const logged = await database.pool.query(
      "SELECT outcome, refusal_reason FROM access_log WHERE enterprise_id = $1 AND resource = 'registry.enterprise'",
      [enterpriseId],
    );
    expect(logged.rows).toEqual([{ outcome: 'refused', refusal_reason: 'enterprise_not_verified' }]);

    // Who may attest: the operator and attesting staff of a member that submitted the enterprise's data.
    const strangerList = await call(
      'strangerAdmin',
      'GET',
      '/access/enterprise-verifications?status=pending',
    );
    expect(strangerList.statusCode).toBe(200);
    expect(strangerList.json().items).toEqual([]);
    expect(
      (await call('strangerAdmin', 'POST', `/access/enterprise-verifications/${request.id}/attest`, {}))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('submitterAnalyst', 'POST', `/access/enterprise-verifications/${request.id}/attest`, {}))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('newcomer', 'POST', `/access/enterprise-verifications/${request.id}/attest`, {}))
        .statusCode,
    ).toBe(403);
    const submitterList = await call(
      'submitterOfficer',
      'GET',
      '/access/enterprise-verifications?status=pending',
    );
    expect(submitterList.json().items.map((item: { id: string }) => item.id)).toContain(request.id);

    const attested = await call(
      'submitterOfficer',
      'POST',
      `/access/enterprise-verifications/${request.id}/attest`,
      {
        note: 'known client since 2019; identity checked at the branch',
      },
    );
    expect(attested.statusCode, attested.body).toBe(200);
    expect(attested.json()).toMatchObject({
      status: 'verified',
      attestedAt: fixedClock.now().toISOString(),
      note: 'known client since 2019; identity checked at the branch',
    });
    const again = await call('operator', 'POST', `/access/enterprise-verifications/${request.id}/attest`, {});
    expect(again.statusCode).toBe(409);

    const bound = await call('newcomer', 'GET', '/auth/me');
    expect(bound.json().user).toMatchObject({
      enterpriseId,
      enterpriseVerification: { id: request.id, status: 'verified' },
    });
    expect((await call('newcomer', 'GET', `/registry/enterprises/${creditCode}`)).statusCode).toBe(200);
    expect((await call('newcomer', 'POST', '/access/consents', grant())).statusCode).toBe(201);
    expect(
      (await call('newcomer', 'POST', '/access/enterprise-verifications', { creditCode })).statusCode,
    ).toBe(409);

    const audit = await database.pool.query(
      `SELECT action, actor_user_id, before, after FROM audit_events
       WHERE entity_type = 'enterprise_verification' AND entity_id = $1 ORDER BY at, action`,
      [request.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'enterprise_verification.requested',
      'enterprise_verification.verified',
    ]);
    expect(audit.rows[1]).toMatchObject({
      before: { status: 'pending', userEnterpriseId: null },
      after: { status: 'verified', userEnterpriseId: enterpriseId },
    });
  });

  it('keeps a rejected user unbound; the operator decides too', async () => {
    const list = await call('operator', 'GET', '/access/enterprise-verifications?status=pending');
    const pending = list.json().items.find((item: { userLogin: string }) => item.userLogin === 'finance');
    expect(pending).toMatchObject({ status: 'pending', enterpriseId, enterpriseCreditCode: creditCode });
    const rejected = await call('operator', 'POST', `/access/enterprise-verifications/${pending.id}/attest`, {
      decision: 'rejected',
      note: 'the caller could not show a mandate',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const me = await call('finance', 'GET', '/auth/me');
    expect(me.json().user).toMatchObject({
      enterpriseId: null,
      enterpriseVerification: { status: 'rejected' },
    });
    expect((await call('finance', 'GET', `/registry/enterprises/${creditCode}`)).statusCode).toBe(403);
    // After a rejection the user may ask again.
    expect(
      (await call('finance', 'POST', '/access/enterprise-verifications', { creditCode })).statusCode,
    ).toBe(201);
  });

  it('binds users created for an enterprise (the demo seed, the operator) as verified at once', async () => {
    const user = await app.services.access.createUser({
      login: 'seeded-owner',
      displayName: 'Seeded owner',
      password: 'a long enough password',
      role: 'enterprise_owner',
      enterpriseId,
    });
    expect(user).toMatchObject({
      enterpriseId,
      enterpriseVerification: {
        status: 'verified',
        enterpriseId,
        attestedAt: fixedClock.now().toISOString(),
      },
    });
  });
});
