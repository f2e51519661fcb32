import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { DataTable } from '../ui/data-table';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import {
  cellKey,
  chartCells,
  type Filters,
  filterCells,
  formatIndicator,
  type GroupBy,
  isSuppressed,
  statsOf,
} from './peer-statistics.view';
import { PeerStatisticsCharts } from './peer-statistics-charts';
import {
  getPeerStatistics,
  listSnapshots,
  type PeerStatisticsCell,
  peerStatisticsDownloadUrl,
  type Source,
  SUBGROUPS,
  type Subgroup,
  sampleDataDownloadUrl,
} from './statistics.api';

/** Bars beyond this many would be unreadable: the page asks the reader to narrow the filters. */
const MAX_CHART_CELLS = 40;
const YEARS_OFFERED = 10;

/**
 * Peer statistics by industry group × size class × province: a year's live figures or a published
 * snapshot, filtered, charted (median with the 30th–70th percentile band, default rates) and tabled, with
 * CSV/XLSX downloads and the anonymised sample data. Suppressed cells are labelled, never shown as zero.
 */
export default function PeerStatisticsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | null>(null);
  const [source, setSource] = useState<Source>('live');
  const [indicator, setIndicator] = useState('score');
  const [subgroup, setSubgroup] = useState<Subgroup>('all');
  const [groupBy, setGroupBy] = useState<GroupBy>('province');
  const [filters, setFilters] = useState<Filters>({ industryGroup: '', sizeClass: '', provinceCode: '' });

  // The newest published snapshot's year is where most readers start; without one, last year.
  const allSnapshots = useAsync((signal) => listSnapshots(null, signal), []);
  useEffect(() => {
    if (year !== null) return;
    if (allSnapshots.data) setYear(allSnapshots.data[0]?.year ?? thisYear - 1);
    else if (allSnapshots.error) setYear(thisYear - 1);
  }, [allSnapshots.data, allSnapshots.error, year, thisYear]);

  const snapshots = useAsync(
    (signal) => (year === null ? Promise.resolve([]) : listSnapshots(year, signal)),
    [year],
  );
  const statistics = useAsync(
    (signal) => (year === null ? Promise.resolve(null) : getPeerStatistics(year, source, signal)),
    [year, source],
  );
  const data = statistics.data;
  const years = Array.from({ length: YEARS_OFFERED }, (_, index) => thisYear - 1 - index);
  if (year !== null && !years.includes(year)) years.push(year);

  // A first look at every cell at once is mostly suppressed bars: start from the industry group with the
  // largest published industry × size class, charted by size class (nationwide), until the reader chooses.
  const [filtersTouched, setFiltersTouched] = useState(false);
  useEffect(() => {
    if (!data || filtersTouched) return;
    const industryGroup = largestPublishedIndustry(data.cells);
    setFilters({ industryGroup, sizeClass: '', provinceCode: '' });
    setGroupBy(industryGroup ? 'sizeClass' : 'province');
  }, [data, filtersTouched]);

  const industryOptions = useMemo(
    () => [...new Set(data?.cells.map((cell) => cell.industryGroup))].sort(),
    [data],
  );
  const sizeOptions = useMemo(() => {
    const order = ['large', 'medium', 'small', 'micro'];
    return [...new Set(data?.cells.map((cell) => cell.sizeClass))].sort(
      (a, b) => order.indexOf(a) - order.indexOf(b),
    );
  }, [data]);
  const provinceOptions = useMemo(() => {
    const byCode = new Map<string, PeerStatisticsCell['provinceName']>();
    for (const cell of data?.cells ?? []) {
      if (cell.provinceCode) byCode.set(cell.provinceCode, cell.provinceName);
    }
    return [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [data]);
  const indicatorOptions = data?.indicators ?? [];
  const shownIndicator =
    data && !data.indicators.includes(indicator) ? (data.indicators[0] ?? '') : indicator;

  const industryLabel = useCallback(
    (group: string) => t(`industryGroup.${group}`, { defaultValue: group }),
    [t],
  );
  const sizeLabel = useCallback((size: string) => t(`sizeClass.${size}`, { defaultValue: size }), [t]);
  const provinceLabel = useCallback(
    (cell: PeerStatisticsCell) =>
      cell.provinceCode === null
        ? t('statistics.nationwide')
        : f.localized(cell.provinceName) || cell.provinceCode,
    [t, f],
  );
  const indicatorLabel = (name: string) => t(`statistics.indicators.${name}`, { defaultValue: name });

  const filtered = useMemo(() => (data ? filterCells(data.cells, filters) : []), [data, filters]);
  // Published cells first, so that a long list's first bars carry figures; suppressed ones follow, labelled.
  const charted = useMemo(
    () =>
      [...chartCells(filtered, groupBy, filters)].sort(
        (a, b) => Number(isSuppressed(a, subgroup)) - Number(isSuppressed(b, subgroup)),
      ),
    [filtered, groupBy, filters, subgroup],
  );
  const shownInChart = charted.slice(0, MAX_CHART_CELLS);
  const chartLabel = useCallback(
    (cell: PeerStatisticsCell) => {
      const parts: string[] = [];
      if (!filters.industryGroup) parts.push(industryLabel(cell.industryGroup));
      if (!filters.sizeClass || groupBy === 'sizeClass') parts.push(sizeLabel(cell.sizeClass));
      if (groupBy === 'province' && !filters.provinceCode) parts.push(provinceLabel(cell));
      return parts.length > 0 ? parts.join(' · ') : provinceLabel(cell);
    },
    [filters, groupBy, industryLabel, sizeLabel, provinceLabel],
  );
  const suppressedText = (cell: PeerStatisticsCell) =>
    cell.suppression === 'complementary'
      ? t('statistics.suppressedComplementary', { min: data?.minimumCellSize ?? 10 })
      : t('statistics.suppressed', { min: data?.minimumCellSize ?? 10 });
  const setFilter = (key: keyof Filters, value: string) => {
    setFiltersTouched(true);
    setFilters((current) => ({ ...current, [key]: value }));
  };

  return (
    <>
      <PageHeader title={t('statistics.title')} description={t('statistics.description')} />
      <section className="card" aria-labelledby={`${id}-choose`}>
        <h2 id={`${id}-choose`} className="card__title">
          {t('statistics.choose')}
        </h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-year`}>{t('statistics.year')}</label>
            <select
              id={`${id}-year`}
              value={year ?? ''}
              onChange={(event) => {
                setYear(Number(event.target.value));
                setSource('live');
              }}
            >
              {year === null ? <option value="">{t('common.loading')}</option> : null}
              {years.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-source`}>{t('statistics.source')}</label>
            <select
              id={`${id}-source`}
              value={String(source)}
              onChange={(event) =>
                setSource(event.target.value === 'live' ? 'live' : Number(event.target.value))
              }
            >
              <option value="live">{t('statistics.live')}</option>
              {(snapshots.data ?? []).map((snapshot) => (
                <option key={snapshot.id} value={snapshot.version}>
                  {t('statistics.version', {
                    version: snapshot.version,
                    date: f.dateTime(snapshot.createdAt),
                  })}
                </option>
              ))}
            </select>
            {snapshots.error ? (
              <ErrorState error={snapshots.error} onRetry={snapshots.reload} compact />
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-indicator`}>{t('statistics.indicator')}</label>
            <select
              id={`${id}-indicator`}
              value={shownIndicator}
              onChange={(event) => setIndicator(event.target.value)}
              disabled={!data}
            >
              {indicatorOptions.map((option) => (
                <option key={option} value={option}>
                  {indicatorLabel(option)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-subgroup`}>{t('statistics.subgroup')}</label>
            <select
              id={`${id}-subgroup`}
              value={subgroup}
              onChange={(event) => setSubgroup(event.target.value as Subgroup)}
            >
              {SUBGROUPS.map((option) => (
                <option key={option} value={option}>
                  {t(`statistics.subgroups.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-industry`}>{t('statistics.industry')}</label>
            <select
              id={`${id}-industry`}
              value={filters.industryGroup}
              onChange={(event) => setFilter('industryGroup', event.target.value)}
            >
              <option value="">{t('statistics.all')}</option>
              {industryOptions.map((option) => (
                <option key={option} value={option}>
                  {industryLabel(option)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-size`}>{t('statistics.size')}</label>
            <select
              id={`${id}-size`}
              value={filters.sizeClass}
              onChange={(event) => setFilter('sizeClass', event.target.value)}
            >
              <option value="">{t('statistics.all')}</option>
              {sizeOptions.map((option) => (
                <option key={option} value={option}>
                  {sizeLabel(option)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-province`}>{t('statistics.province')}</label>
            <select
              id={`${id}-province`}
              value={filters.provinceCode}
              onChange={(event) => setFilter('provinceCode', event.target.value)}
            >
              <option value="">{t('statistics.all')}</option>
              {provinceOptions.map(([code, name]) => (
                <option key={code} value={code}>
                  {f.localized(name) || code}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-group-by`}>{t('statistics.groupBy')}</label>
            <select
              id={`${id}-group-by`}
              value={groupBy}
              onChange={(event) => {
                setFiltersTouched(true);
                setGroupBy(event.target.value as GroupBy);
              }}
            >
              <option value="province">{t('statistics.groupByProvince')}</option>
              <option value="sizeClass">{t('statistics.groupBySize')}</option>
            </select>
          </div>
        </div>
        {year !== null ? (
          <p className="statistics-downloads">
            <a
              className="button button--secondary button--small"
              href={peerStatisticsDownloadUrl(year, source, 'csv')}
              download
            >
              {t('statistics.downloadCsv')}
            </a>{' '}
            <a
              className="button button--secondary button--small"
              href={peerStatisticsDownloadUrl(year, source, 'xlsx')}
              download
            >
              {t('statistics.downloadXlsx')}
            </a>{' '}
            <a className="button button--ghost button--small" href={sampleDataDownloadUrl(year)} download>
              {t('statistics.downloadSample')}
            </a>
          </p>
        ) : null}
        <p className="field__hint">{t('statistics.sampleHint')}</p>
      </section>

      <section className="card" aria-labelledby={`${id}-figures`}>
        <h2 id={`${id}-figures`} className="card__title">
          {year === null ? t('statistics.figures') : t('statistics.figuresOf', { year })}
        </h2>
        {statistics.error ? (
          <ErrorState error={statistics.error} onRetry={statistics.reload} />
        ) : !data || year === null ? (
          <LoadingState />
        ) : data.cells.length === 0 ? (
          <EmptyState title={t('statistics.empty', { year })}>{t('statistics.emptyHint')}</EmptyState>
        ) : filtered.length === 0 ? (
          <EmptyState title={t('statistics.noMatch')}>{t('statistics.noMatchHint')}</EmptyState>
        ) : (
          <>
            <p className="muted">{t('statistics.suppressionNote', { min: data.minimumCellSize })}</p>
            {shownInChart.length > 0 ? (
              <PeerStatisticsCharts
                cells={shownInChart}
                labelOf={chartLabel}
                indicator={shownIndicator}
                indicatorLabel={indicatorLabel(shownIndicator)}
                subgroup={subgroup}
                minimumCellSize={data.minimumCellSize}
              />
            ) : null}
            {charted.length > MAX_CHART_CELLS ? (
              <p className="field__hint">
                {t('statistics.chart.truncated', { shown: MAX_CHART_CELLS, total: charted.length })}
              </p>
            ) : null}
            <h3>{t('statistics.table.title')}</h3>
            <DataTable
              caption={t('statistics.table.caption', { indicator: indicatorLabel(shownIndicator) })}
              rows={filtered}
              rowKey={cellKey}
              isTall
              rowClassName={(cell) => (isSuppressed(cell, subgroup) ? 'row--muted' : undefined)}
              columns={[
                {
                  key: 'industry',
                  header: t('statistics.table.industry'),
                  cell: (cell) => industryLabel(cell.industryGroup),
                },
                {
                  key: 'size',
                  header: t('statistics.table.size'),
                  cell: (cell) => sizeLabel(cell.sizeClass),
                },
                { key: 'province', header: t('statistics.table.province'), cell: provinceLabel },
                {
                  key: 'count',
                  header: t('statistics.table.firms'),
                  numeric: true,
                  cell: (cell) => (cell.suppression ? suppressedText(cell) : f.integer(cell.count)),
                },
                {
                  key: 'defaultRate',
                  header: t('statistics.table.defaultRate'),
                  numeric: true,
                  cell: (cell) => (cell.suppression ? '—' : f.percent(cell.defaultRate, 2)),
                },
                ...(['median', 'p30', 'p70', 'mean', 'sd'] as const).map((statistic) => ({
                  key: statistic,
                  header: t(`statistics.table.${statistic}`),
                  numeric: true,
                  cell: (cell: PeerStatisticsCell) => {
                    if (cell.suppression) return '—';
                    const group = cell.subgroups.find((candidate) => candidate.subgroup === subgroup);
                    if (group?.suppressed) return t('statistics.suppressedShort');
                    return formatIndicator(
                      f,
                      shownIndicator,
                      statsOf(cell, subgroup, shownIndicator)?.[statistic],
                    );
                  },
                })),
              ]}
            />
          </>
        )}
      </section>
    </>
  );
}

/** The industry group of the published nationwide industry × size class with the most firms ('' if none). */
function largestPublishedIndustry(cells: readonly PeerStatisticsCell[]): string {
  let best: PeerStatisticsCell | null = null;
  for (const cell of cells) {
    if (cell.level !== 'industry_size' || cell.suppression || cell.count === null) continue;
    if (!best || cell.count > (best.count ?? 0)) best = cell;
  }
  return best?.industryGroup ?? '';
}
