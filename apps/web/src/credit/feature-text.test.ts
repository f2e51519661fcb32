import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { formattersFor } from '../i18n/index';
import zhCN from '../i18n/zh-CN.json';
import { describeBin, featureLabel, formatFeatureValue, valueKind } from './feature-text';

let tEn: TFunction;
let tZh: TFunction;
const fEn = formattersFor('en');
const fZh = formattersFor('zh-CN');

beforeAll(async () => {
  const make = async (lng: string) => {
    const instance = i18next.createInstance();
    await instance.init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    return instance.t;
  };
  tEn = await make('en');
  tZh = await make('zh-CN');
});

describe('featureLabel', () => {
  it('names every scoring feature in words, in both languages', () => {
    expect(featureLabel(tEn, 'inv_supplier_hhi')).toBe('Supplier concentration (Herfindahl index)');
    expect(featureLabel(tZh, 'inv_supplier_hhi')).toBe('供应商集中度（赫芬达尔指数）');
    expect(featureLabel(tEn, 'fin_current_ratio')).toBe('Current ratio');
    expect(featureLabel(tZh, 'pub_tax_arrears_5y')).toBe('近 5 年欠税记录数');
  });

  it('names both features of a pair, and says so when a feature is unknown', () => {
    expect(featureLabel(tEn, 'fin_current_ratio × inv_customers')).toBe(
      'Current ratio × Customers in the last 12 months',
    );
    expect(featureLabel(tEn, 'new_feature')).toBe('indicator new_feature');
    expect(featureLabel(tZh, 'new_feature')).toBe('指标 new_feature');
  });
});

describe('describeBin', () => {
  it('reads intervals as words with the value formatted for what it measures', () => {
    expect(describeBin('inv_supplier_hhi', '[0.281772, 0.370188)', tEn, fEn)).toBe(
      'between 0.28 and just under 0.37',
    );
    expect(describeBin('fin_net_margin', '>= 0.05', tEn, fEn)).toBe('5% or more');
    expect(describeBin('fin_net_margin', '< -0.1', tZh, fZh)).toBe('低于 -10%');
    expect(describeBin('loan_max_dpd_12m', '[30, 90)', tEn, fEn)).toBe(
      'between 30 days and just under 90 days',
    );
    expect(describeBin('inv_sales_total_12m_fen', '>= 100000000', tZh, fZh)).toBe('不低于 100.00万元');
    expect(describeBin('pub_court_judgment_5y', '= 0', tEn, fEn)).toBe('exactly 0');
  });

  it('says "not reported" for missing values and translates known categories', () => {
    expect(describeBin('fin_current_ratio', 'missing', tEn, fEn)).toBe('not reported');
    expect(describeBin('fin_current_ratio', 'missing', tZh, fZh)).toBe('未报送');
    expect(describeBin('ent_size_class', 'micro, small', tEn, fEn)).toBe('one of: Micro, Small');
    expect(describeBin('ent_size_class', 'micro, other', tZh, fZh)).toBe('属于：微型、其他');
  });

  it('describes each half of a pair bin', () => {
    expect(describeBin('fin_current_ratio × inv_customers', '< 1 | >= 12', tEn, fEn)).toBe(
      'Current ratio: under 1; Customers in the last 12 months: 12 or more',
    );
  });
});

describe('valueKind and formatFeatureValue', () => {
  it('formats money in 万元, shares in per cent and days as days', () => {
    expect(valueKind('fin_working_capital')).toBe('fen');
    expect(valueKind('inv_top_customer_share')).toBe('percent');
    expect(valueKind('fin_receivable_days')).toBe('days');
    expect(formatFeatureValue('fin_working_capital', 123_456_789, tZh, fZh)).toBe('123.46万元');
    expect(formatFeatureValue('fin_debt_to_assets', 0.243, tEn, fEn)).toBe('24.3%');
    expect(formatFeatureValue('fin_receivable_days', 48.2, tZh, fZh)).toBe('48 天');
    expect(formatFeatureValue('fin_current_ratio', null, tEn, fEn)).toBe('—');
  });
});
