import { describe, expect, it } from 'vitest';
import { debtRepayment, deviationScore, rankOf, workingCapitalNeed } from '../diagnosis.js';

describe('deviation scores', () => {
  it('is 50 + 10 z with the sample standard deviation, mirrored when lower is better', () => {
    // Peers 1, 2, 3, 4, 5: mean 3, sample sd √2.5.
    const peers = [1, 2, 3, 4, 5];
    expect(deviationScore(4, peers, true)).toBeCloseTo(50 + 10 / Math.sqrt(2.5), 10);
    expect(deviationScore(4, peers, false)).toBeCloseTo(50 - 10 / Math.sqrt(2.5), 10);
    expect(deviationScore(1000, peers, true)).toBe(80);
    expect(deviationScore(null, peers, true)).toBeNull();
    expect(deviationScore(1, [2, 2, 2], true)).toBeNull();
  });

  it('ranks A ≥ 60, B ≥ 55, C ≥ 45, D ≥ 40, E below', () => {
    expect([60, 59.9, 55, 45, 44.9, 40, 39.9].map(rankOf)).toEqual(['A', 'B', 'B', 'C', 'D', 'D', 'E']);
  });
});

describe('working capital need (所需运转资金)', () => {
  it('is receivables + inventories − payables in fen, with its months of sales', () => {
    // Receivables 50,000 + 300,000 yuan, stock 400,000, payables 20,000 + 250,000: need 480,000 yuan.
    // Sales 2,400,000 a year = 200,000 a month, so 2.4 months of sales.
    const need = workingCapitalNeed({
      bs_03: 5_000_000,
      bs_04: 30_000_000,
      bs_09: 40_000_000,
      bs_32: 2_000_000,
      bs_33: 25_000_000,
      is_01: 240_000_000,
    });
    expect(need).toMatchObject({
      amountFen: 48_000_000,
      receivablesFen: 35_000_000,
      inventoriesFen: 40_000_000,
      payablesFen: 27_000_000,
    });
    expect(need.monthsOfSales).toBeCloseTo(2.4, 12);
    expect(need.advice.en).toMatch(/in line with sales/);
    expect(need.advice.zh).toMatch(/流动资金贷款/);
  });

  it('calls more than three months of sales heavy, and has no months without sales', () => {
    const heavy = workingCapitalNeed({ bs_04: 100_000_000, is_01: 120_000_000 });
    expect(heavy.monthsOfSales).toBeCloseTo(10, 12);
    expect(heavy.advice.en).toMatch(/collect sooner/);
    const noSales = workingCapitalNeed({ bs_09: 1_000, bs_33: null });
    expect(noSales).toMatchObject({ amountFen: 1_000, monthsOfSales: null });
    const negative = workingCapitalNeed({ bs_04: 1_000, bs_33: 5_000, is_01: 12_000 });
    expect(negative.amountFen).toBe(-4_000);
    expect(negative.advice.en).toMatch(/needs no extra money/);
  });
});

describe('years to repay debt (债务偿还年限)', () => {
  it('divides interest-bearing debt by net profit + depreciation, and by operating cash flow', () => {
    // Debt: short-term 200,000 + notes payable 100,000 + long-term 300,000 = 600,000 yuan.
    // Depreciation: accumulated 360,000 − 300,000 = 60,000; net profit 90,000: 600,000 / 150,000 = 4 years.
    // Operating cash flow 240,000: 2.5 years.
    const repayment = debtRepayment(
      {
        bs_31: 20_000_000,
        bs_32: 10_000_000,
        bs_42: 30_000_000,
        bs_19: 36_000_000,
        is_32: 9_000_000,
        cf_07: 24_000_000,
      },
      { bs_19: 30_000_000 },
    );
    expect(repayment.interestBearingDebtFen).toBe(60_000_000);
    expect(repayment.earnings).toEqual({ denominatorFen: 15_000_000, years: 4, repayable: true });
    expect(repayment.operatingCashFlow).toEqual({ denominatorFen: 24_000_000, years: 2.5, repayable: true });
    expect(repayment.advice.en).toMatch(/within 10 years/);
  });

  it('says "cannot repay from earnings" instead of a negative number of years', () => {
    // Loss of 80,000 yuan, depreciation 30,000 (no previous statement: 0 assumed): denominator −80,000.
    const loss = debtRepayment({ bs_31: 50_000_000, bs_19: 3_000_000, is_32: -8_000_000 }, null);
    expect(loss.earnings).toEqual({ denominatorFen: -8_000_000, years: null, repayable: false });
    expect(loss.operatingCashFlow).toBeNull();
    expect(loss.advice.en).toMatch(/cannot repay/);
    expect(loss.advice.zh).toMatch(/不足以偿还/);
    const slow = debtRepayment({ bs_42: 110_000_000, is_32: 10_000_000, cf_07: 0 }, null);
    expect(slow.earnings.years).toBe(11);
    expect(slow.operatingCashFlow).toEqual({ denominatorFen: 0, years: null, repayable: false });
    expect(slow.advice.en).toMatch(/more than 10 years/);
    expect(debtRepayment({ is_32: -1 }, null).earnings).toEqual({
      denominatorFen: -1,
      years: 0,
      repayable: true,
    });
  });
});
