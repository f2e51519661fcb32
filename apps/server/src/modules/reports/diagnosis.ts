import type { RatioId, Ratios, StatementValues } from '../registry/index.js';

/** The ten CRD diagnosis categories, each read from one ratio, and which direction is better. */
export const DIAGNOSIS_CATEGORIES = [
  {
    id: 'overall_profitability',
    zh: '总体盈利能力',
    en: 'Overall profitability',
    ratio: 'return_on_assets',
    higherIsBetter: true,
    advice: {
      zh: '提高资产回报：处置闲置资产，聚焦毛利较高的产品和客户。',
      en: 'Raise the return on assets: dispose of idle assets and focus on higher-margin products and customers.',
    },
  },
  {
    id: 'margin_on_sales',
    zh: '销售利润率',
    en: 'Margin on sales',
    ratio: 'net_margin',
    higherIsBetter: true,
    advice: {
      zh: '检查定价与成本结构，控制期间费用。',
      en: 'Review pricing and the cost structure, and keep overheads in check.',
    },
  },
  {
    id: 'turnover',
    zh: '营运效率',
    en: 'Turnover',
    ratio: 'asset_turnover',
    higherIsBetter: true,
    advice: {
      zh: '提高资产周转：减少积压存货，加快应收账款回收。',
      en: 'Turn assets faster: reduce slow-moving stock and collect receivables sooner.',
    },
  },
  {
    id: 'short_term_solvency',
    zh: '短期偿债能力',
    en: 'Short-term solvency',
    ratio: 'current_ratio',
    higherIsBetter: true,
    advice: {
      zh: '增加流动资产对短期负债的覆盖，可将部分短期借款转为中长期借款。',
      en: 'Cover short-term liabilities better, for example by refinancing short-term loans with longer ones.',
    },
  },
  {
    id: 'capital_stability',
    zh: '资本稳定性',
    en: 'Capital stability',
    ratio: 'equity_ratio',
    higherIsBetter: true,
    advice: {
      zh: '留存利润或增资以提高所有者权益比重。',
      en: 'Retain profits or add capital to raise the equity share of total assets.',
    },
  },
  {
    id: 'funding_asset_matching',
    zh: '资金与资产匹配',
    en: 'Funding/asset matching',
    ratio: 'altman_x1',
    higherIsBetter: true,
    advice: {
      zh: '以长期资金支持长期资产，保持正的营运资金。',
      en: 'Fund long-lived assets with long-term money and keep working capital positive.',
    },
  },
  {
    id: 'borrowing_burden',
    zh: '借款负担',
    en: 'Borrowing burden',
    ratio: 'financial_debt_to_equity',
    higherIsBetter: false,
    advice: {
      zh: '降低有息负债相对所有者权益的比例。',
      en: 'Reduce interest-bearing debt relative to equity.',
    },
  },
  {
    id: 'debt_service_capacity',
    zh: '偿债能力',
    en: 'Debt-service capacity',
    ratio: 'interest_coverage',
    higherIsBetter: true,
    advice: {
      zh: '提高息税前利润对利息支出的覆盖，或争取更低的融资成本。',
      en: 'Earn more before interest relative to interest paid, or seek cheaper funding.',
    },
  },
  {
    id: 'asset_soundness',
    zh: '资产质量',
    en: 'Asset soundness',
    ratio: 'receivable_days',
    higherIsBetter: false,
    advice: {
      zh: '缩短应收账款账期，及时清理长期挂账款项。',
      en: 'Shorten collection periods and clear long-overdue receivables.',
    },
  },
  {
    id: 'growth',
    zh: '成长性',
    en: 'Growth',
    ratio: 'revenue_growth',
    higherIsBetter: true,
    advice: {
      zh: '拓展客户和销售渠道，保持收入稳定增长。',
      en: 'Widen the customer base and sales channels to keep revenue growing.',
    },
  },
] as const satisfies ReadonlyArray<{
  id: string;
  zh: string;
  en: string;
  ratio: RatioId;
  higherIsBetter: boolean;
  advice: { zh: string; en: string };
}>;

export type DiagnosisRank = 'A' | 'B' | 'C' | 'D' | 'E';

