/**
 * Credit-analysis ratios of an SME from its 《小企业会计准则》 statements (DOMAIN §4) and the Altman Z''
 * score (DOMAIN §4.1).
 *
 * Conventions (textbook definitions; there is no single official Chinese one, DOMAIN §4 ⚠):
 * - Inputs are integer fen keyed by line id ('bs_15', 'is_01', 'cf_07'); a missing line counts as 0.
 * - Ratios are plain fractions (0.3, not 30 %); days are days; amounts (working capital, EBIT, EBITDA,
 *   free cash flow) stay integer fen.
 * - A zero denominator gives null, never NaN or Infinity. Interest coverage is also null when interest
 *   expense (is_19) is ≤ 0: there is nothing to cover.
 * - avg(n) = (opening + closing) / 2 with opening = the previous statement's closing balance; without a
 *   previous statement the closing balance stands in for the average. Growth rates need the previous
 *   statement and are null without it.
 * - Days use a 365-day period by default (annual, year-to-date income statement); pass `periodDays` for
 *   shorter periods.
 * - EBIT ≈ is_30 + is_19. EBITDA adds depreciation: `depreciationFen` when given, else Δbs_19 (累计折旧;
 *   ignores disposals; null when there is no previous statement or Δ is negative), plus `amortizationFen`.
 */
import { assertFen } from '../../../platform/money.js';
import type { StatementValues } from './statement-validator.js';

/** The ratio groups, in report order. */
export type RatioGroup =
  | 'liquidity'
  | 'leverage'
  | 'profitability'
  | 'efficiency'
  | 'growth'
  | 'cash_flow'
  | 'altman';

/** How a ratio's value reads: a fraction or multiple, days, an amount in fen, or a score. */
export type RatioUnit = 'ratio' | 'days' | 'fen' | 'score';

/** The ids of the ratios {@link computeRatios} returns. */
export type RatioId =
  | 'current_ratio'
  | 'quick_ratio'
  | 'cash_ratio'
  | 'working_capital'
  | 'debt_to_assets'
  | 'debt_to_equity'
  | 'equity_ratio'
  | 'financial_debt_to_equity'
  | 'ebit'
  | 'interest_coverage'
  | 'gross_margin'
  | 'operating_margin'
  | 'net_margin'
  | 'return_on_assets'
  | 'return_on_equity'
  | 'asset_turnover'
  | 'receivable_days'
  | 'inventory_days'
  | 'payable_days'
  | 'cash_conversion_cycle'
  | 'revenue_growth'
  | 'asset_growth'
  | 'equity_growth'
  | 'operating_cash_flow_to_current_liabilities'
  | 'operating_cash_flow_to_net_profit'
  | 'free_cash_flow'
  | 'debt_service_coverage'
  | 'ebitda'
  | 'altman_x1'
  | 'altman_x2'
  | 'altman_x3'
  | 'altman_x4'
  | 'altman_z_double_prime';

/** What a report shows about a ratio. */
export type RatioDefinition = {
  id: RatioId;
  group: RatioGroup;
  zh: string;
  en: string;
  unit: RatioUnit;
  /** The formula in line ids, for people. */
  formula: string;
};

/** Labels of the ratio groups. */
export const RATIO_GROUPS: Readonly<Record<RatioGroup, { zh: string; en: string }>> = {
  liquidity: { zh: '偿债能力（短期）', en: 'Liquidity' },
  leverage: { zh: '资本结构与长期偿债能力', en: 'Leverage' },
  profitability: { zh: '盈利能力', en: 'Profitability' },
  efficiency: { zh: '营运能力', en: 'Efficiency' },
  growth: { zh: '成长能力', en: 'Growth' },
  cash_flow: { zh: '现金流量', en: 'Cash flow' },
  altman: { zh: 'Altman Z′′ 评分', en: "Altman Z'' score" },
};

