import { beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  csv,
  newCreditCode,
  newMember,
  registerEnterprises,
  submitText,
  testServices,
} from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-database.js';
import type { Database } from '../../../platform/db/database.js';
import type { Services } from '../../../services.js';
import { CANONICAL_COLUMNS } from '../../demo/index.js';
import { newStatements } from '../../registry/domain/statement.fixtures.js';
import { STATEMENT_LINE_FIELDS } from '../../registry/import/submission-kinds.js';
import {
  computeRatios,
  createRegistryFeatureReader,
  type RegistryFeatureReader,
} from '../../registry/index.js';

let database: Database;
let services: Services;
let reader: RegistryFeatureReader;
const firm = newCreditCode();
const empty = newCreditCode();
const defaulter = newCreditCode();
const AS_OF = '2025-12-31';

function statementRow(code: string, values: Record<string, number | null>, periodEnd: string) {
  const cells = STATEMENT_LINE_FIELDS.map((field) => {
    const fen = values[field];
    return fen === null || fen === undefined ? '' : (fen / 100).toFixed(2);
  });
  return [code, periodEnd, 'annual', ...cells];
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = testServices(database);
  reader = createRegistryFeatureReader(database.pool);
  const bank = await newMember(services);
  const actor = actorFor(bank);
  await registerEnterprises(services, actor, [firm, empty, defaulter]);
  const submit = async (kind: 'statements' | 'invoices' | 'loans' | 'public_records', text: string) => {
    const { submission } = await submitText(services, actor, kind, text);
    expect(submission.errors).toEqual([]);
  };
  await submit(
    'statements',
    csv(
      ['credit_code', 'period_end', 'period_type', ...STATEMENT_LINE_FIELDS],
      [statementRow(firm, newStatements(), '2024-12-31'), statementRow(firm, newStatements(), '2025-12-31')],
    ),
  );
  const invoice = (
    no: string,
    direction: string,
    on: string,
    party: string,
    total: string,
    status = 'valid',
  ) => [firm, direction, no, on, party, total, '0.00', total, status];
  await submit(
    'invoices',
    csv(
      [...CANONICAL_COLUMNS.invoices],
      [
        invoice('I1', 'sales', '2025-02-10', 'X', '1000.00'),
        invoice('I2', 'sales', '2025-03-15', 'X', '2000.00'),
        invoice('I3', 'sales', '2025-08-20', 'Y', '1000.00'),
        invoice('I4', 'sales', '2025-09-05', 'X', '1000.00', 'void'),
        invoice('I5', 'sales', '2025-10-01', 'Y', '-500.00'),
        invoice('P1', 'purchase', '2025-04-01', 'S', '600.00'),
        invoice('P2', 'purchase', '2025-11-01', 'T', '200.00'),
        invoice('I0', 'sales', '2024-06-01', 'Z', '9999.00'),
      ],
    ),
  );
  const loan = (code: string, ref: string, cells: string[]) => [code, ref, 'working_capital', ...cells];
  await submit(
    'loans',
    csv(
      [...CANONICAL_COLUMNS.loans],
      [
        loan(firm, 'L1', [
          '10000',
          '2024-06-01',
          '2026-06-01',
          '2025-03-31',
          '8000',
          '30',
          'overdue',
          '',
          'none',
        ]),
        loan(firm, 'L1', [
          '10000',
          '2024-06-01',
          '2026-06-01',
          '2025-06-30',
          '6000',
          '0',
          'current',
          '',
          'none',
        ]),
        loan(firm, 'L2', [
          '5000',
          '2023-01-01',
          '2024-12-31',
          '2024-09-30',
          '1000',
          '45',
          'overdue',
          '',
          'none',
        ]),
        loan(firm, 'L2', ['5000', '2023-01-01', '2024-12-31', '2024-12-31', '0', '0', 'closed', '', 'none']),
        loan(defaulter, 'D1', [
          '9000',
          '2025-01-01',
          '2027-01-01',
          '2026-03-31',
          '9000',
          '95',
          'default',
          '2026-03-01',
          'none',
        ]),
      ],
    ),
  );
  await submit(
    'public_records',
    csv(
      [...CANONICAL_COLUMNS.public_records],
      [
        [firm, 'court_judgment', 'R1', 'Court', '2023-05-01', '', '100.00', ''],
        [firm, 'administrative_penalty', 'R2', 'SAMR', '2019-05-01', '', '100.00', ''],
        [firm, 'tax_arrears', 'R3', 'Tax bureau', '2026-01-15', '', '100.00', ''],
      ],
    ),
  );
});

