import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  csv,
  ENTERPRISE_HEADER,
  enterpriseRow,
  newCreditCode,
  newMember,
  submitText,
} from '../../../../test/factories.js';
import { type HttpHarness, startHttpHarness } from '../../../../test/http-harness.js';
import { isAppError } from '../../../platform/errors.js';
import type { TActor } from '../../access/index.js';
import { CANONICAL_COLUMNS } from '../../demo/index.js';
import { computeCreditCodeCheckCharacters } from '../../registry/domain/credit-code.js';
import { newStatements } from '../../registry/domain/statement.fixtures.js';
import { STATEMENT_LINE_FIELDS } from '../../registry/index.js';
import { renderCreditReportHtml } from '../reports.html.js';
import type { TPeerStatistics } from '../reports.schemas.js';

let h: HttpHarness;
let database: HttpHarness['database'];
let app: HttpHarness['app'];
let submitter: Awaited<ReturnType<typeof newMember>>;
let otherLender: Awaited<ReturnType<typeof newMember>>;
let consented: Awaited<ReturnType<typeof newMember>>;
let stranger: Awaited<ReturnType<typeof newMember>>;
let enterpriseId = '';
const operator: TActor = actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator');
const EVIL_NAME = '<script>alert(1)</script>恶意公司';

let serial = 0;
function codeIn(division: string): string {
  serial++;
  const first16 = `91${division}${String(20_000_000 + serial * 13 + (process.pid % 7)).padStart(8, '0')}`;
  return first16 + computeCreditCodeCheckCharacters(first16);
}

// 12 Shenzhen firms whose inventory (and so current assets, total assets and paid-in capital) rises by
// 60,000 yuan each: current ratio = (1,280,000 + 60,000·i) / 600,000.
const shenzhen = Array.from({ length: 12 }, () => newCreditCode());
const beijing = Array.from({ length: 11 }, () => codeIn('110105'));
const shanghai = Array.from({ length: 3 }, () => codeIn('310115'));
const TARGET_INDEX = 3;
const target = shenzhen[TARGET_INDEX] ?? '';

function statementRow(code: string, extraInventoryYuan: number) {
  const fen = extraInventoryYuan * 100;
  const base = newStatements();
  const values: Record<string, number | null> = { ...base };
  for (const field of ['bs_09', 'bs_15', 'bs_30', 'bs_48', 'bs_52', 'bs_53']) {
    values[field] = (base[field] ?? 0) + fen;
  }
  const cells = STATEMENT_LINE_FIELDS.map((field) => {
    const value = values[field];
    return value === undefined || value === null ? '' : (value / 100).toFixed(2);
  });
  return [code, '2025-12-31', 'annual', ...cells];
}

const loanRow = (code: string, ref: string, cells: string[]) => [code, ref, 'working_capital', ...cells];

const get = (who: string, url: string) => h.call(who, 'GET', url);

beforeAll(async () => {
  h = await startHttpHarness();
  ({ app, database } = h);
  const services = app.services;
  submitter = await newMember(services, 'bank', 'Alpha Bank');
  otherLender = await newMember(services, 'bank', 'Beta Bank');
  consented = await newMember(services, 'bank', 'Gamma Bank');
  stranger = await newMember(services, 'bank', 'Delta Bank');
  const all = [...shenzhen, ...beijing, ...shanghai];
  const submit = async (actor: TActor, kind: 'enterprises' | 'statements' | 'loans', text: string) => {
    const { submission } = await submitText(services, actor, kind, text);
    expect(submission.errors).toEqual([]);
  };
  await submit(
    actorFor(submitter),
    'enterprises',
    csv(
      ENTERPRISE_HEADER,
      all.map((code) => enterpriseRow(code, code === target ? { name: EVIL_NAME } : {})),
    ),
  );
  await submit(
    actorFor(submitter),
    'statements',
    csv(
      ['credit_code', 'period_end', 'period_type', ...STATEMENT_LINE_FIELDS],
      [
        ...shenzhen.map((code, index) => statementRow(code, index * 60_000)),
        ...beijing.map((code) => statementRow(code, 0)),
        ...shanghai.map((code) => statementRow(code, 0)),
      ],
    ),
  );
  await submit(
    actorFor(submitter),
    'loans',
    csv(
      [...CANONICAL_COLUMNS.loans],
      [
        loanRow(target, 'A-1', [
          '10000',
          '2025-01-01',
          '2027-01-01',
          '2026-03-31',
          '8000',
          '0',
          'current',
          '',
          'none',
        ]),
      ],
    ),
  );
  await submit(
    actorFor(otherLender),
    'loans',
    csv(
      [...CANONICAL_COLUMNS.loans],
      [
        loanRow(target, 'B-1', [
          '5000',
          '2025-02-01',
          '2026-12-01',
          '2026-03-31',
          '5000',
          '31',
          'overdue',
          '',
          'none',
        ]),
      ],
    ),
  );
  enterpriseId = await h.enterpriseIdOf(target);
  await h.addUser('owner', 'enterprise_owner', { enterpriseId });
  await h.addUser('submitter', 'analyst', { memberId: submitter.id });
  await h.addUser('otherLender', 'credit_officer', { memberId: otherLender.id });
  await h.addUser('consented', 'analyst', { memberId: consented.id });
  await h.addUser('stranger', 'analyst', { memberId: stranger.id });
  await h.addUser('regulator', 'regulator');
  await services.consents.grantConsent({
    actor: { ...operator },
    enterpriseId,
    memberId: consented.id,
    purpose: 'credit_assessment',
    scopes: ['report'],
    dataFrom: '2023-01-01',
    dataTo: '2026-06-30',
    validUntil: '2026-12-31T00:00:00Z',
    maxLookups: 10,
  });
});

