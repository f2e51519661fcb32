import { describe, expect, it } from 'vitest';
import { buildSampleData, fenToSignificant, type SampleSource, toSignificant } from '../sample-data.js';

function firm(index: number, overrides: Partial<SampleSource> = {}): SampleSource {
  return {
    creditCode: `CODE${index}`,
    industryGroup: 'manufacturing',
    sizeClass: 'small',
    provinceCode: '44',
    year: 2024,
    employees: 10 * (index + 1),
    // Revenue 1,000,000.00 yuan × (index + 1); assets 2,000,000.00 yuan × (index + 1).
    lines: {
      is_01: 100_000_000 * (index + 1),
      is_02: 80_000_000 * (index + 1),
      is_32: 5_000_000 * (index + 1),
      bs_30: 200_000_000 * (index + 1),
      bs_47: 120_000_000 * (index + 1),
      bs_52: 80_000_000 * (index + 1),
      bs_15: 90_000_000,
      bs_41: 60_000_000,
      bs_09: 30_000_000,
    },
    defaulted: index === 0,
    ...overrides,
  };
}

describe('rounding to 3 significant figures', () => {
  it('keeps three digits of integers in fen and of ratios', () => {
    expect(fenToSignificant(4_507_221_049)).toBe(4_510_000_000);
    expect(fenToSignificant(-123_456)).toBe(-123_000);
    expect(fenToSignificant(99)).toBe(99);
    expect(toSignificant(0.012345)).toBe(0.0123);
    expect(toSignificant(0)).toBe(0);
    expect(toSignificant(null)).toBeNull();
  });
});

describe('buildSampleData', () => {
  it('microaggregates amounts within a class, generalises small classes and suppresses what stays small', () => {
    const sources = [
      ...Array.from({ length: 7 }, (_, index) => firm(index)),
      // 3 firms in Beijing: too few alone, too few nationwide and across sizes: suppressed.
      ...Array.from({ length: 3 }, (_, index) => firm(10 + index, { provinceCode: '11' })),
    ];
    const sample = buildSampleData(sources, { year: 2024 });
    expect(sample).toMatchObject({
      k: 5,
      sourceRows: 10,
      generalisedProvince: 3,
      generalisedSize: 3,
      suppressed: 3,
    });
    expect(sample.rows).toHaveLength(7);
    // 7 firms are one group (the last group takes the remainder): means of multipliers 1..7 = 4.
    for (const row of sample.rows) {
      expect(row).toMatchObject({
        year: 2024,
        industryGroup: 'manufacturing',
        sizeClass: 'small',
        province: '44',
        employees: 40,
        revenueFen: 400_000_000,
        totalAssetsFen: 800_000_000,
        totalLiabilitiesFen: 480_000_000,
        equityFen: 320_000_000,
        netProfitFen: 20_000_000,
        currentRatio: 1.5,
        quickRatio: 1,
      });
      expect(Object.keys(row)).not.toContain('creditCode');
    }
    // Ratios stay each firm's own: net margin 5% for all, return on assets 2.5%.
    expect(sample.rows.map((row) => row.netMargin)).toEqual(Array(7).fill(0.05));
    expect(sample.rows.filter((row) => row.defaultedNextYear)).toHaveLength(1);
  });

  it('generalises the province before suppressing: 3 + 3 firms in two provinces make one class of 6', () => {
    const sources = [
      ...Array.from({ length: 3 }, (_, index) => firm(index, { provinceCode: '11' })),
      ...Array.from({ length: 3 }, (_, index) => firm(3 + index, { provinceCode: '31' })),
    ];
    const sample = buildSampleData(sources, { year: null });
    expect(sample.suppressed).toBe(0);
    expect(sample.generalisedProvince).toBe(6);
    expect(new Set(sample.rows.map((row) => row.province))).toEqual(new Set(['*']));
  });

  it('refuses a k that protects nothing', () => {
    expect(() => buildSampleData([], { year: null, k: 1 })).toThrow('k must be an integer ≥ 2, got 1');
  });
});
