import { describe, expect, it } from 'vitest';
import { newPreviousStatements, newStatements } from './statement.fixtures.js';
import {
  BALANCE_SHEET_LINES,
  CASH_FLOW_LINES,
  findStatementLine,
  getStatementLine,
  INCOME_STATEMENT_LINES,
  lineIdOf,
  STATEMENT_LINES,
} from './statement-lines.js';
import { lintStatement, type StatementValues, validateStatement } from './statement-validator.js';

const idsOf = (lines: ReadonlyArray<{ id: string }>) => lines.map((line) => line.id);
const rulesOf = (issues: ReadonlyArray<{ field: string; rule: string }>) =>
  issues.map((issue) => `${issue.field}:${issue.rule}`);

describe('statement lines', () => {
  it('has 53 + 32 + 22 lines with contiguous two-digit ids', () => {
    expect(BALANCE_SHEET_LINES).toHaveLength(53);
    expect(INCOME_STATEMENT_LINES).toHaveLength(32);
    expect(CASH_FLOW_LINES).toHaveLength(22);
    expect(STATEMENT_LINES).toHaveLength(107);
    BALANCE_SHEET_LINES.forEach((line, index) => {
      expect(line.row).toBe(index + 1);
      expect(line.id).toBe(`bs_${String(index + 1).padStart(2, '0')}`);
    });
    expect(idsOf(INCOME_STATEMENT_LINES).at(-1)).toBe('is_32');
    expect(idsOf(CASH_FLOW_LINES).at(-1)).toBe('cf_22');
    expect(lineIdOf('cash_flow', 7)).toBe('cf_07');
    for (const line of STATEMENT_LINES) {
      expect(line.zh.length, line.id).toBeGreaterThan(0);
      expect(line.en.length, line.id).toBeGreaterThan(0);
    }
  });

  it('has exactly the subtotals of DOMAIN §3.4', () => {
    expect(idsOf(STATEMENT_LINES.filter((line) => line.kind === 'subtotal'))).toEqual([
      'bs_15',
      'bs_20',
      'bs_29',
      'bs_30',
      'bs_41',
      'bs_46',
      'bs_47',
      'bs_52',
      'bs_53',
      'is_21',
      'is_30',
      'is_32',
      'cf_07',
      'cf_13',
      'cf_19',
      'cf_20',
      'cf_22',
    ]);
  });

  it('has the formulas of DOMAIN §3 (spot checks)', () => {
    const text = (id: string) =>
      getStatementLine(id)
        .formula?.map((term) => `${term.sign < 0 ? '-' : '+'}${term.id.slice(3)}`)
        .join('');
    expect(text('bs_15')).toBe('+01+02+03+04+05+06+07+08+09+14');
    expect(text('bs_20')).toBe('+18-19');
    expect(text('bs_29')).toBe('+16+17+20+21+22+23+24+25+26+27+28');
    expect(text('bs_53')).toBe('+47+52');
    expect(text('is_21')).toBe('+01-02-03-11-14-18+20');
    expect(text('is_30')).toBe('+21+22-24');
    expect(text('cf_07')).toBe('+01+02-03-04-05-06');
    expect(text('cf_13')).toBe('+08+09+10-11-12');
    expect(text('cf_19')).toBe('+14+15-16-17-18');
    expect(text('cf_22')).toBe('+20+21');
  });

  it('has the memo parents of DOMAIN §3.4, never inside a formula', () => {
    const memos = STATEMENT_LINES.filter((line) => line.kind === 'memo');
    expect(Object.fromEntries(memos.map((line) => [line.id, line.parent]))).toEqual({
      bs_10: 'bs_09',
      bs_11: 'bs_09',
      bs_12: 'bs_09',
      bs_13: 'bs_09',
      is_04: 'is_03',
      is_05: 'is_03',
      is_06: 'is_03',
      is_07: 'is_03',
      is_08: 'is_03',
      is_09: 'is_03',
      is_10: 'is_03',
      is_12: 'is_11',
      is_13: 'is_11',
      is_15: 'is_14',
      is_16: 'is_14',
      is_17: 'is_14',
      is_19: 'is_18',
      is_23: 'is_22',
      is_25: 'is_24',
      is_26: 'is_24',
      is_27: 'is_24',
      is_28: 'is_24',
      is_29: 'is_24',
    });
    const termIds = new Set(STATEMENT_LINES.flatMap((line) => line.formula ?? []).map((term) => term.id));
    for (const memo of memos) expect(termIds.has(memo.id), memo.id).toBe(false);
  });

  it('finds and gets lines', () => {
    expect(findStatementLine('bs_30')?.zh).toBe('资产总计');
    expect(findStatementLine('bs_54')).toBeNull();
    expect(() => getStatementLine('bs_54')).toThrow(RangeError);
  });
});