/**
 * The deviation score (偏差值) of a value among peers: 50 + 10 · (x − mean) / sd, mirrored when lower is
 * better, kept within 20–80 so one outlier does not dominate. Null without a value, with fewer than two
 * peer values or when the peers do not vary.
 */
export function deviationScore(
  value: number | null,
  peers: readonly number[],
  higherIsBetter: boolean,
): number | null {
  if (value === null || peers.length < 2) return null;
  const mean = peers.reduce((sum, peer) => sum + peer, 0) / peers.length;
  const variance = peers.reduce((sum, peer) => sum + (peer - mean) ** 2, 0) / (peers.length - 1);
  const sd = Math.sqrt(variance);
  if (sd === 0) return null;
  const z = (value - mean) / sd;
  return Math.min(80, Math.max(20, 50 + 10 * (higherIsBetter ? z : -z)));
}

/** A ≥ 60, B ≥ 55, C ≥ 45, D ≥ 40, E below. */
export function rankOf(score: number): DiagnosisRank {
  if (score >= 60) return 'A';
  if (score >= 55) return 'B';
  if (score >= 45) return 'C';
  if (score >= 40) return 'D';
  return 'E';
}

export type DiagnosisCategory = {
  id: string;
  zh: string;
  en: string;
  ratio: RatioId;
  value: number | null;
  deviationScore: number | null;
  rank: DiagnosisRank | null;
  assessment: 'strength' | 'weakness' | 'average' | 'unknown';
  advice: { zh: string; en: string } | null;
};

/** Places each category's ratio among the peers' and says, in both languages, what to work on. */
export function diagnose(own: Ratios | null, peers: readonly Ratios[]): DiagnosisCategory[] {
  return DIAGNOSIS_CATEGORIES.map((category) => {
    const value = own?.[category.ratio] ?? null;
    const peerValues = peers.flatMap((ratios) => {
      const peer = ratios[category.ratio];
      return peer === null ? [] : [peer];
    });
    const score = deviationScore(value, peerValues, category.higherIsBetter);
    const rank = score === null ? null : rankOf(score);
    const assessment =
      rank === null ? 'unknown' : rank <= 'B' ? 'strength' : rank >= 'D' ? 'weakness' : 'average';
    return {
      id: category.id,
      zh: category.zh,
      en: category.en,
      ratio: category.ratio,
      value,
      deviationScore: score,
      rank,
      assessment,
      advice:
        assessment === 'weakness'
          ? category.advice
          : assessment === 'strength'
            ? {
                zh: `${category.zh}优于同业，请继续保持。`,
                en: `${category.en} is better than peers: keep it up.`,
              }
            : null,
    };
  });
}

/**
 * 所需运转资金: the money tied up in the trading cycle, receivables (notes and accounts, bs_03 + bs_04) plus
 * inventories (bs_09) less payables (notes and accounts, bs_32 + bs_33), at the latest period end, in fen;
 * with the same amount in months of sales (revenue is_01 / 12), null when there were no sales.
 */
export type WorkingCapitalNeed = {
  amountFen: number;
  receivablesFen: number;
  inventoriesFen: number;
  payablesFen: number;
  monthsOfSales: number | null;
  advice: { zh: string; en: string };
};

/**
 * 债务偿还年限: interest-bearing debt (short-term borrowings bs_31 + notes payable bs_32 + long-term
 * borrowings bs_42, as the financial debt of DOMAIN §4) over what the firm earns to repay it each year.
 * Earnings form: net profit (is_32) + depreciation (Δ accumulated depreciation bs_19 against the previous
 * year's statement, 0 without one). Cash form: net operating cash flow (cf_07). `years` is null, with
 * `repayable` false, when the denominator is ≤ 0 ("cannot repay from earnings"), and 0 without debt.
 */
export type DebtRepayment = {
  interestBearingDebtFen: number;
  earnings: { denominatorFen: number; years: number | null; repayable: boolean };
  operatingCashFlow: { denominatorFen: number; years: number | null; repayable: boolean } | null;
  advice: { zh: string; en: string };
};

