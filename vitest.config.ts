import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/scoring', 'apps/server', 'apps/web'],
  },
});
