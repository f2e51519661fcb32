import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { Chart, type ChartOption } from '../ui/chart';
import {
  chartValue,
  formatIndicator,
  isPercentIndicator,
  isSuppressed,
  statsOf,
} from './peer-statistics.view';
import type { PeerStatisticsCell, Subgroup } from './statistics.api';

type Props = {
  cells: PeerStatisticsCell[];
  labelOf: (cell: PeerStatisticsCell) => string;
  indicator: string;
  indicatorLabel: string;
  subgroup: Subgroup;
  minimumCellSize: number;
};

/**
 * Two charts over the same cells: the indicator's median with its 30th–70th percentile band, and the default
 * rate. A suppressed cell keeps its place on the axis, labelled as suppressed, with no bar: never a zero.
 */
export function PeerStatisticsCharts({
  cells,
  labelOf,
  indicator,
  indicatorLabel,
  subgroup,
  minimumCellSize,
}: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const suppressedText = t('statistics.suppressed', { min: minimumCellSize });
  const axisLabels = useMemo(
    () =>
      cells.map((cell) =>
        isSuppressed(cell, subgroup)
          ? `${labelOf(cell)}\n(${t('statistics.suppressedShort')})`
          : labelOf(cell),
      ),
    [cells, labelOf, subgroup, t],
  );
  const unit = isPercentIndicator(indicator) ? '%' : '';
  const describe = useCallback(
    (cell: PeerStatisticsCell) => {
      if (isSuppressed(cell, subgroup)) return `${labelOf(cell)}: ${suppressedText}`;
      const stats = statsOf(cell, subgroup, indicator);
      return t('statistics.chart.tooltip', {
        cell: labelOf(cell),
        median: formatIndicator(f, indicator, stats?.median),
        p30: formatIndicator(f, indicator, stats?.p30),
        p70: formatIndicator(f, indicator, stats?.p70),
        rate: f.percent(cell.defaultRate, 1),
        count: f.integer(cell.count),
      });
    },
    [labelOf, subgroup, suppressedText, indicator, t, f],
  );

  const distribution = useMemo<ChartOption>(() => {
    const stats = cells.map((cell) => statsOf(cell, subgroup, indicator));
    const low = stats.map((stat) => chartValue(indicator, stat?.p30));
    const high = stats.map((stat) => chartValue(indicator, stat?.p70));
    return {
      grid: { left: 64, right: 24, top: 40, bottom: 96 },
      legend: { top: 0, data: [t('statistics.chart.band'), t('statistics.chart.median')] },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
          const cell = cells[first.dataIndex];
          return cell ? describe(cell) : '';
        },
      },
      xAxis: { type: 'category', data: axisLabels, axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
      yAxis: { type: 'value', name: `${indicatorLabel}${unit ? ` (${unit})` : ''}`, scale: true },
      series: [
        {
          type: 'bar',
          stack: 'band',
          stackStrategy: 'all',
          name: 'base',
          data: low,
          itemStyle: { color: 'transparent' },
          tooltip: { show: false },
          silent: true,
          barMaxWidth: 36,
        },
        {
          type: 'bar',
          stack: 'band',
          stackStrategy: 'all',
          name: t('statistics.chart.band'),
          data: low.map((value, index) => {
            const top = high[index];
            return value === null || top === null || top === undefined ? null : top - value;
          }),
          itemStyle: { color: 'rgba(26, 86, 166, 0.35)' },
          barMaxWidth: 36,
        },
        {
          type: 'line',
          name: t('statistics.chart.median'),
          data: stats.map((stat) => chartValue(indicator, stat?.median)),
          lineStyle: { width: 0 },
          symbol: 'diamond',
          symbolSize: 12,
          itemStyle: { color: '#d64536' },
        },
      ],
    };
  }, [cells, subgroup, indicator, indicatorLabel, unit, axisLabels, describe, t]);

  const defaults = useMemo<ChartOption>(
    () => ({
      grid: { left: 64, right: 24, top: 40, bottom: 96 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
          const cell = cells[first.dataIndex];
          if (!cell) return '';
          return cell.suppression
            ? `${labelOf(cell)}: ${suppressedText}`
            : `${labelOf(cell)}: ${f.percent(cell.defaultRate, 2)}`;
        },
      },
      xAxis: { type: 'category', data: axisLabels, axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
      yAxis: { type: 'value', name: `${t('statistics.table.defaultRate')} (%)`, min: 0 },
      series: [
        {
          type: 'bar',
          name: t('statistics.table.defaultRate'),
          data: cells.map((cell) =>
            cell.suppression || cell.defaultRate === null
              ? null
              : Math.round(cell.defaultRate * 10_000) / 100,
          ),
          itemStyle: { color: '#d98b19' },
          barMaxWidth: 36,
        },
      ],
    }),
    [cells, axisLabels, labelOf, suppressedText, t, f],
  );

  return (
    <>
      <h3>{t('statistics.chart.distributionTitle', { indicator: indicatorLabel })}</h3>
      <Chart
        option={distribution}
        label={t('statistics.chart.distributionLabel', { indicator: indicatorLabel })}
        height={360}
      >
        <ul>
          {cells.map((cell) => (
            <li key={labelOf(cell)}>{describe(cell)}</li>
          ))}
        </ul>
      </Chart>
      <h3>{t('statistics.chart.defaultTitle')}</h3>
      <Chart option={defaults} label={t('statistics.chart.defaultLabel')} height={320}>
        <ul>
          {cells.map((cell) => (
            <li key={labelOf(cell)}>
              {labelOf(cell)}: {cell.suppression ? suppressedText : f.percent(cell.defaultRate, 2)}
            </li>
          ))}
        </ul>
      </Chart>
    </>
  );
}
