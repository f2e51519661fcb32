import {
  computeCreditCodeCheckCharacters,
  type IndustryGroupId,
  SIZE_STANDARD_2011,
  type SizeClass,
} from '../registry/index.js';
import { GENERATOR_TARGETS } from './calibration.js';
import {
  DEMO_INDUSTRIES,
  DEMO_REGIONS,
  type IndustryEntry,
  type RegionEntry,
  SIZE_CLASS_MIX,
  TRADE_NAME_CHARACTERS,
} from './catalogues.js';
import { normalCdf, quantileAt, Random } from './prng.js';
import type { FinancialPlan } from './statements.js';

/** Sub-stream tags: each part of a firm draws from its own stream, so parts can be generated in any order. */
export const STREAM = {
  identity: 1,
  profile: 2,
  statements: 3,
  loans: 4,
  invoices: 5,
  records: 6,
  conflicts: 7,
} as const;

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Enterprise credit-code bodies: 'MA' + six characters whose first is not 'Y' (Y is reserved, see below). */
const FIRM_BODY_SPACE = 30 * 31 ** 5;
/** Numeric (pre-2015 organisation code) bodies. */
const NUMERIC_BODY_SPACE = 100_000_000;
/** External counterparties: 'MAY' + five characters whose first is not 'Y'. */
const EXTERNAL_BODY_SPACE = 30 * 31 ** 4;
/** Demo firms: at most this many (bodies are a bijection of the index, so codes are unique by construction). */
export const MAX_ENTERPRISES = 50_000_000;

function toBase31(value: number, length: number): string {
  let text = '';
  let rest = value;
  for (let position = 0; position < length; position += 1) {
    text = CHARSET[rest % 31] + text;
    rest = Math.floor(rest / 31);
  }
  return text;
}

/** An affine bijection of [0, space) keyed by the seed (multiplier coprime with the space, small enough to stay exact). */
function permute(index: number, space: number, seed: number, multiplier: number): number {
  const offset = (seed >>> 0) % space;
  return ((((index % space) * multiplier) % space) + offset) % space;
}

/** A valid credit code from its first 16 characters (the registry computes positions 17–18). */
export function completeCreditCode(first16: string): string {
  return first16 + computeCreditCodeCheckCharacters(first16);
}

function firmCreditCode(seed: number, index: number, division: string, establishedYear: number): string {
  if (establishedYear >= 2015) {
    const value = permute(index, FIRM_BODY_SPACE, seed, 1_000_003);
    return completeCreditCode(`91${division}MA${toBase31(value, 6)}`);
  }
  const value = permute(index, NUMERIC_BODY_SPACE, seed, 7_777_777);
  return completeCreditCode(`91${division}${String(value).padStart(8, '0')}`);
}

/** The credit code of an external trading partner (not a demo enterprise), unique per partner number. */
export function externalCreditCode(seed: number, partner: number): string {
  const value = permute(partner, EXTERNAL_BODY_SPACE, seed, 1_000_003);
  const region = DEMO_REGIONS[partner % DEMO_REGIONS.length] ?? DEMO_REGIONS[0];
  return completeCreditCode(`91${region?.division ?? '440300'}MAY${toBase31(value, 5)}`);
}

/** Trade name (字号): two characters for the first P² firms, then three, then four; unique per index. */
function tradeName(seed: number, index: number): string {
  const pool = TRADE_NAME_CHARACTERS;
  const size = pool.length;
  let length = 2;
  let start = 0;
  while (index - start >= size ** length) {
    start += size ** length;
    length += 1;
  }
  const space = size ** length;
  let value = permute(index - start, space, seed, length === 2 ? 7_919 : length === 3 ? 104_729 : 1_299_709);
  let text = '';
  for (let position = 0; position < length; position += 1) {
    text += pool[value % size];
    value = Math.floor(value / size);
  }
  return text;
}

function pickWeighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const item = items[random.weightedIndex(items.map((entry) => entry.weight))];
  if (!item) throw new RangeError('pickWeighted: empty list');
  return item;
}

