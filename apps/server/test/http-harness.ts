import type { TRole } from '../src/modules/access/access.schemas.js';
import type { Database } from '../src/platform/db/database.js';
import { type AppDeps, buildApp } from '../src/platform/http/app.js';
import { fixedClock, testConfig } from './factories.js';
import { createTestDatabase } from './test-database.js';

/** The platform's HTTP app as the database tests build it. */
export type TestApp = Awaited<ReturnType<typeof buildApp>>;

/** How a test user is tied to a member or an enterprise (and whether its enterprise binding is attested yet). */
export type UserLinks = {
  memberId?: string | null;
  enterpriseId?: string | null;
  enterpriseBinding?: 'verified' | 'pending';
};

/** Every test user's password (the login is `<prefix><key>`). */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * The real app on a fresh database cloned from the migrated template, with users that hold API tokens and a
 * `call` that sends a request as one of them. `close()` stops the app (the database is dropped by the harness's
 * global teardown).
 */
export async function startHttpHarness(options: { clock?: AppDeps['clock']; loginPrefix?: string } = {}) {
  const database: Database = await createTestDatabase();
  const app: TestApp = await buildApp({
    pool: database.pool,
    config: testConfig({ webDistDir: '/nonexistent' }),
    clock: options.clock ?? fixedClock,
    logger: false,
  });
  const prefix = options.loginPrefix ?? '';
  /** API tokens by user key. */
  const tokens: Record<string, string> = {};
  /** User ids by user key. */
  const userIds: Record<string, string> = {};

  /** Creates a user with role and links, issues it an API token and keeps both under `key`; returns the token. */
  async function addUser(key: string, role: TRole, links: UserLinks = {}): Promise<string> {
    const user = await app.services.access.createUser({
      login: `${prefix}${key}`,
      displayName: key,
      password: TEST_PASSWORD,
      role,
      ...links,
    });
    userIds[key] = user.id;
    tokens[key] = await app.services.access.createApiToken({ userId: user.id, name: key, expiresAt: null });
    return tokens[key];
  }

  /** Sends `method url` under /api/v1 as the user `who`, with a JSON body when given. */
  const call = (
    who: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  /** The id of the enterprise with this credit code. */
  async function enterpriseIdOf(creditCode: string): Promise<string> {
    const row = await database.pool.query<{ id: string }>(
      'SELECT id FROM enterprises WHERE credit_code = $1',
      [creditCode],
    );
    const id = row.rows[0]?.id;
    if (!id) throw new Error(`no enterprise ${creditCode} in the test database`);
    return id;
  }

  return { database, app, tokens, userIds, addUser, call, enterpriseIdOf, close: () => app.close() };
}

/** What {@link startHttpHarness} gives a test file. */
export type HttpHarness = Awaited<ReturnType<typeof startHttpHarness>>;