describe('registry features as of a date', () => {
  it('aggregates invoices in SQL: totals, trend, shares, concentration, volatility, counterparties', async () => {
    const [row] = await reader.readEnterpriseFeatures({ asOf: AS_OF, creditCodes: [firm] });
    const v = row?.values ?? {};
    expect(v.inv_sales_total_12m_fen).toBe(350_000);
    expect(v.inv_purchase_total_12m_fen).toBe(80_000);
    expect(v.inv_sales_trend).toBeCloseTo(500 / 3000 - 1, 12);
    expect(v.inv_void_share).toBeCloseTo(1 / 7, 12);
    expect(v.inv_negative_share).toBeCloseTo(1 / 7, 12);
    expect(v.inv_customer_hhi).toBeCloseTo(37 / 49, 12);
    expect(v.inv_top_customer_share).toBeCloseTo(6 / 7, 12);
    expect(v.inv_supplier_hhi).toBeCloseTo(0.625, 12);
    expect(v.inv_top_supplier_share).toBeCloseTo(0.75, 12);
    const monthly = [100_000, 200_000, 100_000, -50_000];
    const mean = monthly.reduce((a, b) => a + b) / 12;
    const meanSquare = monthly.reduce((a, b) => a + b * b, 0) / 12;
    expect(v.inv_sales_monthly_cv).toBeCloseTo(Math.sqrt(meanSquare - mean * mean) / mean, 9);
    expect(v.inv_active_months).toBe(4);
    expect(v.inv_customers).toBe(2);
    expect(v.inv_suppliers).toBe(2);
  });

  it('reads loan behaviour and public records within their windows only', async () => {
    const [row] = await reader.readEnterpriseFeatures({ asOf: AS_OF, creditCodes: [firm] });
    const v = row?.values ?? {};
    expect(v.loan_max_dpd_12m).toBe(30);
    expect(v.loan_count).toBe(2);
    expect(v.loan_lenders).toBe(1);
    expect(v.loan_any_default).toBe(0);
    expect(v.loan_outstanding_fen).toBe(600_000);
    expect(v.pub_court_judgment_5y).toBe(1);
    expect(v.pub_administrative_penalty_5y).toBe(0);
    expect(v.pub_tax_arrears_5y).toBe(0);
    expect(v.ent_age_years).toBeCloseTo(
      (Date.parse(AS_OF) - Date.parse('2015-03-01')) / 86_400_000 / 365.25,
      9,
    );
  });

  it('computes the ratios of the latest annual statement against the previous one', async () => {
    const expected = computeRatios(newStatements(), newStatements());
    const [row] = await reader.readEnterpriseFeatures({ asOf: AS_OF, creditCodes: [firm] });
    expect(row?.values.fin_current_ratio).toBe(expected.current_ratio);
    expect(row?.values.fin_revenue_growth).toBe(expected.revenue_growth);
    expect(row?.values.fin_revenue_growth).toBe(0);
    expect(row?.values.fin_statement_age_days).toBe(0);
    // As of mid-2025 the 2025 statement does not exist yet: the 2024 one stands alone.
    const [earlier] = await reader.readEnterpriseFeatures({ asOf: '2025-06-30', creditCodes: [firm] });
    expect(earlier?.values.fin_current_ratio).toBe(computeRatios(newStatements()).current_ratio);
    expect(earlier?.values.fin_revenue_growth).toBeNull();
  });

  it('gives missing invoice features and zero counts to a firm without facts', async () => {
    const [row] = await reader.readEnterpriseFeatures({ asOf: AS_OF, creditCodes: [empty] });
    expect(row?.values.inv_sales_total_12m_fen).toBeNull();
    expect(row?.values.fin_current_ratio).toBeNull();
    expect(row?.values.loan_count).toBe(0);
    expect(row?.values.pub_court_judgment_5y).toBe(0);
  });

  it('pages through enterprises in credit-code order', async () => {
    const codes = [firm, empty, defaulter].sort();
    const first = await reader.readEnterpriseFeatures({ asOf: AS_OF, limit: 2 });
    const second = await reader.readEnterpriseFeatures({
      asOf: AS_OF,
      limit: 2,
      after: first[1]?.creditCode,
    });
    expect([...first, ...second].map((row) => row.creditCode)).toEqual(codes);
  });

  it('labels defaults inside the horizon and those before the as-of date', async () => {
    const outcomes = await reader.readDefaultOutcomes({
      creditCodes: [firm, defaulter],
      asOf: AS_OF,
      horizonMonths: 12,
    });
    expect(outcomes.get(firm)).toEqual({ defaultedBefore: false, defaultedInWindow: false });
    expect(outcomes.get(defaulter)).toEqual({ defaultedBefore: false, defaultedInWindow: true });
    const later = await reader.readDefaultOutcomes({
      creditCodes: [defaulter],
      asOf: '2026-06-30',
      horizonMonths: 12,
    });
    expect(later.get(defaulter)).toEqual({ defaultedBefore: true, defaultedInWindow: false });
    const [row] = await reader.readEnterpriseFeatures({ asOf: '2026-06-30', creditCodes: [defaulter] });
    expect(row?.values.loan_any_default).toBe(1);
    expect(row?.values.loan_max_dpd_12m).toBe(95);
  });
});
