import { Readable } from 'node:stream';
import type { TActor, TMemberKind, TRole } from '../src/modules/access/index.js';
import { computeCreditCodeCheckCharacters } from '../src/modules/registry/domain/credit-code.js';
import type { SubmissionKind } from '../src/modules/registry/index.js';
import { loadConfig } from '../src/platform/config.js';
import type { Database } from '../src/platform/db/database.js';
import { buildServices, type Services } from '../src/services.js';

export const TODAY = '2026-06-30';

/** A clock fixed at noon UTC on `TODAY`, so "in the future" does not drift with the calendar. */
export const fixedClock = { now: () => new Date(`${TODAY}T12:00:00Z`) };

export function testConfig(overrides: Parameters<typeof loadConfig>[0] = {}) {
  return loadConfig(
    { dataDir: '/tmp/creditbridge-unused', seedDemo: false, logLevel: 'silent', ...overrides },
    {},
  );
}

export function testServices(database: Database, overrides: Parameters<typeof loadConfig>[0] = {}): Services {
  return buildServices({ pool: database.pool, config: testConfig(overrides), clock: fixedClock });
}

let serial = 0;

/** A valid credit code that no other test in this process uses (division 440300, Shenzhen). */
export function newCreditCode(): string {
  serial++;
  const first16 = `91440300${String(10_000_000 + serial * 7 + (process.pid % 7)).padStart(8, '0')}`;
  return first16 + computeCreditCodeCheckCharacters(first16);
}

export async function newMember(services: Services, kind: TMemberKind = 'bank', name?: string) {
  serial++;
  return services.access.createMember({ name: name ?? `Test bank ${serial}`, kind });
}

export function actorFor(
  member: { id: string; name: string; kind: TMemberKind },
  role: TRole = 'analyst',
): TActor {
  return {
    id: `usr_test_${member.id}`,
    login: `tester-${member.id}`,
    displayName: 'Tester',
    role,
    memberId: member.id,
    memberName: member.name,
    memberKind: member.kind,
    enterpriseId: null,
    enterpriseName: null,
    via: 'token',
    csrfToken: null,
  };
}

/** Builds a CSV text from a header and rows (cells are written as given: quote them yourself if needed). */
export function csv(header: string[], rows: Array<Array<string | number>>): string {
  return `${[header.join(','), ...rows.map((row) => row.join(','))].join('\n')}\n`;
}

export async function submitText(
  services: Services,
  actor: TActor,
  kind: SubmissionKind,
  text: string | Buffer,
  options: {
    mode?: 'all_or_nothing' | 'accept_valid';
    format?: 'csv' | 'json' | 'xlsx';
    encoding?: 'utf-8' | 'gb18030';
  } = {},
) {
  return services.registry.submit({
    actor,
    kind,
    mode: options.mode ?? 'all_or_nothing',
    format: options.format ?? 'csv',
    encoding: options.encoding,
    fileName: `test.${options.format ?? 'csv'}`,
    input: Readable.from([typeof text === 'string' ? Buffer.from(text) : text]),
  });
}

export const ENTERPRISE_HEADER = [
  'credit_code',
  'name',
  'industry_code',
  'established_on',
  'employees',
  'annual_revenue',
  'total_assets',
];

export function enterpriseRow(code: string, overrides: Partial<Record<string, string | number>> = {}) {
  const values: Record<string, string | number> = {
    credit_code: code,
    name: '深圳市测试科技有限公司',
    industry_code: 'C39',
    established_on: '2015-03-01',
    employees: 120,
    annual_revenue: '52000000.00',
    total_assets: '30000000',
    ...overrides,
  };
  return ENTERPRISE_HEADER.map((column) => values[column] ?? '');
}

export async function registerEnterprises(services: Services, actor: TActor, codes: string[]) {
  const result = await submitText(
    services,
    actor,
    'enterprises',
    csv(
      ENTERPRISE_HEADER,
      codes.map((code) => enterpriseRow(code)),
    ),
  );
  if (result.submission.status !== 'accepted') {
    throw new Error(`setup failed: ${JSON.stringify(result.submission.errors)}`);
  }
}