/** The ratios, in report order, with their labels and formulas. */
export const RATIO_DEFINITIONS: readonly RatioDefinition[] = Object.freeze([
  {
    id: 'current_ratio',
    group: 'liquidity',
    zh: '流动比率',
    en: 'Current ratio',
    unit: 'ratio',
    formula: 'bs_15 / bs_41',
  },
  {
    id: 'quick_ratio',
    group: 'liquidity',
    zh: '速动比率',
    en: 'Quick ratio',
    unit: 'ratio',
    formula: '(bs_15 − bs_09) / bs_41',
  },
  {
    id: 'cash_ratio',
    group: 'liquidity',
    zh: '现金比率',
    en: 'Cash ratio',
    unit: 'ratio',
    formula: '(bs_01 + bs_02) / bs_41',
  },
  {
    id: 'working_capital',
    group: 'liquidity',
    zh: '营运资金',
    en: 'Working capital',
    unit: 'fen',
    formula: 'bs_15 − bs_41',
  },
  {
    id: 'debt_to_assets',
    group: 'leverage',
    zh: '资产负债率',
    en: 'Debt-to-assets ratio',
    unit: 'ratio',
    formula: 'bs_47 / bs_30',
  },
  {
    id: 'debt_to_equity',
    group: 'leverage',
    zh: '产权比率',
    en: 'Debt-to-equity ratio',
    unit: 'ratio',
    formula: 'bs_47 / bs_52',
  },
  {
    id: 'equity_ratio',
    group: 'leverage',
    zh: '股东权益比率',
    en: 'Equity ratio',
    unit: 'ratio',
    formula: 'bs_52 / bs_30',
  },
  {
    id: 'financial_debt_to_equity',
    group: 'leverage',
    zh: '有息负债权益比',
    en: 'Financial debt to equity',
    unit: 'ratio',
    formula: '(bs_31 + bs_42 + bs_32) / bs_52',
  },
  { id: 'ebit', group: 'leverage', zh: '息税前利润', en: 'EBIT', unit: 'fen', formula: 'is_30 + is_19' },
  {
    id: 'interest_coverage',
    group: 'leverage',
    zh: '利息保障倍数',
    en: 'Interest coverage',
    unit: 'ratio',
    formula: '(is_30 + is_19) / is_19',
  },
  {
    id: 'gross_margin',
    group: 'profitability',
    zh: '毛利率',
    en: 'Gross margin',
    unit: 'ratio',
    formula: '(is_01 − is_02) / is_01',
  },
  {
    id: 'operating_margin',
    group: 'profitability',
    zh: '营业利润率',
    en: 'Operating margin',
    unit: 'ratio',
    formula: 'is_21 / is_01',
  },
  {
    id: 'net_margin',
    group: 'profitability',
    zh: '净利率',
    en: 'Net margin',
    unit: 'ratio',
    formula: 'is_32 / is_01',
  },
  {
    id: 'return_on_assets',
    group: 'profitability',
    zh: '总资产收益率',
    en: 'Return on assets',
    unit: 'ratio',
    formula: 'is_32 / avg(bs_30)',
  },
  {
    id: 'return_on_equity',
    group: 'profitability',
    zh: '净资产收益率',
    en: 'Return on equity',
    unit: 'ratio',
    formula: 'is_32 / avg(bs_52)',
  },
  {
    id: 'asset_turnover',
    group: 'efficiency',
    zh: '总资产周转率',
    en: 'Asset turnover',
    unit: 'ratio',
    formula: 'is_01 / avg(bs_30)',
  },
  {
    id: 'receivable_days',
    group: 'efficiency',
    zh: '应收账款周转天数',
    en: 'Receivable days',
    unit: 'days',
    formula: 'avg(bs_04 + bs_03) / is_01 × days',
  },
  {
    id: 'inventory_days',
    group: 'efficiency',
    zh: '存货周转天数',
    en: 'Inventory days',
    unit: 'days',
    formula: 'avg(bs_09) / is_02 × days',
  },
  {
    id: 'payable_days',
    group: 'efficiency',
    zh: '应付账款周转天数',
    en: 'Payable days',
    unit: 'days',
    formula: 'avg(bs_33 + bs_32) / is_02 × days',
  },
  {
    id: 'cash_conversion_cycle',
    group: 'efficiency',
    zh: '现金转换周期',
    en: 'Cash conversion cycle',
    unit: 'days',
    formula: 'receivable_days + inventory_days − payable_days',
  },
  {
    id: 'revenue_growth',
    group: 'growth',
    zh: '营业收入增长率',
    en: 'Revenue growth',
    unit: 'ratio',
    formula: 'is_01 / previous is_01 − 1',
  },
  {
    id: 'asset_growth',
    group: 'growth',
    zh: '总资产增长率',
    en: 'Asset growth',
    unit: 'ratio',
    formula: 'bs_30 / previous bs_30 − 1',
  },
  {
    id: 'equity_growth',
    group: 'growth',
    zh: '净资产增长率',
    en: 'Equity growth',
    unit: 'ratio',
    formula: 'bs_52 / previous bs_52 − 1',
  },
  {
    id: 'operating_cash_flow_to_current_liabilities',
    group: 'cash_flow',
    zh: '现金流动负债比',
    en: 'Operating cash flow to current liabilities',
    unit: 'ratio',
    formula: 'cf_07 / bs_41',
  },
  {
    id: 'operating_cash_flow_to_net_profit',
    group: 'cash_flow',
    zh: '盈余现金保障倍数',
    en: 'Operating cash flow to net profit',
    unit: 'ratio',
    formula: 'cf_07 / is_32',
  },
  {
    id: 'free_cash_flow',
    group: 'cash_flow',
    zh: '自由现金流',
    en: 'Free cash flow',
    unit: 'fen',
    formula: 'cf_07 − cf_12',
  },
  {
    id: 'debt_service_coverage',
    group: 'cash_flow',
    zh: '现金偿债保障倍数',
    en: 'Debt service coverage (cash)',
    unit: 'ratio',
    formula: 'cf_07 / (cf_16 + cf_17)',
  },
  {
    id: 'ebitda',
    group: 'cash_flow',
    zh: '息税折旧摊销前利润（近似）',
    en: 'EBITDA (approximate)',
    unit: 'fen',
    formula: 'is_30 + is_19 + depreciation (Δbs_19) + amortisation',
  },
  {
    id: 'altman_x1',
    group: 'altman',
    zh: 'X1 营运资金/总资产',
    en: 'X1 working capital / total assets',
    unit: 'ratio',
    formula: '(bs_15 − bs_41) / bs_30',
  },
  {
    id: 'altman_x2',
    group: 'altman',
    zh: 'X2 留存收益/总资产',
    en: 'X2 retained earnings / total assets',
    unit: 'ratio',
    formula: '(bs_50 + bs_51) / bs_30',
  },
  {
    id: 'altman_x3',
    group: 'altman',
    zh: 'X3 息税前利润/总资产',
    en: 'X3 EBIT / total assets',
    unit: 'ratio',
    formula: '(is_30 + is_19) / bs_30',
  },
  {
    id: 'altman_x4',
    group: 'altman',
    zh: 'X4 所有者权益账面值/负债合计',
    en: 'X4 book equity / total liabilities',
    unit: 'ratio',
    formula: 'bs_52 / bs_47',
  },
  {
    id: 'altman_z_double_prime',
    group: 'altman',
    zh: 'Altman Z′′ 值',
    en: "Altman Z''",
    unit: 'score',
    formula: '6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4',
  },
]);

