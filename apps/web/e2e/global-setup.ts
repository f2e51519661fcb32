import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS_DIR, CHROMIUM_PATH, REPO_ROOT, WEB_ROOT } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the real server listens, e.g. http://127.0.0.1:43817 (no trailing slash). */
    e2eBaseUrl: string;
  }
}

const SERVER_START_TIMEOUT_MS = 180_000;
const SERVER_STOP_TIMEOUT_MS = 30_000;
const READY_LINE = /CreditBridge is running at (http:\/\/\S+)/;

/** The newest modification time of any file below `dir`. */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const stat = await fs.stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** Builds apps/web when dist/index.html is missing or older than anything the build reads. */
async function buildWebIfStale(): Promise<void> {
  const indexHtml = path.join(WEB_ROOT, 'dist', 'index.html');
  const builtAt = existsSync(indexHtml) ? (await fs.stat(indexHtml)).mtimeMs : 0;
  const sourcesAt = Math.max(
    await newestMtime(path.join(WEB_ROOT, 'src')),
    (await fs.stat(path.join(WEB_ROOT, 'index.html'))).mtimeMs,
    (await fs.stat(path.join(WEB_ROOT, 'vite.config.ts'))).mtimeMs,
  );
  if (builtAt > sourcesAt) return;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build (StrictMode then
    // runs every effect twice, so each page would send its requests twice): build as `npm run build` does.
    const child = spawn('npm', ['run', 'build', '-w', 'apps/web'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`e2e: "npm run build -w apps/web" failed (exit ${code}):\n${output.join('')}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

type RunningServer = { child: ChildProcess; baseUrl: string; log: () => string };

/** Starts `creditbridge serve` with the demo on the embedded PostgreSQL and waits until it listens. */
async function startServer(dataDir: string, port: number): Promise<RunningServer> {
  const env = { ...process.env };
  // An external DATABASE_URL (as CI sets for the server-pg project) would make the server use that
  // database; the e2e run wants its own throwaway embedded cluster.
  delete env.DATABASE_URL;
  delete env.PORT;
  delete env.CREDITBRIDGE_DATA_DIR;
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'apps/server/bin/creditbridge.mjs'),
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
    ],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: string[] = [];
  const log = () => chunks.join('');
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(
        new Error(`e2e: the server did not start within ${SERVER_START_TIMEOUT_MS / 1000} s:\n${log()}`),
      );
    }, SERVER_START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      chunks.push(chunk.toString());
      const match = READY_LINE.exec(log());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`e2e: the server exited (code ${code}, signal ${signal}) before it was ready:\n${log()}`),
      );
    });
  });
  return { child, baseUrl, log };
}

async function stopServer(server: RunningServer): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), SERVER_STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`e2e: the server did not stop within ${SERVER_STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  }
}

/** The browser comes from Debian's package (never a downloaded build); as root, install it when missing. */
function installChromiumIfMissing(): void {
  if (existsSync(CHROMIUM_PATH) || process.getuid?.() !== 0) return;
  console.log('e2e: installing Debian chromium (apt-get install -y chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}

export default async function setup(project: TestProject) {
  installChromiumIfMissing();
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `e2e: Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package: ` +
        'apt-get update && apt-get install -y chromium (CI does this in .ci/run).',
    );
  }
  await fs.mkdir(ARTIFACTS_DIR, { recursive: true });
  await buildWebIfStale();

  const tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'creditbridge-e2e-'));
  // As root the embedded PostgreSQL runs as the `postgres` user, who must be able to reach the data dir.
  await fs.chmod(tempRoot, 0o755);
  let server: RunningServer | null = null;
  try {
    server = await startServer(path.join(tempRoot, 'data'), await freePort());
  } catch (error) {
    await fs.rm(tempRoot, { recursive: true, force: true });
    throw error;
  }
  project.provide('e2eBaseUrl', server.baseUrl);

  return async () => {
    try {
      const startedAt = Date.now();
      if (server) await stopServer(server);
      console.log(`e2e: server stopped in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    } finally {
      if (server) await fs.writeFile(path.join(ARTIFACTS_DIR, 'server.log'), server.log());
      await fs.rm(tempRoot, { recursive: true, force: true });
    }
  };
}
