import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { PURPOSES, type TPurpose } from '../modules/access/index.js';
import { renderCreditReportHtml, type TLang } from '../modules/reports/index.js';
import { AppError } from '../platform/errors.js';
import { cliActor, withPlatform } from './cli-context.js';

const FORMATS = ['html', 'json'] as const;
const LANGS: readonly TLang[] = ['zh-CN', 'en'];

/** `creditbridge report`: the operator writes one enterprise's credit assessment report to a file or stdout. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("write an enterprise's credit assessment report (HTML or JSON); the read is logged")
    .requiredOption('--enterprise <credit code>', 'the unified social credit code')
    .option('--format <format>', 'html or json', 'html')
    .option('--lang <lang>', 'zh-CN or en', 'zh-CN')
    .option('--purpose <purpose>', `one of ${PURPOSES.join(', ')}`, 'credit_assessment')
    .option('--out <file>', 'write here instead of stdout')
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
        const format = FORMATS.find((candidate) => candidate === options.format);
        const lang = LANGS.find((candidate) => candidate === options.lang);
        const purpose = PURPOSES.find((candidate) => candidate === options.purpose) as TPurpose | undefined;
        if (!format || !lang || !purpose) {
          throw new AppError('VALIDATION_FAILED', {
            message: `--format must be html or json, --lang zh-CN or en, --purpose one of ${PURPOSES.join(', ')}`,
          });
        }
        const text = await withPlatform({ dataDir: options.dataDir }, async ({ services }) => {
          const report = await services.reports.getCreditReport({
            actor: cliActor(),
            creditCode: options.enterprise,
            purpose,
          });
          return format === 'html'
            ? renderCreditReportHtml(report, lang)
            : `${JSON.stringify(report, null, 2)}\n`;
        });
        if (options.out) {
          await writeFile(options.out, text, 'utf8');
          process.stderr.write(`wrote ${options.out}\n`);
        } else {
          process.stdout.write(text);
        }
      },
    );
}
