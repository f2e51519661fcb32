import { describe, expect, it } from 'vitest';
import { parseYuanToFen } from '../../platform/money.js';
import {
  classifySize,
  industryGroupOf,
  validateCreditCode,
  validateStatement,
} from '../registry/domain/index.js';
import { GENERATOR_TARGETS } from './calibration.js';
import { DEMO_INDUSTRIES } from './catalogues.js';
import { CANONICAL_COLUMNS, type CanonicalRow, toCsv } from './columns.js';
import { generateDemo, generateScaleCsv, generateScaleSet } from './generator.js';

const statementValues = (row: CanonicalRow) => {
  const values: Record<string, number | null> = {};
  for (const [key, text] of Object.entries(row)) {
    if (/^(bs|is|cf)_\d{2}$/.test(key)) values[key] = text === '' ? null : parseYuanToFen(text);
  }
  return values;
};

const small = () => generateDemo({ seed: 7, enterprises: 120, invoicesPerEnterprise: 40 });

describe('generateDemo: determinism', () => {
  it('gives byte-identical CSV for the same options, whatever the iteration order', () => {
    const first = small();
    const second = small();
    // Iterate the second set's uploads backwards: every firm draws from its own streams.
    const csvOf = (demo: ReturnType<typeof small>, reverse: boolean) => {
      const uploads = reverse ? [...demo.uploads].reverse() : demo.uploads;
      const texts = uploads.map(
        (upload) =>
          `${upload.memberKey}/${upload.dataset}\n${toCsv(CANONICAL_COLUMNS[upload.dataset], upload.rows)}`,
      );
      return (reverse ? texts.reverse() : texts).join('');
    };
    const a = csvOf(first, false);
    expect(csvOf(second, true)).toBe(a);
    expect(csvOf(first, false)).toBe(a); // uploads can be iterated again
    expect(first.enterprises).toEqual(second.enterprises);
  });

  it('changes with the seed', () => {
    const other = generateDemo({ seed: 8, enterprises: 120, invoicesPerEnterprise: 40 });
    expect(other.enterprises.map((e) => e.creditCode)).not.toEqual(
      small().enterprises.map((e) => e.creditCode),
    );
  });

  it('writes every canonical column and nothing else', () => {
    const demo = small();
    for (const upload of demo.uploads) {
      for (const row of upload.rows) {
        expect(Object.keys(row).sort()).toEqual([...CANONICAL_COLUMNS[upload.dataset]].sort());
        break;
      }
    }
  });
});

