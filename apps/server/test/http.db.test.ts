import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db/database.js';
import { buildApp } from '../src/platform/http/app.js';
import { csv, ENTERPRISE_HEADER, enterpriseRow, fixedClock, newCreditCode, testConfig } from './factories.js';
import { createTestDatabase } from './test-database.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let cookie = '';
let csrfToken = '';
let memberId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    pool: database.pool,
    config: testConfig({ uploadLimitBytes: 4096, webDistDir: '/nonexistent' }),
    clock: fixedClock,
    logger: false,
  });
  const member = await app.services.access.createMember({ name: '测试银行', kind: 'bank' });
  memberId = member.id;
  await app.services.access.createUser({
    login: 'analyst',
    displayName: 'Analyst',
    password: 'correct horse battery',
    role: 'analyst',
    memberId,
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: 'analyst', password: 'correct horse battery' },
  });
  expect(login.statusCode).toBe(200);
  cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  csrfToken = login.json().csrfToken;
});

afterAll(async () => {
  await app.close();
});

const upload = (body: string, query = 'kind=enterprises', headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/registry/submissions?${query}`,
    headers: {
      cookie,
      'x-csrf-token': csrfToken,
      'content-type': 'text/csv',
      'x-file-name': 'ent.csv',
      ...headers,
    },
    payload: body,
  });

describe('sign-in', () => {
  it('answers 401 with the error shape for a wrong password, and sets an httpOnly SameSite cookie on success', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'analyst', password: 'x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'analyst', password: 'correct horse battery' },
    });
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(ok.headers['set-cookie'])).toMatch(/SameSite=Strict/);
  });

  it('returns the signed-in user', async () => {
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      login: 'analyst',
      role: 'analyst',
      memberId,
      memberName: '测试银行',
    });
  });

  it('locks the account after five wrong passwords', async () => {
    await app.services.access.createUser({
      login: 'victim',
      displayName: 'V',
      password: 'right-password',
      role: 'analyst',
      memberId,
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: 'victim', password: 'wrong' },
      });
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'victim', password: 'right-password' },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('RATE_LIMITED');
  });
});

describe('API tokens', () => {
  it('issues a token that authenticates machine clients, shown once and stored only as a hash', async () => {
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { name: 'nightly upload', expiresInDays: 30 },
    });
    expect(issued.statusCode).toBe(201);
    const { token } = issued.json();
    expect(token).toMatch(/^cbt_/);
    const stored = await database.pool.query('SELECT token_hash FROM api_tokens WHERE name = $1', [
      'nightly upload',
    ]);
    expect(stored.rows[0].token_hash).not.toContain(token.slice(4));
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/registry/submissions',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.statusCode).toBe(200);
    await database.pool.query("UPDATE api_tokens SET revoked_at = now() WHERE name = 'nightly upload'");
    const revoked = await app.inject({
      method: 'GET',
      url: '/api/v1/registry/submissions',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
  });
});

describe('registry routes', () => {
  it('refuses callers without a session or token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/registry/submissions' });
    expect(response.statusCode).toBe(401);
    const badToken = await app.inject({
      method: 'GET',
      url: '/api/v1/registry/submissions',
      headers: { authorization: 'Bearer cbt_forged' },
    });
    expect(badToken.statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated upload without the CSRF token', async () => {
    const response = await upload(
      csv(ENTERPRISE_HEADER, [enterpriseRow(newCreditCode())]),
      'kind=enterprises',
      {
        'x-csrf-token': 'wrong',
      },
    );
    expect(response.statusCode).toBe(403);
  });

  it('accepts a raw CSV upload, replays the same file idempotently, and serves the error report', async () => {
    const body = csv(ENTERPRISE_HEADER, [
      enterpriseRow(newCreditCode()),
      enterpriseRow(newCreditCode(), { employees: -2 }),
    ]);
    const first = await upload(body, 'kind=enterprises&mode=accept_valid');
    expect(first.statusCode).toBe(201);
    const submission = first.json();
    expect(submission).toMatchObject({
      status: 'partially_accepted',
      rowsAccepted: 1,
      rowsRejected: 1,
      fileName: 'ent.csv',
    });
    const again = await upload(body, 'kind=enterprises&mode=accept_valid');
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicateOf).toBe(submission.id);
    const report = await app.inject({
      method: 'GET',
      url: `/api/v1/registry/submissions/${submission.id}/errors.csv`,
      headers: { cookie },
    });
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.body).toContain('3,employees,-2,min,');
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/registry/submissions?limit=5',
      headers: { cookie },
    });
    expect(list.json().items[0].id).toBe(submission.id);
  });

  it('answers 422 with a clear message for a header that does not match', async () => {
    const response = await upload('who,what\n1,2\n');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'REGISTRY_BAD_HEADER',
      message: expect.stringContaining('missing required column'),
    });
  });

  it('refuses a file over the upload limit by its declared size without reading it', async () => {
    const response = await upload('x'.repeat(10), 'kind=enterprises', {
      'content-length': String(2 * 1024 ** 3),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('upload limit'),
    });
  });

  it('stops a body that grows past the limit and writes nothing', async () => {
    const rows = Array.from({ length: 80 }, () => enterpriseRow(newCreditCode()));
    const before = await database.pool.query('SELECT count(*)::int AS n FROM enterprises');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/registry/submissions?kind=enterprises',
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        'content-type': 'text/csv',
        'transfer-encoding': 'chunked',
      },
      payload: csv(ENTERPRISE_HEADER, rows),
    });
    expect(response.statusCode).toBe(413);
    const after = await database.pool.query('SELECT count(*)::int AS n FROM enterprises');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('validates query parameters with a sentence naming the field', async () => {
    const response = await upload('a\n', 'kind=loans_and_more');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('kind'),
    });
  });

  it('keeps the server up after malformed requests', async () => {
    await upload('"unterminated,quote\n');
    const health = await app.inject({ method: 'GET', url: '/api/v1/registry/kinds', headers: { cookie } });
    expect(health.statusCode).toBe(200);
    expect(health.json().kinds.map((kind: { kind: string }) => kind.kind)).toEqual([
      'enterprises',
      'statements',
      'loans',
      'public_records',
      'invoices',
    ]);
  });
});

describe('API documents', () => {
  it('serves the OpenAPI document with the registry routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/registry/submissions',
        '/api/v1/registry/submissions/{id}/errors.csv',
        '/api/v1/auth/login',
      ]),
    );
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });
});