describe('validateStatement: hard rules', () => {
  it('accepts the hand-computed statements, even with zero tolerance', () => {
    expect(validateStatement(newStatements())).toEqual([]);
    expect(validateStatement(newStatements(), { toleranceFen: 0 })).toEqual([]);
  });

  it('accepts absent statements (missing counts as 0) and an empty record', () => {
    const incomeOnly = Object.fromEntries(
      Object.entries(newStatements()).filter(([id]) => id.startsWith('is_')),
    );
    expect(validateStatement(incomeOnly)).toEqual([]);
    expect(validateStatement({})).toEqual([]);
    expect(validateStatement({ bs_15: null, bs_01: null })).toEqual([]);
  });

  const subtotals = STATEMENT_LINES.filter((line) => line.kind === 'subtotal');
  it.each(subtotals.map((line) => line.id))('flags %s when it is off by more than the tolerance', (id) => {
    const values = newStatements();
    const original = values[id] ?? 0;
    expect(validateStatement({ ...values, [id]: original + 100 })).toEqual([]);
    const issues = validateStatement({ ...values, [id]: original + 101 });
    expect(issues).toContainEqual(
      expect.objectContaining({ field: id, rule: 'subtotal', expected: original, actual: original + 101 }),
    );
    // Only the perturbed subtotal, the subtotals built on it and (for bs_30/bs_53) the balance can fail.
    const dependents = new Set([
      id,
      ...subtotals.filter((line) => line.formula?.some((t) => t.id === id)).map((l) => l.id),
    ]);
    for (const issue of issues) {
      if (issue.rule === 'balance') continue;
      expect(dependents.has(issue.field), `${issue.field} for ${id}`).toBe(true);
    }
  });

  it('flags a wrong item through its subtotal', () => {
    const issues = validateStatement(newStatements({ bs_04: 30_000_000 + 50_000 }));
    // bs_30 adds the reported bs_15, so only bs_15 fails.
    expect(rulesOf(issues)).toEqual(['bs_15:subtotal']);
    expect(issues[0]?.message).toBe(
      'bs_15 流动资产合计 (total current assets) is 1,280,000.00 but bs_01 + bs_02 + bs_03 + bs_04 + bs_05 + bs_06 + bs_07 + bs_08 + bs_09 + bs_14 = 1,280,500.00 (difference -500.00): the subtotal must equal its rows',
    );
  });

  it('says when a subtotal is missing', () => {
    const issues = validateStatement(newStatements({ bs_20: null }));
    expect(rulesOf(issues)).toEqual(['bs_20:subtotal', 'bs_29:subtotal']);
    expect(issues[0]?.message).toBe(
      'bs_20 固定资产账面价值 (fixed assets, net book value) is missing (counted as 0.00) but bs_18 − bs_19 = 700,000.00 (difference -700,000.00): the subtotal must equal its rows',
    );
  });

  it('flags A ≠ L + E with both rows named', () => {
    // Equity and its totals raised by 200,000 yuan: every subtotal holds, only the balance fails.
    const values = newStatements({ bs_48: 120_000_000, bs_52: 146_000_000, bs_53: 236_000_000 });
    const issues = validateStatement(values);
    expect(issues).toEqual([
      {
        field: 'bs_30',
        rule: 'balance',
        message:
          'bs_30 资产总计 (total assets) 2,160,000.00 ≠ bs_53 负债和所有者权益（或股东权益）总计 (total liabilities and equity) 2,360,000.00 (difference -200,000.00): assets must equal liabilities + equity',
        expected: 236_000_000,
        actual: 216_000_000,
      },
    ]);
  });

  it('applies the tolerance to the balance', () => {
    const values = newStatements({ bs_48: 100_000_100, bs_52: 126_000_100, bs_53: 216_000_100 });
    expect(validateStatement(values)).toEqual([]);
    expect(rulesOf(validateStatement(values, { toleranceFen: 99 }))).toEqual(['bs_30:balance']);
  });

  it.each([
    ['bs_10', 'bs_09'],
    ['is_06', 'is_03'],
    ['is_13', 'is_11'],
    ['is_17', 'is_14'],
    ['is_19', 'is_18'],
    ['is_23', 'is_22'],
    ['is_29', 'is_24'],
  ])('flags %s larger than its parent %s', (memo, parent) => {
    const values = newStatements();
    const parentAmount = values[parent] ?? 0;
    expect(validateStatement({ ...values, [memo]: parentAmount + 100 })).toEqual([]);
    const issues = validateStatement({ ...values, [memo]: parentAmount + 101 });
    expect(issues).toEqual([
      expect.objectContaining({ field: memo, rule: 'memo_exceeds_parent', expected: parentAmount }),
    ]);
  });

  it('names both rows in the memo message', () => {
    const [issue] = validateStatement(newStatements({ bs_10: 50_000_000 }));
    expect(issue?.message).toBe(
      'bs_10 其中：原材料 (of which: raw materials) 500,000.00 exceeds bs_09 存货 (inventories) 400,000.00: an "of which" row cannot be larger than the row it details',
    );
  });

  it('checks is_19 against is_18 only when interest is positive', () => {
    // Net interest income (negative) larger in size than finance costs: not a memo error.
    const is21 = 35_000_000 + 2_500_000 + 500_000;
    const is30 = is21 + 1_000_000 - 2_000_000;
    const recomputed = newStatements({
      is_18: -500_000,
      is_19: -100_000,
      is_21: is21,
      is_30: is30,
      is_32: is30 - 8_500_000,
    });
    expect(validateStatement(recomputed)).toEqual([]);
    expect(rulesOf(validateStatement({ ...recomputed, is_19: 100_000 }))).toEqual([
      'is_19:memo_exceeds_parent',
    ]);
  });

  it('reports ids that look like lines but are not, and ignores other keys', () => {
    const issues = validateStatement({ bs_54: 1, bs_1: 2, is_33: 3, foo: 4 });
    expect(rulesOf(issues)).toEqual(['bs_54:unknown_field', 'bs_1:unknown_field', 'is_33:unknown_field']);
    expect(issues[1]?.message).toBe(
      'bs_1 is not a line of the statements; use bs_01…bs_53, is_01…is_32 or cf_01…cf_22 (two-digit row numbers)',
    );
  });

  it('reports amounts that are not integer fen', () => {
    const issues = validateStatement({
      bs_02: 12.5,
      bs_15: 12.5,
      bs_30: 12.5,
      bs_53: 12.5,
      bs_47: 12.5,
      bs_41: 12.5,
      bs_31: 12.5,
    });
    expect(rulesOf(issues).filter((rule) => rule.endsWith('integer_fen'))).toHaveLength(7);
    expect(issues[0]?.message).toMatch(
      /^bs_02 短期投资 \(short-term investments\) is 12\.5, not an amount in integer fen/,
    );
    expect(rulesOf(validateStatement({ bs_01: Number.NaN }))).toEqual(['bs_01:integer_fen']);
  });

  it('rejects a bad tolerance', () => {
    expect(() => validateStatement({}, { toleranceFen: -1 })).toThrow(
      'validateStatement: toleranceFen cannot be negative',
    );
    expect(() => validateStatement({}, { toleranceFen: 0.5 })).toThrow(RangeError);
  });
});

