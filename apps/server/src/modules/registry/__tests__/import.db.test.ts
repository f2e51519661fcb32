import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  csv,
  ENTERPRISE_HEADER,
  enterpriseRow,
  newCreditCode,
  newMember,
  registerEnterprises,
  submitText,
  testServices,
} from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import type { Services } from '../../../services.js';
import { newStatements } from '../domain/statement.fixtures.js';
import { STATEMENT_LINE_FIELDS } from '../import/submission-kinds.js';

let database: Database;
let services: Services;
let bank: Awaited<ReturnType<typeof newMember>>;

beforeAll(async () => {
  database = await createTestDatabase();
  services = testServices(database);
  bank = await newMember(services);
});

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const result = await database.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return result.rows[0].n;
}

const INVOICE_HEADER = [
  'credit_code',
  'direction',
  'invoice_no',
  'issued_on',
  'counterparty',
  'amount',
  'tax',
  'total',
  'status',
];

function statementCsv(code: string, values: Record<string, number | null>, periodEnd = '2025-12-31') {
  const header = ['credit_code', 'period_end', 'period_type', ...STATEMENT_LINE_FIELDS];
  const cells = STATEMENT_LINE_FIELDS.map((field) => {
    const fen = values[field];
    return fen === null || fen === undefined ? '' : (fen / 100).toFixed(2);
  });
  return csv(header, [[code, periodEnd, 'annual', ...cells]]);
}

describe('enterprise profiles', () => {
  it('registers a valid profile, derives province and size class', async () => {
    const code = newCreditCode();
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(code)]),
    );
    expect(submission).toMatchObject({ status: 'accepted', rowsTotal: 1, rowsAccepted: 1, errorCount: 0 });
    const detail = await services.registry.getEnterprise({ actor: actorFor(bank), creditCode: code });
    // industry C39, 120 staff, revenue 5,200 万元 → medium (≥300 staff needed for... no: medium needs ≥300 & ≥2000万)
    expect(detail).toMatchObject({
      creditCode: code,
      name: '深圳市测试科技有限公司',
      industryGroup: 'industry',
      sizeClass: 'small',
      provinceName: { zh: '广东省', en: 'Guangdong' },
      annualRevenueFen: 5_200_000_000,
    });
  });

  it('keeps conflicting values from two members with their source and flags the enterprise', async () => {
    const code = newCreditCode();
    const other = await newMember(services);
    await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(code, { employees: 120 })]),
    );
    await submitText(
      services,
      actorFor(other),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(code, { employees: 95 })]),
    );
    const detail = await services.registry.getEnterprise({ actor: actorFor(bank), creditCode: code });
    expect(detail.hasConflicts).toBe(true);
    expect(detail.sourceCount).toBe(2);
    const employees = detail.fields.find((field) => field.field === 'employees');
    expect(employees?.hasConflict).toBe(true);
    expect(employees?.value).toBe('95'); // the most recent submission wins the consolidated record
    expect(employees?.sources.map((source) => [source.memberId, source.value]).sort()).toEqual(
      [
        [bank.id, '120'],
        [other.id, '95'],
      ].sort(),
    );
  });

  it('stores names with SQL metacharacters verbatim and leaves the tables intact', async () => {
    const code = newCreditCode();
    const name = 'Robert\'); DROP TABLE enterprises;-- \\ "quoted"';
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(code, { name: `"${name.replaceAll('"', '""')}"` })]),
    );
    expect(submission.status).toBe('accepted');
    const detail = await services.registry.getEnterprise({ actor: actorFor(bank), creditCode: code });
    expect(detail.name).toBe(name);
    expect(await count('enterprises')).toBeGreaterThan(0);
  });

  it('reports each bad cell with row, field, value, rule and a message, and writes nothing in all-or-nothing mode', async () => {
    const good = newCreditCode();
    const rows = [
      enterpriseRow(good),
      enterpriseRow(newCreditCode(), { employees: -3 }),
      enterpriseRow('914403001922038217'),
      enterpriseRow(newCreditCode(), { established_on: '2031-01-01' }),
      enterpriseRow(newCreditCode(), { established_on: '2024/01/05' }),
      enterpriseRow(newCreditCode(), { employees: 'many' }),
      enterpriseRow(newCreditCode(), { name: "=cmd|' /C calc'!A0" }),
      enterpriseRow(newCreditCode(), { annual_revenue: '12.345' }),
    ];
    const before = await count('enterprises');
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, rows),
    );
    expect(submission.status).toBe('rejected');
    expect(submission.rowsAccepted).toBe(0);
    expect(await count('enterprises')).toBe(before);
    const byRow = Object.fromEntries(submission.errors.map((error) => [error.row, error]));
    expect(byRow[3]).toMatchObject({ field: 'employees', value: '-3', rule: 'min' });
    expect(byRow[4]).toMatchObject({ field: 'credit_code', rule: 'credit_code' });
    expect(byRow[4]?.message).toContain("position 18 should be '6'");
    expect(byRow[5]).toMatchObject({ field: 'established_on', rule: 'future_date' });
    expect(byRow[6]).toMatchObject({ field: 'established_on', value: '2024/01/05', rule: 'date' });
    expect(byRow[7]).toMatchObject({ field: 'employees', value: 'many', rule: 'integer' });
    expect(byRow[8]).toMatchObject({ field: 'name', rule: 'formula_injection' });
    expect(byRow[9]).toMatchObject({ field: 'annual_revenue', rule: 'money' });
    expect(byRow[9]?.message).toContain('more than 2 decimals');
  });

  it('accepts the valid rows and reports the rest in accept-valid mode', async () => {
    const good = newCreditCode();
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(good), enterpriseRow(newCreditCode(), { employees: -1 })]),
      { mode: 'accept_valid' },
    );
    expect(submission).toMatchObject({
      status: 'partially_accepted',
      rowsAccepted: 1,
      rowsRejected: 1,
      errorCount: 1,
    });
    expect(await count('enterprises', 'credit_code = $1', [good])).toBe(1);
  });

  it('refuses duplicate rows inside one file, naming the first', async () => {
    const code = newCreditCode();
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(code), enterpriseRow(code, { employees: 7 })]),
    );
    expect(submission.status).toBe('rejected');
    expect(submission.errors[0]).toMatchObject({ row: 3, rule: 'duplicate_row' });
    expect(submission.errors[0]?.message).toContain('row 2');
  });

  it('counts the same file sent twice once', async () => {
    const text = csv(ENTERPRISE_HEADER, [enterpriseRow(newCreditCode())]);
    const first = await submitText(services, actorFor(bank), 'enterprises', text);
    const second = await submitText(services, actorFor(bank), 'enterprises', text);
    expect(first.submission.duplicateOf).toBeNull();
    expect(second.submission.duplicateOf).toBe(first.submission.id);
    expect(second.submission.id).toBe(first.submission.id);
    expect(await count('submissions', 'id = $1', [first.submission.id])).toBe(1);
    expect(await count('enterprise_sources', 'submission_id = $1', [first.submission.id])).toBe(1);
  });
});

