import ExcelJS from 'exceljs';
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
import type { TActor } from '../../access/index.js';
import { newStatements } from '../../registry/domain/statement.fixtures.js';
import { STATEMENT_LINE_FIELDS } from '../../registry/index.js';
import type { TPeerStatistics } from '../reports.schemas.js';

let h: HttpHarness;
let app: HttpHarness['app'];
let lender: TActor;
const operator: TActor = actorFor({ id: 'mbr_op', name: 'Operator', kind: 'operator' }, 'operator');
const YEAR = 2025;

// 12 Shenzhen firms of one industry and size: one published cell (12 ≥ 10) and its margin.
const firstWave = Array.from({ length: 12 }, () => newCreditCode());
const secondWave = Array.from({ length: 3 }, () => newCreditCode());

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
  return [code, `${YEAR}-12-31`, 'annual', ...cells];
}

async function submitFirms(codes: string[], offset: number) {
  const services = app.services;
  const enterprises = await submitText(
    services,
    lender,
    'enterprises',
    csv(
      ENTERPRISE_HEADER,
      codes.map((code) => enterpriseRow(code)),
    ),
  );
  expect(enterprises.submission.errors).toEqual([]);
  const statements = await submitText(
    services,
    lender,
    'statements',
    csv(
      ['credit_code', 'period_end', 'period_type', ...STATEMENT_LINE_FIELDS],
      codes.map((code, index) => statementRow(code, (offset + index) * 60_000)),
    ),
  );
  expect(statements.submission.errors).toEqual([]);
}

const request: HttpHarness['call'] = (...args) => h.call(...args);

const shenzhenCell = (statistics: TPeerStatistics) =>
  statistics.cells.find((cell) => cell.level === 'cell' && cell.provinceCode === '44');

beforeAll(async () => {
  h = await startHttpHarness();
  app = h.app;
  const member = await newMember(app.services, 'bank', 'Snapshot Bank');
  lender = actorFor(member);
  await submitFirms(firstWave, 0);
  await h.addUser('operator', 'operator');
  await h.addUser('analyst', 'analyst', { memberId: member.id });
}, 120_000);

afterAll(async () => {
  await h.close();
});

describe('peer-statistics snapshots', () => {
  it('freezes a year as numbered versions that late submissions do not change', async () => {
    const first = await request('operator', 'POST', '/reports/peer-statistics/snapshots', { year: YEAR });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: `pss_${YEAR}_v1`, year: YEAR, version: 1, enterpriseCount: 12 });

    await submitFirms(secondWave, 12);
    const live = await app.services.reports.getPeerStatistics({ actor: operator, year: YEAR });
    expect(shenzhenCell(live)?.count).toBe(15);

    const second = await request('operator', 'POST', '/reports/peer-statistics/snapshots', { year: YEAR });
    expect(second.json()).toMatchObject({ version: 2, enterpriseCount: 15 });

    const v1 = await request('analyst', 'GET', `/reports/peer-statistics/snapshots/${YEAR}/1`);
    expect(v1.statusCode).toBe(200);
    const frozen = v1.json() as { snapshot: { version: number }; statistics: TPeerStatistics };
    expect(frozen.snapshot.version).toBe(1);
    const frozenCell = shenzhenCell(frozen.statistics);
    expect(frozenCell?.count).toBe(12);
    expect(frozenCell?.provinceName?.en).toBe('Guangdong');
    // Current ratio = (1,280,000 + 60,000·i) / 600,000 for i = 0..11: median at i = 5.5.
    const all = frozenCell?.subgroups.find((subgroup) => subgroup.subgroup === 'all');
    expect(all?.indicators.current_ratio?.median).toBeCloseTo((1_280_000 + 60_000 * 5.5) / 600_000, 9);
    // No firm defaulted: the default subgroup (0 < 10 firms) is suppressed in the snapshot too.
    const defaults = frozenCell?.subgroups.find((subgroup) => subgroup.subgroup === 'default');
    expect(defaults).toMatchObject({ suppressed: true, count: null });

    const latest = await request('analyst', 'GET', `/reports/peer-statistics/snapshots/${YEAR}/latest`);
    const latestBody = latest.json() as { snapshot: { version: number }; statistics: TPeerStatistics };
    expect(latestBody.snapshot.version).toBe(2);
    // The latest snapshot is exactly what the live statistics were when it was taken.
    expect(latestBody.statistics).toEqual(live);

    const list = await request('analyst', 'GET', `/reports/peer-statistics/snapshots?year=${YEAR}`);
    expect(list.json().map((entry: { version: number }) => entry.version)).toEqual([2, 1]);
  }, 60_000);

  it('exports a snapshot as CSV and XLSX with the same figures and suppression', async () => {
    const csvResponse = await request(
      'analyst',
      'GET',
      `/reports/peer-statistics/snapshots/${YEAR}/1?format=csv`,
    );
    expect(csvResponse.headers['content-disposition']).toContain(`peer-statistics-${YEAR}-v1.csv`);
    const csvLines = csvResponse.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');

    const xlsxResponse = await request(
      'analyst',
      'GET',
      `/reports/peer-statistics/snapshots/${YEAR}/1?format=xlsx`,
    );
    expect(xlsxResponse.statusCode).toBe(200);
    expect(xlsxResponse.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxResponse.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('peer_statistics');
    if (!sheet) throw new Error('the workbook has no peer_statistics sheet');
    expect(sheet.rowCount).toBe(csvLines.length);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.join(',')).toBe(csvLines[0]);
    const medianColumn = header.indexOf('median') + 1;
    const indicatorColumn = header.indexOf('indicator') + 1;
    const provinceColumn = header.indexOf('province_code') + 1;
    const subgroupColumn = header.indexOf('subgroup') + 1;
    let checked = 0;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const isTarget =
        row.getCell(provinceColumn).value === '44' &&
        row.getCell(indicatorColumn).value === 'current_ratio' &&
        row.getCell(subgroupColumn).value === 'all';
      if (!isTarget) return;
      // A number cell, not text.
      expect(row.getCell(medianColumn).value).toBeCloseTo((1_280_000 + 60_000 * 5.5) / 600_000, 9);
      checked++;
    });
    expect(checked).toBe(1);
    const about = workbook.getWorksheet('about');
    expect(about?.getRow(2).values).toEqual([undefined, 'snapshot_version', 1]);

    const liveXlsx = await request('analyst', 'GET', `/reports/peer-statistics?year=${YEAR}&format=xlsx`);
    expect(liveXlsx.statusCode).toBe(200);
  }, 60_000);

  it('refuses publishing to non-operators and says when a version does not exist', async () => {
    const refused = await request('analyst', 'POST', '/reports/peer-statistics/snapshots', { year: YEAR });
    expect(refused.statusCode).toBe(403);
    const missing = await request('analyst', 'GET', `/reports/peer-statistics/snapshots/${YEAR}/9`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe(`no peer-statistics snapshot version 9 for ${YEAR}`);
    const none = await request('analyst', 'GET', '/reports/peer-statistics/snapshots/2019/latest');
    expect(none.json().message).toContain('no peer-statistics snapshot for 2019 yet');
    const badYear = await request('operator', 'POST', '/reports/peer-statistics/snapshots', { year: 1800 });
    expect(badYear.statusCode).toBe(400);
  }, 30_000);
});
