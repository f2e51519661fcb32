import type { IndustryProfile } from './catalogues.js';
import type { Random } from './prng.js';

/** Number of statement lines: bs_01…bs_53, is_01…is_32, cf_01…cf_22, in that order. */
export const STATEMENT_LINE_COUNT = 107;

const bs = (row: number) => row - 1;
const is = (row: number) => 52 + row;
const cf = (row: number) => 84 + row;

/** Lines that are "其中" memos; a share of demo firms leaves them blank (missing), as many real filers do. */
export const MEMO_LINE_INDEXES: readonly number[] = [
  ...[10, 11, 12, 13].map(bs),
  ...[4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 16, 17, 19, 23, 25, 26, 27, 28, 29].map(is),
];

/** What the accounting needs to know about one firm; all money in integer fen. */
export type FinancialPlan = {
  profile: IndustryProfile;
  /** Latent credit quality (standard normal; higher is better). */
  quality: number;
  revenueFen: readonly number[];
  assetsFen: readonly number[];
  /** Target net profit / total assets, per year. */
  returnOnAssets: readonly number[];
  /** Target current ratio, per year. */
  currentRatio: readonly number[];
  /** Total liabilities / total assets in the first year; later years follow from profits and dividends. */
  firstDebtRatio: number;
  receivableDays: number;
  inventoryDays: number;
  payableDays: number;
  /** Bank borrowings / total liabilities, and the short-term share of them. */
  bankShare: number;
  shortTermShare: number;
  interestRate: number;
  /** Related-party and other payables weight (weak firms lean on them). */
  otherPayablesShare: number;
  employees: number;
  averageWageFen: number;
  registeredCapitalFen: number;
  /** Output VAT rate per year (for cash-flow estimates only). */
  outputVatRate: readonly number[];
  /** The firm is younger than two years in the first statement year (start-up costs). */
  isYoung: boolean;
  payoutRatio: number;
};

