import { describe, expect, it } from 'vitest';
import { formattersFor } from '../i18n';
import { chartCells, chartValue, filterCells, formatIndicator, isSuppressed } from './peer-statistics.view';
import type { PeerStatisticsCell } from './statistics.api';

function cell(overrides: Partial<PeerStatisticsCell>): PeerStatisticsCell {
  return {
    level: 'cell',
    industryGroup: 'industry',
    sizeClass: 'small',
    provinceCode: '44',
    provinceName: { zh: '广东', en: 'Guangdong' },
    suppression: null,
    count: 12,
    defaultRate: 0.1,
    subgroups: [
      { subgroup: 'all', suppressed: false, count: 12, indicators: {} },
      { subgroup: 'default', suppressed: true, count: null, indicators: {} },
    ],
    ...overrides,
  };
}

const cells = [
  cell({}),
  cell({ provinceCode: '11', suppression: 'primary', count: null, defaultRate: null }),
  cell({ sizeClass: 'micro' }),
  cell({ level: 'industry_size', provinceCode: null, provinceName: null, count: 40 }),
  cell({ industryGroup: 'retail' }),
];

describe('peer statistics view', () => {
  it('filters by industry, size and province, keeping nationwide margins only without a province', () => {
    const industry = { industryGroup: 'industry', sizeClass: 'small', provinceCode: '' };
    expect(filterCells(cells, industry)).toHaveLength(3);
    expect(filterCells(cells, { ...industry, provinceCode: '44' })).toEqual([cells[0]]);
    expect(filterCells(cells, { industryGroup: '', sizeClass: '', provinceCode: '' })).toHaveLength(5);
  });

  it('charts province cells by province and nationwide margins by size class', () => {
    const none = { industryGroup: '', sizeClass: '', provinceCode: '' };
    expect(chartCells(cells, 'province', none)).toHaveLength(4);
    expect(chartCells(cells, 'sizeClass', none)).toEqual([cells[3]]);
    expect(chartCells(cells, 'sizeClass', { ...none, provinceCode: '44' })).toHaveLength(4);
  });

  it('treats a suppressed cell or subgroup as suppressed, never as zero', () => {
    expect(isSuppressed(cells[1] as PeerStatisticsCell, 'all')).toBe(true);
    expect(isSuppressed(cells[0] as PeerStatisticsCell, 'all')).toBe(false);
    expect(isSuppressed(cells[0] as PeerStatisticsCell, 'default')).toBe(true);
    expect(chartValue('current_ratio', null)).toBeNull();
  });

  it('shows fractions as percentages and multiples as numbers', () => {
    const f = formattersFor('en');
    expect(formatIndicator(f, 'net_margin', 0.125)).toBe('12.5%');
    expect(formatIndicator(f, 'current_ratio', 1.456)).toBe('1.46');
    expect(chartValue('gross_margin', 0.3)).toBe(30);
    expect(chartValue('current_ratio', 1.23456)).toBe(1.2346);
  });
});
