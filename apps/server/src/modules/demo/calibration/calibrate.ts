/**
 * Derives the figures the demo generator is calibrated on from the shared real data sets and writes them to
 * `calibration.json` next to this file (committed, so the generator never needs the data at run time).
 *
 *   npx tsx apps/server/src/modules/demo/calibration/calibrate.ts [--data ../shared/data]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYuanToFen } from '../../../platform/money.js';
import { readCsvRecords } from '../csv-gz.js';

const QUANTILE_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

type Quantiles = Record<string, number>;

function round(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

function quantiles(values: ArrayLike<number>, levels: readonly number[] = QUANTILE_LEVELS): Quantiles {
  const sorted = Float64Array.from(values).sort();
  const result: Quantiles = {};
  if (sorted.length === 0) return result;
  for (const level of levels) {
    const position = (sorted.length - 1) * level;
    const lower = Math.floor(position);
    const upper = Math.min(lower + 1, sorted.length - 1);
    const value = (sorted[lower] ?? 0) + ((sorted[upper] ?? 0) - (sorted[lower] ?? 0)) * (position - lower);
    result[`p${Math.round(level * 100)}`] = round(value);
  }
  return result;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: readonly number[]): number {
  return quantiles(values, [0.5]).p50 ?? Number.NaN;
}

// ---------------------------------------------------------------------------------------------- CUMCM 2020 C

type FirmSide = {
  invoices: number;
  voided: number;
  negative: number;
  zero: number;
  validAmountFen: number;
  months: Map<string, { count: number; amountFen: number }>;
  partners: Map<string, number>;
  firstDate: string;
  lastDate: string;
};

function newSide(): FirmSide {
  return {
    invoices: 0,
    voided: 0,
    negative: 0,
    zero: 0,
    validAmountFen: 0,
    months: new Map(),
    partners: new Map(),
    firstDate: '9999-12-31',
    lastDate: '0000-01-01',
  };
}

const VAT_RATE_BUCKETS = [0, 0.01, 0.03, 0.05, 0.06, 0.09, 0.1, 0.11, 0.13, 0.16, 0.17] as const;

async function calibrateCumcm(folder: string) {
  const enterprises = new Map<string, { attachment: string; rating: string; defaulted: string }>();
  let enterpriseRows = 0;
  for await (const record of readCsvRecords(join(folder, 'enterprises.csv.gz'))) {
    enterpriseRows += 1;
    enterprises.set(record.企业代号 ?? '', {
      attachment: record.附件 ?? '',
      rating: record.信誉评级 ?? '',
      defaulted: record.是否违约 ?? '',
    });
  }

  const firms = new Map<string, { sales: FirmSide; purchase: FirmSide }>();
  const amountsByDirection = { sales: [] as number[], purchase: [] as number[] };
  const vatBuckets = { sales: new Map<string, number>(), purchase: new Map<string, number>() };
  const sources: { file: string; rows: number }[] = [];
  let minDate = '9999-12-31';
  let maxDate = '0000-01-01';

  for (const [file, direction, partnerColumn] of [
    ['att1_input_invoices.csv.gz', 'purchase', '销方单位代号'],
    ['att1_output_invoices.csv.gz', 'sales', '购方单位代号'],
    ['att2_input_invoices.csv.gz', 'purchase', '销方单位代号'],
    ['att2_output_invoices.csv.gz', 'sales', '购方单位代号'],
  ] as const) {
    let rows = 0;
    for await (const record of readCsvRecords(join(folder, file))) {
      rows += 1;
      const firmId = record.企业代号 ?? '';
      let firm = firms.get(firmId);
      if (!firm) {
        firm = { sales: newSide(), purchase: newSide() };
        firms.set(firmId, firm);
      }
      const side = firm[direction];
      const date = record.开票日期 ?? '';
      const amountFen = parseYuanToFen(record.金额 ?? '0');
      const taxFen = parseYuanToFen(record.税额 ?? '0');
      const totalFen = parseYuanToFen(record.价税合计 ?? '0');
      const isVoid = (record.发票状态 ?? '').trim() === '作废发票';
      side.invoices += 1;
      if (date < side.firstDate) side.firstDate = date;
      if (date > side.lastDate) side.lastDate = date;
      if (date < minDate) minDate = date;
      if (date > maxDate) maxDate = date;
      if (isVoid) {
        side.voided += 1;
        continue;
      }
      if (totalFen < 0) side.negative += 1;
      if (totalFen === 0) side.zero += 1;
      side.validAmountFen += amountFen;
      const month = date.slice(0, 7);
      const bucket = side.months.get(month) ?? { count: 0, amountFen: 0 };
      bucket.count += 1;
      bucket.amountFen += amountFen;
      side.months.set(month, bucket);
      const partner = record[partnerColumn] ?? '';
      if (amountFen > 0) {
        side.partners.set(partner, (side.partners.get(partner) ?? 0) + amountFen);
        amountsByDirection[direction].push(amountFen / 100);
        const rate = taxFen / amountFen;
        let nearest: number = VAT_RATE_BUCKETS[0];
        for (const candidate of VAT_RATE_BUCKETS) {
          if (Math.abs(candidate - rate) < Math.abs(nearest - rate)) nearest = candidate;
        }
        const key = Math.abs(nearest - rate) < 0.005 ? nearest.toFixed(2) : 'other';
        vatBuckets[direction].set(key, (vatBuckets[direction].get(key) ?? 0) + 1);
      }
    }
    sources.push({ file: `cumcm2020c/${file}`, rows });
  }

  type SideStats = {
    invoices: number;
    activeMonths: number;
    invoicesPerActiveMonth: number;
    voidShare: number;
    negativeShare: number;
    zeroShare: number;
    avgInvoiceYuan: number;
    partners: number;
    partnerHhi: number;
    topPartnerShare: number;
    monthlyAmountCv: number;
    annualAmountYuan: number;
  };
  const sideStats = (side: FirmSide): SideStats | null => {
    if (side.invoices === 0) return null;
    const valid = side.invoices - side.voided;
    const monthAmounts = [...side.months.values()].map((month) => month.amountFen / 100);
    const monthlyMean = mean(monthAmounts);
    const monthlySd = Math.sqrt(mean(monthAmounts.map((value) => (value - monthlyMean) ** 2)));
    const partnerTotal = [...side.partners.values()].reduce((sum, value) => sum + value, 0);
    const shares = [...side.partners.values()].map((value) => value / partnerTotal);
    const spanMonths =
      (Number(side.lastDate.slice(0, 4)) - Number(side.firstDate.slice(0, 4))) * 12 +
      Number(side.lastDate.slice(5, 7)) -
      Number(side.firstDate.slice(5, 7)) +
      1;
    return {
      invoices: side.invoices,
      activeMonths: side.months.size,
      invoicesPerActiveMonth: valid / Math.max(1, side.months.size),
      voidShare: side.voided / side.invoices,
      negativeShare: valid === 0 ? 0 : side.negative / valid,
      zeroShare: valid === 0 ? 0 : side.zero / valid,
      avgInvoiceYuan: valid === 0 ? 0 : side.validAmountFen / 100 / valid,
      partners: side.partners.size,
      partnerHhi: shares.reduce((sum, share) => sum + share * share, 0),
      topPartnerShare: shares.length === 0 ? 0 : Math.max(...shares),
      monthlyAmountCv: monthlyMean > 0 ? monthlySd / monthlyMean : 0,
      annualAmountYuan: (side.validAmountFen / 100) * (12 / Math.max(1, spanMonths)),
    };
  };

  const perFirm = [...firms.entries()].map(([id, firm]) => ({
    id,
    label: enterprises.get(id),
    sales: sideStats(firm.sales),
    purchase: sideStats(firm.purchase),
  }));

  const describeSide = (direction: 'sales' | 'purchase', subset = perFirm) => {
    const stats = subset.map((firm) => firm[direction]).filter((value): value is SideStats => value !== null);
    return {
      firms: stats.length,
      invoicesPerActiveMonth: quantiles(stats.map((s) => s.invoicesPerActiveMonth)),
      activeMonths: quantiles(stats.map((s) => s.activeMonths)),
      avgInvoiceYuan: quantiles(stats.map((s) => s.avgInvoiceYuan)),
      annualAmountYuan: quantiles(stats.map((s) => s.annualAmountYuan)),
      voidShare: quantiles(stats.map((s) => s.voidShare)),
      negativeShare: quantiles(stats.map((s) => s.negativeShare)),
      zeroShare: quantiles(stats.map((s) => s.zeroShare)),
      partners: quantiles(stats.map((s) => s.partners)),
      partnerHhi: quantiles(stats.map((s) => s.partnerHhi)),
      topPartnerShare: quantiles(stats.map((s) => s.topPartnerShare)),
      monthlyAmountCv: quantiles(stats.map((s) => s.monthlyAmountCv)),
    };
  };

  const totals = (direction: 'sales' | 'purchase') => {
    let invoices = 0;
    let voided = 0;
    let negative = 0;
    for (const firm of firms.values()) {
      invoices += firm[direction].invoices;
      voided += firm[direction].voided;
      negative += firm[direction].negative;
    }
    return {
      invoices,
      voidShare: round(voided / invoices),
      negativeShareOfValid: round(negative / (invoices - voided)),
    };
  };

  const salesToPurchase = perFirm
    .filter((firm) => firm.sales && firm.purchase && firm.purchase.annualAmountYuan > 0)
    .map((firm) => (firm.sales?.annualAmountYuan ?? 0) / (firm.purchase?.annualAmountYuan ?? 1));

  const labelled = perFirm.filter((firm) => firm.label?.attachment === '1');
  const defaulted = labelled.filter((firm) => firm.label?.defaulted === '是');
  const performing = labelled.filter((firm) => firm.label?.defaulted === '否');
  const contrast = (subset: typeof perFirm) => ({
    firms: subset.length,
    salesVoidShareMedian: round(median(subset.map((f) => f.sales?.voidShare ?? 0))),
    salesNegativeShareMedian: round(median(subset.map((f) => f.sales?.negativeShare ?? 0))),
    salesInvoicesPerActiveMonthMedian: round(median(subset.map((f) => f.sales?.invoicesPerActiveMonth ?? 0))),
    salesMonthlyCvMedian: round(median(subset.map((f) => f.sales?.monthlyAmountCv ?? 0))),
    salesAnnualAmountYuanMedian: round(median(subset.map((f) => f.sales?.annualAmountYuan ?? 0))),
    salesToPurchaseMedian: round(
      median(
        subset
          .filter((f) => (f.purchase?.annualAmountYuan ?? 0) > 0)
          .map((f) => (f.sales?.annualAmountYuan ?? 0) / (f.purchase?.annualAmountYuan ?? 1)),
      ),
    ),
    purchaseVoidShareMedian: round(median(subset.map((f) => f.purchase?.voidShare ?? 0))),
  });

  const ratings: Record<string, { firms: number; defaulted: number }> = {};
  for (const label of enterprises.values()) {
    if (label.attachment !== '1') continue;
    const entry = ratings[label.rating] ?? { firms: 0, defaulted: 0 };
    entry.firms += 1;
    if (label.defaulted === '是') entry.defaulted += 1;
    ratings[label.rating] = entry;
  }

  const vatShares = (direction: 'sales' | 'purchase') => {
    const entries = [...vatBuckets[direction].entries()];
    const total = entries.reduce((sum, [, count]) => sum + count, 0);
    return Object.fromEntries(
      entries.sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => [key, round(count / total, 3)]),
    );
  };

  let rateChurnRows = 0;
  const rateChurn: { rate: number; churnA: number; churnB: number; churnC: number }[] = [];
  for await (const record of readCsvRecords(join(folder, 'att3_rate_churn.csv.gz'))) {
    rateChurnRows += 1;
    rateChurn.push({
      rate: Number(record.贷款年利率),
      churnA: round(Number(record.客户流失率_信誉评级A)),
      churnB: round(Number(record.客户流失率_信誉评级B)),
      churnC: round(Number(record.客户流失率_信誉评级C)),
    });
  }

  return {
    source: [
      { file: 'cumcm2020c/enterprises.csv.gz', rows: enterpriseRows },
      ...sources,
      { file: 'cumcm2020c/att3_rate_churn.csv.gz', rows: rateChurnRows },
    ],
    dateRange: { from: minDate, to: maxDate },
    enterprises: enterpriseRows,
    labelled: labelled.length,
    defaultRate: round(defaulted.length / labelled.length),
    ratings,
    totals: { sales: totals('sales'), purchase: totals('purchase') },
    invoiceAmountYuan: {
      sales: quantiles(amountsByDirection.sales),
      purchase: quantiles(amountsByDirection.purchase),
    },
    vatRateShares: { sales: vatShares('sales'), purchase: vatShares('purchase') },
    perFirm: { sales: describeSide('sales'), purchase: describeSide('purchase') },
    salesToPurchaseRatio: quantiles(salesToPurchase),
    defaultedVsPerforming: { defaulted: contrast(defaulted), performing: contrast(performing) },
    rateChurn,
  };
}

// ---------------------------------------------------------------------------------------------- Polish

const POLISH_RATIOS = {
  netProfitToAssets: 'Attr1',
  debtToAssets: 'Attr2',
  workingCapitalToAssets: 'Attr3',
  currentRatio: 'Attr4',
  retainedEarningsToAssets: 'Attr6',
  ebitToAssets: 'Attr7',
  salesToAssets: 'Attr9',
  equityToAssets: 'Attr10',
  grossProfitToSales: 'Attr19',
  salesGrowth: 'Attr21',
  netProfitToSales: 'Attr23',
  receivableDays: 'Attr44',
  quickRatio: 'Attr46',
  inventoryDays: 'Attr47',
  currentLiabilitiesToAssets: 'Attr51',
  totalCostsToSales: 'Attr58',
} as const;

async function calibratePolish(folder: string) {
  const horizons: Record<string, { file: string; rows: number; bankrupt: number; bankruptRate: number }> = {};
  const values: Record<'healthy' | 'bankrupt', Record<string, number[]>> = { healthy: {}, bankrupt: {} };
  for (const [horizon, file] of [
    ['1year', 'polish_1year.csv.gz'],
    ['3year', 'polish_3year.csv.gz'],
    ['5year', 'polish_5year.csv.gz'],
  ] as const) {
    let rows = 0;
    let bankrupt = 0;
    for await (const record of readCsvRecords(join(folder, file))) {
      rows += 1;
      const group = record.class === '1' ? 'bankrupt' : 'healthy';
      if (group === 'bankrupt') bankrupt += 1;
      for (const [name, column] of Object.entries(POLISH_RATIOS)) {
        const text = record[column] ?? '';
        if (text === '') continue;
        const value = Number(text);
        if (!Number.isFinite(value)) continue;
        const list = values[group][name] ?? [];
        list.push(value);
        values[group][name] = list;
      }
    }
    horizons[horizon] = {
      file: `polish_bankruptcy/${file}`,
      rows,
      bankrupt,
      bankruptRate: round(bankrupt / rows),
    };
  }
  const describe = (group: 'healthy' | 'bankrupt') =>
    Object.fromEntries(
      Object.keys(POLISH_RATIOS).map((name) => [name, quantiles(values[group][name] ?? [])]),
    );
  return {
    source: Object.values(horizons).map(({ file, rows }) => ({ file, rows })),
    horizons: Object.fromEntries(
      Object.entries(horizons).map(([key, { rows, bankrupt, bankruptRate }]) => [
        key,
        { rows, bankrupt, bankruptRate },
      ]),
    ),
    note: 'Horizons pooled for the ratio quantiles (distribution calibration only, never for model splits). 5year = status after 1 year.',
    attributes: POLISH_RATIOS,
    ratios: { healthy: describe('healthy'), bankrupt: describe('bankrupt') },
  };
}

// ---------------------------------------------------------------------------------------------- SBA 7(a)

const NAICS_SECTORS: Record<string, string> = {
  '11': 'agriculture',
  '21': 'mining',
  '22': 'utilities',
  '23': 'construction',
  '31': 'manufacturing',
  '32': 'manufacturing',
  '33': 'manufacturing',
  '42': 'wholesale',
  '44': 'retail',
  '45': 'retail',
  '48': 'transport_warehousing',
  '49': 'transport_warehousing',
  '51': 'information',
  '52': 'finance',
  '53': 'real_estate_leasing',
  '54': 'professional_services',
  '55': 'management',
  '56': 'administrative_services',
  '61': 'education',
  '62': 'health',
  '71': 'arts_recreation',
  '72': 'accommodation_food',
  '81': 'other_services',
  '92': 'public_administration',
};

function monthsBetween(from: string, to: string): number {
  const a = new Date(`${from}T00:00:00Z`).getTime();
  const b = new Date(`${to}T00:00:00Z`).getTime();
  return (b - a) / (1000 * 60 * 60 * 24 * 30.4375);
}

async function calibrateSba(folder: string) {
  const file = 'sba_national_head22427.csv.gz';
  let rows = 0;
  const labelled: {
    chargedOff: boolean;
    amount: number;
    term: number;
    employees: number;
    sector: string;
    isNew: boolean;
    fy: number;
  }[] = [];
  const monthsToChargeOff: number[] = [];
  for await (const record of readCsvRecords(join(folder, file))) {
    rows += 1;
    const status = record.MIS_Status ?? '';
    if (status !== 'CHGOFF' && status !== 'P I F') continue;
    const chargedOff = status === 'CHGOFF';
    const naics = record.NAICS ?? '0';
    labelled.push({
      chargedOff,
      amount: Number(record.GrAppv),
      term: Number(record.Term),
      employees: Number(record.NoEmp),
      sector: naics === '0' ? 'unknown' : (NAICS_SECTORS[naics.slice(0, 2)] ?? 'other'),
      isNew: record.NewExist === '2',
      fy: Number(record.ApprovalFY),
    });
    if (chargedOff && record.ChgOffDate && record.DisbursementDate) {
      const months = monthsBetween(record.DisbursementDate, record.ChgOffDate);
      if (months >= 0) monthsToChargeOff.push(months);
    }
  }
  let caseRows = 0;
  let caseChargedOff = 0;
  for await (const record of readCsvRecords(join(folder, 'sba_case_li2018.csv.gz'))) {
    caseRows += 1;
    if (record.MIS_Status === 'CHGOFF') caseChargedOff += 1;
  }

  const rateOf = (subset: typeof labelled) => ({
    loans: subset.length,
    chargeOffRate: round(subset.filter((loan) => loan.chargedOff).length / Math.max(1, subset.length)),
  });
  const groupBy = (key: (loan: (typeof labelled)[number]) => string, minimum = 100) => {
    const groups = new Map<string, typeof labelled>();
    for (const loan of labelled) {
      const name = key(loan);
      const group = groups.get(name) ?? [];
      group.push(loan);
      groups.set(name, group);
    }
    return Object.fromEntries(
      [...groups.entries()]
        .filter(([, group]) => group.length >= minimum)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, group]) => [name, rateOf(group)]),
    );
  };
  const modern = labelled.filter((loan) => loan.fy >= 1995);
  return {
    source: [
      { file: `sba_7a/${file}`, rows },
      { file: 'sba_7a/sba_case_li2018.csv.gz', rows: caseRows },
    ],
    note: 'Prefix subset by loan number, not a random sample (see the data set README); amounts in USD, terms in months.',
    labelled: labelled.length,
    chargeOffRate: round(labelled.filter((loan) => loan.chargedOff).length / labelled.length),
    chargeOffRateFy1995On: rateOf(modern).chargeOffRate,
    caseFileChargeOffRate: round(caseChargedOff / caseRows),
    approvedAmountUsd: quantiles(labelled.map((loan) => loan.amount)),
    approvedAmountUsdByOutcome: {
      paidInFull: quantiles(labelled.filter((loan) => !loan.chargedOff).map((loan) => loan.amount)),
      chargedOff: quantiles(labelled.filter((loan) => loan.chargedOff).map((loan) => loan.amount)),
    },
    termMonths: quantiles(labelled.map((loan) => loan.term)),
    termMonthsByOutcome: {
      paidInFull: quantiles(labelled.filter((loan) => !loan.chargedOff).map((loan) => loan.term)),
      chargedOff: quantiles(labelled.filter((loan) => loan.chargedOff).map((loan) => loan.term)),
    },
    monthsDisbursementToChargeOff: quantiles(monthsToChargeOff),
    chargeOffByTerm: groupBy((loan) =>
      loan.term < 12
        ? 'lt12'
        : loan.term < 60
          ? '12to59'
          : loan.term < 120
            ? '60to119'
            : loan.term < 240
              ? '120to239'
              : 'ge240',
    ),
    chargeOffByEmployees: groupBy((loan) =>
      loan.employees < 5 ? 'lt5' : loan.employees < 20 ? '5to19' : loan.employees < 100 ? '20to99' : 'ge100',
    ),
    chargeOffByNewBusiness: groupBy((loan) => (loan.isNew ? 'new' : 'existing')),
    chargeOffBySector: groupBy((loan) => loan.sector, 200),
  };
}

// ---------------------------------------------------------------------------------------------- main

function parseArguments(argv: readonly string[]): { dataDir: string } {
  const index = argv.indexOf('--data');
  const given = index >= 0 ? argv[index + 1] : undefined;
  if (given) return { dataDir: resolve(given) };
  for (const candidate of [resolve('../shared/data'), resolve('../../shared/data'), '/work/shared/data']) {
    if (existsSync(join(candidate, 'cumcm2020c'))) return { dataDir: candidate };
  }
  throw new Error(
    'shared data not found: pass --data <dir> (looked in ../shared/data, ../../shared/data, /work/shared/data)',
  );
}

async function main(): Promise<void> {
  const { dataDir } = parseArguments(process.argv.slice(2));
  const started = Date.now();
  const [cumcm, polish, sba] = await Promise.all([
    calibrateCumcm(join(dataDir, 'cumcm2020c')),
    calibratePolish(join(dataDir, 'polish_bankruptcy')),
    calibrateSba(join(dataDir, 'sba_7a')),
  ]);
  const calibration = {
    version: 1,
    generatedOn: new Date().toISOString().slice(0, 10),
    generatedBy: 'apps/server/src/modules/demo/calibration/calibrate.ts',
    quantileLevels: QUANTILE_LEVELS,
    cumcm2020c: cumcm,
    polishBankruptcy: polish,
    sba7a: sba,
  };
  const output = join(dirname(fileURLToPath(import.meta.url)), 'calibration.json');
  const text = `${JSON.stringify(calibration, null, 1)}\n`;
  writeFileSync(output, text);
  console.log(`wrote ${output} (${text.length} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

await main();
