import { api, buildUrl } from '../api/client';
import type { Localized } from '../api/types';

/** Statistics of one indicator in one cell (null when suppressed or not computable). */
export type IndicatorStats = {
  mean: number | null;
  median: number | null;
  sd: number | null;
  p30: number | null;
  p70: number | null;
};

export type Subgroup = 'all' | 'non_default' | 'default';
export const SUBGROUPS: readonly Subgroup[] = ['all', 'non_default', 'default'];

export type PeerStatisticsCell = {
  /** `cell`: industry × size × province; `industry_size`: the nationwide margin (province null). */
  level: 'cell' | 'industry_size';
  industryGroup: string;
  sizeClass: string;
  provinceCode: string | null;
  provinceName: Localized | null;
  /** primary: fewer than the minimum firms; complementary: hidden so a primary one cannot be derived. */
  suppression: 'primary' | 'complementary' | null;
  count: number | null;
  defaultRate: number | null;
  subgroups: {
    subgroup: Subgroup;
    suppressed: boolean;
    count: number | null;
    indicators: Record<string, IndicatorStats | null>;
  }[];
};

export type PeerStatistics = {
  year: number;
  minimumCellSize: number;
  indicators: string[];
  cells: PeerStatisticsCell[];
};

export type SnapshotMeta = {
  id: string;
  year: number;
  version: number;
  minimumCellSize: number;
  cellCount: number;
  publishedCellCount: number;
  enterpriseCount: number;
  createdBy: string;
  createdAt: string;
};

/** Live statistics (computed now from the registry) or one published snapshot version. */
export type Source = 'live' | number;

export async function getPeerStatistics(
  year: number,
  source: Source,
  signal?: AbortSignal,
): Promise<PeerStatistics> {
  if (source === 'live') {
    return api.get<PeerStatistics>('/reports/peer-statistics', { query: { year }, signal });
  }
  const found = await api.get<{ snapshot: SnapshotMeta; statistics: PeerStatistics }>(
    `/reports/peer-statistics/snapshots/${year}/${source}`,
    { signal },
  );
  return found.statistics;
}

/** Published snapshots, newest first; all years when `year` is null. */
export function listSnapshots(year: number | null, signal?: AbortSignal): Promise<SnapshotMeta[]> {
  return api.get<SnapshotMeta[]>('/reports/peer-statistics/snapshots', { query: { year }, signal });
}

/** Where the browser downloads the statistics shown (the server names the file). */
export function peerStatisticsDownloadUrl(year: number, source: Source, format: 'csv' | 'xlsx'): string {
  return source === 'live'
    ? buildUrl('/reports/peer-statistics', { year, format })
    : buildUrl(`/reports/peer-statistics/snapshots/${year}/${source}`, { format });
}

/** The anonymised sample data of a year, as CSV. */
export function sampleDataDownloadUrl(year: number): string {
  return buildUrl('/reports/sample-data', { year, format: 'csv' });
}
