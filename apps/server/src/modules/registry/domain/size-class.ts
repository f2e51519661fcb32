/**
 * Enterprise size classification (中小企业划型) under 《中小企业划型标准规定》 (工信部联企业〔2011〕300号), whose
 * thresholds are identical to the 2017 statistical table (DOMAIN §1.3).
 *
 * The rule (DOMAIN §1.2): large, medium and small must meet the lower bound of EVERY listed indicator,
 * otherwise the firm drops a tier; micro applies as soon as ANY indicator is below the small bound.
 * Bounds are strict: "X及以上" is ≥ and "X以下" is <. Equivalently, each indicator gives a tier and the
 * firm's size is the lowest of them.
 *
 * Missing indicators: the firm is classified on the indicators that are given, and the missing ones are
 * listed in `missing`. Because the tiers are ANDed, the result is then an upper bound (knowing the missing
 * indicator can only keep or lower the size); a micro result is final. When none of the needed indicators
 * is given, or when `requireAllIndicators` is set and one is missing, `classifySize` throws a RangeError.
 */
import type { IndustryGroupId } from './industry.js';
import { INDUSTRY_GROUPS } from './industry.js';

/** The four sizes, from largest to smallest. */
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

/** An indicator of the size standard: persons employed, operating revenue (万元), total assets (万元). */
export type SizeIndicator = 'employees' | 'revenueWan' | 'assetsWan';

/** The lower bounds of one indicator for one industry group. */
export type SizeThresholdRow = { indicator: SizeIndicator; large: number; medium: number; small: number };

/** A versioned size standard: for each industry group, one row per indicator it uses. */
export type SizeStandard = {
  version: string;
  title: string;
  thresholds: Readonly<Record<IndustryGroupId, readonly SizeThresholdRow[]>>;
};

/** Bilingual labels of the sizes. */
export const SIZE_CLASSES: Readonly<Record<SizeClass, { zh: string; en: string }>> = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
};

/** Bilingual labels and units of the indicators. */
export const SIZE_INDICATORS: Readonly<Record<SizeIndicator, { zh: string; en: string; unit: string }>> = {
  employees: { zh: '从业人员', en: 'Employees', unit: 'persons' },
  revenueWan: { zh: '营业收入', en: 'Operating revenue', unit: '万元 (RMB 10,000)' },
  assetsWan: { zh: '资产总额', en: 'Total assets', unit: '万元 (RMB 10,000)' },
};

const row = (indicator: SizeIndicator, large: number, medium: number, small: number): SizeThresholdRow => ({
  indicator,
  large,
  medium,
  small,
});

/**
 * The 2011 standard. `large` is the SME ceiling of DOMAIN §1.3 (an SME is below it on some indicator);
 * `medium` and `small` are the lower bounds of those tiers.
 */
export const SIZE_STANDARD_2011: SizeStandard = {
  version: '2011',
  title: '《中小企业划型标准规定》(工信部联企业〔2011〕300号)',
  thresholds: {
    agriculture: [row('revenueWan', 20_000, 500, 50)],
    industry: [row('employees', 1_000, 300, 20), row('revenueWan', 40_000, 2_000, 300)],
    construction: [row('revenueWan', 80_000, 6_000, 300), row('assetsWan', 80_000, 5_000, 300)],
    wholesale: [row('employees', 200, 20, 5), row('revenueWan', 40_000, 5_000, 1_000)],
    retail: [row('employees', 300, 50, 10), row('revenueWan', 20_000, 500, 100)],
    transport: [row('employees', 1_000, 300, 20), row('revenueWan', 30_000, 3_000, 200)],
    warehousing: [row('employees', 200, 100, 20), row('revenueWan', 30_000, 1_000, 100)],
    postal: [row('employees', 1_000, 300, 20), row('revenueWan', 30_000, 2_000, 100)],
    accommodation: [row('employees', 300, 100, 10), row('revenueWan', 10_000, 2_000, 100)],
    catering: [row('employees', 300, 100, 10), row('revenueWan', 10_000, 2_000, 100)],
    information_transmission: [row('employees', 2_000, 100, 10), row('revenueWan', 100_000, 1_000, 100)],
    software_it_services: [row('employees', 300, 100, 10), row('revenueWan', 10_000, 1_000, 50)],
    real_estate_development: [row('revenueWan', 200_000, 1_000, 100), row('assetsWan', 10_000, 5_000, 2_000)],
    property_management: [row('employees', 1_000, 300, 100), row('revenueWan', 5_000, 1_000, 500)],
    leasing_business_services: [row('employees', 300, 100, 10), row('assetsWan', 120_000, 8_000, 100)],
    other: [row('employees', 300, 100, 10)],
  },
};

