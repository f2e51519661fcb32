import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, newMember, testConfig } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import { type AppDeps, buildApp } from '../../../platform/http/app.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
const lines: string[] = [];
const PASSWORD = 'Sup3r-secret passphrase 2026';

beforeAll(async () => {
  database = await createTestDatabase();
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  // The most verbose level the platform has: whatever it logs, secrets must not be in it.
  const logger = { level: 'trace', stream } as unknown as AppDeps['logger'];
  app = await buildApp({
    pool: database.pool,
    config: testConfig({ webDistDir: '/nonexistent' }),
    clock: fixedClock,
    logger,
  });
  const member = await newMember(app.services);
  await app.services.access.createUser({
    login: 'logged-analyst',
    displayName: 'Logged analyst',
    password: PASSWORD,
    role: 'analyst',
    memberId: member.id,
  });
});

afterAll(async () => {
  await app.close();
});

describe('no secret in the logs', () => {
  it('logs sign-ins, token requests and refusals without the password, the token, the cookie or the CSRF token', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'logged-analyst', password: `${PASSWORD}-wrong` },
    });
    expect(wrong.statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'logged-analyst', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((candidate) => candidate.name === 'cb_session');
    const csrfToken: string = login.json().csrfToken;
    expect(cookie?.value).toBeTruthy();
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      cookies: { cb_session: cookie?.value ?? '' },
      headers: { 'x-csrf-token': csrfToken },
      payload: { name: 'machine client', expiresInDays: 30 },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const token: string = issued.json().token;
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    const tampered = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token.slice(0, -3)}xyz` },
    });
    expect(tampered.statusCode).toBe(401);

    const log = lines.join('');
    // The requests were logged (so the check below is not vacuous)…
    expect(log).toContain('/api/v1/auth/login');
    expect(log).toContain('/api/v1/auth/tokens');
    expect(log).toContain('"statusCode":401');
    // …and none of the secrets were.
    for (const secret of [PASSWORD, token, token.slice(4, 24), cookie?.value ?? '', csrfToken]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(log).not.toContain(secret);
    }
    expect(log.toLowerCase()).not.toContain('authorization');
    expect(log.toLowerCase()).not.toContain('cookie');
  });
});

describe('audit of API tokens', () => {
  it('audits issuing and revoking a token with the actor, before and after, and never the token', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'logged-analyst', password: PASSWORD },
    });
    const session = { cb_session: login.cookies.find((cookie) => cookie.name === 'cb_session')?.value ?? '' };
    const headers = { 'x-csrf-token': login.json().csrfToken as string };
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      cookies: session,
      headers,
      payload: { name: 'audited client', expiresInDays: 7, scopes: ['registry:read'] },
    });
    expect(issued.statusCode).toBe(201);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', cookies: session });
    const id: string = listed
      .json()
      .items.find((item: { name: string }) => item.name === 'audited client').id;
    for (let revocation = 0; revocation < 2; revocation++) {
      const revoked = await app.inject({
        method: 'POST',
        url: `/api/v1/auth/tokens/${id}/revoke`,
        cookies: session,
        headers,
      });
      expect(revoked.statusCode).toBe(200);
    }
    const audit = await database.pool.query(
      `SELECT action, actor_user_id, before, after FROM audit_events WHERE entity_type = 'api_token' AND entity_id = $1
       ORDER BY action`,
      [id],
    );
    const userId: string = login.json().user.id;
    expect(audit.rows).toEqual([
      {
        action: 'access.token_issued',
        actor_user_id: userId,
        before: null,
        after: {
          userId,
          name: 'audited client',
          scopes: ['registry:read'],
          expiresAt: '2026-07-07T12:00:00.000Z',
        },
      },
      {
        action: 'access.token_revoked',
        actor_user_id: userId,
        before: { revokedAt: null },
        after: { revokedAt: fixedClock.now().toISOString() },
      },
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(issued.json().token);
  });
});

describe('CORS', () => {
  it('is closed by default: no origin is allowed, preflight or not', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/me',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await app.inject({
      method: 'GET',
      url: '/api/v1/registry/kinds',
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});
