import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { isSubmissionKind, SUBMISSION_KINDS, type TSubmission } from '../modules/registry/index.js';
import { AppError } from '../platform/errors.js';
import { cliActor, resolveMember, withPlatform } from './cli-context.js';

type ImportOptions = {
  member?: string;
  mode: string;
  encoding: string;
  json?: boolean;
  dataDir?: string;
};

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(`Submit a file to the registry as a member: kind is one of ${SUBMISSION_KINDS.join(', ')}`)
    .argument('<kind>', 'what the file holds')
    .argument('<file>', 'a .csv, .xlsx or .json file (.csv.gz and .json.gz too)')
    .option('--member <id-or-name>', 'the member institution submitting the file')
    .option('--mode <mode>', 'all_or_nothing or accept_valid', 'all_or_nothing')
    .option('--encoding <encoding>', 'utf-8 or gb18030', 'utf-8')
    .option('--json', 'print a JSON summary instead of text')
    .option('--data-dir <dir>', 'data directory of the embedded database')
    .action(async (kind: string, file: string, options: ImportOptions) => {
      if (!isSubmissionKind(kind)) {
        throw new AppError('VALIDATION_FAILED', {
          message: `unknown kind '${kind}': use one of ${SUBMISSION_KINDS.join(', ')}`,
        });
      }
      if (options.mode !== 'all_or_nothing' && options.mode !== 'accept_valid') {
        throw new AppError('VALIDATION_FAILED', { message: '--mode must be all_or_nothing or accept_valid' });
      }
      if (options.encoding !== 'utf-8' && options.encoding !== 'gb18030') {
        throw new AppError('VALIDATION_FAILED', { message: '--encoding must be utf-8 or gb18030' });
      }
      const stat = await fs.stat(file).catch(() => null);
      if (!stat?.isFile()) throw new AppError('VALIDATION_FAILED', { message: `no such file: ${file}` });
      const isGzip = file.endsWith('.gz');
      const baseName = path.basename(isGzip ? file.slice(0, -3) : file);
      const extension = baseName.split('.').pop()?.toLowerCase();
      const format =
        extension === 'xlsx' ? 'xlsx' : extension === 'json' || extension === 'ndjson' ? 'json' : 'csv';
      const showBar = !options.json && process.stderr.isTTY;
      const bar = showBar
        ? new cliProgress.SingleBar(
            {
              format: 'importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left',
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;

      await withPlatform({ dataDir: options.dataDir }, async (context) => {
        const memberId = await resolveMember(context, options.member);
        const fileStream = createReadStream(file);
        const input: Readable = isGzip ? fileStream.pipe(createGunzip()) : fileStream;
        fileStream.on('error', (error) => input.destroy(error));
        bar?.start(stat.size, 0, { rows: 0 });
        const started = Date.now();
        try {
          const { submission } = await context.services.registry.submit({
            actor: cliActor(),
            memberId,
            kind,
            mode: options.mode as 'all_or_nothing' | 'accept_valid',
            encoding: options.encoding as 'utf-8' | 'gb18030',
            format,
            fileName: path.basename(file),
            input,
            onProgress: ({ rows }) => bar?.update(fileStream.bytesRead, { rows }),
          });
          bar?.update(stat.size, { rows: submission.rowsTotal });
          bar?.stop();
          const seconds = (Date.now() - started) / 1000;
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ ...submission, seconds }, null, 2)}\n`);
          } else {
            printSummary(submission, seconds);
          }
          if (submission.status === 'rejected') process.exitCode = 1;
        } catch (error) {
          bar?.stop();
          throw error;
        }
      });
    });
}

function printSummary(submission: TSubmission, seconds: number): void {
  const lines = [
    `submission ${submission.id}: ${submission.status}${submission.duplicateOf ? ' (this file was already submitted; nothing new was written)' : ''}`,
    `rows: ${submission.rowsTotal} read, ${submission.rowsAccepted} accepted, ${submission.rowsRejected} rejected; ${submission.errorCount} errors; ${seconds.toFixed(1)} s`,
  ];
  for (const error of submission.errors.slice(0, 20)) {
    lines.push(`  row ${error.row ?? '-'} ${error.field ?? ''} [${error.rule}] ${error.message}`);
  }
  if (submission.errorCount > 20) {
    lines.push(
      `  … ${submission.errorCount - 20} more: GET /api/v1/registry/submissions/${submission.id}/errors.csv`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