/** The size standards by version; the default is the newest adopted one. */
export const SIZE_STANDARDS: Readonly<Record<string, SizeStandard>> = { '2011': SIZE_STANDARD_2011 };

/** The default standard version. */
export const DEFAULT_SIZE_STANDARD_VERSION = '2011';

/** The input of {@link classifySize}. Revenue and assets are in 万元; use `fenToWan` to convert from fen. */
export type ClassifySizeInput = {
  industryGroup: IndustryGroupId;
  /** Persons employed (period-end, or the annual average); may be fractional for an average. */
  employees?: number | null;
  revenueWan?: number | null;
  assetsWan?: number | null;
};

/** Options of {@link classifySize}. */
export type ClassifySizeOptions = {
  /** @default '2011' */
  standardVersion?: string;
  /** Throw instead of classifying on the indicators that are given. @default false */
  requireAllIndicators?: boolean;
};

/** The result of {@link classifySize}. */
export type SizeClassification = {
  size: SizeClass;
  industryGroup: IndustryGroupId;
  standardVersion: string;
  /** The indicators that decided the size, in the standard's order. */
  indicatorsUsed: SizeIndicator[];
  /** Indicators the industry needs that were not given; when non-empty the size is an upper bound. */
  missing: SizeIndicator[];
};

const TIERS: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];

/**
 * Classifies an enterprise as large, medium, small or micro.
 *
 * @param input - the industry group and the indicators (employees; revenue and assets in 万元)
 * @param options - standard version and the missing-indicator policy
 * @returns the size, with the indicators used and those missing
 * @throws RangeError for an unknown industry group or standard version, a negative or non-finite
 *   indicator, or when no needed indicator (with `requireAllIndicators`: not every one) is given
 */
export function classifySize(
  input: ClassifySizeInput,
  options: ClassifySizeOptions = {},
): SizeClassification {
  const standardVersion = options.standardVersion ?? DEFAULT_SIZE_STANDARD_VERSION;
  const standard = SIZE_STANDARDS[standardVersion];
  if (!standard) {
    throw new RangeError(
      `classifySize: unknown size standard version ${JSON.stringify(standardVersion)}; known: ${Object.keys(SIZE_STANDARDS).join(', ')}`,
    );
  }
  const rows = standard.thresholds[input.industryGroup];
  if (!rows) {
    throw new RangeError(
      `classifySize: unknown industry group ${JSON.stringify(input.industryGroup)}; expected one of ${INDUSTRY_GROUPS.map((group) => group.id).join(', ')}`,
    );
  }
  for (const indicator of ['employees', 'revenueWan', 'assetsWan'] as const) {
    const value = input[indicator];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`classifySize: ${indicator} must be a finite number, got ${String(value)}`);
    }
    if (value < 0) {
      throw new RangeError(`classifySize: ${indicator} cannot be negative, got ${value}`);
    }
  }
  const indicatorsUsed: SizeIndicator[] = [];
  const missing: SizeIndicator[] = [];
  let tier = 0;
  for (const threshold of rows) {
    const value = input[threshold.indicator];
    if (value === null || value === undefined) {
      missing.push(threshold.indicator);
      continue;
    }
    indicatorsUsed.push(threshold.indicator);
    tier = Math.max(tier, tierOf(value, threshold));
  }
  const needed = rows.map((threshold) => threshold.indicator).join(' and ');
  if (indicatorsUsed.length === 0) {
    throw new RangeError(
      `classifySize: industry group '${input.industryGroup}' is classified by ${needed}; none was given`,
    );
  }
  if (options.requireAllIndicators && missing.length > 0) {
    throw new RangeError(
      `classifySize: industry group '${input.industryGroup}' is classified by ${needed}; missing ${missing.join(' and ')}`,
    );
  }
  return {
    size: TIERS[tier] ?? 'micro',
    industryGroup: input.industryGroup,
    standardVersion,
    indicatorsUsed,
    missing,
  };
}

function tierOf(value: number, threshold: SizeThresholdRow): number {
  if (value >= threshold.large) return 0;
  if (value >= threshold.medium) return 1;
  if (value >= threshold.small) return 2;
  return 3;
}
