import { describe, expect, it } from 'vitest';
import { deviationScore, rankOf } from '../diagnosis.js';

describe('deviation scores', () => {
  it('is 50 + 10 z with the sample standard deviation, mirrored when lower is better', () => {
    // Peers 1, 2, 3, 4, 5: mean 3, sample sd √2.5.
    const peers = [1, 2, 3, 4, 5];
    expect(deviationScore(4, peers, true)).toBeCloseTo(50 + 10 / Math.sqrt(2.5), 10);
    expect(deviationScore(4, peers, false)).toBeCloseTo(50 - 10 / Math.sqrt(2.5), 10);
    expect(deviationScore(1000, peers, true)).toBe(80);
    expect(deviationScore(null, peers, true)).toBeNull();
    expect(deviationScore(1, [2, 2, 2], true)).toBeNull();
  });

  it('ranks A ≥ 60, B ≥ 55, C ≥ 45, D ≥ 40, E below', () => {
    expect([60, 59.9, 55, 45, 44.9, 40, 39.9].map(rankOf)).toEqual(['A', 'B', 'B', 'C', 'D', 'D', 'E']);
  });
});