afterAll(async () => {
  await h.close();
});

describe('credit assessment report', () => {
  it('shows identity, ratios with hand-checked percentiles among province peers, and no score without a champion', async () => {
    const response = await get('consented', `/reports/enterprises/${target}`);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.enterprise).toMatchObject({ creditCode: target, name: EVIL_NAME, provinceCode: '44' });
    expect(report.readBasis).toBe('consent');
    expect(report.score.available).toBe(false);
    expect(report.score.message).toMatch(/champion/);
    expect(report.statements).toHaveLength(1);
    const [statement] = report.statements;
    expect(statement.periodEnd).toBe('2025-12-31');
    expect(statement.peerGroup).toMatchObject({ level: 'industry_size_province', count: 12, note: null });
    const current = statement.ratios.find((ratio: { id: string }) => ratio.id === 'current_ratio');
    // (1,280,000 + 3 × 60,000) / 600,000; three peers below, one tie (itself): (3 + 0.5) / 12.
    expect(current.value).toBeCloseTo(1_460_000 / 600_000, 10);
    expect(current.percentile).toBeCloseTo((3.5 / 12) * 100, 10);
    const debt = statement.ratios.find((ratio: { id: string }) => ratio.id === 'debt_to_assets');
    expect(debt.value).toBeCloseTo(900_000 / 2_340_000, 10);
    expect(report.lookups.allowed).toBeGreaterThanOrEqual(1);
  });

  it('falls back to industry group × size nationwide when the province cell is small, and says so', async () => {
    const report = await app.services.reports.getCreditReport({
      actor: operator,
      creditCode: shanghai[0] ?? '',
      purpose: 'credit_assessment',
    });
    expect(report.statements[0]?.peerGroup).toMatchObject({ level: 'industry_size', count: 26 });
    expect(report.statements[0]?.peerGroup.note).toMatch(/only 3 peers in the province/);
  });

  it('names a lender only to the enterprise and to the member that submitted the loan', async () => {
    const lenders = async (who: string) =>
      (await get(who, `/reports/enterprises/${target}`))
        .json()
        .loans.map((loan: { lender: string }) => loan.lender)
        .sort();
    expect(await lenders('owner')).toEqual(['Alpha Bank', 'Beta Bank']);
    expect(await lenders('submitter')).toEqual(['Alpha Bank', 'a member institution']);
    expect(await lenders('otherLender')).toEqual(['Beta Bank', 'a member institution']);
    expect(await lenders('consented')).toEqual(['a member institution', 'a member institution']);
  });

  it('refuses a member without consent and logs the refusal', async () => {
    const response = await get('stranger', `/reports/enterprises/${target}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('ACCESS_NO_CONSENT');
    const log = await database.pool.query<{ outcome: string; refusal_reason: string; resource: string }>(
      `SELECT outcome, refusal_reason, resource FROM access_log WHERE actor_member_id = $1`,
      [stranger.id],
    );
    expect(log.rows).toEqual([
      { outcome: 'refused', refusal_reason: 'no_consent', resource: 'reports.credit_report' },
    ]);
    await expect(
      app.services.reports.getCreditReport({
        actor: actorFor(stranger),
        creditCode: target,
        purpose: 'credit_assessment',
      }),
    ).rejects.toSatisfy((error) => isAppError(error) && error.code === 'ACCESS_NO_CONSENT');
  });

  it('renders printable HTML with every value escaped and labels in the asked language', async () => {
    const response = await get('owner', `/reports/enterprises/${target}?format=html&lang=en`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).not.toContain('<script>');
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;恶意公司');
    expect(response.body).toContain('Credit assessment report');
    expect(response.body).not.toMatch(/<link|src=/);
    const report = await app.services.reports.getCreditReport({
      actor: operator,
      creditCode: target,
      purpose: 'credit_assessment',
    });
    const zh = renderCreditReportHtml(report, 'zh-CN');
    expect(zh).toContain('企业信用评估报告');
    expect(zh).not.toContain('<script>');
  });
});

describe('diagnosis for the enterprise itself', () => {
  it('gives deviation scores against province peers, ranks and advice in both languages', async () => {
    const response = await get('owner', '/reports/my/diagnosis');
    expect(response.statusCode).toBe(200);
    const diagnosis = response.json();
    expect(diagnosis).toMatchObject({ creditCode: target, periodEnd: '2025-12-31' });
    expect(diagnosis.peerGroup).toMatchObject({ level: 'industry_size_province', count: 12 });
    expect(diagnosis.categories).toHaveLength(10);
    const solvency = diagnosis.categories.find(
      (category: { id: string }) => category.id === 'short_term_solvency',
    );
    // Current ratios step by 0.1 over i = 0…11: mean at i = 5.5, sample sd 0.1·√13; the firm is i = 3.
    expect(solvency.deviationScore).toBeCloseTo(50 - (10 * 2.5) / Math.sqrt(13), 8);
    expect(solvency).toMatchObject({ rank: 'D', assessment: 'weakness' });
    expect(solvency.advice.en).toMatch(/short-term/);
    expect(solvency.advice.zh).toMatch(/短期/);
    const growth = diagnosis.categories.find((category: { id: string }) => category.id === 'growth');
    expect(growth).toMatchObject({ value: null, rank: null, assessment: 'unknown' });
    // The firm's stock is 400,000 + 3 · 60,000 = 580,000 yuan; receivables 50,000 + 300,000; payables
    // 0 + 250,000: need 680,000 yuan, with sales of 3,000,000 a year = 2.72 months.
    expect(diagnosis.workingCapitalNeed).toMatchObject({
      amountFen: 68_000_000,
      receivablesFen: 35_000_000,
      inventoriesFen: 58_000_000,
      payablesFen: 25_000_000,
    });
    expect(diagnosis.workingCapitalNeed.monthsOfSales).toBeCloseTo(2.72, 10);
    // Debt 200,000 + 0 + 300,000 yuan over net profit 255,000 (no earlier statement: no depreciation
    // charge), and over operating cash flow 270,000.
    expect(diagnosis.debtRepayment.interestBearingDebtFen).toBe(50_000_000);
    expect(diagnosis.debtRepayment.earnings.years).toBeCloseTo(500_000 / 255_000, 10);
    expect(diagnosis.debtRepayment.operatingCashFlow.years).toBeCloseTo(500_000 / 270_000, 10);
    expect(diagnosis.debtRepayment.advice.zh).toMatch(/10年内/);
    expect((await get('submitter', '/reports/my/diagnosis')).statusCode).toBe(403);
  });
});

describe('peer statistics', () => {
  const cellOf = (statistics: TPeerStatistics, provinceCode: string | null) =>
    statistics.cells.find((cell) => cell.provinceCode === provinceCode);

  it('suppresses cells under 10 firms and the complementary cell, and publishes the rest', async () => {
    const response = await get('regulator', '/reports/peer-statistics?year=2025');
    expect(response.statusCode).toBe(200);
    const statistics = response.json() as TPeerStatistics;
    const sz = cellOf(statistics, '44');
    expect(sz).toMatchObject({ suppression: null, count: 12, defaultRate: 0 });
    const all = sz?.subgroups.find((subgroup) => subgroup.subgroup === 'all');
    // Current ratios 2.1333 … 3.2333 in steps of 0.1: median (2.6333 + 2.7333) / 2.
    expect(all?.indicators.current_ratio?.median).toBeCloseTo(2.6833333333, 8);
    expect(all?.indicators.current_ratio?.mean).toBeCloseTo(2.6833333333, 8);
    // percentile_cont(0.3) over 12 values: position 0.3 × 11 = 3.3 → 2.4333 + 0.3 × 0.1.
    expect(all?.indicators.current_ratio?.p30).toBeCloseTo(2.4633333333, 8);
    expect(sz?.subgroups.find((subgroup) => subgroup.subgroup === 'default')?.suppressed).toBe(true);
    expect(cellOf(statistics, '31')).toMatchObject({ suppression: 'primary', count: null });
    expect(
      cellOf(statistics, '31')?.subgroups.every((subgroup) => subgroup.indicators.current_ratio === null),
    ).toBe(true);
    // Beijing (11) is hidden too: else the margin (26) minus Shenzhen and Beijing would give Shanghai.
    expect(cellOf(statistics, '11')).toMatchObject({ suppression: 'complementary', count: null });
    expect(cellOf(statistics, null)).toMatchObject({ level: 'industry_size', suppression: null, count: 26 });
  });

  it('exports CSV with suppressed figures left empty, and refuses enterprise users', async () => {
    const response = await get('submitter', '/reports/peer-statistics?year=2025&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'year,level,industry_group,size_class,province_code,suppression,count,default_rate,subgroup,subgroup_count,indicator,mean,median,sd,p30,p70',
    );
    const shanghaiLine = lines.find(
      (line) => line.includes(',31,primary,') && line.includes(',current_ratio,'),
    );
    expect(shanghaiLine).toMatch(/,current_ratio,,,,,$/);
    const shenzhenLine = lines.find(
      (line) => line.includes(',44,,12,') && line.includes(',all,12,current_ratio,'),
    );
    expect(shenzhenLine).toBeDefined();
    expect((await get('owner', '/reports/peer-statistics?year=2025')).statusCode).toBe(403);
  });
});
