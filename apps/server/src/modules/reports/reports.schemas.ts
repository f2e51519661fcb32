import { z } from 'zod';
import { ZPurpose } from '../access/index.js';

export const LANGS = ['zh-CN', 'en'] as const;
export const ZLang = z.enum(LANGS);
export type TLang = z.infer<typeof ZLang>;

/** What a reader sees instead of the lender's name when it may not know it. */
export const UNDISCLOSED_LENDER = { 'zh-CN': '某会员机构', en: 'a member institution' } as const;

export const ZReportParams = z.object({ creditCode: z.string().min(1).max(32) });
export const REPORT_FORMATS = ['json', 'html', 'pdf'] as const;
export type TReportFormat = (typeof REPORT_FORMATS)[number];
export const ZReportQuery = z.object({
  format: z.enum(REPORT_FORMATS).default('json'),
  lang: ZLang.default('zh-CN'),
  purpose: ZPurpose.default('credit_assessment'),
});

const ZStats = z.object({
  mean: z.number().nullable(),
  median: z.number().nullable(),
  sd: z.number().nullable(),
  p30: z.number().nullable(),
  p70: z.number().nullable(),
});
export type TStats = z.infer<typeof ZStats>;

export const ZCreditReport = z.object({
  purpose: ZPurpose,
  generatedAt: z.string(),
  /** On what basis the reader saw it, and the access-log entry of this read. */
  readBasis: z.string(),
  accessLogId: z.string(),
  enterprise: z.object({
    creditCode: z.string(),
    name: z.string().nullable(),
    industryCode: z.string().nullable(),
    industryGroup: z.string().nullable(),
    sizeClass: z.string().nullable(),
    provinceCode: z.string(),
    provinceName: z.object({ zh: z.string(), en: z.string() }).nullable(),
    establishedOn: z.string().nullable(),
    employees: z.number().nullable(),
    annualRevenueFen: z.number().nullable(),
    totalAssetsFen: z.number().nullable(),
    registeredCapitalFen: z.number().nullable(),
    address: z.string().nullable(),
  }),
  score: z.discriminatedUnion('available', [
    z.object({
      available: z.literal(true),
      score: z.number(),
      pd: z.number(),
      grade: z.string(),
      modelId: z.string(),
      modelKind: z.string(),
      modelVersion: z.number(),
      asOf: z.string(),
      reasons: z.array(
        z.object({ feature: z.string(), bin: z.string(), points: z.number(), pointsLost: z.number() }),
      ),
      counterfactual: z.object({
        fromGrade: z.string(),
        toGrade: z.string().nullable(),
        reachable: z.boolean(),
        changes: z.array(
          z.object({ feature: z.string(), fromBin: z.string(), toBin: z.string(), pointsGained: z.number() }),
        ),
      }),
    }),
    z.object({ available: z.literal(false), message: z.string() }),
  ]),
  scoreHistory: z.array(
    z.object({
      computedAt: z.string(),
      modelId: z.string(),
      modelVersion: z.number().nullable(),
      score: z.number(),
      pd: z.number(),
      grade: z.string(),
    }),
  ),
  statements: z.array(
    z.object({
      periodEnd: z.string(),
      disputed: z.boolean(),
      /** The enterprise's own explanation of this record, when it gave one. */
      explanation: z.string().nullable(),
      peerGroup: z.object({
        level: z.enum(['industry_size_province', 'industry_size', 'none']),
        count: z.number().int(),
        note: z.string().nullable(),
      }),
      ratios: z.array(
        z.object({
          id: z.string(),
          zh: z.string(),
          en: z.string(),
          unit: z.string(),
          value: z.number().nullable(),
          /** 0–100: the share of peers below the value, ties counted half. */
          percentile: z.number().nullable(),
        }),
      ),
    }),
  ),
  invoiceActivity: z.object({
    months: z.array(z.object({ month: z.string(), salesFen: z.number(), purchasesFen: z.number() })),
    invoices: z.number(),
    voidShare: z.number().nullable(),
    customers: z.number(),
    suppliers: z.number(),
    topCustomerShare: z.number().nullable(),
    customerHhi: z.number().nullable(),
    topSupplierShare: z.number().nullable(),
    supplierHhi: z.number().nullable(),
  }),
  loans: z.array(
    z.object({
      lender: z.string(),
      lenderDisclosed: z.boolean(),
      loanRef: z.string(),
      product: z.string(),
      principalFen: z.number(),
      grantedOn: z.string(),
      maturityOn: z.string().nullable(),
      status: z.string(),
      asOf: z.string(),
      outstandingFen: z.number(),
      daysPastDue: z.number(),
      maxDaysPastDue: z.number(),
      defaultOn: z.string().nullable(),
      disputed: z.boolean(),
      explanation: z.string().nullable(),
      history: z.array(
        z.object({
          asOf: z.string(),
          outstandingFen: z.number(),
          daysPastDue: z.number(),
          status: z.string(),
        }),
      ),
    }),
  ),
  publicRecords: z.array(
    z.object({
      recordType: z.string(),
      referenceNo: z.string(),
      authority: z.string(),
      decidedOn: z.string(),
      endedOn: z.string().nullable(),
      amountFen: z.number().nullable(),
      description: z.string().nullable(),
      disputed: z.boolean(),
      explanation: z.string().nullable(),
    }),
  ),
  openDisputes: z.number().int(),
  lookups: z.object({
    total: z.number().int(),
    allowed: z.number().int(),
    refused: z.number().int(),
    last12Months: z.number().int(),
    byPurpose: z.array(z.object({ purpose: z.string(), count: z.number().int() })),
  }),
});
export type TCreditReport = z.infer<typeof ZCreditReport>;