/** Months of sales above which the working capital need is called heavy. */
const HEAVY_WORKING_CAPITAL_MONTHS = 3;
/** Years above which the debt is called long to repay (a common bank rule of thumb: 10 years). */
const LONG_REPAYMENT_YEARS = 10;

function amount(values: StatementValues, ...ids: string[]): number {
  return ids.reduce((sum, id) => {
    const value = values[id];
    return sum + (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  }, 0);
}

/** The working capital need of the latest statement, in integer fen, with advice in both languages. */
export function workingCapitalNeed(current: StatementValues): WorkingCapitalNeed {
  const receivablesFen = amount(current, 'bs_03', 'bs_04');
  const inventoriesFen = amount(current, 'bs_09');
  const payablesFen = amount(current, 'bs_32', 'bs_33');
  const amountFen = receivablesFen + inventoriesFen - payablesFen;
  const revenue = amount(current, 'is_01');
  const monthsOfSales = revenue > 0 ? amountFen / (revenue / 12) : null;
  const advice =
    amountFen <= 0
      ? {
          zh: '应付款项已覆盖应收账款和存货，经营周转无需额外资金；请注意按期支付供应商。',
          en: 'Payables cover receivables and stock, so trading needs no extra money; keep paying suppliers on time.',
        }
      : monthsOfSales === null || monthsOfSales > HEAVY_WORKING_CAPITAL_MONTHS
        ? {
            zh: '应收账款和存货占用资金较多：加快回款、减少库存，或争取更长的供应商账期，以降低短期借款需要。',
            en: 'Receivables and stock tie up a lot of money: collect sooner, hold less stock or agree longer supplier terms to need less short-term borrowing.',
          }
        : {
            zh: '经营周转所需资金与销售规模相称，可用短期流动资金贷款支持。',
            en: 'The money tied up in trading is in line with sales and can be funded with a short-term working capital loan.',
          };
  return { amountFen, receivablesFen, inventoriesFen, payablesFen, monthsOfSales, advice };
}

function yearsOf(debtFen: number, denominatorFen: number) {
  if (debtFen === 0) return { denominatorFen, years: 0, repayable: true };
  if (denominatorFen <= 0) return { denominatorFen, years: null, repayable: false };
  return { denominatorFen, years: debtFen / denominatorFen, repayable: true };
}

/**
 * Years to repay the interest-bearing debt from earnings (and from operating cash flow when the statement
 * has a cash-flow statement), with advice in both languages.
 */
export function debtRepayment(current: StatementValues, previous: StatementValues | null): DebtRepayment {
  const debt = amount(current, 'bs_31', 'bs_32', 'bs_42');
  const depreciation = previous ? Math.max(0, amount(current, 'bs_19') - amount(previous, 'bs_19')) : 0;
  const earnings = yearsOf(debt, amount(current, 'is_32') + depreciation);
  const hasCashFlow = current.cf_07 !== undefined && current.cf_07 !== null;
  const operatingCashFlow = hasCashFlow ? yearsOf(debt, amount(current, 'cf_07')) : null;
  const advice =
    debt === 0
      ? {
          zh: '没有有息负债，借款能力充足。',
          en: 'No interest-bearing debt: there is room to borrow.',
        }
      : !earnings.repayable
        ? {
            zh: '目前的利润（加折旧）不足以偿还借款：先恢复盈利、压缩开支，再考虑新增借款。',
            en: 'Current earnings (plus depreciation) cannot repay the debt: restore profits and cut costs before borrowing more.',
          }
        : (earnings.years ?? 0) > LONG_REPAYMENT_YEARS
          ? {
              zh: `按目前利润偿还有息负债需要超过${LONG_REPAYMENT_YEARS}年：减少借款或提高盈利。`,
              en: `Repaying the interest-bearing debt from current earnings would take more than ${LONG_REPAYMENT_YEARS} years: borrow less or earn more.`,
            }
          : {
              zh: `按目前利润可在${LONG_REPAYMENT_YEARS}年内偿还有息负债，负债水平可控。`,
              en: `Current earnings repay the interest-bearing debt within ${LONG_REPAYMENT_YEARS} years: the debt is manageable.`,
            };
  return { interestBearingDebtFen: debt, earnings, operatingCashFlow, advice };
}
