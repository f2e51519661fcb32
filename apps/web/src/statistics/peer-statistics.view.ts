import type { Formatters } from '../i18n';
import type { IndicatorStats, PeerStatisticsCell, Subgroup } from './statistics.api';

/** Indicators that are fractions, shown as percentages; the others are multiples or points. */
const PERCENT_INDICATORS = new Set(['debt_to_assets', 'gross_margin', 'net_margin']);

export function isPercentIndicator(indicator: string): boolean {
  return PERCENT_INDICATORS.has(indicator);
}

/** An indicator's value as the reader expects it: 35.2 % for fractions, 1.42 for multiples. */
export function formatIndicator(f: Formatters, indicator: string, value: number | null | undefined): string {
  if (isPercentIndicator(indicator)) return f.percent(value, 1);
  return f.number(value, indicator === 'score' ? 1 : 2);
}

/** The chart's scale: percentage points for fractions, the value itself otherwise. */
export function chartValue(indicator: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const scaled = isPercentIndicator(indicator) ? value * 100 : value;
  return Math.round(scaled * 10_000) / 10_000;
}

export type Filters = {
  industryGroup: string;
  sizeClass: string;
  provinceCode: string;
};

/** The cells the filters keep ('' is every value); nationwide margins only when no province is chosen. */
export function filterCells(cells: readonly PeerStatisticsCell[], filters: Filters): PeerStatisticsCell[] {
  return cells.filter(
    (cell) =>
      (!filters.industryGroup || cell.industryGroup === filters.industryGroup) &&
      (!filters.sizeClass || cell.sizeClass === filters.sizeClass) &&
      (filters.provinceCode ? cell.provinceCode === filters.provinceCode : true),
  );
}

export type GroupBy = 'province' | 'sizeClass';

/**
 * The cells one chart bar each: by province, the province cells; by size class, the nationwide
 * industry × size margins (or the chosen province's cells).
 */
export function chartCells(
  cells: readonly PeerStatisticsCell[],
  groupBy: GroupBy,
  filters: Filters,
): PeerStatisticsCell[] {
  if (groupBy === 'province' || filters.provinceCode) return cells.filter((cell) => cell.level === 'cell');
  return cells.filter((cell) => cell.level === 'industry_size');
}

export function statsOf(
  cell: PeerStatisticsCell,
  subgroup: Subgroup,
  indicator: string,
): IndicatorStats | null {
  const group = cell.subgroups.find((candidate) => candidate.subgroup === subgroup);
  if (!group || group.suppressed) return null;
  return group.indicators[indicator] ?? null;
}

export function isSuppressed(cell: PeerStatisticsCell, subgroup: Subgroup): boolean {
  if (cell.suppression !== null) return true;
  return cell.subgroups.find((candidate) => candidate.subgroup === subgroup)?.suppressed ?? false;
}

export function cellKey(cell: PeerStatisticsCell): string {
  return `${cell.industryGroup}|${cell.sizeClass}|${cell.provinceCode ?? '*'}`;
}
