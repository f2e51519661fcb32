import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../platform/errors.js';
import { cliActor, withPlatform } from './cli-context.js';

/**
 * `creditbridge sample-data [--year Y] [--out F]`: the anonymised, k-anonymous sample data as CSV (the same
 * extract as GET /api/v1/reports/sample-data?format=csv), for members building their own models.
 */
export function registerSampleDataCommand(program: Command): void {
  program
    .command('sample-data')
    .description('write the anonymised sample data (k-anonymous, k ≥ 5) as CSV')
    .option('--year <year>', 'one statement year (default: every year)')
    .option('--out <file>', 'write here instead of stdout')
    .option('--data-dir <dir>', 'the platform data folder')
    .action(async (options: { year?: string; out?: string; dataDir?: string }) => {
      const year = options.year === undefined ? null : Number(options.year);
      if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
        throw new AppError('VALIDATION_FAILED', {
          message: `--year must be a year between 1990 and 2100 (got '${options.year}')`,
        });
      }
      const text = await withPlatform({ dataDir: options.dataDir }, ({ services }) =>
        services.reports.sampleDataCsv({ actor: cliActor(), year }),
      );
      if (options.out) {
        await writeFile(options.out, text, 'utf8');
        process.stderr.write(`wrote ${options.out} (${text.split('\n').length - 2} rows)\n`);
      } else {
        process.stdout.write(text);
      }
    });
}
