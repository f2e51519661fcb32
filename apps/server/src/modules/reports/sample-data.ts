import { randomInt } from 'node:crypto';
import type { TSampleData, TSampleRow } from './reports.schemas.js';

/** Every combination of the quasi-identifiers in the extract describes at least this many firm-years. */
export const SAMPLE_K = 5;

/** Generalised value of a quasi-identifier: "any". */
export const ANY = '*';

/** One firm-year as the registry holds it; the credit code is used for grouping only and never output. */
export type SampleSource = {
  creditCode: string;
  industryGroup: string;
  sizeClass: string;
  provinceCode: string;
  year: number;
  employees: number | null;
  lines: Record<string, number | null>;
  defaulted: boolean;
};

/** Rounds to 3 significant figures (0 stays 0, null stays null). */
export function toSignificant(value: number | null, digits = 3): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}

/** Integer fen rounded to 3 significant figures (an amount under 100 fen keeps its integer value). */
export function fenToSignificant(value: number | null): number | null {
  const rounded = toSignificant(value);
  return rounded === null ? null : Math.round(rounded);
}

const line = (source: SampleSource, id: string) => Number(source.lines[id] ?? 0);
const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : toSignificant(numerator / denominator);

/** The amounts an outsider may know from an enterprise's profile, and the extract's other amounts. */
const AMOUNTS = {
  revenueFen: (source: SampleSource) => line(source, 'is_01'),
  totalAssetsFen: (source: SampleSource) => line(source, 'bs_30'),
  totalLiabilitiesFen: (source: SampleSource) => line(source, 'bs_47'),
  equityFen: (source: SampleSource) => line(source, 'bs_52'),
  netProfitFen: (source: SampleSource) => line(source, 'is_32'),
} as const;
type AmountKey = keyof typeof AMOUNTS;

type Keyed = { source: SampleSource; industryGroup: string; sizeClass: string; province: string };

const classKey = (row: Keyed) => `${row.source.year}|${row.industryGroup}|${row.sizeClass}|${row.province}`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/**
 * Generalises the quasi-identifiers industry group × size class × province × year until each class has at
 * least k firm-years: a province class that is too small joins its industry × size × year class nationwide
 * (province `*`); still too small, the size class goes too (size `*`); what is left below k is suppressed.
 */
function generalise(sources: readonly SampleSource[], k: number) {
  let rows: Keyed[] = sources.map((source) => ({
    source,
    industryGroup: source.industryGroup,
    sizeClass: source.sizeClass,
    province: source.provinceCode,
  }));
  let generalisedProvince = 0;
  let generalisedSize = 0;
  const steps: Array<(row: Keyed) => Keyed> = [
    (row) => {
      generalisedProvince++;
      return { ...row, province: ANY };
    },
    (row) => {
      generalisedSize++;
      return { ...row, sizeClass: ANY };
    },
  ];
  for (const step of steps) {
    const classes = groupBy(rows, classKey);
    rows = rows.map((row) => ((classes.get(classKey(row))?.length ?? 0) < k ? step(row) : row));
  }
  const classes = groupBy(rows, classKey);
  const kept = rows.filter((row) => (classes.get(classKey(row))?.length ?? 0) >= k);
  return {
    rows: kept,
    generalisedProvince,
    generalisedSize,
    suppressed: rows.length - kept.length,
  };
}

function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

/**
 * The anonymised sample data for members building their own models: no name, no code, province instead of
 * region, years instead of dates, k-anonymous (k ≥ 5) on industry group × size class × province × year.
 *
 * The amounts an outsider can look up (revenue, total assets, employees in the profile) would single a firm
 * out of its class even rounded, so every amount is microaggregated: inside a class, firms are ordered by
 * total assets and revenue and taken k at a time (the last group takes the remainder), and each firm shows
 * its group's mean, rounded to 3 significant figures. Joining the extract with the registry on the
 * quasi-identifiers and rounded amounts therefore always leaves at least k candidates. Ratios come from each
 * firm's own statement (3 significant figures) and carry the modelling signal; default is the CRD's
 * next-year default. Rows are shuffled within each group.
 */
