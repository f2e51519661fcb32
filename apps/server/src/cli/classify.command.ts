import type { Command } from 'commander';
import {
  classifySize,
  type IndustryGroupId,
  resolveIndustryGroup,
  SIZE_CLASSES,
  SIZE_INDICATORS,
  SIZE_STANDARD_2011,
  type SizeClassification,
} from '../modules/registry/index.js';
import { AppError } from '../platform/errors.js';

type ClassifyOptions = {
  industry?: string;
  employees?: string;
  revenueWan?: string;
  assetsWan?: string;
  json?: boolean;
};

const OPTION_OF_INDICATOR = {
  employees: '--employees',
  revenueWan: '--revenue-wan',
  assetsWan: '--assets-wan',
} as const;

/**
 * Parses a non-negative decimal number given on the command line (no exponent, no thousands separators).
 *
 * @param option - the option's name, for the message
 * @param text - the text given, or undefined when the option is absent
 * @returns the number, or null when the option is absent
 * @throws AppError VALIDATION_FAILED when the text is negative or not a number
 */
export function parseNonNegativeOption(option: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  if (/^-\d+(\.\d+)?$/.test(trimmed)) {
    throw new AppError('VALIDATION_FAILED', { message: `${option} cannot be negative, got ${trimmed}` });
  }
  if (!/^\d+(\.\d+)?$/.test(trimmed)) {
    throw new AppError('VALIDATION_FAILED', {
      message: `${option} must be a non-negative number such as 250 or 1234.5, got '${text}'`,
    });
  }
  return Number(trimmed);
}

/**
 * Formats a classification as one readable line.
 *
 * @param result - the classification
 * @param groupName - the group's Chinese name
 * @returns e.g. 'medium (中型): industry group retail (零售业), standard 2011, by employees and revenueWan'
 */
export function formatClassification(result: SizeClassification, groupName: string): string {
  const size = `${result.size} (${SIZE_CLASSES[result.size].zh})`;
  const line = `${size}: industry group ${result.industryGroup} (${groupName}), standard ${result.standardVersion}, by ${result.indicatorsUsed.join(' and ')}`;
  if (result.missing.length === 0) return line;
  const missing = result.missing
    .map((indicator) => `${indicator} (${SIZE_INDICATORS[indicator].zh})`)
    .join(' and ');
  return `${line}; ${missing} not given, so the size is at most ${result.size}`;
}

/** `creditbridge classify --industry <code|group> [--employees N] [--revenue-wan N] [--assets-wan N] [--json]`. */
export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description(
      'classify an enterprise as large, medium, small or micro (中小企业划型, 工信部联企业〔2011〕300号); revenue and assets in 万元',
    )
    .option(
      '--industry <code>',
      "(required) GB/T 4754-2017 code ('C', '13', '5212', '7010') or industry group ('retail', '零售业')",
    )
    .option('--employees <n>', 'persons employed')
    .option('--revenue-wan <n>', 'operating revenue (营业收入) in 万元 (RMB 10,000)')
    .option('--assets-wan <n>', 'total assets (资产总额) in 万元 (RMB 10,000)')
    .option('--json', 'print JSON')
    .action((options: ClassifyOptions) => {
      if (options.industry === undefined) {
        throw new AppError('VALIDATION_FAILED', {
          message: "--industry is required: a GB/T 4754-2017 code ('5212') or an industry group ('retail')",
        });
      }
      const resolution = resolveIndustryGroup(options.industry);
      if (!resolution.group) {
        throw new AppError('VALIDATION_FAILED', {
          message: `--industry ${JSON.stringify(options.industry)}: ${resolution.reason}`,
        });
      }
      const input = {
        industryGroup: resolution.group.id,
        employees: parseNonNegativeOption('--employees', options.employees),
        revenueWan: parseNonNegativeOption('--revenue-wan', options.revenueWan),
        assetsWan: parseNonNegativeOption('--assets-wan', options.assetsWan),
      };
      let result: SizeClassification;
      try {
        result = classifySize(input);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        throw new AppError('VALIDATION_FAILED', {
          message: `${error.message.replace(/^classifySize: /, '')}; give ${optionsNeededBy(input.industryGroup)}`,
        });
      }
      if (options.json) {
        const { size, industryGroup, standardVersion, indicatorsUsed, missing } = result;
        process.stdout.write(
          `${JSON.stringify({ size, industryGroup, standardVersion, indicatorsUsed, missing })}\n`,
        );
      } else {
        process.stdout.write(`${formatClassification(result, resolution.group.zh)}\n`);
      }
    });
}

function optionsNeededBy(group: IndustryGroupId): string {
  return SIZE_STANDARD_2011.thresholds[group].map((row) => OPTION_OF_INDICATOR[row.indicator]).join(' and ');
}