function allocate(
  values: number[],
  total: number,
  indexes: readonly number[],
  weights: readonly number[],
): void {
  let sum = 0;
  let largest = 0;
  for (let k = 0; k < weights.length; k += 1) {
    const weight = weights[k] ?? 0;
    sum += weight;
    if (weight > (weights[largest] ?? 0)) largest = k;
  }
  let assigned = 0;
  for (let k = 0; k < indexes.length; k += 1) {
    const part = sum > 0 ? Math.floor((total * (weights[k] ?? 0)) / sum) : 0;
    values[indexes[k] ?? 0] = part;
    assigned += part;
  }
  const target = indexes[largest] ?? 0;
  values[target] = (values[target] ?? 0) + total - assigned;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Builds consecutive annual statements (closing balances, year-to-date income and cash flows) that satisfy
 * every hard rule of DOMAIN §3.4 exactly, in integer fen: each subtotal is computed from its rows, the
 * balance sheet balances because equity rolls forward and liabilities take the rest, and every memo is a
 * part of its parent. The soft rules hold too: cf_22 = bs_01, cf_21 = last year's bs_01, and
 * Δbs_51 = is_32 − cf_18 − Δbs_50.
 *
 * @param plan - the firm's targets
 * @param random - the firm's statement stream
 * @returns one array of 107 line values (fen) per year, in plan order
 */
export function buildStatements(plan: FinancialPlan, random: Random): number[][] {
  const { profile } = plan;
  const weakness = -plan.quality;
  const statements: number[][] = [];
  let previous: number[] | null = null;
  const paidInCapital = Math.round(plan.registeredCapitalFen * random.uniform(0.3, 1));
  const capitalReserve = random.chance(0.12) ? Math.round(paidInCapital * random.uniform(0.02, 0.3)) : 0;
  const expenseNoise = random.logNormal(1, 0.25);
  const inventoryMix = profile.inventoryMix.map((share) => share * random.uniform(0.7, 1.3));
  const hasResearch = profile.vat === 'services' || profile.inventoryMix[1] > 0 ? random.chance(0.5) : false;
  const hasGrants = random.chance(0.3);
  const hasLongTermInvestments = random.chance(0.1);
  const hasIntangibles = random.chance(profile.inventoryMix[1] > 0 ? 0.7 : 0.3);
  const depreciationShare = random.uniform(0.2, 0.6);

  for (let year = 0; year < plan.revenueFen.length; year += 1) {
    // A plain array: a Float64Array of 107 lines needs an off-heap store, several times slower to allocate.
    const v: number[] = new Array<number>(STATEMENT_LINE_COUNT).fill(0);
    const revenue = Math.max(100_00, Math.round(plan.revenueFen[year] ?? 0));
    const assets = Math.max(100_00, Math.round(plan.assetsFen[year] ?? 0));
    const targetProfit = Math.round(assets * (plan.returnOnAssets[year] ?? 0));

    // Equity before this year's profit, to estimate borrowings (and hence interest) first.
    const previousEquity =
      previous === null
        ? Math.round(assets * (1 - plan.firstDebtRatio)) - targetProfit
        : (previous[bs(52)] ?? 0);
    const estimatedLiabilities = Math.max(assets * 0.05, assets - previousEquity - targetProfit);
    const borrowings = estimatedLiabilities * plan.bankShare;

    // ---- income statement
    v[is(1)] = revenue;
    const taxesAndSurcharges = Math.round(revenue * random.uniform(0.003, 0.012));
    v[is(3)] = taxesAndSurcharges;
    v[is(6)] = Math.floor(taxesAndSurcharges * 0.38);
    v[is(10)] = Math.floor(taxesAndSurcharges * 0.27);
    v[is(9)] = Math.floor(taxesAndSurcharges * (profile.turnover < 0.5 ? 0.15 : 0.3));
    v[is(8)] = profile.turnover < 0.5 ? Math.floor(taxesAndSurcharges * 0.15) : 0;
    const selling = Math.round(revenue * profile.selling * expenseNoise * random.uniform(0.85, 1.15));
    v[is(11)] = selling;
    v[is(12)] = profile.inventoryMix[2] > 0.3 ? Math.floor(selling * random.uniform(0, 0.12)) : 0;
    v[is(13)] = Math.floor(selling * random.uniform(0.05, 0.35));
    const administrative = Math.round(revenue * profile.admin * expenseNoise * random.uniform(0.85, 1.15));
    v[is(14)] = administrative;
    v[is(15)] = plan.isYoung && year === 0 ? Math.floor(administrative * random.uniform(0.02, 0.15)) : 0;
    v[is(16)] = Math.floor(administrative * random.uniform(0.03, 0.12));
    v[is(17)] = hasResearch ? Math.floor(administrative * random.uniform(0.05, 0.3)) : 0;
    const interest = Math.round(borrowings * plan.interestRate);
    v[is(19)] = interest;
    v[is(18)] = interest + Math.round(revenue * random.uniform(0.0002, 0.0015));
    v[is(20)] = random.chance(0.08) ? Math.round(assets * random.uniform(-0.002, 0.01)) : 0;
    const grants = hasGrants ? Math.round(revenue * random.uniform(0.001, 0.01)) : 0;
    v[is(23)] = grants;
    v[is(22)] = grants + (random.chance(0.3) ? Math.round(revenue * random.uniform(0, 0.002)) : 0);
    const badDebts =
      weakness > 0.8 && random.chance(0.5) ? Math.round(revenue * random.uniform(0.001, 0.02)) : 0;
    const lateTaxFees =
      weakness > 1.2 && random.chance(0.4) ? Math.round(revenue * random.uniform(0.0001, 0.001)) : 0;
    const disasterLosses = random.chance(0.01) ? Math.round(revenue * random.uniform(0.001, 0.01)) : 0;
    v[is(25)] = badDebts;
    v[is(28)] = disasterLosses;
    v[is(29)] = lateTaxFees;
    v[is(24)] =
      badDebts +
      disasterLosses +
      lateTaxFees +
      (random.chance(0.3) ? Math.round(revenue * random.uniform(0, 0.002)) : 0);

    // Cost of sales is what leaves the targeted net profit, within plausible margins.
    const incomeTaxRate = targetProfit > 300_000_000 ? 0.25 : 0.05;
    const targetPreTax = targetProfit > 0 ? targetProfit / (1 - incomeTaxRate) : targetProfit;
    const targetOperating = targetPreTax - (v[is(22)] ?? 0) + (v[is(24)] ?? 0);
    const impliedCost =
      revenue -
      taxesAndSurcharges -
      selling -
      administrative -
      (v[is(18)] ?? 0) +
      (v[is(20)] ?? 0) -
      targetOperating;
    const cost = Math.round(clamp(impliedCost, revenue * 0.2, revenue * 1.6));
    v[is(2)] = cost;
    v[is(21)] =
      revenue - cost - taxesAndSurcharges - selling - administrative - (v[is(18)] ?? 0) + (v[is(20)] ?? 0);
    v[is(30)] = (v[is(21)] ?? 0) + (v[is(22)] ?? 0) - (v[is(24)] ?? 0);
    const preTax = v[is(30)] ?? 0;
    v[is(31)] = preTax > 0 ? Math.round(preTax * (preTax > 300_000_000 ? 0.25 : 0.05)) : 0;
    v[is(32)] = preTax - (v[is(31)] ?? 0);
    const netProfit = v[is(32)] ?? 0;

    // ---- equity roll-forward
    let paidIn = previous === null ? paidInCapital : (previous[bs(48)] ?? 0);
    const reserve = previous === null ? capitalReserve : (previous[bs(49)] ?? 0);
    let surplus: number;
    let retained: number;
    let dividends = 0;
    let injected = 0;
    if (previous === null) {
      const equity = Math.round(assets * (1 - plan.firstDebtRatio));
      surplus = equity > paidIn ? Math.round(Math.min(paidIn * 0.5, (equity - paidIn) * 0.3)) : 0;
      retained = equity - paidIn - reserve - surplus;
    } else {
      surplus = previous[bs(50)] ?? 0;
      const transfer =
        netProfit > 0 && surplus < paidIn * 0.5
          ? Math.floor(Math.min(netProfit * 0.1, paidIn * 0.5 - surplus))
          : 0;
      surplus += transfer;
      retained = (previous[bs(51)] ?? 0) + netProfit - transfer;
      if (netProfit > 0 && retained > 0 && plan.quality > -0.5) {
        dividends = Math.floor(Math.min(retained, netProfit * plan.payoutRatio));
      }
      const ceiling = Math.floor(assets * 0.95);
      const equityBefore = paidIn + reserve + surplus + retained - dividends;
      if (equityBefore > ceiling) dividends += equityBefore - ceiling;
      if (equityBefore < -assets * 0.2 && random.chance(0.5)) {
        injected = Math.round(-equityBefore * random.uniform(0.3, 0.8));
        paidIn += injected;
      }
      retained -= dividends;
    }
    v[bs(48)] = paidIn;
    v[bs(49)] = reserve;
    v[bs(50)] = surplus;
    v[bs(51)] = retained;
    const equity = paidIn + reserve + surplus + retained;
    v[bs(52)] = equity;
    const liabilities = assets - equity;

    // ---- assets
    const currentAssets = Math.round(
      assets * clamp(profile.currentShare * random.uniform(0.85, 1.15), 0.1, 0.97),
    );
    const nonCurrentAssets = assets - currentAssets;
    const receivables = (revenue * plan.receivableDays) / 365;
    const inventory = (cost * plan.inventoryDays) / 365 + currentAssets * profile.inventoryShare * 0.5;
    const currentWeights = [
      0, // cash: the remainder
      random.chance(0.1) ? currentAssets * random.uniform(0.01, 0.08) : 0,
      profile.inventoryMix[0] > 0.2 && random.chance(0.3) ? receivables * random.uniform(0.05, 0.3) : 0,
      receivables,
      revenue * random.uniform(0.005, 0.04),
      0,
      0,
      currentAssets * random.uniform(0.01, 0.06) * (1 + Math.max(0, weakness)),
      inventory,
      currentAssets * random.uniform(0, 0.02),
    ];
    const currentIndexes = [bs(1), bs(2), bs(3), bs(4), bs(5), bs(6), bs(7), bs(8), bs(9), bs(14)];
    const cashShare = clamp(random.uniform(0.06, 0.25) + plan.quality * 0.03, 0.02, 0.5);
    let nonCash = 0;
    for (let k = 1; k < currentWeights.length; k += 1) nonCash += currentWeights[k] ?? 0;
    currentWeights[0] = nonCash > 0 ? (nonCash * cashShare) / (1 - cashShare) : 1;
    allocate(v, currentAssets, currentIndexes, currentWeights);
    const inventoryTotal = v[bs(9)] ?? 0;
    const mixSum = inventoryMix.reduce((sum, share) => sum + share, 0) || 1;
    for (let k = 0; k < 4; k += 1) {
      v[bs(10 + k)] = Math.floor((inventoryTotal * (inventoryMix[k] ?? 0)) / mixSum);
    }
    v[bs(15)] = currentAssets;

    const nonCurrentWeights = [
      random.chance(0.02) ? random.uniform(0.01, 0.05) : 0, // 16 long-term bonds
      hasLongTermInvestments ? random.uniform(0.05, 0.2) : 0, // 17 long-term equity investments
      random.uniform(0.45, 0.8), // 20 fixed assets, net (split into cost and depreciation below)
      random.chance(0.15) ? random.uniform(0.03, 0.15) : 0, // 21 construction in progress
      0,
      0,
      profile.vat === 'exempt' ? random.uniform(0.05, 0.25) : 0, // 24 productive biological assets
      hasIntangibles ? random.uniform(0.05, 0.25) : 0, // 25 intangibles (land use rights)
      hasResearch && random.chance(0.3) ? random.uniform(0.01, 0.05) : 0, // 26 development
      profile.vat === 'services' ? random.uniform(0.03, 0.2) : random.uniform(0, 0.04), // 27 deferred expenses
      random.chance(0.1) ? random.uniform(0.01, 0.05) : 0, // 28 other
    ];
    const nonCurrentIndexes = [
      bs(16),
      bs(17),
      bs(20),
      bs(21),
      bs(22),
      bs(23),
      bs(24),
      bs(25),
      bs(26),
      bs(27),
      bs(28),
    ];
    allocate(v, nonCurrentAssets, nonCurrentIndexes, nonCurrentWeights);
    const netFixed = v[bs(20)] ?? 0;
    const grossFixed = Math.round(netFixed / (1 - clamp(depreciationShare + year * 0.03, 0, 0.85)));
    v[bs(18)] = grossFixed;
    v[bs(19)] = grossFixed - netFixed;
    v[bs(29)] = nonCurrentAssets;
    v[bs(30)] = assets;

    // ---- liabilities
    const currentLiabilities = Math.min(
      liabilities,
      Math.round(currentAssets / Math.max(0.05, plan.currentRatio[year] ?? 1.5)),
    );
    const nonCurrentLiabilities = liabilities - currentLiabilities;
    const bank = liabilities * plan.bankShare;
    const currentLiabilityWeights = [
      bank * plan.shortTermShare, // 31
      profile.inventoryMix[0] > 0.2 && random.chance(0.2)
        ? currentLiabilities * random.uniform(0.02, 0.1)
        : 0, // 32
      (cost * plan.payableDays) / 365, // 33
      revenue *
        (profile.currentShare > 0.7 && profile.inventoryShare > 0.2
          ? random.uniform(0.02, 0.1)
          : random.uniform(0, 0.02)), // 34
      (plan.employees * plan.averageWageFen) / 12, // 35
      (taxesAndSurcharges + (v[is(31)] ?? 0)) / 6 + revenue * 0.003, // 36
      interest / 12, // 37
      0, // 38: dividends are paid in the year they are declared
      currentLiabilities * plan.otherPayablesShare, // 39
      0, // 40
    ];
    const currentLiabilityIndexes = [
      bs(31),
      bs(32),
      bs(33),
      bs(34),
      bs(35),
      bs(36),
      bs(37),
      bs(38),
      bs(39),
      bs(40),
    ];
    allocate(v, currentLiabilities, currentLiabilityIndexes, currentLiabilityWeights);
    v[bs(41)] = currentLiabilities;
    const nonCurrentLiabilityWeights = [
      bank * (1 - plan.shortTermShare) + 1,
      random.chance(0.1) ? nonCurrentLiabilities * 0.2 : 0,
      hasGrants && random.chance(0.3) ? nonCurrentLiabilities * 0.1 : 0,
      0,
    ];
    allocate(v, nonCurrentLiabilities, [bs(42), bs(43), bs(44), bs(45)], nonCurrentLiabilityWeights);
    v[bs(46)] = nonCurrentLiabilities;
    v[bs(47)] = liabilities;
    v[bs(53)] = liabilities + equity;

    // ---- cash flows (direct method); financing takes up what operating and investing do not explain
    const prior = (line: number, fallback: number) =>
      previous === null ? Math.round(fallback) : (previous[line] ?? 0);
    const openingCash = prior(bs(1), (v[bs(1)] ?? 0) * random.uniform(0.6, 1.4));
    const closingCash = v[bs(1)] ?? 0;
    const vat = plan.outputVatRate[year] ?? 0.13;
    const receivablesNow = (v[bs(3)] ?? 0) + (v[bs(4)] ?? 0);
    const deltaReceivables =
      receivablesNow - prior(bs(3), (v[bs(3)] ?? 0) * 0.95) - prior(bs(4), (v[bs(4)] ?? 0) * 0.95);
    const deltaAdvances = (v[bs(34)] ?? 0) - prior(bs(34), (v[bs(34)] ?? 0) * 0.95);
    const deltaInventory = (v[bs(9)] ?? 0) - prior(bs(9), (v[bs(9)] ?? 0) * 0.95);
    const deltaPayables =
      (v[bs(33)] ?? 0) +
      (v[bs(32)] ?? 0) -
      prior(bs(33), (v[bs(33)] ?? 0) * 0.95) -
      prior(bs(32), (v[bs(32)] ?? 0) * 0.95);
    const purchasedShare = 0.75;
    v[cf(1)] = Math.max(0, Math.round(revenue * (1 + vat) - deltaReceivables + deltaAdvances));
    v[cf(2)] = grants + Math.round(revenue * random.uniform(0, 0.008));
    v[cf(3)] = Math.max(0, Math.round(cost * purchasedShare * (1 + vat) + deltaInventory - deltaPayables));
    v[cf(4)] = Math.min(Math.round(plan.employees * plan.averageWageFen), Math.round(revenue * 0.6));
    v[cf(5)] = Math.max(
      0,
      Math.round(
        taxesAndSurcharges + (v[is(31)] ?? 0) + Math.max(0, revenue * vat - cost * purchasedShare * vat),
      ),
    );
    v[cf(6)] = Math.round((selling + administrative) * 0.45) + (v[is(24)] ?? 0);
    v[cf(7)] =
      (v[cf(1)] ?? 0) +
      (v[cf(2)] ?? 0) -
      (v[cf(3)] ?? 0) -
      (v[cf(4)] ?? 0) -
      (v[cf(5)] ?? 0) -
      (v[cf(6)] ?? 0);

    const investmentsNow = (v[bs(2)] ?? 0) + (v[bs(16)] ?? 0) + (v[bs(17)] ?? 0);
    const investmentsBefore =
      prior(bs(2), v[bs(2)] ?? 0) + prior(bs(16), v[bs(16)] ?? 0) + prior(bs(17), v[bs(17)] ?? 0);
    const longLivedNow = grossFixed + (v[bs(21)] ?? 0) + (v[bs(25)] ?? 0) + (v[bs(27)] ?? 0);
    const longLivedBefore =
      prior(bs(18), grossFixed * 0.93) +
      prior(bs(21), v[bs(21)] ?? 0) +
      prior(bs(25), v[bs(25)] ?? 0) +
      prior(bs(27), v[bs(27)] ?? 0);
    v[cf(8)] = Math.max(0, investmentsBefore - investmentsNow);
    v[cf(9)] = Math.max(0, v[is(20)] ?? 0);
    v[cf(10)] = random.chance(0.1) ? Math.round(netFixed * random.uniform(0.001, 0.02)) : 0;
    v[cf(11)] = Math.max(0, investmentsNow - investmentsBefore);
    v[cf(12)] =
      Math.max(0, longLivedNow - longLivedBefore) + Math.round(grossFixed * random.uniform(0.005, 0.03));
    v[cf(13)] = (v[cf(8)] ?? 0) + (v[cf(9)] ?? 0) + (v[cf(10)] ?? 0) - (v[cf(11)] ?? 0) - (v[cf(12)] ?? 0);

    const financing = closingCash - openingCash - (v[cf(7)] ?? 0) - (v[cf(13)] ?? 0);
    const capitalReceived = injected;
    const interestPaid = Math.max(0, v[is(19)] ?? 0);
    const priorBorrowings = prior(bs(31), (v[bs(31)] ?? 0) * 0.9) + prior(bs(42), (v[bs(42)] ?? 0) * 0.9);
    let repaid = Math.round(priorBorrowings * random.uniform(0.4, 1));
    let borrowed = financing - capitalReceived + repaid + interestPaid + dividends;
    if (borrowed < 0) {
      repaid -= borrowed;
      borrowed = 0;
    }
    v[cf(14)] = borrowed;
    v[cf(15)] = capitalReceived;
    v[cf(16)] = repaid;
    v[cf(17)] = interestPaid;
    v[cf(18)] = dividends;
    v[cf(19)] = borrowed + capitalReceived - repaid - interestPaid - dividends;
    v[cf(20)] = (v[cf(7)] ?? 0) + (v[cf(13)] ?? 0) + (v[cf(19)] ?? 0);
    v[cf(21)] = openingCash;
    v[cf(22)] = (v[cf(20)] ?? 0) + openingCash;

    statements.push(v);
    previous = v;
  }
  return statements;
}

/** Column id of line index i (bs_01 … cf_22). */
export function lineIdAt(index: number): string {
  if (index < 53) return `bs_${String(index + 1).padStart(2, '0')}`;
  if (index < 85) return `is_${String(index - 52).padStart(2, '0')}`;
  return `cf_${String(index - 84).padStart(2, '0')}`;
}
