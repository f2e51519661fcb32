import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { Chart, type ChartOption } from '../ui/chart';
import type { ScoreHistoryPoint } from './credit.api';

/**
 * The score over time as a line, with the grade of each point in the tooltip. Loaded lazily (default
 * export) so that ECharts is fetched only when a history is shown.
 */
export default function ScoreHistoryChart({ history }: { history: ScoreHistoryPoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const points = useMemo(
    () => [...history].sort((a, b) => a.computedAt.localeCompare(b.computedAt)),
    [history],
  );
  // Several scores on one day (re-scoring after new data) are told apart by their time.
  const sameDay = new Set(points.map((point) => point.computedAt.slice(0, 10))).size < points.length;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 24, top: 24, bottom: 40 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
          const point = points[first.dataIndex];
          if (!point) return '';
          return t('credit.history.tooltip', {
            date: f.dateTime(point.computedAt),
            score: f.number(point.score, 0),
            grade: point.grade,
            pd: f.percent(point.pd, 2),
          });
        },
      },
      xAxis: {
        type: 'category',
        data: points.map((point) => (sameDay ? f.dateTime(point.computedAt) : f.date(point.computedAt))),
      },
      yAxis: { type: 'value', name: t('credit.score.score'), scale: true },
      series: [
        {
          type: 'line',
          name: t('credit.score.score'),
          data: points.map((point) => Math.round(point.score * 100) / 100),
          showSymbol: true,
        },
      ],
    }),
    [points, sameDay, t, f.date, f.dateTime, f.number, f.percent],
  );
  return (
    <Chart option={option} label={t('credit.history.chartLabel')} height={260}>
      <ul>
        {points.map((point) => (
          <li key={point.computedAt}>
            {t('credit.history.tooltip', {
              date: f.dateTime(point.computedAt),
              score: f.number(point.score, 0),
              grade: point.grade,
              pd: f.percent(point.pd, 2),
            })}
          </li>
        ))}
      </ul>
    </Chart>
  );
}
