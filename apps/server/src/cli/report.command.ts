import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { PURPOSES, type TPurpose } from '../modules/access/index.js';
import { LANGS, REPORT_FORMATS } from '../modules/reports/index.js';
import { AppError } from '../platform/errors.js';
import { cliActor, withPlatform } from './cli-context.js';

/**
 * `creditbridge report --enterprise <credit code> --format pdf|html|json --lang zh-CN|en --out F`: the
 * operator writes one enterprise's credit assessment report to a file (or HTML/JSON to stdout).
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("write an enterprise's credit assessment report (PDF, HTML or JSON); the read is logged")
    .requiredOption('--enterprise <credit code>', 'the unified social credit code')
    .option('--format <format>', REPORT_FORMATS.join(', '), 'html')
    .option('--lang <lang>', LANGS.join(' or '), 'zh-CN')
    .option('--purpose <purpose>', `one of ${PURPOSES.join(', ')}`, 'credit_assessment')
    .option('--out <file>', 'write here instead of stdout (required for pdf)')
    .option('--data-dir <dir>', 'the platform data folder')
    .action(
      async (options: {
        enterprise: string;
        format: string;
        lang: string;
        purpose: string;
        out?: string;
        dataDir?: string;
      }) => {
        const format = REPORT_FORMATS.find((candidate) => candidate === options.format);
        const lang = LANGS.find((candidate) => candidate === options.lang);
        const purpose = PURPOSES.find((candidate) => candidate === options.purpose) as TPurpose | undefined;
        const problems = [
          format ? null : `--format must be ${REPORT_FORMATS.join(', ')} (got '${options.format}')`,
          lang ? null : `--lang must be ${LANGS.join(' or ')} (got '${options.lang}')`,
          purpose ? null : `--purpose must be one of ${PURPOSES.join(', ')} (got '${options.purpose}')`,
          format === 'pdf' && !options.out
            ? '--format pdf needs --out <file> (a PDF is not for a terminal)'
            : null,
        ].filter((problem) => problem !== null);
        if (!format || !lang || !purpose || problems.length > 0) {
          throw new AppError('VALIDATION_FAILED', { message: problems.join('; ') });
        }
        const rendered = await withPlatform({ dataDir: options.dataDir }, async ({ services }) => {
          try {
            return await services.reports.renderCreditReport({
              actor: cliActor(),
              creditCode: options.enterprise,
              purpose,
              format,
              lang,
            });
          } finally {
            await services.reports.close();
          }
        });
        if (options.out) {
          await writeFile(options.out, rendered.body);
          process.stderr.write(`wrote ${options.out}\n`);
        } else {
          process.stdout.write(rendered.body);
        }
      },
    );
}
