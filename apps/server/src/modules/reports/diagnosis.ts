import type { RatioId, Ratios } from '../registry/index.js';

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
