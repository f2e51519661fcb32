import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, runCli, startCli, waitFor } from './cli-process.js';

const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'creditbridge-owner-'));
await fs.chmod(directory, 0o755);

afterAll(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

// The embedded database only: DATABASE_URL must not leak in from the environment.
const env = { DATABASE_URL: '', CREDITBRIDGE_PG_PORT: '0' };

describe('one owner process per data directory', () => {
  it('a second start on the same data directory says clearly that the platform is running', async () => {
    const first = startCli(['serve', '--port', '0', '--data-dir', directory, '--no-demo'], env);
    try {
      await waitFor(() => first.output().includes('CreditBridge is running at'), 'the first server', 120_000);
      const second = await runCli(['serve', '--port', '0', '--data-dir', directory, '--no-demo'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/already running on data directory .* \(pid \d+/);
      expect(isRunning(first.child)).toBe(true);
      // A command that is not a server joins the running one as a client instead.
      const check = await runCli(
        ['import', 'enterprises', path.join(directory, 'missing.csv'), '--data-dir', directory],
        env,
      );
      expect(check.stderr).toContain('no such file');
    } finally {
      first.child.kill('SIGTERM');
      await first.done;
    }
    await expect(fs.access(path.join(directory, 'creditbridge.lock'))).rejects.toThrow();
  }, 180_000);
});
