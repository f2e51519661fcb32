import type { Command } from 'commander';
import {
  type CreditCodeCheck,
  describeEntityType,
  divisionOf,
  validateCreditCode,
} from '../modules/registry/index.js';
import { AppError } from '../platform/errors.js';

/** A check as printed by `uscc check --json`: the check plus the names behind its codes. */
export type UsccCheckReport = CreditCodeCheck & {
  entityType: ReturnType<typeof describeEntityType>;
  province: ReturnType<typeof divisionOf>['provinceName'];
};

/**
 * Checks credit codes and describes them (entity type, province).
 *
 * @param codes - the codes as given
 * @returns one report per code, in order
 */
export function checkCreditCodes(codes: readonly string[]): UsccCheckReport[] {
  return codes.map((code) => {
    const check = validateCreditCode(code);
    return {
      ...check,
      entityType: check.entityTypeCode ? describeEntityType(check.entityTypeCode) : null,
      province: check.divisionCode ? divisionOf(check.divisionCode).provinceName : null,
    };
  });
}

/**
 * Formats one report as text lines: the verdict with what the code says, then each error and warning.
 *
 * @param report - a report of {@link checkCreditCodes}
 * @returns the lines, without trailing newlines
 */
export function formatCreditCodeReport(report: UsccCheckReport): string[] {
  const facts = [
    report.entityType &&
      `${report.entityTypeCode} ${report.entityType.entityType.zh} (${report.entityType.entityType.en})`,
    report.province && `${report.divisionCode} ${report.province.zh} (${report.province.en})`,
  ].filter(Boolean);
  const lines = [
    `${report.code}: ${report.isValid ? 'valid' : 'invalid'}${report.isValid && facts.length > 0 ? ` — ${facts.join(', ')}` : ''}`,
  ];
  for (const error of report.errors) lines.push(`  error [${error.rule}]: ${error.message}`);
  for (const warning of report.warnings) lines.push(`  warning [${warning.rule}]: ${warning.message}`);
  return lines;
}

/** `creditbridge uscc check <code…> [--json]`: exit code 0 only when every code is valid. */
export function registerUsccCommand(program: Command): void {
  const uscc = program
    .command('uscc')
    .description('Unified Social Credit Code (统一社会信用代码, GB 32100-2015) tools');
  uscc
    .command('check')
    .description(
      'check credit codes: 18 characters, character set, organization-code check digit (position 17), mod-31 check character (position 18); unknown authority, entity-type and province codes are warnings',
    )
    .argument('[codes...]', 'one or more 18-character codes')
    .option('--json', 'print a JSON array of checks')
    .action((codes: string[], options: { json?: boolean }) => {
      if (codes.length === 0) {
        throw new AppError('VALIDATION_FAILED', {
          message: 'give one or more credit codes: creditbridge uscc check <code…>',
        });
      }
      const reports = checkCreditCodes(codes);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      } else {
        process.stdout.write(`${reports.flatMap(formatCreditCodeReport).join('\n')}\n`);
      }
      process.exitCode = reports.every((report) => report.isValid) ? 0 : 1;
    });
}
