import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateCreditCode } from '../registry/domain/index.js';
import { CALIBRATION } from './calibration.js';
import { DEMO_MEMBERS, DEMO_USERS } from './members.js';

describe('calibration.json', () => {
  it('is small and traces every figure to its source files', () => {
    const bytes = statSync(fileURLToPath(new URL('./calibration/calibration.json', import.meta.url))).size;
    expect(bytes).toBeLessThan(50_000);
    expect(CALIBRATION.generatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const sources = [
      ...CALIBRATION.cumcm2020c.source,
      ...CALIBRATION.polishBankruptcy.source,
      ...CALIBRATION.sba7a.source,
    ];
    expect(sources.map((source) => source.rows)).toEqual(sources.map(() => expect.any(Number)));
    expect(sources.find((source) => source.file === 'cumcm2020c/att2_output_invoices.csv.gz')?.rows).toBe(
      330_835,
    );
  });

  it('holds the figures the data sets document', () => {
    expect(CALIBRATION.cumcm2020c.defaultRate).toBeCloseTo(27 / 123, 3);
    expect(
      CALIBRATION.cumcm2020c.totals.sales.invoices + CALIBRATION.cumcm2020c.totals.purchase.invoices,
    ).toBe(1_099_441);
    expect(CALIBRATION.polishBankruptcy.horizons['1year'].bankrupt).toBe(271);
    expect(CALIBRATION.polishBankruptcy.horizons['5year'].bankruptRate).toBeCloseTo(0.0694, 3);
    expect(CALIBRATION.sba7a.labelled).toBe(22_308);
    expect(CALIBRATION.sba7a.chargeOffRate).toBeCloseTo(4693 / 22_308, 3);
    const healthy = CALIBRATION.polishBankruptcy.ratios.healthy.debtToAssets.p50;
    expect(CALIBRATION.polishBankruptcy.ratios.bankrupt.debtToAssets.p50).toBeGreaterThan(healthy);
  });
});

describe('demo members and users', () => {
  it('have valid credit codes, unique keys and loan prefixes', () => {
    for (const member of DEMO_MEMBERS) expect(validateCreditCode(member.creditCode).isValid).toBe(true);
    expect(new Set(DEMO_MEMBERS.map((member) => member.key)).size).toBe(DEMO_MEMBERS.length);
    expect(new Set(DEMO_MEMBERS.map((member) => member.loanRefPrefix)).size).toBe(DEMO_MEMBERS.length);
    expect(DEMO_MEMBERS.map((member) => member.kind)).toEqual(
      expect.arrayContaining([
        'operator',
        'bank',
        'village_bank',
        'guarantee_fund',
        'anchor_firm',
        'government',
      ]),
    );
  });

  it('cover every role, each user tied to a member or a demo enterprise', () => {
    const roles = new Set(DEMO_USERS.map((user) => user.role));
    for (const role of [
      'operator',
      'member_admin',
      'analyst',
      'credit_officer',
      'approver',
      'enterprise_owner',
      'enterprise_finance',
      'regulator',
    ]) {
      expect(roles).toContain(role);
    }
    const keys = new Set(DEMO_MEMBERS.map((member) => member.key));
    for (const user of DEMO_USERS) {
      expect((user.memberKey === undefined) !== (user.enterpriseIndex === undefined)).toBe(true);
      if (user.memberKey) expect(keys).toContain(user.memberKey);
      expect(user.password.length).toBeGreaterThanOrEqual(12);
    }
    expect(new Set(DEMO_USERS.map((user) => user.login)).size).toBe(DEMO_USERS.length);
  });
});
