import path from 'node:path';
import { Readable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  CANONICAL_COLUMNS,
  cumcmEnterpriseRows,
  cumcmInvoiceRows,
  loadCumcmEnterprises,
} from '../modules/demo/index.js';
import { AppError } from '../platform/errors.js';
import { cliActor, withPlatform } from './cli-context.js';
import { csvChunks } from './csv-chunks.js';

const CUMCM_MEMBER = 'CUMCM 2020 C 公开数据 (research data set)';

export function registerDemoCommand(program: Command): void {
  const demo = program.command('demo').description('Demo and public data sets');
  demo
    .command('load-cumcm')
    .description(
      "Load the real CUMCM 2020 C data (425 enterprises, 1.1M VAT invoices) under generated credit codes, as the member 'CUMCM 2020 C 公开数据'",
    )
    .option('--from <dir>', 'the cumcm2020c folder (default ../shared/data/cumcm2020c)')
    .option('--invoices-limit <n>', 'load only the first N invoices')
    .option('--json', 'print a JSON summary')
    .option('--data-dir <dir>', 'data directory of the embedded database')
    .action(async (options: { from?: string; invoicesLimit?: string; json?: boolean; dataDir?: string }) => {
      const limit =
        options.invoicesLimit === undefined ? Number.POSITIVE_INFINITY : Number(options.invoicesLimit);
      if (!(limit >= 0))
        throw new AppError('VALIDATION_FAILED', { message: '--invoices-limit must be a number ≥ 0' });
      await withPlatform({ dataDir: options.dataDir }, async (context) => {
        const folder = path.resolve(options.from ?? path.join(context.config.sharedDataDir, 'cumcm2020c'));
        let enterprises: Awaited<ReturnType<typeof loadCumcmEnterprises>>;
        try {
          enterprises = await loadCumcmEnterprises(folder);
        } catch (error) {
          throw new AppError('VALIDATION_FAILED', { message: (error as Error).message });
        }
        const { access, registry } = context.services;
        const existing = (await access.listMembers()).find((member) => member.name === CUMCM_MEMBER);
        const memberId = existing?.id ?? (await access.createMember({ name: CUMCM_MEMBER, kind: 'bank' })).id;
        const say = (line: string) => (options.json ? undefined : process.stderr.write(`${line}\n`));
        say(`loading ${enterprises.length} CUMCM enterprises from ${folder}…`);
        const profiles = await registry.submit({
          actor: cliActor(),
          memberId,
          kind: 'enterprises',
          mode: 'accept_valid',
          format: 'csv',
          fileName: 'cumcm2020c-enterprises.csv',
          input: Readable.from(
            csvChunks(CANONICAL_COLUMNS.enterprises, cumcmEnterpriseRows(enterprises), Infinity),
          ),
        });
        const total = Math.min(limit, 1_099_441);
        const bar =
          !options.json && process.stderr.isTTY
            ? new cliProgress.SingleBar({
                format: 'invoices [{bar}] {value}/{total} rows',
                stream: process.stderr,
              })
            : null;
        bar?.start(total, 0);
        const invoices = await registry.submit({
          actor: cliActor(),
          memberId,
          kind: 'invoices',
          mode: 'accept_valid',
          format: 'csv',
          fileName: `cumcm2020c-invoices${Number.isFinite(limit) ? `-first-${limit}` : ''}.csv`,
          input: Readable.from(
            csvChunks(CANONICAL_COLUMNS.invoices, cumcmInvoiceRows(folder, enterprises), limit),
          ),
          onProgress: ({ rows }) => bar?.update(rows),
        });
        bar?.stop();
        const summary = {
          memberId,
          enterprises: profiles.submission,
          invoices: { ...invoices.submission, errors: invoices.submission.errors.slice(0, 5) },
          labels: enterprises.filter((enterprise) => enterprise.defaulted !== null).length,
        };
        if (options.json) {
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        } else {
          const refused = invoices.submission.rowsRejected;
          process.stdout.write(
            `enterprises: ${profiles.submission.rowsAccepted} accepted; invoices: ${invoices.submission.rowsAccepted} accepted, ${refused} refused${
              refused > 0
                ? ` (rows repeated inside the source and totals that do not add up; error report: /api/v1/registry/submissions/${invoices.submission.id}/errors.csv)`
                : ''
            }\n`,
          );
        }
      });
    });
}
