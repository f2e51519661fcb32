import { defineConfig } from 'vitest/config';

const serverProject = (name: string, include: string[]) => ({
  test: {
    name,
    root: './apps/server',
    include,
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

/**
 * Every database test runs on the embedded PostgreSQL (project `server`) and, when DATABASE_URL names an
 * external server (as .ci/run does with the machine's PostgreSQL 15), once more there (`server-pg`): the
 * files named `*.db.test.ts`. Project `e2e` drives the web app in Debian's Chromium against a real server.
 */
export default defineConfig({
  test: {
    projects: [
      'packages/scoring',
      'apps/web',
      'apps/web/vitest.e2e.config.ts',
      serverProject('server', ['src/**/*.test.ts', 'test/**/*.test.ts']),
      ...(process.env.DATABASE_URL
        ? [serverProject('server-pg', ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'])]
        : []),
    ],
  },
});