export const ZYear = z.coerce.number().int().min(1990).max(2100);
export const ZPeerStatisticsQuery = z.object({
  year: ZYear,
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const ZPeerStatisticsSubgroup = z.object({
  subgroup: z.enum(['all', 'non_default', 'default']),
  suppressed: z.boolean(),
  count: z.number().int().nullable(),
  /** Ratio ids and `score`: statistics, or null when suppressed or not computable. */
  indicators: z.record(z.string(), ZStats.nullable()),
});

export const ZPeerStatisticsCell = z.object({
  level: z.enum(['cell', 'industry_size']),
  industryGroup: z.string(),
  sizeClass: z.string(),
  provinceCode: z.string().nullable(),
  provinceName: z.object({ zh: z.string(), en: z.string() }).nullable(),
  /** primary: fewer than the minimum enterprises; complementary: hidden so a primary one cannot be derived. */
  suppression: z.enum(['primary', 'complementary']).nullable(),
  count: z.number().int().nullable(),
  defaultRate: z.number().nullable(),
  subgroups: z.array(ZPeerStatisticsSubgroup),
});
export type TPeerStatisticsCell = z.infer<typeof ZPeerStatisticsCell>;

export const ZPeerStatistics = z.object({
  year: z.number().int(),
  minimumCellSize: z.number().int(),
  indicators: z.array(z.string()),
  cells: z.array(ZPeerStatisticsCell),
});
export type TPeerStatistics = z.infer<typeof ZPeerStatistics>;

/** Years to repay from one source; `years` null and `repayable` false when the source is ≤ 0. */
const ZRepaymentYears = z.object({
  denominatorFen: z.number().int(),
  years: z.number().nullable(),
  repayable: z.boolean(),
});

export const ZDiagnosis = z.object({
  creditCode: z.string(),
  periodEnd: z.string().nullable(),
  peerGroup: z.object({
    level: z.enum(['industry_size_province', 'industry_size', 'none']),
    count: z.number().int(),
    note: z.string().nullable(),
  }),
  categories: z.array(
    z.object({
      id: z.string(),
      zh: z.string(),
      en: z.string(),
      ratio: z.string(),
      value: z.number().nullable(),
      /** 50 is the peer mean; each 10 points one standard deviation better (kept within 20–80). */
      deviationScore: z.number().nullable(),
      rank: z.enum(['A', 'B', 'C', 'D', 'E']).nullable(),
      assessment: z.enum(['strength', 'weakness', 'average', 'unknown']),
      advice: z.object({ zh: z.string(), en: z.string() }).nullable(),
    }),
  ),
  /** 所需运转资金 at the latest period end: receivables + inventories − payables, integer fen. */
  workingCapitalNeed: z
    .object({
      amountFen: z.number().int(),
      receivablesFen: z.number().int(),
      inventoriesFen: z.number().int(),
      payablesFen: z.number().int(),
      /** The need in months of sales (revenue / 12); null without sales. */
      monthsOfSales: z.number().nullable(),
      advice: z.object({ zh: z.string(), en: z.string() }),
    })
    .nullable(),
  /** 债务偿还年限: interest-bearing debt over net profit + depreciation (and over operating cash flow). */
  debtRepayment: z
    .object({
      interestBearingDebtFen: z.number().int(),
      earnings: ZRepaymentYears,
      operatingCashFlow: ZRepaymentYears.nullable(),
      advice: z.object({ zh: z.string(), en: z.string() }),
    })
    .nullable(),
});
export type TDiagnosis = z.infer<typeof ZDiagnosis>;

export const ZPeerStatisticsSnapshotMeta = z.object({
  id: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  minimumCellSize: z.number().int(),
  cellCount: z.number().int(),
  publishedCellCount: z.number().int(),
  /** Enterprises with an annual statement in the year (before any suppression). */
  enterpriseCount: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TPeerStatisticsSnapshotMeta = z.infer<typeof ZPeerStatisticsSnapshotMeta>;

export const ZPeerStatisticsSnapshot = z.object({
  snapshot: ZPeerStatisticsSnapshotMeta,
  statistics: ZPeerStatistics,
});
export type TPeerStatisticsSnapshot = z.infer<typeof ZPeerStatisticsSnapshot>;

export const ZCreateSnapshotBody = z.object({ year: ZYear });
export const ZSnapshotListQuery = z.object({ year: ZYear.optional() });
export const ZSnapshotParams = z.object({
  year: ZYear,
  /** A version number, or `latest`. */
  version: z.union([z.literal('latest'), z.coerce.number().int().min(1)]),
});
export const ZSnapshotQuery = z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') });

export const ZSampleRow = z.object({
  year: z.number().int(),
  industryGroup: z.string(),
  /** `*` when generalised so that the class holds k firm-years. */
  sizeClass: z.string(),
  /** Two-digit province code, or `*` when generalised. */
  province: z.string(),
  employees: z.number().nullable(),
  revenueFen: z.number().int(),
  totalAssetsFen: z.number().int(),
  totalLiabilitiesFen: z.number().int(),
  equityFen: z.number().int(),
  netProfitFen: z.number().int(),
  currentRatio: z.number().nullable(),
  quickRatio: z.number().nullable(),
  debtToAssets: z.number().nullable(),
  grossMargin: z.number().nullable(),
  netMargin: z.number().nullable(),
  returnOnAssets: z.number().nullable(),
  defaultedNextYear: z.boolean(),
});
export type TSampleRow = z.infer<typeof ZSampleRow>;

export const ZSampleData = z.object({
  year: z.number().int().nullable(),
  k: z.number().int(),
  quasiIdentifiers: z.array(z.string()),
  /** Firm-years in the registry before generalisation and suppression. */
  sourceRows: z.number().int(),
  generalisedProvince: z.number().int(),
  generalisedSize: z.number().int(),
  suppressed: z.number().int(),
  rows: z.array(ZSampleRow),
});
export type TSampleData = z.infer<typeof ZSampleData>;

export const ZSampleDataQuery = z.object({
  /** One statement year; all years when absent. */
  year: ZYear.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
