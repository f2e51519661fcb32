import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatInteger,
  formatPercent,
  formatWanYuan,
  formatYuan,
} from './format';

describe('formatYuan', () => {
  it('turns integer fen into yuan with two decimals', () => {
    expect(formatYuan(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatYuan(123456, 'en')).toBe('CN¥1,234.56');
  });

  it('keeps whole yuan and negative amounts exact', () => {
    expect(formatYuan(100, 'zh-CN')).toBe('¥1.00');
    expect(formatYuan(-5, 'zh-CN')).toBe('-¥0.05');
    expect(formatYuan(0, 'en')).toBe('CN¥0.00');
  });

  it('shows a dash for a missing amount', () => {
    expect(formatYuan(null, 'zh-CN')).toBe('—');
    expect(formatYuan(undefined, 'en')).toBe('—');
  });
});

describe('formatWanYuan', () => {
  it('gives Chinese readers 万元 with two decimals', () => {
    // 12,345,678.00 yuan = 1,234.5678 万元
    expect(formatWanYuan(1_234_567_800, 'zh-CN')).toBe('1,234.57万元');
    expect(formatWanYuan(1_000_000, 'zh-CN')).toBe('1.00万元');
    expect(formatWanYuan(500_000, 'zh-CN')).toBe('0.50万元');
  });

  it('gives English readers the compact form', () => {
    expect(formatWanYuan(1_234_567_800, 'en')).toBe('CN¥12.35M');
    expect(formatWanYuan(5_000_000, 'en')).toBe('CN¥50K');
  });

  it('shows a dash for a missing amount', () => {
    expect(formatWanYuan(null, 'zh-CN')).toBe('—');
  });
});

describe('formatDate', () => {
  it('shows an ISO date as the same calendar day in every time zone', () => {
    expect(formatDate('2024-03-05', 'zh-CN', 'America/Los_Angeles')).toBe('2024年3月5日');
    expect(formatDate('2024-03-05', 'en', 'Asia/Shanghai')).toBe('Mar 5, 2024');
  });

  it("shows a timestamp on the viewer's calendar", () => {
    // 23:30 UTC on 4 March is already 5 March in Beijing.
    expect(formatDate('2024-03-04T23:30:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2024年3月5日');
    expect(formatDate('2024-03-04T23:30:00Z', 'en', 'UTC')).toBe('Mar 4, 2024');
  });

  it('returns unparseable input unchanged and a dash for none', () => {
    expect(formatDate('soon', 'en')).toBe('soon');
    expect(formatDate(null, 'en')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('uses a 24-hour clock in the given zone', () => {
    expect(formatDateTime('2024-03-05T10:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2024年3月5日 18:00');
    expect(formatDateTime('2024-03-05T10:00:00Z', 'en', 'Asia/Shanghai')).toBe('Mar 5, 2024, 18:00');
  });
});

describe('numbers', () => {
  it('groups digits and formats ratios as percentages', () => {
    expect(formatInteger(1234567, 'zh-CN')).toBe('1,234,567');
    expect(formatPercent(0.9234, 'en')).toBe('92.3%');
    expect(formatPercent(1, 'zh-CN')).toBe('100%');
    expect(formatPercent(0.99996, 'en')).toBe('99.9%');
    expect(formatPercent(0.00002, 'en')).toBe('0.1%');
    expect(formatPercent(0, 'en')).toBe('0%');
    expect(formatPercent(Number.NaN, 'zh-CN')).toBe('—');
  });

  it('formats file sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024, 'zh-CN')).toBe('5 MB');
  });
});
