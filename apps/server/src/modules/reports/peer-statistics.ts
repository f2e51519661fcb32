import ExcelJS from 'exceljs';
import {
  divisionOf,
  PEER_STATISTIC_RATIOS,
  type PeerMembership,
  type PeerStatisticRow,
} from '../registry/index.js';
import type { ScoreStatistics } from '../scoring/index.js';
import type { TPeerStatistics, TPeerStatisticsCell, TStats } from './reports.schemas.js';

/** Fewer enterprises than this and a cell's figures are not shown (statistical disclosure control). */
export const MINIMUM_CELL_SIZE = 10;

export const PEER_INDICATORS = [...PEER_STATISTIC_RATIOS, 'score'] as const;

const SUBGROUPS = ['all', 'non_default', 'default'] as const;

export const cellKey = (industryGroup: string, sizeClass: string, provinceCode: string | null) =>
  `${industryGroup}|${sizeClass}|${provinceCode ?? '*'}`;

/** The group keys a firm's score counts in: its cell and the cell's margin over provinces. */
export function scoreKeysOf(membership: PeerMembership): string[] {
  return [
    cellKey(membership.industryGroup, membership.sizeClass, membership.provinceCode),
    cellKey(membership.industryGroup, membership.sizeClass, null),
  ];
}

export function provinceNameOf(provinceCode: string | null): { zh: string; en: string } | null {
  if (provinceCode === null) return null;
  try {
    return divisionOf(`${provinceCode}0000`).provinceName;
  } catch {
    return null;
  }
}

/**
 * Applies the disclosure rules to raw peer statistics.
 *
 * Primary suppression: a cell (or margin) with fewer than {@link MINIMUM_CELL_SIZE} enterprises is hidden.
 * Complementary suppression: the margin (industry group × size class over all provinces) is published, so
 * within it the hidden cells together must hold at least the minimum too, or margin − published cells would
 * reveal them; the smallest published cells are hidden until they do. Inside a published cell, the default
 * and non-default subgroups add up to the cell: when one has 1–9 firms, both are hidden.
 */
export function applyDisclosureRules(
  year: number,
  rows: readonly PeerStatisticRow[],
  scores: readonly ScoreStatistics[],
): TPeerStatistics {
  const units = new Map<string, { rows: Map<string, PeerStatisticRow>; first: PeerStatisticRow }>();
  for (const row of rows) {
    const key = cellKey(row.industryGroup, row.sizeClass, row.provinceCode);
    const unit = units.get(key) ?? { rows: new Map(), first: row };
    unit.rows.set(row.subgroup, row);
    units.set(key, unit);
  }
  const scoreByKey = new Map(scores.map((entry) => [`${entry.key}#${entry.subgroup}`, entry]));
  const countOf = (key: string) => units.get(key)?.rows.get('all')?.count ?? 0;

  const suppression = new Map<string, 'primary' | 'complementary'>();
  for (const key of units.keys()) if (countOf(key) < MINIMUM_CELL_SIZE) suppression.set(key, 'primary');
  const cellsByMargin = new Map<string, string[]>();
  for (const [key, unit] of units) {
    if (unit.first.level !== 'cell') continue;
    const margin = cellKey(unit.first.industryGroup, unit.first.sizeClass, null);
    cellsByMargin.set(margin, [...(cellsByMargin.get(margin) ?? []), key]);
  }
  for (const [margin, cells] of cellsByMargin) {
    if (suppression.has(margin)) continue;
    const hiddenTotal = () =>
      cells.filter((key) => suppression.has(key)).reduce((sum, key) => sum + countOf(key), 0);
    while (hiddenTotal() > 0 && hiddenTotal() < MINIMUM_CELL_SIZE) {
      const next = cells
        .filter((key) => !suppression.has(key))
        .sort((a, b) => countOf(a) - countOf(b) || a.localeCompare(b))[0];
      if (!next) break;
      suppression.set(next, 'complementary');
    }
  }

  const cells: TPeerStatisticsCell[] = [];
  for (const [key, unit] of units) {
    const all = unit.rows.get('all');
    const hidden = suppression.get(key) ?? null;
    const defaults = all?.defaults ?? 0;
    const nonDefaults = (all?.count ?? 0) - defaults;
    const isSplitHidden =
      (defaults > 0 && defaults < MINIMUM_CELL_SIZE) || (nonDefaults > 0 && nonDefaults < MINIMUM_CELL_SIZE);
    cells.push({
      level: unit.first.level,
      industryGroup: unit.first.industryGroup,
      sizeClass: unit.first.sizeClass,
      provinceCode: unit.first.provinceCode,
      provinceName: provinceNameOf(unit.first.provinceCode),
      suppression: hidden,
      count: hidden ? null : (all?.count ?? 0),
      defaultRate: hidden || !all || all.count === 0 ? null : defaults / all.count,
      subgroups: SUBGROUPS.map((subgroup) => {
        const row = unit.rows.get(subgroup);
        const count = row?.count ?? 0;
        const isHidden =
          hidden !== null || count < MINIMUM_CELL_SIZE || (subgroup !== 'all' && isSplitHidden);
        const indicators: Record<string, TStats | null> = {};
        for (const ratio of PEER_STATISTIC_RATIOS)
          indicators[ratio] = isHidden ? null : (row?.indicators[ratio] ?? null);
        const score = scoreByKey.get(`${key}#${subgroup}`);
        indicators.score =
          isHidden || !score
            ? null
            : { mean: score.mean, median: score.median, sd: score.sd, p30: score.p30, p70: score.p70 };
        return { subgroup, suppressed: isHidden, count: isHidden ? null : count, indicators };
      }),
    });
  }
  return { year, minimumCellSize: MINIMUM_CELL_SIZE, indicators: [...PEER_INDICATORS], cells };
}