describe('generateDemo: validity', () => {
  const demo = generateDemo({ enterprises: 300, invoicesPerEnterprise: 30 });

  it('gives every firm a valid, unique credit code and a unique name', () => {
    const codes = new Set<string>();
    const names = new Set<string>();
    for (const enterprise of demo.enterprises) {
      const check = validateCreditCode(enterprise.creditCode);
      expect(check.errors).toEqual([]);
      expect(check.isValid).toBe(true);
      expect(enterprise.creditCode.slice(0, 2)).toBe('91');
      codes.add(enterprise.creditCode);
      names.add(enterprise.name);
      expect(enterprise.name).toMatch(/^\p{Script=Han}+有限公司$/u);
    }
    expect(codes.size).toBe(demo.enterprises.length);
    expect(names.size).toBe(demo.enterprises.length);
  });

  it('uses industry codes that the registry maps to the intended size group', () => {
    for (const industry of DEMO_INDUSTRIES) expect(industryGroupOf(industry.code)?.id).toBe(industry.group);
  });

  it("gives profiles whose size the registry classifies as intended (primary lender's rows)", () => {
    const byCode = new Map(demo.enterprises.map((enterprise) => [enterprise.creditCode, enterprise]));
    let checked = 0;
    for (const upload of demo.uploads) {
      if (upload.dataset !== 'enterprises') continue;
      for (const row of upload.rows) {
        const enterprise = byCode.get(row.credit_code ?? '');
        if (!enterprise || enterprise.lenderKeys[0] !== upload.memberKey) continue;
        const size = classifySize({
          industryGroup: industryGroupOf(row.industry_code ?? '')?.id ?? 'other',
          employees: Number(row.employees),
          revenueWan: parseYuanToFen(row.annual_revenue ?? '') / 1_000_000,
          assetsWan: parseYuanToFen(row.total_assets ?? '') / 1_000_000,
        }).size;
        expect(size, row.credit_code).toBe(enterprise.size);
        checked += 1;
      }
    }
    expect(checked).toBe(demo.enterprises.length);
  });

  it('writes statements that pass every hard rule of DOMAIN §3.4 exactly (tolerance 0)', () => {
    let count = 0;
    for (const row of demo.rows('statements')) {
      expect(validateStatement(statementValues(row), { toleranceFen: 0 })).toEqual([]);
      count += 1;
    }
    expect(count).toBeGreaterThanOrEqual(demo.enterprises.length * 3);
  });

  it('ties the latest statement to the profile (is_01 = annual_revenue, bs_30 = total_assets)', () => {
    const last = `${demo.years[demo.years.length - 1]}-12-31`;
    const latest = new Map<string, CanonicalRow>();
    for (const row of demo.rows('statements'))
      if (row.period_end === last) latest.set(row.credit_code ?? '', row);
    for (const row of demo.rows('enterprises')) {
      const statement = latest.get(row.credit_code ?? '');
      if (row.annual_revenue === '' || row.employees === '') continue;
      expect(statement?.bs_30).toBe(row.total_assets);
    }
  });

  it('gives loans from 1–3 members, with allowed values and a few conflicting profiles', () => {
    const lenders = demo.enterprises.map((enterprise) => enterprise.lenderKeys.length);
    expect(Math.min(...lenders)).toBe(1);
    expect(Math.max(...lenders)).toBe(3);
    const statuses = new Set<string>();
    for (const row of demo.rows('loans')) {
      expect(['working_capital', 'term', 'trade_finance', 'leasing', 'factoring', 'other']).toContain(
        row.product,
      );
      expect(['none', 'guarantee', 'pledge', 'mortgage']).toContain(row.collateral);
      expect(parseYuanToFen(row.outstanding ?? '')).toBeLessThanOrEqual(parseYuanToFen(row.principal ?? ''));
      expect((row.as_of ?? '') >= (row.granted_on ?? '')).toBe(true);
      statuses.add(row.status ?? '');
      if (row.status === 'default' || row.status === 'written_off') expect(row.default_on).not.toBe('');
    }
    for (const status of statuses) {
      expect(['current', 'overdue', 'default', 'restructured', 'closed', 'written_off']).toContain(status);
    }
    for (const status of ['current', 'overdue', 'default', 'closed']) expect(statuses).toContain(status);
    const profiles = new Map<string, Set<string>>();
    for (const row of demo.rows('enterprises')) {
      const seen = profiles.get(row.credit_code ?? '') ?? new Set<string>();
      seen.add(JSON.stringify(row));
      profiles.set(row.credit_code ?? '', seen);
    }
    const conflicting = [...profiles.values()].filter((variants) => variants.size > 1).length;
    expect(conflicting).toBeGreaterThan(0);
    expect(conflicting).toBeLessThan(demo.enterprises.length * 0.1);
  });

  it('writes invoices whose total is amount + tax, with both directions and some void and red-letter ones', () => {
    let count = 0;
    let voided = 0;
    let negative = 0;
    const directions = new Set<string>();
    for (const row of demo.rows('invoices')) {
      const amount = parseYuanToFen(row.amount ?? '');
      const tax = parseYuanToFen(row.tax ?? '');
      expect(parseYuanToFen(row.total ?? '')).toBe(amount + tax);
      if (count % 20 === 0) expect(validateCreditCode(row.counterparty ?? '').isValid).toBe(true);
      directions.add(row.direction ?? '');
      if (row.status === 'void') voided += 1;
      if (amount < 0) negative += 1;
      count += 1;
    }
    expect(directions).toEqual(new Set(['sales', 'purchase']));
    expect(voided / count).toBeGreaterThan(0.01);
    expect(voided / count).toBeLessThan(0.2);
    expect(negative / count).toBeGreaterThan(0.001);
  });

  it('gives public records mostly to weaker firms', () => {
    const quality = new Map(
      demo.enterprises.map((enterprise) => [enterprise.creditCode, enterprise.quality]),
    );
    const withRecords = new Set<string>();
    for (const row of demo.rows('public_records')) {
      expect(['administrative_penalty', 'abnormal_operation', 'court_judgment', 'tax_arrears']).toContain(
        row.record_type,
      );
      withRecords.add(row.credit_code ?? '');
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const recorded = [...withRecords].map((code) => quality.get(code) ?? 0);
    const clean = demo.enterprises.filter((e) => !withRecords.has(e.creditCode)).map((e) => e.quality);
    expect(mean(recorded)).toBeLessThan(mean(clean) - 0.3);
  });
});

describe('generateDemo: calibration', () => {
  it('defaults at the calibrated 12-month rate (Polish 5year file, 6.9%) within tolerance', () => {
    const demo = generateDemo({ enterprises: 4000, invoicesPerEnterprise: 0 });
    const rate =
      demo.enterprises.filter((enterprise) => enterprise.defaulted).length / demo.enterprises.length;
    expect(GENERATOR_TARGETS.defaultRate12m).toBeCloseTo(0.069, 3);
    expect(Math.abs(rate - GENERATOR_TARGETS.defaultRate12m)).toBeLessThan(0.015);
    const size: Record<string, number> = {};
    for (const enterprise of demo.enterprises) size[enterprise.size] = (size[enterprise.size] ?? 0) + 1;
    expect((size.micro ?? 0) + (size.small ?? 0)).toBeGreaterThan(demo.enterprises.length * 0.7);
  });

  it('makes default learnable but not trivially: latent-quality AUC between 0.75 and 0.9', () => {
    const demo = generateDemo({ enterprises: 4000, invoicesPerEnterprise: 0 });
    const positives = demo.enterprises.filter((e) => e.defaulted).map((e) => -e.quality);
    const negatives = demo.enterprises.filter((e) => !e.defaulted).map((e) => -e.quality);
    let wins = 0;
    for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
    const auc = wins / (positives.length * negatives.length);
    expect(auc).toBeGreaterThan(0.75);
    expect(auc).toBeLessThan(0.9);
  });
});

describe('generateScaleSet', () => {
  it('streams valid statements and profiles, and the CSV fast path writes the same text', () => {
    const options = { seed: 3, enterprises: 1500, dataset: 'statements' as const };
    let count = 0;
    for (const row of generateScaleSet(options)) {
      expect(validateStatement(statementValues(row), { toleranceFen: 0 })).toEqual([]);
      count += 1;
    }
    expect(count).toBe(1500);
    expect([...generateScaleCsv({ ...options, linesPerChunk: 97 })].join('')).toBe(
      toCsv(CANONICAL_COLUMNS.statements, generateScaleSet(options)),
    );
    const profiles = { seed: 3, enterprises: 500, dataset: 'enterprises' as const, fromIndex: 1000 };
    expect([...generateScaleCsv(profiles)].join('')).toBe(
      toCsv(CANONICAL_COLUMNS.enterprises, generateScaleSet(profiles)),
    );
  });

  it('gives the same firm for the same index in a range as in the full set', () => {
    const full = [...generateScaleSet({ enterprises: 30, dataset: 'enterprises' })];
    const range = [...generateScaleSet({ enterprises: 10, dataset: 'enterprises', fromIndex: 20 })];
    expect(range).toEqual(full.slice(20));
  });
});