describe('file-level faults', () => {
  it('refuses a GBK file with a sentence saying what to do, and accepts it when the encoding is given', async () => {
    const code = newCreditCode();
    const gbk = iconv.encode(
      csv(ENTERPRISE_HEADER, [enterpriseRow(code, { name: '杭州市西湖食品有限公司' })]),
      'gbk',
    );
    await expect(submitText(services, actorFor(bank), 'enterprises', gbk)).rejects.toMatchObject({
      code: 'REGISTRY_BAD_ENCODING',
      message: expect.stringContaining('GBK/GB18030'),
    });
    expect(await count('enterprises', 'credit_code = $1', [code])).toBe(0);
    const rejected = await database.pool.query(
      "SELECT count(*)::int AS n FROM submission_errors e JOIN submissions s ON s.id = e.submission_id WHERE s.status = 'rejected' AND e.rule = 'encoding'",
    );
    expect(rejected.rows[0].n).toBeGreaterThan(0);
    const { submission } = await submitText(services, actorFor(bank), 'enterprises', gbk, {
      encoding: 'gb18030',
    });
    expect(submission.status).toBe('accepted');
    const detail = await services.registry.getEnterprise({ actor: actorFor(bank), creditCode: code });
    expect(detail.name).toBe('杭州市西湖食品有限公司');
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const code = newCreditCode();
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      `\uFEFF${csv(ENTERPRISE_HEADER, [enterpriseRow(code)])}`,
    );
    expect(submission.status).toBe('accepted');
  });

  it('names missing and unknown columns', async () => {
    const header = ENTERPRISE_HEADER.filter((column) => column !== 'name').concat('favourite_colour');
    await expect(
      submitText(
        services,
        actorFor(bank),
        'enterprises',
        csv(header, [[newCreditCode(), 'C39', '', '', '', '', 'blue']]),
      ),
    ).rejects.toMatchObject({
      code: 'REGISTRY_BAD_HEADER',
      message: expect.stringMatching(
        /missing required column\(s\): name.*unknown column\(s\): favourite_colour/,
      ),
    });
  });

  it('reports a row with too few or too many cells', async () => {
    const text = `${ENTERPRISE_HEADER.join(',')}\n${enterpriseRow(newCreditCode()).slice(0, 3).join(',')}\n`;
    const { submission } = await submitText(services, actorFor(bank), 'enterprises', text);
    expect(submission.errors[0]).toMatchObject({ row: 2, rule: 'column_count' });
  });

  it('refuses an empty file', async () => {
    await expect(submitText(services, actorFor(bank), 'enterprises', '')).rejects.toMatchObject({
      code: 'REGISTRY_BAD_HEADER',
    });
  });

  it('reads JSON arrays and one object per line', async () => {
    const [a, b] = [newCreditCode(), newCreditCode()];
    const object = (code: string) => ({
      credit_code: code,
      name: '测试',
      industry_code: '5212',
      employees: 12,
    });
    const array = await submitText(services, actorFor(bank), 'enterprises', JSON.stringify([object(a)]), {
      format: 'json',
    });
    expect(array.submission.status).toBe('accepted');
    const lines = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      `${JSON.stringify(object(b))}\n`,
      { format: 'json' },
    );
    expect(lines.submission.status).toBe('accepted');
    expect(await count('enterprises', 'credit_code = ANY($1)', [[a, b]])).toBe(2);
  });

  it('reads the first worksheet of an XLSX file', async () => {
    const code = newCreditCode();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业');
    sheet.addRow(ENTERPRISE_HEADER);
    sheet.addRow([
      code,
      '宁波测试贸易有限公司',
      '5179',
      new Date(Date.UTC(2012, 4, 1)),
      18,
      8000000,
      2500000.5,
    ]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { submission } = await submitText(services, actorFor(bank), 'enterprises', buffer, {
      format: 'xlsx',
    });
    expect(submission.errors).toEqual([]);
    const detail = await services.registry.getEnterprise({ actor: actorFor(bank), creditCode: code });
    expect(detail).toMatchObject({ establishedOn: '2012-05-01', employees: 18, totalAssetsFen: 250_000_050 });
  });
});