/** Options of {@link computeRatios}. */
export type ComputeRatiosOptions = {
  /** Days in the income-statement period, for the day ratios. @default 365 */
  periodDays?: number;
  /** Depreciation of the period in fen, when known; otherwise Δbs_19 is used. */
  depreciationFen?: number;
  /** Amortisation of the period in fen, added into EBITDA. @default 0 */
  amortizationFen?: number;
};

/** Every ratio by id; null when it cannot be computed (a zero denominator, or no previous statement). */
export type Ratios = Record<RatioId, number | null>;

/**
 * Computes the DOMAIN §4 ratios and the Altman Z'' inputs and score.
 *
 * @param current - the period's statements in integer fen (closing balance sheet, year-to-date income
 *   statement and cash-flow statement)
 * @param previous - the previous period's statements (its balance sheet is this period's opening), or null
 * @param options - period length, depreciation and amortisation
 * @returns every ratio of {@link RATIO_DEFINITIONS} by id
 * @throws RangeError when an option is out of range
 */
export function computeRatios(
  current: StatementValues,
  previous: StatementValues | null = null,
  options: ComputeRatiosOptions = {},
): Ratios {
  const periodDays = options.periodDays ?? 365;
  if (!Number.isFinite(periodDays) || periodDays <= 0) {
    throw new RangeError(`computeRatios: periodDays must be a positive number, got ${periodDays}`);
  }
  if (options.depreciationFen !== undefined)
    assertFen(options.depreciationFen, 'computeRatios: depreciationFen');
  const amortization = options.amortizationFen ?? 0;
  assertFen(amortization, 'computeRatios: amortizationFen');

  const now = (...ids: string[]) => ids.reduce((sum, id) => sum + amountOf(current, id), 0);
  const before = (...ids: string[]) =>
    previous ? ids.reduce((sum, id) => sum + amountOf(previous, id), 0) : null;
  const average = (...ids: string[]) => {
    const opening = before(...ids);
    return opening === null ? now(...ids) : (now(...ids) + opening) / 2;
  };
  const growth = (id: string) => {
    const opening = before(id);
    if (opening === null) return null;
    const ratio = divide(now(id), opening);
    return ratio === null ? null : ratio - 1;
  };
  const days = (numerator: number, denominator: number) => {
    const ratio = divide(numerator, denominator);
    return ratio === null ? null : ratio * periodDays;
  };

  const interest = now('is_19');
  const ebit = now('is_30', 'is_19');
  const workingCapital = now('bs_15') - now('bs_41');
  const receivableDays = days(average('bs_04', 'bs_03'), now('is_01'));
  const inventoryDays = days(average('bs_09'), now('is_02'));
  const payableDays = days(average('bs_33', 'bs_32'), now('is_02'));
  const depreciation = options.depreciationFen ?? depreciationFromBalanceSheets(current, previous);
  const altman = {
    x1: divide(workingCapital, now('bs_30')),
    x2: divide(now('bs_50', 'bs_51'), now('bs_30')),
    x3: divide(ebit, now('bs_30')),
    x4: divide(now('bs_52'), now('bs_47')),
  };
  const { x1, x2, x3, x4 } = altman;

  return {
    current_ratio: divide(now('bs_15'), now('bs_41')),
    quick_ratio: divide(now('bs_15') - now('bs_09'), now('bs_41')),
    cash_ratio: divide(now('bs_01', 'bs_02'), now('bs_41')),
    working_capital: workingCapital,
    debt_to_assets: divide(now('bs_47'), now('bs_30')),
    debt_to_equity: divide(now('bs_47'), now('bs_52')),
    equity_ratio: divide(now('bs_52'), now('bs_30')),
    financial_debt_to_equity: divide(now('bs_31', 'bs_42', 'bs_32'), now('bs_52')),
    ebit,
    interest_coverage: interest > 0 ? divide(ebit, interest) : null,
    gross_margin: divide(now('is_01') - now('is_02'), now('is_01')),
    operating_margin: divide(now('is_21'), now('is_01')),
    net_margin: divide(now('is_32'), now('is_01')),
    return_on_assets: divide(now('is_32'), average('bs_30')),
    return_on_equity: divide(now('is_32'), average('bs_52')),
    asset_turnover: divide(now('is_01'), average('bs_30')),
    receivable_days: receivableDays,
    inventory_days: inventoryDays,
    payable_days: payableDays,
    cash_conversion_cycle:
      receivableDays === null || inventoryDays === null || payableDays === null
        ? null
        : receivableDays + inventoryDays - payableDays,
    revenue_growth: growth('is_01'),
    asset_growth: growth('bs_30'),
    equity_growth: growth('bs_52'),
    operating_cash_flow_to_current_liabilities: divide(now('cf_07'), now('bs_41')),
    operating_cash_flow_to_net_profit: divide(now('cf_07'), now('is_32')),
    free_cash_flow: now('cf_07') - now('cf_12'),
    debt_service_coverage: divide(now('cf_07'), now('cf_16', 'cf_17')),
    ebitda: depreciation === null ? null : ebit + depreciation + amortization,
    altman_x1: x1,
    altman_x2: x2,
    altman_x3: x3,
    altman_x4: x4,
    altman_z_double_prime:
      x1 === null || x2 === null || x3 === null || x4 === null
        ? null
        : computeAltmanZDoublePrime({ x1, x2, x3, x4 }),
  };
}