describe('lintStatement: soft rules', () => {
  it('has no warning for the consistent statements with their opening balance', () => {
    expect(lintStatement(newStatements(), { opening: newPreviousStatements() })).toEqual([]);
  });

  it('warns about negative amounts on lines that are normally positive', () => {
    const warnings = lintStatement(newStatements({ bs_04: -100, bs_51: -100, is_20: -100, cf_07: -100 }));
    expect(rulesOf(warnings)).toEqual(['bs_04:negative_value']);
    expect(warnings[0]?.message).toBe(
      'bs_04 应收账款 (accounts receivable) is negative (-1.00); this line is normally zero or positive, check the sign',
    );
  });

  it('warns when the "of which" rows add up to more than their parent', () => {
    const warnings = lintStatement(newStatements({ bs_10: 30_000_000, bs_12: 30_000_000 }));
    expect(rulesOf(warnings)).toEqual(['bs_09:memo_sum_exceeds_parent']);
    expect(warnings[0]).toMatchObject({
      expected: 40_000_000,
      actual: 30_000_000 + 5_000_000 + 30_000_000 + 2_000_000,
    });
  });

  it('warns when closing cash differs from 货币资金, only when both are reported', () => {
    const warnings = lintStatement(newStatements({ bs_01: 49_000_000 }));
    expect(rulesOf(warnings)).toEqual(['cf_22:cash_mismatch']);
    expect(warnings[0]?.message).toMatch(
      /^cf_22 五、期末现金余额 \(closing cash balance\) should equal bs_01 货币资金 \(cash and bank balances\) at period end unless part of the cash is restricted \(其他货币资金\): 500,000\.00 ≠ 490,000\.00/,
    );
    expect(lintStatement(newStatements({ cf_22: null }))).toEqual([]);
  });

  it('warns when opening cash differs from the opening balance sheet', () => {
    const warnings = lintStatement(newStatements(), {
      opening: newPreviousStatements({ bs_01: 40_000_000 }),
    });
    expect(rulesOf(warnings)).toEqual(['cf_21:opening_cash_mismatch']);
  });

  it('warns when retained earnings do not roll forward', () => {
    const warnings = lintStatement(newStatements(), { opening: newPreviousStatements({ bs_51: 0 }) });
    expect(rulesOf(warnings)).toEqual(['bs_51:retained_earnings_rollforward']);
    expect(warnings[0]).toMatchObject({ expected: 17_950_000, actual: 15_000_000 });
  });

  it('checks year to date against the months', () => {
    const ytd = newStatements();
    const first: StatementValues = {};
    const second: StatementValues = {};
    for (const [id, amount] of Object.entries(ytd)) {
      if (id.startsWith('bs_') || amount === null) continue;
      first[id] = Math.trunc(amount / 3);
      second[id] = amount - Math.trunc(amount / 3);
    }
    first.cf_21 = ytd.cf_21 ?? 0;
    second.cf_21 = 123;
    first.cf_22 = 456;
    second.cf_22 = ytd.cf_22 ?? 0;
    expect(lintStatement(ytd, { months: [first, second] })).toEqual([]);
    const warnings = lintStatement(ytd, {
      months: [first, { ...second, is_01: (second.is_01 ?? 0) + 1_000 }],
    });
    expect(rulesOf(warnings)).toEqual(['is_01:year_to_date_sum']);
    expect(warnings[0]?.message).toBe(
      'is_01 一、营业收入 (operating revenue) year to date should equal the sum of the 2 months: 3,000,000.00 ≠ 3,000,010.00 (difference -10.00)',
    );
    expect(rulesOf(lintStatement(ytd, { months: [second, first] }))).toEqual(
      expect.arrayContaining(['cf_21:year_to_date_sum', 'cf_22:year_to_date_sum']),
    );
  });

  it('rejects a bad tolerance', () => {
    expect(() => lintStatement({}, { toleranceFen: -5 })).toThrow(RangeError);
  });
});
