import { describe, expect, it } from 'vitest';
import { psiDates } from './models.api';

describe('psiDates', () => {
  it('gives the quarter ends after training up to today (the latest six), then today', () => {
    expect(psiDates('2024-12-31', '2025-08-15')).toEqual([
      '2024-12-31',
      '2025-03-31',
      '2025-06-30',
      '2025-08-15',
    ]);
    expect(psiDates('2024-12-31', '2026-11-22')).toEqual([
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-11-22',
    ]);
  });

  it('starts at the training date inside a quarter, and gives only today for a model trained today', () => {
    expect(psiDates('2025-05-10', '2025-10-01')).toEqual(['2025-06-30', '2025-09-30', '2025-10-01']);
    expect(psiDates('2025-10-01', '2025-10-01')).toEqual(['2025-10-01']);
    expect(psiDates(null, '2025-10-01')).toEqual(['2025-10-01']);
  });
});
