import { describe, expect, it } from 'vitest';
import { INDUSTRY_GROUPS, type IndustryGroupId } from './industry.js';
import {
  type ClassifySizeInput,
  classifySize,
  SIZE_STANDARD_2011,
  type SizeClass,
  type SizeIndicator,
} from './size-class.js';

// DOMAIN §1.3 copied as text (SME ceiling | medium | small), parsed independently of the code's table.
const DOMAIN_TABLE = `
agriculture | Y<20000 | Y≥500 | Y≥50
industry | X<1000 or Y<40000 | X≥300 & Y≥2000 | X≥20 & Y≥300
construction | Y<80000 or Z<80000 | Y≥6000 & Z≥5000 | Y≥300 & Z≥300
wholesale | X<200 or Y<40000 | X≥20 & Y≥5000 | X≥5 & Y≥1000
retail | X<300 or Y<20000 | X≥50 & Y≥500 | X≥10 & Y≥100
transport | X<1000 or Y<30000 | X≥300 & Y≥3000 | X≥20 & Y≥200
warehousing | X<200 or Y<30000 | X≥100 & Y≥1000 | X≥20 & Y≥100
postal | X<1000 or Y<30000 | X≥300 & Y≥2000 | X≥20 & Y≥100
accommodation | X<300 or Y<10000 | X≥100 & Y≥2000 | X≥10 & Y≥100
catering | X<300 or Y<10000 | X≥100 & Y≥2000 | X≥10 & Y≥100
information_transmission | X<2000 or Y<100000 | X≥100 & Y≥1000 | X≥10 & Y≥100
software_it_services | X<300 or Y<10000 | X≥100 & Y≥1000 | X≥10 & Y≥50
real_estate_development | Y<200000 or Z<10000 | Y≥1000 & Z≥5000 | Y≥100 & Z≥2000
property_management | X<1000 or Y<5000 | X≥300 & Y≥1000 | X≥100 & Y≥500
leasing_business_services | X<300 or Z<120000 | X≥100 & Z≥8000 | X≥10 & Z≥100
other | X<300 | X≥100 | X≥10
`;

const LETTER_TO_INDICATOR: Record<string, SizeIndicator> = {
  X: 'employees',
  Y: 'revenueWan',
  Z: 'assetsWan',
};

function parseBounds(cell: string): Map<SizeIndicator, number> {
  const bounds = new Map<SizeIndicator, number>();
  for (const match of cell.matchAll(/([XYZ])[<≥](\d+)/g)) {
    bounds.set(LETTER_TO_INDICATOR[match[1] ?? ''] as SizeIndicator, Number(match[2]));
  }
  return bounds;
}

const domainRows = DOMAIN_TABLE.trim()
  .split('\n')
  .map((line) => {
    const [group, ceiling, medium, small] = line.split('|').map((cell) => cell.trim());
    return {
      group: group as IndustryGroupId,
      large: parseBounds(ceiling ?? ''),
      medium: parseBounds(medium ?? ''),
      small: parseBounds(small ?? ''),
    };
  });

describe('SIZE_STANDARD_2011', () => {
  it('has the 16 groups and matches DOMAIN §1.3 exactly', () => {
    expect(Object.keys(SIZE_STANDARD_2011.thresholds).sort()).toEqual(
      INDUSTRY_GROUPS.map((g) => g.id).sort(),
    );
    expect(domainRows).toHaveLength(16);
    for (const domain of domainRows) {
      const rows = SIZE_STANDARD_2011.thresholds[domain.group];
      expect(
        rows.map((row) => row.indicator),
        domain.group,
      ).toEqual([...domain.large.keys()]);
      for (const row of rows) {
        expect(row.large, `${domain.group} ${row.indicator} large`).toBe(domain.large.get(row.indicator));
        expect(row.medium, `${domain.group} ${row.indicator} medium`).toBe(domain.medium.get(row.indicator));
        expect(row.small, `${domain.group} ${row.indicator} small`).toBe(domain.small.get(row.indicator));
        expect(row.large).toBeGreaterThan(row.medium);
        expect(row.medium).toBeGreaterThan(row.small);
      }
    }
  });
});

