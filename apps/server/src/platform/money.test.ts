import { describe, expect, it } from 'vitest';
import { FEN_PER_WAN, fenToWan, formatFen, parseYuanToFen } from './money.js';

describe('parseYuanToFen', () => {
  it.each([
    ['1234', 123_400],
    ['1234.5', 123_450],
    ['1234.56', 123_456],
    ['-943.4', -94_340],
    ['+12', 1_200],
    ['1000.0', 100_000],
    ['0.100000', 10],
    ['12.340000', 1_234],
    ['0', 0],
    ['-0', 0],
    ['-0.00', 0],
    ['0.01', 1],
    ['-0.01', -1],
    ['  42.10  ', 4_210],
    ['007.5', 750],
    ['1,234', 123_400],
    ['1,234.56', 123_456],
    ['-12,345,678.90', -1_234_567_890],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
    ['-90071992547409.91', -Number.MAX_SAFE_INTEGER],
  ])('parses %j as %d fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
    expect(Object.is(parseYuanToFen(text), -0)).toBe(false);
  });

  it('is exact where float arithmetic is not (0.29 yuan, 1.005 rejected rather than rounded)', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('19.99')).toBe(1_999);
    expect(() => parseYuanToFen('1.005')).toThrow(RangeError);
  });

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['abc', /is not a decimal amount/],
    ['12abc', /is not a decimal amount/],
    ['NaN', /is not a number/],
    ['Infinity', /is not a number/],
    ['-Infinity', /is not a number/],
    ['1e5', /exponent notation/],
    ['1.5E+3', /exponent notation/],
    ['1.234', /more than 2 decimals/],
    ['0.001', /more than 2 decimals/],
    ['.5', /no digit before the decimal point/],
    ['5.', /ends with a decimal point/],
    ['(5.00)', /accounting parentheses/],
    ['1,5', /misplaced thousands separators/],
    ['12,34', /misplaced thousands separators/],
    ['1,2345', /misplaced thousands separators/],
    ['1234,567', /misplaced thousands separators/],
    ['１２３', /full-width/],
    ['1 234', /is not a decimal amount/],
    ['--1', /is not a decimal amount/],
    ['90071992547409.92', /too large/],
    ['99999999999999999999', /too large/],
  ])('rejects %j', (text, message) => {
    expect(() => parseYuanToFen(text)).toThrow(RangeError);
    expect(() => parseYuanToFen(text)).toThrow(message);
  });

  it('names the value in the message', () => {
    expect(() => parseYuanToFen('1.234')).toThrow('parseYuanToFen: "1.234" has more than 2 decimals');
  });

  it('rejects a non-string with a TypeError', () => {
    expect(() => parseYuanToFen(12 as unknown as string)).toThrow(TypeError);
  });
});

describe('formatFen', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [-1, '-0.01'],
    [100_000, '1,000.00'],
    [123_456, '1,234.56'],
    [-94_340, '-943.40'],
    [123_456_789_012, '1,234,567,890.12'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91'],
  ])('formats %d fen as %j yuan', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
    expect(formatFen(fen, { locale: 'en', unit: 'yuan' })).toBe(text);
  });

  it('formats 万元 rounded half away from zero, with a locale suffix', () => {
    expect(formatFen(3_000_000_000, { unit: 'wan' })).toBe('3,000.00万');
    expect(formatFen(123_456_789, { unit: 'wan' })).toBe('123.46万');
    expect(formatFen(123_456_789, { unit: 'wan', locale: 'en' })).toBe('123.46 wan');
    expect(formatFen(5_000, { unit: 'wan' })).toBe('0.01万');
    expect(formatFen(4_999, { unit: 'wan' })).toBe('0.00万');
    expect(formatFen(-5_000, { unit: 'wan' })).toBe('-0.01万');
    expect(formatFen(-4_999, { unit: 'wan' })).toBe('0.00万');
  });

  it('round-trips with parseYuanToFen', () => {
    for (const fen of [0, 7, -7, 99, 100, 123_456, -98_765_432_101, Number.MAX_SAFE_INTEGER]) {
      expect(parseYuanToFen(formatFen(fen))).toBe(fen);
    }
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %d', (fen) => {
    expect(() => formatFen(fen)).toThrow(RangeError);
  });
});

describe('fenToWan', () => {
  it('converts fen to 万元', () => {
    expect(FEN_PER_WAN).toBe(1_000_000);
    expect(fenToWan(3_000_000_000)).toBe(3000);
    expect(fenToWan(2_999_999_999)).toBeLessThan(3000);
    expect(fenToWan(0)).toBe(0);
    expect(fenToWan(-1_500_000)).toBe(-1.5);
  });

  it('rejects non-integer fen', () => {
    expect(() => fenToWan(0.5)).toThrow(/integer fen/);
  });
});
