import { platformActor, type TActor } from '../modules/access/index.js';
import { type Config, loadConfig } from '../platform/config.js';
import { openPlatformDatabase, type PlatformDatabase } from '../platform/db/platform-database.js';
import { AppError } from '../platform/errors.js';
import { buildServices, type Services } from '../services.js';

export type CliContext = {
  config: Config;
  database: PlatformDatabase;
  services: Services;
};

/**
 * Runs a CLI command against the platform's database: a running `serve` is joined as a client,
 * otherwise the embedded database is started for the command and stopped after it.
 */
export async function withPlatform<T>(
  options: { dataDir?: string },
  run: (context: CliContext) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), seedDemo: false });
  const database = await openPlatformDatabase(config);
  try {
    return await run({ config, database, services: buildServices({ pool: database.pool, config }) });
  } finally {
    await database.shutdown();
  }
}

/** The operator at the command line acts as the platform operator. */
export function cliActor(): TActor {
  return platformActor({
    id: `cli:${process.env.USER ?? 'operator'}`,
    displayName: 'Command line',
    login: 'cli',
  });
}

export async function resolveMember(context: CliContext, wanted: string | undefined): Promise<string> {
  const members = await context.services.access.listMembers();
  if (wanted) {
    const found = members.find((member) => member.id === wanted || member.name === wanted);
    if (found) return found.id;
  } else if (members.length === 1 && members[0]) {
    return members[0].id;
  }
  const list = members.map((member) => `  ${member.id}  ${member.name} (${member.kind})`).join('\n');
  throw new AppError('VALIDATION_FAILED', {
    message: wanted
      ? `no member '${wanted}'. Members:\n${list || '  (none yet: start the platform once to seed the demo)'}`
      : `say which member submits the file with --member <id or name>. Members:\n${list || '  (none)'}`,
  });
}
