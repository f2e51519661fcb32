/**
 * Module boundaries, held by a tool rather than by memory: a module is used only through its index.ts,
 * and nothing imports in a cycle.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-internals-from-another-module',
      comment: "A module uses another only through that module's index.ts.",
      severity: 'error',
      from: { path: '^apps/server/src/modules/([^/]+)/' },
      to: {
        path: '^apps/server/src/modules/([^/]+)/.+',
        pathNot: ['^apps/server/src/modules/$1/', '^apps/server/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'module-internals-from-outside',
      comment: 'The CLI, the platform and the wiring reach modules only through their index.ts.',
      severity: 'error',
      from: { path: '^apps/server/src/(cli|platform|services)' },
      to: {
        path: '^apps/server/src/modules/[^/]+/.+',
        pathNot: '^apps/server/src/modules/[^/]+/index\\.ts$',
      },
    },
    {
      name: 'platform-has-no-business-rules',
      comment: 'platform/ (db, config, errors, http) must not depend on the CLI.',
      severity: 'error',
      from: { path: '^apps/server/src/platform/' },
      to: { path: '^apps/server/src/cli/' },
    },
    {
      name: 'scoring-is-io-free',
      comment: 'packages/scoring has no runtime dependencies and no IO.',
      severity: 'error',
      from: { path: '^packages/scoring/src/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'core'] },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: '^apps/server/src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(__tests__|\\.test\\.ts$|/test/)' },
    tsPreCompilationDeps: true,
  },
};