describe('classifySize: every boundary of every industry', () => {
  const cases: Array<{ name: string; input: ClassifySizeInput; size: SizeClass }> = [];
  const tiers: Array<['large' | 'medium' | 'small', SizeClass, SizeClass]> = [
    ['large', 'large', 'medium'],
    ['medium', 'medium', 'small'],
    ['small', 'small', 'micro'],
  ];
  for (const [group, rows] of Object.entries(SIZE_STANDARD_2011.thresholds) as Array<
    [IndustryGroupId, (typeof SIZE_STANDARD_2011.thresholds)[IndustryGroupId]]
  >) {
    for (const tested of rows) {
      for (const [bound, atBound, justBelow] of tiers) {
        // The other indicators sit at the large bound so that only the tested one decides.
        const base: ClassifySizeInput = { industryGroup: group };
        for (const other of rows) base[other.indicator] = other.large;
        // One person less, or one fen (0.000001 万元) less.
        const below = tested.indicator === 'employees' ? tested[bound] - 1 : tested[bound] - 0.000001;
        cases.push({
          name: `${group} ${tested.indicator} = ${tested[bound]} (${bound} bound)`,
          input: { ...base, [tested.indicator]: tested[bound] },
          size: atBound,
        });
        cases.push({
          name: `${group} ${tested.indicator} = ${below} (just below the ${bound} bound)`,
          input: { ...base, [tested.indicator]: below },
          size: justBelow,
        });
      }
    }
  }

  it('generates 2 × 3 cases per indicator row (30 rows)', () => {
    expect(cases).toHaveLength(30 * 6);
  });

  it.each(cases)('$name → $size', ({ input, size }) => {
    expect(classifySize(input).size).toBe(size);
  });
});

describe('classifySize: hand-written expectations', () => {
  it.each<[string, ClassifySizeInput, SizeClass]>([
    // DOMAIN §1.6 pitfall: 250 staff and RMB 300 m revenue is Medium, not Large (Large needs both).
    [
      'retailer 250 staff, RMB 300 m revenue',
      { industryGroup: 'retail', employees: 250, revenueWan: 30_000 },
      'medium',
    ],
    [
      'retailer 300 staff, RMB 200 m revenue',
      { industryGroup: 'retail', employees: 300, revenueWan: 20_000 },
      'large',
    ],
    [
      'retailer 9 staff, RMB 100 m revenue',
      { industryGroup: 'retail', employees: 9, revenueWan: 10_000 },
      'micro',
    ],
    [
      'factory 1000 staff, RMB 400 m',
      { industryGroup: 'industry', employees: 1000, revenueWan: 40_000 },
      'large',
    ],
    [
      'factory 999 staff, RMB 500 m',
      { industryGroup: 'industry', employees: 999, revenueWan: 50_000 },
      'medium',
    ],
    [
      'factory 300 staff, RMB 19.99 m',
      { industryGroup: 'industry', employees: 300, revenueWan: 1_999 },
      'small',
    ],
    [
      'factory 19 staff, RMB 1 bn',
      { industryGroup: 'industry', employees: 19, revenueWan: 100_000 },
      'micro',
    ],
    ['factory 20 staff, RMB 3 m', { industryGroup: 'industry', employees: 20, revenueWan: 300 }, 'small'],
    [
      'telecom 2000 staff, RMB 999.99 m',
      { industryGroup: 'information_transmission', employees: 2000, revenueWan: 99_999 },
      'medium',
    ],
    [
      'telecom 2000 staff, RMB 1 bn',
      { industryGroup: 'information_transmission', employees: 2000, revenueWan: 100_000 },
      'large',
    ],
    [
      'telecom 150 staff, RMB 500 m',
      { industryGroup: 'information_transmission', employees: 150, revenueWan: 50_000 },
      'medium',
    ],
    [
      'warehouse 150 staff, RMB 50 m',
      { industryGroup: 'warehousing', employees: 150, revenueWan: 5_000 },
      'medium',
    ],
    [
      'warehouse 99 staff, RMB 50 m',
      { industryGroup: 'warehousing', employees: 99, revenueWan: 5_000 },
      'small',
    ],
    [
      'warehouse 200 staff, RMB 300 m',
      { industryGroup: 'warehousing', employees: 200, revenueWan: 30_000 },
      'large',
    ],
    [
      'builder RMB 60 m revenue, RMB 49.99 m assets',
      { industryGroup: 'construction', revenueWan: 6_000, assetsWan: 4_999 },
      'small',
    ],
    [
      'builder RMB 2.99 m revenue, RMB 1 bn assets',
      { industryGroup: 'construction', revenueWan: 299, assetsWan: 100_000 },
      'micro',
    ],
    [
      'developer RMB 10 m revenue, RMB 49.99 m assets',
      { industryGroup: 'real_estate_development', revenueWan: 1_000, assetsWan: 4_999 },
      'small',
    ],
    [
      'developer RMB 2 bn revenue, RMB 100 m assets',
      { industryGroup: 'real_estate_development', revenueWan: 200_000, assetsWan: 10_000 },
      'large',
    ],
    [
      'developer RMB 2 bn revenue, RMB 19.99 m assets',
      { industryGroup: 'real_estate_development', revenueWan: 200_000, assetsWan: 1_999 },
      'micro',
    ],
    [
      'property manager 99 staff, RMB 100 m',
      { industryGroup: 'property_management', employees: 99, revenueWan: 10_000 },
      'micro',
    ],
    [
      'leasing 50 staff, RMB 80 m assets',
      { industryGroup: 'leasing_business_services', employees: 50, assetsWan: 8_000 },
      'small',
    ],
    ['farm RMB 499,999.99', { industryGroup: 'agriculture', revenueWan: 49.999999 }, 'micro'],
    ['farm RMB 200 m', { industryGroup: 'agriculture', revenueWan: 20_000 }, 'large'],
    ['consultancy 9 staff', { industryGroup: 'other', employees: 9 }, 'micro'],
    ['consultancy 10 staff', { industryGroup: 'other', employees: 10 }, 'small'],
    ['consultancy 299.5 staff (annual average)', { industryGroup: 'other', employees: 299.5 }, 'medium'],
    [
      'software house 10 staff, RMB 0.5 m',
      { industryGroup: 'software_it_services', employees: 10, revenueWan: 50 },
      'small',
    ],
    [
      'wholesaler 5 staff, RMB 10 m',
      { industryGroup: 'wholesale', employees: 5, revenueWan: 1_000 },
      'small',
    ],
    ['zero everything', { industryGroup: 'wholesale', employees: 0, revenueWan: 0 }, 'micro'],
  ])('%s → %s', (_name, input, size) => {
    expect(classifySize(input).size).toBe(size);
  });

  it('returns the group, the standard version and the indicators used', () => {
    expect(
      classifySize({ industryGroup: 'retail', employees: 250, revenueWan: 30_000, assetsWan: 5 }),
    ).toEqual({
      size: 'medium',
      industryGroup: 'retail',
      standardVersion: '2011',
      indicatorsUsed: ['employees', 'revenueWan'],
      missing: [],
    });
  });
});

