import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const EMBEDDED = pathToFileURL(
  path.resolve(import.meta.dirname, '../src/platform/db/embedded-postgres.ts'),
).href;

/** Runs a module in a fresh Node (TypeScript through tsx) that loads the embedded-PostgreSQL wrapper. */
function exitCodeOf(body: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `await import(${JSON.stringify(EMBEDDED)});\n${body}`],
    { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '..') },
  );
  return { code: result.status, stderr: result.stderr };
}

// embedded-postgres registers async-exit-hook, which ends every process with process.exit(0) on `beforeExit`:
// the test runner's "tests failed" exit code was lost and CI could not fail.
describe('exit codes with the embedded PostgreSQL loaded', () => {
  it('keeps a failing process.exitCode set before the process ends on its own', () => {
    const run = exitCodeOf('process.exitCode = 3;');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
  });

  it('still exits 0 when nothing failed, and honours an explicit process.exit', () => {
    expect(exitCodeOf('').code).toBe(0);
    expect(exitCodeOf('process.exit(5);').code).toBe(5);
  });
});