describe('statements, loans, public records and invoices', () => {
  it('accepts a balanced statement and refuses an unbalanced one with the rows named', async () => {
    const code = newCreditCode();
    await registerEnterprises(services, actorFor(bank), [code]);
    const balanced = await submitText(
      services,
      actorFor(bank),
      'statements',
      statementCsv(code, newStatements()),
    );
    expect(balanced.submission.errors).toEqual([]);
    const values = newStatements();
    values.bs_30 = (values.bs_30 ?? 0) + 500_000; // total assets 5,000 yuan too high
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'statements',
      statementCsv(code, values, '2024-12-31'),
    );
    expect(submission.status).toBe('rejected');
    const fields = submission.errors.map((error) => error.field);
    expect(fields).toContain('bs_30');
    expect(submission.errors.map((error) => error.message).join(' ')).toMatch(/bs_30/);
  });

  it('keeps an older statement version when a member resubmits the period', async () => {
    const code = newCreditCode();
    await registerEnterprises(services, actorFor(bank), [code]);
    const first = newStatements();
    await submitText(services, actorFor(bank), 'statements', statementCsv(code, first));
    const revised = newStatements({
      bs_01: (first.bs_01 ?? 0) + 100,
      bs_15: (first.bs_15 ?? 0) + 100,
      bs_30: (first.bs_30 ?? 0) + 100,
      bs_51: (first.bs_51 ?? 0) + 100,
      bs_52: (first.bs_52 ?? 0) + 100,
      bs_53: (first.bs_53 ?? 0) + 100,
    });
    const second = await submitText(services, actorFor(bank), 'statements', statementCsv(code, revised));
    expect(second.submission.errors).toEqual([]);
    const rows = await database.pool.query(
      'SELECT superseded_by IS NULL AS current FROM statements WHERE credit_code = $1 ORDER BY id',
      [code],
    );
    expect(rows.rows.map((row) => row.current)).toEqual([false, true]);
  });

  it('refuses facts about an enterprise the registry does not know', async () => {
    const unknown = newCreditCode();
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'invoices',
      csv(INVOICE_HEADER, [
        [unknown, 'sales', '00012345', '2025-03-01', 'B00001', '100.00', '13.00', '113.00', 'valid'],
      ]),
    );
    expect(submission.status).toBe('rejected');
    expect(submission.errors[0]).toMatchObject({ row: 2, field: 'credit_code', rule: 'enterprise_unknown' });
    expect(await count('invoices', 'credit_code = $1', [unknown])).toBe(0);
  });

  it('checks invoice totals, accepts Chinese status words, and never registers the same invoice twice', async () => {
    const code = newCreditCode();
    await registerEnterprises(services, actorFor(bank), [code]);
    const rows = [
      [code, 'sales', '1', '2025-03-01', 'B1', '100.00', '13.00', '113.00', '有效发票'],
      [code, 'purchase', '2', '2025-03-02', 'A7', '-943.4', '-56.6', '-1000.0', '作废发票'],
      [code, 'sales', '3', '2025-03-03', 'B1', '100.00', '13.00', '120.00', 'valid'],
    ];
    const first = await submitText(services, actorFor(bank), 'invoices', csv(INVOICE_HEADER, rows), {
      mode: 'accept_valid',
    });
    expect(first.submission).toMatchObject({ status: 'partially_accepted', rowsAccepted: 2 });
    expect(first.submission.errors[0]).toMatchObject({
      row: 4,
      field: 'total',
      rule: 'total_equals_amount_plus_tax',
    });
    const stored = await database.pool.query(
      'SELECT amount_fen, tax_fen, total_fen, is_void FROM invoices WHERE credit_code = $1 ORDER BY invoice_no',
      [code],
    );
    expect(stored.rows).toEqual([
      { amount_fen: 10_000, tax_fen: 1_300, total_fen: 11_300, is_void: false },
      { amount_fen: -94_340, tax_fen: -5_660, total_fen: -100_000, is_void: true },
    ]);
    // A second, different file that repeats one invoice: only the new one is registered.
    const overlap = [rows[0] as string[], [code, 'sales', '4', '2025-03-04', 'B2', '10', '0', '10', 'valid']];
    const second = await submitText(services, actorFor(bank), 'invoices', csv(INVOICE_HEADER, overlap));
    expect(second.submission.status).toBe('accepted');
    expect(await count('invoices', 'credit_code = $1', [code])).toBe(3);
  });

  it('checks loan dates and requires a default date on defaulted loans', async () => {
    const code = newCreditCode();
    await registerEnterprises(services, actorFor(bank), [code]);
    const header = [
      'credit_code',
      'loan_ref',
      'product',
      'principal',
      'granted_on',
      'maturity_on',
      'as_of',
      'outstanding',
      'days_past_due',
      'status',
      'default_on',
      'collateral',
    ];
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'loans',
      csv(header, [
        [
          code,
          'L1',
          'working_capital',
          '500000',
          '2024-01-10',
          '2025-01-10',
          '2025-03-31',
          '500000',
          '95',
          'default',
          '',
          'guarantee',
        ],
        [
          code,
          'L2',
          'term',
          '100000',
          '2024-05-01',
          '2023-05-01',
          '2025-03-31',
          '0',
          '0',
          'closed',
          '',
          'none',
        ],
        [
          code,
          'L3',
          'term',
          '100000',
          '2024-05-01',
          '2027-05-01',
          '2025-03-31',
          '80000',
          '0',
          'current',
          '',
          '',
        ],
      ]),
      { mode: 'accept_valid' },
    );
    expect(submission.rowsAccepted).toBe(1);
    expect(submission.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'default_on', rule: 'required_for_default' }),
      expect.objectContaining({ row: 3, field: 'maturity_on', rule: 'date_order' }),
    ]);
  });
});

