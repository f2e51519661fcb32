import { describe, expect, it } from 'vitest';
import {
  classifyAltmanZone,
  computeAltmanZDoublePrime,
  computeRatios,
  RATIO_DEFINITIONS,
  RATIO_GROUPS,
  type RatioId,
} from './ratios.js';
import { newPreviousStatements, newStatements } from './statement.fixtures.js';

describe('computeRatios', () => {
  // Hand-computed from the fixture (in yuan): see statement.fixtures.ts.
  const expected: Record<RatioId, number> = {
    current_ratio: 1_280_000 / 600_000,
    quick_ratio: 880_000 / 600_000,
    cash_ratio: 500_000 / 600_000,
    working_capital: 68_000_000,
    debt_to_assets: 900_000 / 2_160_000,
    debt_to_equity: 900_000 / 1_260_000,
    equity_ratio: 1_260_000 / 2_160_000,
    financial_debt_to_equity: 500_000 / 1_260_000,
    ebit: 36_000_000,
    interest_coverage: 18,
    gross_margin: 0.3,
    operating_margin: 350_000 / 3_000_000,
    net_margin: 0.085,
    return_on_assets: 255_000 / 2_030_000,
    return_on_equity: 255_000 / 1_157_500,
    asset_turnover: 3_000_000 / 2_030_000,
    receivable_days: 39.541_666_666_7,
    inventory_days: 66.047_619_047_6,
    payable_days: 41.714_285_714_3,
    cash_conversion_cycle: 63.875,
    revenue_growth: 0.2,
    asset_growth: 2_160_000 / 1_900_000 - 1,
    equity_growth: 1_260_000 / 1_055_000 - 1,
    operating_cash_flow_to_current_liabilities: 0.45,
    operating_cash_flow_to_net_profit: 270_000 / 255_000,
    free_cash_flow: 12_000_000,
    debt_service_coverage: 270_000 / 170_000,
    ebitda: 42_000_000,
    altman_x1: 680_000 / 2_160_000,
    altman_x2: 210_000 / 2_160_000,
    altman_x3: 360_000 / 2_160_000,
    altman_x4: 1.4,
    altman_z_double_prime: 4.972_13,
  };

  const ratios = computeRatios(newStatements(), newPreviousStatements());

  it.each(Object.entries(expected))('%s = %d', (id, value) => {
    expect(ratios[id as RatioId]).toBeCloseTo(value, 5);
  });

  it('returns exactly the defined ratios, amounts as integer fen', () => {
    expect(Object.keys(ratios).sort()).toEqual(RATIO_DEFINITIONS.map((definition) => definition.id).sort());
    for (const definition of RATIO_DEFINITIONS) {
      expect(definition.zh.length).toBeGreaterThan(0);
      expect(definition.en.length).toBeGreaterThan(0);
      expect(definition.id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(RATIO_GROUPS[definition.group]).toBeDefined();
      if (definition.unit === 'fen') expect(Number.isSafeInteger(ratios[definition.id])).toBe(true);
    }
  });

  it('uses closing balances as averages and gives no growth without a previous statement', () => {
    const alone = computeRatios(newStatements());
    expect(alone.return_on_assets).toBeCloseTo(255_000 / 2_160_000, 10);
    expect(alone.receivable_days).toBeCloseTo((350_000 / 3_000_000) * 365, 10);
    expect(alone.revenue_growth).toBeNull();
    expect(alone.asset_growth).toBeNull();
    expect(alone.equity_growth).toBeNull();
    expect(alone.ebitda).toBeNull();
    expect(
      computeRatios(newStatements(), null, { depreciationFen: 6_000_000, amortizationFen: 500_000 }).ebitda,
    ).toBe(42_500_000);
  });

  it('scales the day ratios to the period', () => {
    const quarter = computeRatios(newStatements(), newPreviousStatements(), { periodDays: 90 });
    expect(quarter.inventory_days).toBeCloseTo((380_000 / 2_100_000) * 90, 10);
  });

  it('gives null, never NaN or Infinity, for zero denominators', () => {
    const empty = computeRatios({}, {});
    for (const [id, value] of Object.entries(empty)) {
      expect(value === null || Number.isFinite(value), id).toBe(true);
    }
    expect(empty.current_ratio).toBeNull();
    expect(empty.gross_margin).toBeNull();
    expect(empty.revenue_growth).toBeNull();
    expect(empty.altman_z_double_prime).toBeNull();
    expect(empty.working_capital).toBe(0);
    const noDebt = computeRatios(newStatements({ bs_47: 0, is_19: 0, cf_16: 0, cf_17: 0 }));
    expect(noDebt.debt_to_equity).toBe(0);
    expect(noDebt.altman_x4).toBeNull();
    expect(noDebt.altman_z_double_prime).toBeNull();
    expect(noDebt.interest_coverage).toBeNull();
    expect(noDebt.debt_service_coverage).toBeNull();
  });

  it('gives no interest coverage for net interest income', () => {
    expect(computeRatios(newStatements({ is_19: -10_000 })).interest_coverage).toBeNull();
  });

  it('rejects bad options', () => {
    expect(() => computeRatios({}, null, { periodDays: 0 })).toThrow(
      'computeRatios: periodDays must be a positive number',
    );
    expect(() => computeRatios({}, null, { amortizationFen: 1.5 })).toThrow(RangeError);
  });
});

describe("Altman Z''", () => {
  it('computes the worked test: X = (0.2, 0.3, 0.15, 0.8) → 4.138', () => {
    expect(computeAltmanZDoublePrime({ x1: 0.2, x2: 0.3, x3: 0.15, x4: 0.8 })).toBeCloseTo(4.138, 10);
  });

  it.each([
    [4.138, 'safe'],
    [2.600_001, 'safe'],
    [2.6, 'grey'],
    [1.1, 'grey'],
    [1.099_999, 'distress'],
    [-3, 'distress'],
  ])('%d is %s', (score, zone) => {
    expect(classifyAltmanZone(score)).toBe(zone);
  });

  it('rejects non-finite input', () => {
    expect(() => computeAltmanZDoublePrime({ x1: Number.NaN, x2: 0, x3: 0, x4: 0 })).toThrow(
      'computeAltmanZDoublePrime: x1 must be a finite number, got NaN',
    );
    expect(() => classifyAltmanZone(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