describe('classifySize: missing and bad input', () => {
  it('classifies on the given indicators and reports the missing ones (an upper bound)', () => {
    expect(classifySize({ industryGroup: 'industry', employees: 500 })).toEqual({
      size: 'medium',
      industryGroup: 'industry',
      standardVersion: '2011',
      indicatorsUsed: ['employees'],
      missing: ['revenueWan'],
    });
    expect(classifySize({ industryGroup: 'industry', employees: null, revenueWan: 100 })).toMatchObject({
      size: 'micro',
      missing: ['employees'],
    });
  });

  it('throws when no needed indicator is given', () => {
    expect(() => classifySize({ industryGroup: 'construction', employees: 500 })).toThrow(
      "classifySize: industry group 'construction' is classified by revenueWan and assetsWan; none was given",
    );
  });

  it('throws on a missing indicator when all are required', () => {
    expect(() =>
      classifySize({ industryGroup: 'industry', employees: 500 }, { requireAllIndicators: true }),
    ).toThrow(
      "classifySize: industry group 'industry' is classified by employees and revenueWan; missing revenueWan",
    );
  });

  it.each<[ClassifySizeInput, string]>([
    [
      { industryGroup: 'retail', employees: -1, revenueWan: 10 },
      'classifySize: employees cannot be negative, got -1',
    ],
    [
      { industryGroup: 'retail', employees: 1, revenueWan: -0.5 },
      'classifySize: revenueWan cannot be negative, got -0.5',
    ],
    [
      { industryGroup: 'construction', revenueWan: 1, assetsWan: -3 },
      'classifySize: assetsWan cannot be negative, got -3',
    ],
    [
      { industryGroup: 'retail', employees: Number.NaN },
      'classifySize: employees must be a finite number, got NaN',
    ],
    [
      { industryGroup: 'retail', revenueWan: Number.POSITIVE_INFINITY },
      'classifySize: revenueWan must be a finite number, got Infinity',
    ],
    [
      { industryGroup: 'banking' as IndustryGroupId, employees: 1 },
      'classifySize: unknown industry group "banking"',
    ],
  ])('rejects %o', (input, message) => {
    expect(() => classifySize(input)).toThrow(RangeError);
    expect(() => classifySize(input)).toThrow(message);
  });

  it('rejects an unknown standard version', () => {
    expect(() => classifySize({ industryGroup: 'other', employees: 1 }, { standardVersion: '2021' })).toThrow(
      'classifySize: unknown size standard version "2021"; known: 2011',
    );
  });
});
