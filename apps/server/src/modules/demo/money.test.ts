import { describe, expect, it } from 'vitest';
import { formatMoneyCell, normaliseYuan } from './money.js';

describe('money cells', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [99, '0.99'],
    [100, '1.00'],
    [-123_456, '-1234.56'],
    [9_007_199_254_740_991, '90071992547409.91'],
  ])('formats %d fen as %s', (fen, text) => expect(formatMoneyCell(fen)).toBe(text));

  it('normalises source amounts exactly', () => {
    expect(normaliseYuan('-1000.0')).toBe('-1000.00');
    expect(normaliseYuan('943.4')).toBe('943.40');
    expect(normaliseYuan('0.1')).toBe('0.10');
    expect(() => formatMoneyCell(0.5)).toThrow(RangeError);
  });
});