/** The four inputs of Altman's Z'' (DOMAIN §4.1). */
export type AltmanInputs = { x1: number; x2: number; x3: number; x4: number };

/** The zone of a Z'' score. */
export type AltmanZone = 'safe' | 'grey' | 'distress';

/** Z'' zone bounds: > 2.60 safe, 1.10–2.60 grey (both ends inclusive), < 1.10 distress. */
export const ALTMAN_Z_DOUBLE_PRIME_ZONES = { safeAbove: 2.6, distressBelow: 1.1 } as const;

/**
 * Altman's Z'' (1995; non-manufacturing, private and emerging-market firms):
 * 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4. For X = (0.2, 0.3, 0.15, 0.8) it is 4.138.
 *
 * @param inputs - X1 working capital / TA, X2 retained earnings / TA, X3 EBIT / TA, X4 book equity / TL
 * @returns the score
 * @throws RangeError when an input is not a finite number
 */
export function computeAltmanZDoublePrime(inputs: AltmanInputs): number {
  for (const key of ['x1', 'x2', 'x3', 'x4'] as const) {
    if (!Number.isFinite(inputs[key])) {
      throw new RangeError(
        `computeAltmanZDoublePrime: ${key} must be a finite number, got ${String(inputs[key])}`,
      );
    }
  }
  return 6.56 * inputs.x1 + 3.26 * inputs.x2 + 6.72 * inputs.x3 + 1.05 * inputs.x4;
}

/**
 * Places a Z'' score in its zone: > 2.60 safe, 1.10–2.60 grey, < 1.10 distress.
 *
 * @param score - a Z'' score
 * @returns 'safe', 'grey' or 'distress'
 * @throws RangeError when the score is not a finite number
 */
export function classifyAltmanZone(score: number): AltmanZone {
  if (!Number.isFinite(score)) {
    throw new RangeError(`classifyAltmanZone: score must be a finite number, got ${String(score)}`);
  }
  if (score > ALTMAN_Z_DOUBLE_PRIME_ZONES.safeAbove) return 'safe';
  if (score < ALTMAN_Z_DOUBLE_PRIME_ZONES.distressBelow) return 'distress';
  return 'grey';
}

function depreciationFromBalanceSheets(
  current: StatementValues,
  previous: StatementValues | null,
): number | null {
  if (!previous) return null;
  const charge = amountOf(current, 'bs_19') - amountOf(previous, 'bs_19');
  return charge < 0 ? null : charge;
}

function amountOf(values: StatementValues, id: string): number {
  const value = values[id];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function divide(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const ratio = numerator / denominator;
  return Number.isFinite(ratio) ? ratio : null;
}
