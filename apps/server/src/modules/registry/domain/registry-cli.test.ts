// Spawns the real `creditbridge` bin for the two registry commands (uscc check, classify). It lives here
// because the registry domain owns these commands' rules. A spawn loads the whole CLI (several seconds on a
// busy machine), so only the main paths spawn; option parsing is tested in-process below.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatClassification, parseNonNegativeOption } from '../../../cli/classify.command.js';

const BIN = fileURLToPath(new URL('../../../../bin/creditbridge.mjs', import.meta.url));

function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('creditbridge uscc check', () => {
  it('exits 1 when any code is invalid, and says why', () => {
    const { status, stdout } = runCli('uscc', 'check', '914403001922038216', '914403001922038217');
    expect(stdout).toBe(
      [
        '914403001922038216: valid — 91 企业 (Enterprise), 440300 广东省 (Guangdong)',
        '914403001922038217: invalid',
        "  error [check_character]: position 18 should be '6' (mod-31 check), found '7'",
        '',
      ].join('\n'),
    );
    expect(status).toBe(1);
  });

  it('exits 0 when all codes are valid, printing warnings, and prints JSON', () => {
    const { status, stdout } = runCli('uscc', 'check', '--json', '91110108551385082Q', 'B7320621MA1MRHG20G');
    expect(status).toBe(0);
    const reports = JSON.parse(stdout) as Array<{
      code: string;
      isValid: boolean;
      warnings: Array<{ rule: string }>;
    }>;
    expect(reports.map((report) => [report.code, report.isValid])).toEqual([
      ['91110108551385082Q', true],
      ['B7320621MA1MRHG20G', true],
    ]);
    expect(reports[1]?.warnings.map((warning) => warning.rule)).toEqual(['authority_code']);
  });
});

describe('creditbridge classify', () => {
  it('classifies the DOMAIN pitfall retailer as medium (JSON)', () => {
    const { status, stdout } = runCli(
      'classify',
      '--industry',
      '5212',
      '--employees',
      '250',
      '--revenue-wan',
      '30000',
      '--json',
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      size: 'medium',
      industryGroup: 'retail',
      standardVersion: '2011',
      indicatorsUsed: ['employees', 'revenueWan'],
      missing: [],
    });
  });

  it('prints a readable line and accepts a group name', () => {
    const { status, stdout } = runCli(
      'classify',
      '--industry',
      '软件和信息技术服务业',
      '--employees',
      '9',
      '--revenue-wan',
      '5000',
    );
    expect(status).toBe(0);
    expect(stdout).toBe(
      'micro (微型): industry group software_it_services (软件和信息技术服务业), standard 2011, by employees and revenueWan\n',
    );
  });

  it.each([
    [
      ['--industry', '53', '--employees', '10'],
      '--industry "53": 53 铁路运输业 is outside the scope of the SME size standard',
    ],
    [['--industry', '5212', '--employees', '-5'], '--employees cannot be negative, got -5'],
  ])('rejects %j with exit code 1', (args, message) => {
    const { status, stdout, stderr } = runCli('classify', ...args);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
    expect(status).toBe(1);
  });
});

describe('classify options (in-process)', () => {
  it('parses non-negative numbers', () => {
    expect(parseNonNegativeOption('--employees', undefined)).toBeNull();
    expect(parseNonNegativeOption('--employees', '250')).toBe(250);
    expect(parseNonNegativeOption('--revenue-wan', ' 1234.5 ')).toBe(1234.5);
    expect(parseNonNegativeOption('--revenue-wan', '0')).toBe(0);
  });

  it.each([
    ['-5', '--employees cannot be negative, got -5'],
    ['abc', "--employees must be a non-negative number such as 250 or 1234.5, got 'abc'"],
    ['1e3', "got '1e3'"],
    ['1,000', "got '1,000'"],
    ['', "got ''"],
    ['NaN', "got 'NaN'"],
  ])('rejects %j', (text, message) => {
    expect(() => parseNonNegativeOption('--employees', text)).toThrow(message);
  });

  it('formats a classification with missing indicators as an upper bound', () => {
    expect(
      formatClassification(
        {
          size: 'medium',
          industryGroup: 'industry',
          standardVersion: '2011',
          indicatorsUsed: ['employees'],
          missing: ['revenueWan'],
        },
        '工业',
      ),
    ).toBe(
      'medium (中型): industry group industry (工业), standard 2011, by employees; revenueWan (营业收入) not given, so the size is at most medium',
    );
  });
});
