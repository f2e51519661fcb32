import type { TFunction } from 'i18next';
import type { Formatters } from '../i18n';

/** How a feature's values read: money, a share, days, years, a count or a plain figure. */
export type ValueKind = 'fen' | 'percent' | 'days' | 'years' | 'count' | 'number';

const FEN_RATIOS = new Set(['working_capital', 'ebit', 'free_cash_flow', 'ebitda']);
const PERCENT_RATIOS = new Set([
  'debt_to_assets',
  'equity_ratio',
  'gross_margin',
  'operating_margin',
  'net_margin',
  'return_on_assets',
  'return_on_equity',
  'revenue_growth',
  'asset_growth',
  'equity_growth',
]);
const DAY_RATIOS = new Set([
  'receivable_days',
  'inventory_days',
  'payable_days',
  'cash_conversion_cycle',
  'statement_age_days',
]);
const PERCENT_FEATURES = new Set([
  'inv_sales_trend',
  'inv_void_share',
  'inv_negative_share',
  'inv_top_customer_share',
  'inv_top_supplier_share',
]);
const COUNT_FEATURES = new Set([
  'inv_active_months',
  'inv_customers',
  'inv_suppliers',
  'loan_count',
  'loan_lenders',
  'loan_any_default',
]);

export function valueKind(feature: string): ValueKind {
  if (feature.endsWith('_fen')) return 'fen';
  if (feature.startsWith('fin_')) {
    const ratio = feature.slice(4);
    if (FEN_RATIOS.has(ratio)) return 'fen';
    if (PERCENT_RATIOS.has(ratio)) return 'percent';
    if (DAY_RATIOS.has(ratio)) return 'days';
    return 'number';
  }
  if (PERCENT_FEATURES.has(feature)) return 'percent';
  if (COUNT_FEATURES.has(feature) || feature.startsWith('pub_')) return 'count';
  if (feature === 'ent_age_years') return 'years';
  if (feature === 'loan_max_dpd_12m') return 'days';
  return 'number';
}

/** A feature's name in the reader's language; a pair of a boosted model reads "A × B". */
export function featureLabel(t: TFunction, feature: string): string {
  if (feature.includes(' × ')) {
    return feature
      .split(' × ')
      .map((part) => featureLabel(t, part))
      .join(' × ');
  }
  const text = t(`credit.features.${feature}` as 'credit.features.unknown', { defaultValue: '' });
  return text || t('credit.features.unknown', { feature });
}

function formatValue(kind: ValueKind, raw: string, t: TFunction, f: Formatters): string {
  const value = Number(raw);
  if (!Number.isFinite(value)) return raw;
  switch (kind) {
    case 'fen':
      return f.wanYuan(Math.round(value));
    case 'percent':
      return f.percent(value);
    case 'days':
      return t('credit.units.days', { value: f.number(value, 0) });
    case 'years':
      return t('credit.units.years', { value: f.number(value, 1) });
    case 'count':
      return f.number(value, 1);
    default:
      return f.number(value, 2);
  }
}

/** A feature's value formatted for what it measures (money in 万元, shares in %, days, years). */
export function formatFeatureValue(
  feature: string,
  value: number | null,
  t: TFunction,
  f: Formatters,
): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return formatValue(valueKind(feature), String(value), t, f);
}

/**
 * A scoring bin in words: "missing" → "not reported", "[a, b)" → "from a to under b", ">= a" → "a or more",
 * "< b" → "under b", "= v" → "exactly v"; categories of a text feature are shown as they are, translated
 * where the app knows them (industry groups, size classes). The value is formatted for the feature.
 */
export function describeBin(feature: string, bin: string, t: TFunction, f: Formatters): string {
  if (feature.includes(' × ')) {
    const features = feature.split(' × ');
    const bins = bin.split(' | ');
    return features
      .map((part, index) => `${featureLabel(t, part)}: ${describeBin(part, bins[index] ?? '', t, f)}`)
      .join('; ');
  }
  const kind = valueKind(feature);
  const value = (raw: string) => formatValue(kind, raw.trim(), t, f);
  const trimmed = bin.trim();
  if (trimmed === 'missing') return t('credit.bins.missing');
  if (trimmed === 'all values') return t('credit.bins.all');
  const interval = /^\[(.+), (.+)\)$/.exec(trimmed);
  if (interval)
    return t('credit.bins.between', { from: value(interval[1] ?? ''), to: value(interval[2] ?? '') });
  if (trimmed.startsWith('>= ')) return t('credit.bins.atLeast', { value: value(trimmed.slice(3)) });
  if (trimmed.startsWith('< ')) return t('credit.bins.below', { value: value(trimmed.slice(2)) });
  if (trimmed.startsWith('= ')) return t('credit.bins.exactly', { value: value(trimmed.slice(2)) });
  // A group of categories (text features): translate the ones the app knows.
  const categories = trimmed.split(', ').map((category) => {
    if (category === 'other') return t('credit.bins.other');
    if (feature === 'ent_size_class')
      return t(`sizeClass.${category}` as 'sizeClass.small', { defaultValue: category });
    if (feature === 'ent_industry_group')
      return t(`industryGroup.${category}` as 'credit.bins.other', { defaultValue: category });
    return category;
  });
  return t('credit.bins.oneOf', { values: categories.join(t('credit.bins.separator')) });
}
