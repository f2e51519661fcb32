import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { isProcessAlive } from './embedded-postgres.js';

export type LockContent = { pid: number; startedAt: string; pgPort?: number; httpPort?: number };

/**
 * One owner process per data directory: a second `creditbridge serve` on the same folder must say
 * clearly that the platform is running, instead of corrupting the embedded cluster.
 */
export type OwnerLock = {
  release: () => Promise<void>;
  update: (fields: Partial<LockContent>) => Promise<void>;
};

export async function acquireOwnerLock(dataDir: string): Promise<OwnerLock> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  const lockFile = path.join(dataDir, 'creditbridge.lock');
  const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, JSON.stringify(content), { flag: 'wx' });
      // However the process ends (a signal handled by a dependency's exit hook included), the lock goes.
      const releaseOnExit = () => rmSync(lockFile, { force: true });
      process.prependOnceListener('exit', releaseOnExit);
      return {
        // Synchronous on purpose: a signal's exit hook may end the process at any await.
        release: async () => {
          rmSync(lockFile, { force: true });
          process.removeListener('exit', releaseOnExit);
        },
        update: async (fields) => {
          Object.assign(content, fields);
          await fs.writeFile(lockFile, JSON.stringify(content));
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readLock(lockFile);
      if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
        throw new AppError('PLATFORM_ALREADY_RUNNING', {
          message: `CreditBridge is already running on data directory ${dataDir} (pid ${holder.pid}, started ${holder.startedAt}). Stop that process first, or start with another --data-dir.`,
          details: { pid: holder.pid, dataDir },
        });
      }
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new AppError('PLATFORM_ALREADY_RUNNING', { message: `could not take the lock ${lockFile}` });
}

/** The live process that owns `dataDir`, if any (another CLI can then connect to its database). */
export async function findRunningOwner(dataDir: string): Promise<LockContent | null> {
  const holder = await readLock(path.join(dataDir, 'creditbridge.lock'));
  return holder && holder.pid !== process.pid && isProcessAlive(holder.pid) ? holder : null;
}

async function readLock(file: string): Promise<LockContent | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as LockContent;
  } catch {
    return null;
  }
}