export function buildSampleData(
  sources: readonly SampleSource[],
  options: { year: number | null; k?: number },
): TSampleData {
  const k = options.k ?? SAMPLE_K;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`);
  const { rows, generalisedProvince, generalisedSize, suppressed } = generalise(sources, k);
  const output: TSampleRow[] = [];
  const classes = [...groupBy(rows, classKey).entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [, members] of classes) {
    const ordered = [...members].sort(
      (a, b) =>
        AMOUNTS.totalAssetsFen(a.source) - AMOUNTS.totalAssetsFen(b.source) ||
        AMOUNTS.revenueFen(a.source) - AMOUNTS.revenueFen(b.source),
    );
    const groupCount = Math.floor(ordered.length / k);
    for (let group = 0; group < groupCount; group++) {
      const slice = ordered.slice(group * k, group === groupCount - 1 ? ordered.length : (group + 1) * k);
      const mean = (value: (source: SampleSource) => number) =>
        slice.reduce((sum, row) => sum + value(row.source), 0) / slice.length;
      const amounts = Object.fromEntries(
        (Object.keys(AMOUNTS) as AmountKey[]).map((key) => [key, fenToSignificant(mean(AMOUNTS[key]))]),
      ) as Record<AmountKey, number>;
      const known = slice.filter((row) => row.source.employees !== null);
      const employees =
        known.length === slice.length
          ? toSignificant(Math.round(mean((source) => source.employees ?? 0)))
          : null;
      for (const row of shuffle([...slice])) {
        const source = row.source;
        const currentLiabilities = line(source, 'bs_41');
        output.push({
          year: source.year,
          industryGroup: row.industryGroup,
          sizeClass: row.sizeClass,
          province: row.province,
          employees,
          ...amounts,
          currentRatio: ratio(line(source, 'bs_15'), currentLiabilities),
          quickRatio: ratio(line(source, 'bs_15') - line(source, 'bs_09'), currentLiabilities),
          debtToAssets: ratio(line(source, 'bs_47'), line(source, 'bs_30')),
          grossMargin: ratio(line(source, 'is_01') - line(source, 'is_02'), line(source, 'is_01')),
          netMargin: ratio(line(source, 'is_32'), line(source, 'is_01')),
          returnOnAssets: ratio(line(source, 'is_32'), line(source, 'bs_30')),
          defaultedNextYear: source.defaulted,
        });
      }
    }
  }
  return {
    year: options.year,
    k,
    quasiIdentifiers: ['industryGroup', 'sizeClass', 'province', 'year'],
    sourceRows: sources.length,
    generalisedProvince,
    generalisedSize,
    suppressed,
    rows: output,
  };
}

export const SAMPLE_CSV_COLUMNS = [
  'year',
  'industryGroup',
  'sizeClass',
  'province',
  'employees',
  'revenueFen',
  'totalAssetsFen',
  'totalLiabilitiesFen',
  'equityFen',
  'netProfitFen',
  'currentRatio',
  'quickRatio',
  'debtToAssets',
  'grossMargin',
  'netMargin',
  'returnOnAssets',
  'defaultedNextYear',
] as const satisfies ReadonlyArray<keyof TSampleRow>;

/** CSV with a header; `*` marks a generalised quasi-identifier, an empty cell an unknown value. */
export function sampleDataCsv(sample: TSampleData): string {
  const lines = [SAMPLE_CSV_COLUMNS.join(',')];
  for (const row of sample.rows) {
    lines.push(
      SAMPLE_CSV_COLUMNS.map((column) => {
        const value = row[column];
        if (value === null) return '';
        if (typeof value === 'boolean') return value ? '1' : '0';
        return String(value);
      }).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
