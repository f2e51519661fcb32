import { defineConfig } from 'vitest/config';

/**
 * Every database test runs on the embedded PostgreSQL (project `server`) and, when DATABASE_URL names an
 * external server (as .ci/run does with the machine's PostgreSQL 15), once more there (`server-pg`).
 */
const externalDatabaseProject = process.env.DATABASE_URL
  ? [
      {
        extends: './apps/server/vitest.config.ts',
        test: {
          name: 'server-pg',
          root: './apps/server',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    projects: ['packages/scoring', 'apps/server', 'apps/web', ...externalDatabaseProject],
  },
});
