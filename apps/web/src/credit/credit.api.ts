import { ApiError, api, buildUrl, errorFromResponse } from '../api/client';
import { preloadRead, sharedRead } from '../api/shared-read';
import type { Localized } from '../api/types';
import type { Language } from '../i18n';

/** Why a member reads an enterprise's data (the consent's purpose). */
export type Purpose =
  | 'credit_assessment'
  | 'loan_monitoring'
  | 'guarantee'
  | 'supply_chain_finance'
  | 'research';
export const PURPOSES: readonly Purpose[] = [
  'credit_assessment',
  'loan_monitoring',
  'guarantee',
  'supply_chain_finance',
  'research',
];

export type Reason = { feature: string; bin: string; points: number; pointsLost: number };

export type Counterfactual = {
  fromGrade: string;
  toGrade: string | null;
  reachable: boolean;
  changes: { feature: string; fromBin: string; toBin: string; pointsGained: number }[];
};

export type ReportScore =
  | {
      available: true;
      score: number;
      pd: number;
      grade: string;
      modelId: string;
      modelKind: string;
      modelVersion: number;
      asOf: string;
      reasons: Reason[];
      counterfactual: Counterfactual;
    }
  | { available: false; message: string };

export type ScoreHistoryPoint = {
  computedAt: string;
  modelId: string;
  modelVersion: number | null;
  score: number;
  pd: number;
  grade: string;
};

export type PeerGroup = {
  level: 'industry_size_province' | 'industry_size' | 'none';
  count: number;
  note: string | null;
};

export type ReportRatio = {
  id: string;
  zh: string;
  en: string;
  unit: string;
  value: number | null;
  percentile: number | null;
};

export type ReportStatement = {
  periodEnd: string;
  disputed: boolean;
  /** Added by the trust work; rendered when present. */
  underDispute?: boolean;
  explanation?: string | null;
  peerGroup: PeerGroup;
  ratios: ReportRatio[];
};

export type ReportLoan = {
  lender: string;
  lenderDisclosed: boolean;
  loanRef: string;
  product: string;
  principalFen: number;
  grantedOn: string;
  maturityOn: string | null;
  status: string;
  asOf: string;
  outstandingFen: number;
  daysPastDue: number;
  maxDaysPastDue: number;
  defaultOn: string | null;
  disputed: boolean;
  underDispute?: boolean;
  explanation?: string | null;
};

export type ReportPublicRecord = {
  recordType: string;
  referenceNo: string;
  authority: string;
  decidedOn: string;
  endedOn: string | null;
  amountFen: number | null;
  description: string | null;
  disputed: boolean;
  underDispute?: boolean;
  explanation?: string | null;
};

export type CreditReport = {
  purpose: Purpose;
  generatedAt: string;
  readBasis: string;
  accessLogId: string;
  enterprise: {
    creditCode: string;
    name: string | null;
    industryCode: string | null;
    industryGroup: string | null;
    sizeClass: string | null;
    provinceCode: string;
    provinceName: Localized | null;
    establishedOn: string | null;
    employees: number | null;
    annualRevenueFen: number | null;
    totalAssetsFen: number | null;
    registeredCapitalFen: number | null;
    address: string | null;
  };
  score: ReportScore;
  scoreHistory: ScoreHistoryPoint[];
  statements: ReportStatement[];
  invoiceActivity: {
    months: { month: string; salesFen: number; purchasesFen: number }[];
    invoices: number;
    voidShare: number | null;
    customers: number;
    suppliers: number;
    topCustomerShare: number | null;
    customerHhi: number | null;
    topSupplierShare: number | null;
    supplierHhi: number | null;
  };
  loans: ReportLoan[];
  publicRecords: ReportPublicRecord[];
  openDisputes: number;
  lookups: {
    total: number;
    allowed: number;
    refused: number;
    last12Months: number;
    byPurpose: { purpose: string; count: number }[];
  };
};

export type Diagnosis = {
  creditCode: string;
  periodEnd: string | null;
  peerGroup: PeerGroup;
  categories: {
    id: string;
    zh: string;
    en: string;
    ratio: string;
    value: number | null;
    deviationScore: number | null;
    rank: 'A' | 'B' | 'C' | 'D' | 'E' | null;
    assessment: 'strength' | 'weakness' | 'average' | 'unknown';
    advice: Localized | null;
  }[];
  /** 所需运转资金: receivables + inventories − payables at the latest period end (fen). */
  workingCapitalNeed: {
    amountFen: number;
    receivablesFen: number;
    inventoriesFen: number;
    payablesFen: number;
    monthsOfSales: number | null;
    advice: Localized;
  } | null;
  /** 债务偿还年限: years null (and repayable false) when earnings or cash flow are ≤ 0. */
  debtRepayment: {
    interestBearingDebtFen: number;
    earnings: RepaymentYears;
    operatingCashFlow: RepaymentYears | null;
    advice: Localized;
  } | null;
};

export type RepaymentYears = { denominatorFen: number; years: number | null; repayable: boolean };

export type ReportFormat = 'html' | 'pdf' | 'json';

/**
 * The credit assessment report as JSON. For a member this is an identified read: the server checks consent
 * for `purpose`, spends one look-up and logs the attempt, allowed or refused.
 */
export function getCreditReport(
  creditCode: string,
  options: { purpose?: Purpose },
  signal?: AbortSignal,
): Promise<CreditReport> {
  const path = `/reports/enterprises/${encodeURIComponent(creditCode)}`;
  const query = { format: 'json', purpose: options.purpose };
  return sharedRead(buildUrl(path, query), () => api.get<CreditReport>(path, { query }), signal);
}

/**
 * Starts the report read a page is about to make (same request as `getCreditReport` with these arguments),
 * so that it runs while the page's code downloads; the page's own call then takes this one.
 */
export function preloadCreditReport(creditCode: string, options: { purpose?: Purpose }): void {
  const path = `/reports/enterprises/${encodeURIComponent(creditCode)}`;
  const query = { format: 'json', purpose: options.purpose };
  preloadRead(buildUrl(path, query), () => api.get<CreditReport>(path, { query }));
}

export function isPurpose(value: string | null): value is Purpose {
  return PURPOSES.includes(value as Purpose);
}

/** The address of the report in a format, for a frame or a download link (each opening is a logged read). */
export function creditReportUrl(
  creditCode: string,
  options: { format: ReportFormat; lang: Language; purpose?: Purpose },
): string {
  return buildUrl(`/reports/enterprises/${encodeURIComponent(creditCode)}`, {
    format: options.format,
    lang: options.lang,
    purpose: options.purpose,
  });
}

export function getMyDiagnosis(signal?: AbortSignal): Promise<Diagnosis> {
  return api.get<Diagnosis>('/reports/my/diagnosis', { signal });
}

/**
 * The printable HTML report as text, to show in a sandboxed frame: the server forbids framing its own
 * answers (X-Frame-Options: DENY), so the page frames the document itself (srcdoc) with scripts off.
 */
export function getCreditReportHtml(
  creditCode: string,
  options: { lang: Language; purpose?: Purpose },
  signal?: AbortSignal,
): Promise<string> {
  const url = creditReportUrl(creditCode, { format: 'html', ...options });
  return sharedRead(url, () => fetchText(url), signal);
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  } catch (cause) {
    throw new ApiError('NETWORK_ERROR', {
      message: cause instanceof Error ? cause.message : 'The server could not be reached.',
      status: 0,
    });
  }
  const text = await response.text();
  if (!response.ok) throw errorFromResponse(response.status, text, response.headers.get('x-request-id'));
  return text;
}
