import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, newCreditCode, newMember, registerEnterprises } from '../../../../test/factories.js';
import { type HttpHarness, startHttpHarness } from '../../../../test/http-harness.js';

let h: HttpHarness;
let app: HttpHarness['app'];
let creditCode = '';
let enterpriseId = '';
let lenderId = '';
const call: HttpHarness['call'] = (...args) => h.call(...args);

beforeAll(async () => {
  h = await startHttpHarness();
  app = h.app;
  const submitter = await newMember(app.services);
  const lender = await newMember(app.services, 'bank', '放款银行');
  const stranger = await newMember(app.services);
  creditCode = newCreditCode();
  await registerEnterprises(app.services, actorFor(submitter), [creditCode]);
  enterpriseId = await h.enterpriseIdOf(creditCode);
  await h.addUser('owner', 'enterprise_owner', { enterpriseId });
  await h.addUser('submitter', 'analyst', { memberId: submitter.id });
  await h.addUser('lender', 'credit_officer', { memberId: lender.id });
  await h.addUser('stranger', 'analyst', { memberId: stranger.id });
  await h.addUser('operator', 'operator');
  lenderId = lender.id;
});

afterAll(async () => {
  await h.close();
});

describe('consent over HTTP', () => {
  it('grants, reads under the consent, revokes, refuses, and shows every attempt in the log', async () => {
    const detailUrl = `/registry/enterprises/${creditCode}`;
    expect((await call('submitter', 'GET', detailUrl)).statusCode).toBe(200);
    expect((await call('owner', 'GET', detailUrl)).statusCode).toBe(200);

    const before = await call('lender', 'GET', `${detailUrl}?purpose=loan_monitoring`);
    expect(before.statusCode).toBe(403);
    expect(before.json()).toMatchObject({
      code: 'ACCESS_NO_CONSENT',
      message: expect.stringContaining('holds no consent'),
      details: { reason: 'no_consent' },
    });

    const granted = await call('owner', 'POST', '/access/consents', {
      memberId: lenderId,
      purpose: 'loan_monitoring',
      scopes: ['report'],
      dataFrom: '2024-01-01',
      dataTo: '2025-12-31',
      validUntil: '2026-12-31T00:00:00Z',
      maxLookups: 3,
    });
    expect(granted.statusCode).toBe(201);
    const consent = granted.json();
    expect(consent).toMatchObject({ status: 'active', enterpriseId, memberName: '放款银行' });

    expect((await call('lender', 'GET', `${detailUrl}?purpose=loan_monitoring`)).statusCode).toBe(200);
    // The default purpose is credit_assessment, which this consent does not cover.
    expect((await call('lender', 'GET', detailUrl)).statusCode).toBe(403);
    expect((await call('stranger', 'GET', `${detailUrl}?purpose=loan_monitoring`)).statusCode).toBe(403);

    const seen = await call('lender', 'GET', '/access/consents');
    expect(seen.json().items.map((item: { id: string }) => item.id)).toEqual([consent.id]);
    expect((await call('stranger', 'GET', '/access/consents')).json().items).toEqual([]);

    expect((await call('lender', 'POST', `/access/consents/${consent.id}/revoke`)).statusCode).toBe(403);
    const revoked = await call('owner', 'POST', `/access/consents/${consent.id}/revoke`);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    const after = await call('lender', 'GET', `${detailUrl}?purpose=loan_monitoring`);
    expect(after.statusCode).toBe(403);
    expect(after.json().details.reason).toBe('revoked');

    const log = await call('owner', 'GET', '/access/my/access-log');
    expect(log.statusCode).toBe(200);
    const entries = log.json().items.reverse();
    expect(
      entries.map((entry: { actorRole: string; outcome: string; basis: string; refusalReason: string }) => [
        entry.actorRole,
        entry.outcome,
        entry.basis ?? entry.refusalReason,
      ]),
    ).toEqual([
      ['analyst', 'allowed', 'submitter'],
      ['enterprise_owner', 'allowed', 'enterprise'],
      ['credit_officer', 'refused', 'no_consent'],
      ['credit_officer', 'allowed', 'consent'],
      ['credit_officer', 'refused', 'no_consent'],
      ['analyst', 'refused', 'no_consent'],
      ['credit_officer', 'refused', 'revoked'],
    ]);
    expect(entries[3]).toMatchObject({
      consentId: consent.id,
      purpose: 'loan_monitoring',
      actorMemberName: '放款银行',
    });

    // Members and the operator have no "own" log; only the operator exports the whole log.
    expect((await call('lender', 'GET', '/access/my/access-log')).statusCode).toBe(403);
    expect((await call('lender', 'GET', '/access/access-log.csv')).statusCode).toBe(403);
    const exported = await call('operator', 'GET', `/access/access-log.csv?enterpriseId=${enterpriseId}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const lines = exported.body.trim().split('\n');
    expect(lines[0]).toContain('id,at,enterpriseId,enterpriseCreditCode,actorUserId');
    expect(lines).toHaveLength(1 + entries.length);
    expect(lines[7]).toContain(',refused,,revoked,');
  });

  it('refuses a regulator and validates the grant body', async () => {
    await h.addUser('regulator', 'regulator');
    const read = await call('regulator', 'GET', `/registry/enterprises/${creditCode}`);
    expect(read.statusCode).toBe(403);
    expect(read.json().details.reason).toBe('role_not_allowed');
    const bad = await call('owner', 'POST', '/access/consents', {
      memberId: lenderId,
      purpose: 'marketing',
      scopes: [],
      dataFrom: '2025-01-01',
      dataTo: '2024-01-01',
      validUntil: '2026-12-31T00:00:00Z',
      maxLookups: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const badFrequency = await call('owner', 'POST', '/access/consents', {
      memberId: lenderId,
      purpose: 'guarantee',
      scopes: ['report'],
      dataFrom: '2024-01-01',
      dataTo: '2025-12-31',
      validUntil: '2026-12-31T00:00:00Z',
      maxLookups: 3,
      frequency: { limit: 0, period: 'hour' },
    });
    expect(badFrequency.statusCode).toBe(400);
    expect(badFrequency.json().message).toMatch(/body\.frequency\.(limit|period)/);
  });

  it('takes a frequency with the grant and refuses the look-up past it, with the reason', async () => {
    const granted = await call('owner', 'POST', '/access/consents', {
      memberId: lenderId,
      purpose: 'guarantee',
      scopes: ['report'],
      dataFrom: '2024-01-01',
      dataTo: '2025-12-31',
      validUntil: '2026-12-31T00:00:00Z',
      maxLookups: 10,
      frequency: { limit: 1, period: 'week' },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ frequency: { limit: 1, period: 'week' }, maxLookups: 10 });
    const url = `/registry/enterprises/${creditCode}?purpose=guarantee`;
    expect((await call('lender', 'GET', url)).statusCode).toBe(200);
    const refused = await call('lender', 'GET', url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      details: { reason: 'frequency_limit_reached', consentId: granted.json().id },
      message: expect.stringContaining('allows 1 look-up per week; 1 was made since'),
    });
  });
});