const CSV_COLUMNS = [
  'year',
  'level',
  'industry_group',
  'size_class',
  'province_code',
  'suppression',
  'count',
  'default_rate',
  'subgroup',
  'subgroup_count',
  'indicator',
  'mean',
  'median',
  'sd',
  'p30',
  'p70',
] as const;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?(e-?\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per cell × subgroup × indicator, in {@link CSV_COLUMNS} order; suppressed figures are null. */
function* peerStatisticsRows(statistics: TPeerStatistics): Generator<Array<string | number | null>> {
  for (const cell of statistics.cells) {
    for (const subgroup of cell.subgroups) {
      for (const indicator of statistics.indicators) {
        const stats = subgroup.indicators[indicator] ?? null;
        yield [
          statistics.year,
          cell.level,
          cell.industryGroup,
          cell.sizeClass,
          cell.provinceCode,
          cell.suppression,
          cell.count,
          cell.defaultRate,
          subgroup.subgroup,
          subgroup.count,
          indicator,
          stats?.mean ?? null,
          stats?.median ?? null,
          stats?.sd ?? null,
          stats?.p30 ?? null,
          stats?.p70 ?? null,
        ];
      }
    }
  }
}

/** One line per cell × subgroup × indicator; suppressed figures are empty. */
export function peerStatisticsCsv(statistics: TPeerStatistics): string {
  const lines = [`\uFEFF${CSV_COLUMNS.join(',')}`];
  for (const row of peerStatisticsRows(statistics)) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * The same table as the CSV in an XLSX workbook (numbers stay numbers, text cells are never formulas), with
 * an "about" sheet naming the year, the snapshot version and the disclosure rule.
 */
export async function peerStatisticsXlsx(
  statistics: TPeerStatistics,
  snapshot: { version: number; createdAt: string } | null,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CreditBridge';
  const sheet = workbook.addWorksheet('peer_statistics', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...CSV_COLUMNS]).font = { bold: true };
  for (const row of peerStatisticsRows(statistics)) {
    // A string starting with "=" is stored as text by ExcelJS (formulas need { formula }), so no escaping.
    sheet.addRow(row.map((value) => value ?? null));
  }
  sheet.columns.forEach((column) => {
    column.width = 14;
  });
  const about = workbook.addWorksheet('about');
  about.addRows([
    ['year', statistics.year],
    ['snapshot_version', snapshot ? snapshot.version : 'live (not a snapshot)'],
    ['snapshot_created_at', snapshot ? snapshot.createdAt : ''],
    ['minimum_cell_size', statistics.minimumCellSize],
    [
      'disclosure',
      `cells with fewer than ${statistics.minimumCellSize} enterprises are suppressed (primary), and so are cells from which a suppressed one could be recovered by subtraction (complementary); suppressed figures are empty`,
    ],
    ['indicators', statistics.indicators.join(', ')],
  ]);
  about.getColumn(1).width = 22;
  about.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