describe('the error report', () => {
  it('downloads every error as CSV, with cells neutralised against formula injection', async () => {
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(newCreditCode(), { name: '=HYPERLINK("http://x")' })]),
    );
    let text = '';
    for await (const chunk of services.registry.errorReportCsv({ actor: actorFor(bank), id: submission.id }))
      text += chunk;
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('row,field,value,rule,message');
    expect(lines[1]).toMatch(/^2,name,"'=HYPERLINK\(""http:\/\/x""\)",formula_injection,/);
  });

  it('hides another member’s submissions', async () => {
    const { submission } = await submitText(
      services,
      actorFor(bank),
      'enterprises',
      csv(ENTERPRISE_HEADER, [enterpriseRow(newCreditCode())]),
    );
    const stranger = await newMember(services);
    await expect(
      services.registry.getSubmission({ actor: actorFor(stranger), id: submission.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const page = await services.registry.listSubmissions({ actor: actorFor(stranger), limit: 50, offset: 0 });
    expect(page.items.map((item) => item.id)).not.toContain(submission.id);
  });
});

describe('data quality', () => {
  it('reports rows accepted and rejected and completeness by field per member and kind', async () => {
    const member = await newMember(services);
    await submitText(
      services,
      actorFor(member),
      'enterprises',
      csv(ENTERPRISE_HEADER, [
        enterpriseRow(newCreditCode()),
        enterpriseRow(newCreditCode(), { established_on: '' }),
        enterpriseRow(newCreditCode(), { employees: -1 }),
      ]),
      { mode: 'accept_valid' },
    );
    const quality = await services.registry.quality({ actor: actorFor(member) });
    expect(quality.members).toHaveLength(1);
    const kind = quality.members[0]?.kinds[0] as {
      kind: string;
      rowsAccepted: number;
      rowsRejected: number;
      completeness: Array<{ field: string; ratio: number }>;
    };
    expect(kind).toMatchObject({ kind: 'enterprises', rowsAccepted: 2, rowsRejected: 1 });
    const established = kind.completeness.find((entry) => entry.field === 'established_on');
    expect(established?.ratio).toBeCloseTo(2 / 3, 5);
  });
});