/** Who a firm is: what a registry shows on its profile. */
export type EnterpriseIdentity = {
  index: number;
  creditCode: string;
  name: string;
  industry: IndustryEntry;
  region: RegionEntry;
  establishedOn: string;
  address: string;
};

/** Forced traits for the firms demo users sign in as, so their pages tell a story. */
const SPOTLIGHT: Readonly<
  Record<number, { industry: string; division: string; quality: number; size: SizeClass; defaulted: boolean }>
> = {
  0: { industry: 'C3982', division: '330100', quality: 1.1, size: 'small', defaulted: false },
  1: { industry: 'F5175', division: '330100', quality: -1.9, size: 'small', defaulted: true },
};

/**
 * The identity of demo firm `index` (cheap: other firms' invoices use it to name counterparties).
 *
 * @param seed - the data set's seed
 * @param index - 0-based firm number
 * @param firstYear - the first statement year; firms are established at least a year before it
 */
export function enterpriseIdentity(seed: number, index: number, firstYear: number): EnterpriseIdentity {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_ENTERPRISES) {
    throw new RangeError(
      `enterpriseIdentity: index must be an integer in [0, ${MAX_ENTERPRISES}), got ${index}`,
    );
  }
  const random = Random.derive(seed, index, STREAM.identity);
  const spotlight = SPOTLIGHT[index];
  const industry = spotlight
    ? (DEMO_INDUSTRIES.find((entry) => entry.code === spotlight.industry) ??
      pickWeighted(random, DEMO_INDUSTRIES))
    : pickWeighted(random, DEMO_INDUSTRIES);
  const region = spotlight
    ? (DEMO_REGIONS.find((entry) => entry.division === spotlight.division) ??
      pickWeighted(random, DEMO_REGIONS))
    : pickWeighted(random, DEMO_REGIONS);
  const age = Math.min(30, 1.2 + random.logNormal(7, 0.6));
  const establishedYear = Math.max(1990, Math.floor(firstYear - age));
  const establishedOn = `${establishedYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const word = random.pick(industry.words);
  const name = `${region.namePrefix}${tradeName(seed, index)}${word}有限公司`;
  const road = random.pick(region.roads);
  const unit = random.chance(0.5)
    ? `${random.int(1, 30)}幢${random.int(1, 25)}${String(random.int(1, 20)).padStart(2, '0')}室`
    : '';
  const isMunicipality = region.province === `${region.namePrefix}市`;
  const address = `${isMunicipality ? region.province : `${region.province}${region.city}`}${isMunicipality ? region.city : ''}${road}${random.int(1, 2999)}号${unit}`;
  return {
    index,
    creditCode: firmCreditCode(seed, index, region.division, establishedYear),
    name,
    industry,
    region,
    establishedOn,
    address,
  };
}

/** A generated firm: identity, size, latent quality and the outcome the data are consistent with. */
export type EnterpriseSpec = EnterpriseIdentity & {
  group: IndustryGroupId;
  /** The size the generator aimed for; the registry's classifySize of the profile gives the same. */
  size: SizeClass;
  employees: number;
  /** Latest-year revenue and total assets, fen (equal to the last statement's is_01 and bs_30). */
  revenueFen: number;
  assetsFen: number;
  registeredCapitalFen: number;
  /** Latent credit quality, standard normal, higher is better; drives every observable. */
  quality: number;
  /** Probability of default within the outcome window. */
  pd: number;
  defaulted: boolean;
  plan: FinancialPlan;
};

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Slope of the log-odds of default on the latent weakness. */
export const DEFAULT_SLOPE = 1.45;

/** The intercept that makes E[logistic(a + b·Z)] = rate for Z ~ N(0, 1) (Gauss–Hermite-free midpoint rule). */
export function solveDefaultIntercept(rate: number, slope = DEFAULT_SLOPE): number {
  const expected = (intercept: number) => {
    let sum = 0;
    let weight = 0;
    for (let z = -6; z <= 6; z += 0.01) {
      const density = Math.exp(-0.5 * z * z);
      sum += density * logistic(intercept + slope * z);
      weight += density;
    }
    return sum / weight;
  };
  let low = -20;
  let high = 5;
  for (let iteration = 0; iteration < 60; iteration += 1) {
    const middle = (low + high) / 2;
    if (expected(middle) < rate) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

const THRESHOLDS = SIZE_STANDARD_2011.thresholds;

function sampleBand(
  random: Random,
  row: { large: number; medium: number; small: number },
  size: SizeClass,
  isCount: boolean,
): number {
  const [low, high] =
    size === 'large'
      ? [row.large, row.large * 2.5]
      : size === 'medium'
        ? [row.medium, row.large]
        : size === 'small'
          ? [row.small, row.medium]
          : [Math.max(isCount ? 1 : 0, row.small * 0.08), row.small];
  const value = Math.exp(random.uniform(Math.log(Math.max(low, 0.5)), Math.log(high)));
  if (isCount) return Math.min(Math.ceil(high) - 1, Math.max(Math.ceil(low), Math.floor(value)));
  return Math.min(high * 0.999, Math.max(low, value));
}

const WAN = 1_000_000;

function vatRate(profile: IndustryEntry['profile'], smallScale: boolean, year: number): number {
  if (profile.vat === 'exempt') return 0;
  if (smallScale) return year >= 2020 ? 0.01 : 0.03;
  if (profile.vat === 'services') return 0.06;
  if (profile.vat === 'reduced') return year >= 2020 ? 0.09 : year >= 2019 ? 0.1 : 0.11;
  return year >= 2020 ? 0.13 : year >= 2019 ? 0.16 : 0.17;
}

export type EnterpriseContext = {
  seed: number;
  years: readonly number[];
  /** The outcome window's length relative to 12 months (PD scales with it). */
  windowYears: number;
  intercept: number;
};

/**
 * Builds demo firm `index`: the identity, a size consistent with the standard, a latent quality and the
 * financial plan its statements follow. Pure in (seed, index, years).
 */
export function buildEnterprise(context: EnterpriseContext, index: number): EnterpriseSpec {
  const { seed, years } = context;
  const firstYear = years[0] ?? 2022;
  const identity = enterpriseIdentity(seed, index, firstYear);
  const random = Random.derive(seed, index, STREAM.profile);
  const spotlight = SPOTLIGHT[index];
  const { industry } = identity;
  const profile = industry.profile;
  const group = industry.group;

  const sizeDraw = random.next();
  const size: SizeClass =
    spotlight?.size ??
    (sizeDraw < SIZE_CLASS_MIX.micro
      ? 'micro'
      : sizeDraw < SIZE_CLASS_MIX.micro + SIZE_CLASS_MIX.small
        ? 'small'
        : sizeDraw < 1 - SIZE_CLASS_MIX.large
          ? 'medium'
          : 'large');
  const sizeBoost = { micro: -0.35, small: 0, medium: 0.3, large: 0.5 }[size];
  const ageYears = firstYear - Number(identity.establishedOn.slice(0, 4));
  const ageBoost = Math.max(-0.5, Math.min(0.4, (Math.log(Math.max(1, ageYears)) - 1.9) * 0.35));
  // Standardised (the mix of size and age shifts has sd ≈ 0.945), so the default intercept solved for N(0, 1) holds.
  const quality = spotlight?.quality ?? (0.93 * random.normal() + sizeBoost * 0.5 + ageBoost * 0.5) / 0.945;

  const correlated = (rho: number, sign: 1 | -1) =>
    normalCdf(sign * rho * quality + Math.sqrt(1 - rho * rho) * random.normal());
  const targets = GENERATOR_TARGETS.ratios;
  const table = (name: string) => targets[name] ?? {};

  // Size: the standard's indicators inside the aimed tier; the others follow from ratios.
  const turnover =
    quantileAt(table('salesToAssets'), correlated(0.15, 1), 0.2, 6) *
    profile.turnover *
    random.logNormal(1, 0.15);
  const rows = THRESHOLDS[group];
  let employees: number | null = null;
  let revenueWan: number | null = null;
  let assetsWan: number | null = null;
  const employeesRow = rows.find((row) => row.indicator === 'employees');
  const revenueRow = rows.find((row) => row.indicator === 'revenueWan');
  if (revenueRow) revenueWan = sampleBand(random, revenueRow, size, false);
  if (employeesRow) {
    employees = sampleBand(random, employeesRow, size, true);
    if (revenueWan !== null) {
      // Revenue per employee stays plausible: derive the headcount from revenue, kept inside the tier.
      const implied = Math.round(
        ((revenueWan * 10_000) / profile.revenuePerEmployee) * random.logNormal(1, 0.35),
      );
      const low =
        size === 'micro'
          ? 1
          : size === 'small'
            ? employeesRow.small
            : size === 'medium'
              ? employeesRow.medium
              : employeesRow.large;
      const high =
        size === 'micro'
          ? employeesRow.small - 1
          : size === 'small'
            ? employeesRow.medium - 1
            : size === 'medium'
              ? employeesRow.large - 1
              : employeesRow.large * 3;
      employees = Math.min(high, Math.max(low, implied));
    }
  }
  const assetsRow = rows.find((row) => row.indicator === 'assetsWan');
  if (revenueWan === null && employees !== null) {
    revenueWan = assetsRow
      ? null
      : (employees * profile.revenuePerEmployee * random.logNormal(1, 0.35)) / 10_000;
  }
  if (assetsRow) {
    if (revenueWan === null) {
      assetsWan = sampleBand(random, assetsRow, size, false);
      revenueWan = assetsWan * turnover;
    } else {
      const [low, high] =
        size === 'large'
          ? [assetsRow.large, assetsRow.large * 2.5]
          : size === 'medium'
            ? [assetsRow.medium, assetsRow.large * 0.999]
            : size === 'small'
              ? [assetsRow.small, assetsRow.medium * 0.999]
              : [assetsRow.small * 0.08, assetsRow.small * 0.999];
      assetsWan = Math.min(high, Math.max(low, revenueWan / turnover));
    }
  }
  revenueWan ??= 100;
  assetsWan ??= revenueWan / turnover;
  employees ??= Math.max(
    1,
    Math.min(
      3000,
      Math.round(((revenueWan * 10_000) / profile.revenuePerEmployee) * random.logNormal(1, 0.4)),
    ),
  );

  // Keep fen strictly inside the tier after rounding (the bands are half-open).
  const toFen = (wan: number, row: { large: number; medium: number; small: number } | undefined) => {
    let fen = Math.round(wan * WAN);
    if (row) {
      const bounds =
        size === 'large'
          ? [row.large, Number.POSITIVE_INFINITY]
          : size === 'medium'
            ? [row.medium, row.large]
            : size === 'small'
              ? [row.small, row.medium]
              : [0, row.small];
      const low = (bounds[0] ?? 0) * WAN;
      const high = (bounds[1] ?? 0) * WAN - 100;
      fen = Math.min(high, Math.max(low, fen));
    }
    return Math.max(1_000_000, fen);
  };
  const revenueFen = toFen(
    revenueWan,
    rows.find((row) => row.indicator === 'revenueWan'),
  );
  const assetsFen = toFen(assetsWan, assetsRow);

  // Outcome.
  const pd12 = logistic(context.intercept + DEFAULT_SLOPE * -quality);
  const pd = 1 - (1 - pd12) ** context.windowYears;
  const defaulted = spotlight ? spotlight.defaulted : random.next() < pd;

  // Paths back from the latest year.
  const count = years.length;
  const revenuePath = new Array<number>(count).fill(revenueFen);
  const assetsPath = new Array<number>(count).fill(assetsFen);
  for (let k = count - 1; k > 0; k -= 1) {
    const growth =
      quantileAt(table('salesGrowth'), correlated(0.3, 1), 0.3, 2.5) -
      (defaulted && k === count - 1 ? 0.08 : 0);
    revenuePath[k - 1] = Math.round((revenuePath[k] ?? 0) / Math.max(0.3, growth));
    assetsPath[k - 1] = Math.round(
      (assetsPath[k] ?? 0) / (Math.max(0.5, growth) ** 0.6 * random.logNormal(1, 0.05)),
    );
  }
  const firmReturn = random.normal();
  const returnOnAssets = Array.from({ length: count }, (_, k) => {
    const rho = 0.6;
    const noise = 0.55 * firmReturn + 0.83 * random.normal();
    const u = normalCdf(rho * quality + Math.sqrt(1 - rho * rho) * noise);
    return quantileAt(table('netProfitToAssets'), u, -0.6, 0.5) - (defaulted && k === count - 1 ? 0.02 : 0);
  });
  const firmLiquidity = random.normal();
  const currentRatio = Array.from({ length: count }, () =>
    quantileAt(
      table('currentRatio'),
      normalCdf(0.4 * quality + 0.92 * (0.7 * firmLiquidity + 0.71 * random.normal())),
      0.15,
      12,
    ),
  );
  const firstDebtRatio = quantileAt(table('debtToAssets'), correlated(0.5, -1), 0.03, 1.6);
  const smallScale = revenueFen < 500 * WAN && group !== 'agriculture';
  const registeredChoices = [
    10, 30, 50, 100, 200, 300, 500, 800, 1000, 2000, 3000, 5000, 10_000, 20_000, 50_000,
  ];
  const targetCapital = (assetsFen / WAN) * random.uniform(0.1, 0.6);
  const registeredWan = registeredChoices.reduce((best, choice) =>
    Math.abs(Math.log(choice / targetCapital)) < Math.abs(Math.log(best / targetCapital)) ? choice : best,
  );

  const plan: FinancialPlan = {
    profile,
    quality,
    revenueFen: revenuePath,
    assetsFen: assetsPath,
    returnOnAssets,
    currentRatio,
    firstDebtRatio,
    receivableDays:
      quantileAt(table('receivableDays'), correlated(0.15, -1), 3, 300) *
      (profile.vat === 'services' ? 1.2 : 1),
    inventoryDays: quantileAt(table('inventoryDays'), random.next(), 0, 250) * (profile.inventoryShare / 0.3),
    payableDays: random.uniform(25, 90) * (1 + Math.max(0, -quality) * 0.3),
    bankShare: Math.min(0.75, Math.max(0.05, random.uniform(0.15, 0.55) + 0.05 * -quality)),
    shortTermShare: random.uniform(0.55, 0.95),
    interestRate: Math.min(0.12, Math.max(0.032, 0.045 + 0.007 * -quality + random.normal() * 0.004)),
    otherPayablesShare: random.uniform(0.02, 0.15) * (1 + Math.max(0, -quality) * 0.8),
    employees,
    averageWageFen: Math.round(random.uniform(55_000, 120_000) * 100),
    registeredCapitalFen: registeredWan * WAN,
    outputVatRate: years.map((year) => vatRate(profile, smallScale, year)),
    isYoung: ageYears < 2,
    payoutRatio: random.chance(0.4) ? random.uniform(0.1, 0.5) : 0,
  };

  // Properties listed one by one: an object spread here costs more than the rest of the function.
  return {
    index: identity.index,
    creditCode: identity.creditCode,
    name: identity.name,
    industry: identity.industry,
    region: identity.region,
    establishedOn: identity.establishedOn,
    address: identity.address,
    group,
    size,
    employees,
    revenueFen,
    assetsFen,
    registeredCapitalFen: registeredWan * WAN,
    quality,
    pd,
    defaulted,
    plan,
  };
}

/** VAT rate of a firm's sales invoice issued on a date (general taxpayer rates changed 2018-05 and 2019-04). */
export function invoiceVatRate(
  profile: IndustryEntry['profile'],
  smallScale: boolean,
  isoDate: string,
): number {
  if (profile.vat === 'exempt') return 0;
  if (smallScale) {
    if (isoDate >= '2022-04-01' && isoDate < '2023-01-01') return 0;
    return isoDate >= '2020-03-01' ? 0.01 : 0.03;
  }
  if (profile.vat === 'services') return 0.06;
  if (profile.vat === 'reduced') return isoDate >= '2019-04-01' ? 0.09 : isoDate >= '2018-05-01' ? 0.1 : 0.11;
  return isoDate >= '2019-04-01' ? 0.13 : isoDate >= '2018-05-01' ? 0.16 : 0.17;
}
