import type { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import { openPlatformDatabase } from '../platform/db/platform-database.js';
import { buildApp } from '../platform/http/app.js';
import { markLongRunning } from './run-state.js';
import { seedDemoIfEmpty } from './seed-demo.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the platform: HTTP API, web app and the embedded database (or DATABASE_URL)')
    .option('--port <n>', 'HTTP port (default 4010, or PORT)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .option('--data-dir <dir>', 'data directory (default ./.creditbridge, or CREDITBRIDGE_DATA_DIR)')
    .option('--no-demo', 'do not seed the demo data on first start')
    .action(async (options: { port?: string; host?: string; dataDir?: string; demo: boolean }) => {
      const config = loadConfig({
        ...(options.port ? { port: Number(options.port) } : {}),
        ...(options.host ? { host: options.host } : {}),
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        ...(options.demo === false ? { seedDemo: false } : {}),
      });
      const say = (line: string) => process.stdout.write(`${line}\n`);
      say(
        config.databaseUrl
          ? 'database: external PostgreSQL (DATABASE_URL)'
          : `database: embedded PostgreSQL in ${config.dataDir}`,
      );
      const database = await openPlatformDatabase(config, { asOwner: true });
      const app = await buildApp({ pool: database.pool, config });
      let isStopping = false;
      const stop = async (signal: string) => {
        if (isStopping) return;
        isStopping = true;
        say(`\n${signal}: stopping…`);
        await app.close().catch(() => {});
        await database.shutdown();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
      try {
        if (config.seedDemo) await seedDemoIfEmpty({ services: app.services, config, say });
        const address = await app.listen({ port: config.port, host: config.host });
        markLongRunning();
        say(`CreditBridge is running at ${address}  (API docs: ${address}/docs)`);
      } catch (error) {
        await app.close().catch(() => {});
        await database.shutdown();
        throw error;
      }
    });
}
