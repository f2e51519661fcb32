import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { CHART_COLORS, Chart, type ChartOption } from '../ui/chart';
import type { ValidationCharts } from './models.api';

const GRID = { left: 56, right: 24, top: 40, bottom: 48 };

/** ROC curve with the diagonal of a model that guesses; the area under the curve in the legend. */
export function RocChart({ roc }: { roc: ValidationCharts['roc'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  // The area under these points (trapezoids): the AUC on the firms the chart shows, not the hold-out AUC.
  const auc =
    roc.length > 1
      ? roc.slice(1).reduce((area, point, k) => {
          const previous = roc[k] as { fpr: number; tpr: number };
          return area + ((point.fpr - previous.fpr) * (point.tpr + previous.tpr)) / 2;
        }, 0)
      : null;
  const option = useMemo<ChartOption>(
    () => ({
      grid: GRID,
      legend: { top: 4 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('models.charts.fpr'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('models.charts.tpr'),
        nameLocation: 'middle',
        nameGap: 40,
      },
      series: [
        {
          type: 'line',
          name:
            auc === null ? t('models.charts.model') : t('models.charts.modelAuc', { auc: f.number(auc, 3) }),
          data: roc.map((point) => [point.fpr, point.tpr]),
          showSymbol: false,
          areaStyle: { opacity: 0.08 },
        },
        {
          type: 'line',
          name: t('models.charts.chance'),
          data: [
            [0, 0],
            [1, 1],
          ],
          showSymbol: false,
          lineStyle: { type: 'dashed', color: CHART_COLORS[5] },
          itemStyle: { color: CHART_COLORS[5] },
        },
      ],
    }),
    [roc, auc, t, f],
  );
  return (
    <Chart option={option} label={t('models.charts.rocLabel')}>
      {t('models.charts.rocText', { points: roc.length, auc: auc === null ? '—' : f.number(auc, 3) })}
    </Chart>
  );
}

/** Score histogram of defaulted and non-defaulted firms, each as a share of its own group. */
export function ScoreDistributionChart({ histogram }: { histogram: ValidationCharts['scoreHistogram'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { edges, defaulted, notDefaulted } = histogram;
  const totalBad = defaulted.reduce((a, b) => a + b, 0) || 1;
  const totalGood = notDefaulted.reduce((a, b) => a + b, 0) || 1;
  const labels = edges.slice(0, -1).map((edge) => f.number(edge, 0));
  const option = useMemo<ChartOption>(
    () => ({
      grid: GRID,
      legend: { top: 4 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => f.percent(Number(value), 1),
      },
      xAxis: {
        type: 'category',
        data: labels,
        name: t('models.charts.score'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: {
        type: 'value',
        name: t('models.charts.share'),
        axisLabel: { formatter: (value: number) => f.percent(value, 0) },
      },
      series: [
        {
          type: 'bar',
          name: t('models.charts.notDefaulted'),
          data: notDefaulted.map((count) => count / totalGood),
          itemStyle: { color: CHART_COLORS[0] },
        },
        {
          type: 'bar',
          name: t('models.charts.defaulted'),
          data: defaulted.map((count) => count / totalBad),
          itemStyle: { color: CHART_COLORS[1] },
        },
      ],
    }),
    [labels, defaulted, notDefaulted, totalBad, totalGood, t, f],
  );
  return (
    <Chart option={option} label={t('models.charts.distributionLabel')}>
      <table>
        <thead>
          <tr>
            <th>{t('models.charts.score')}</th>
            <th>{t('models.charts.notDefaulted')}</th>
            <th>{t('models.charts.defaulted')}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label, index) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{notDefaulted[index]}</td>
              <td>{defaulted[index]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Chart>
  );
}

/** Observed default rate against mean predicted PD per grade (grades without firms left out). */
export function CalibrationChart({ calibration }: { calibration: ValidationCharts['calibration'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = calibration.filter((row) => row.n > 0);
  const option = useMemo<ChartOption>(
    () => ({
      grid: GRID,
      legend: { top: 4 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => f.percent(Number(value), 2) },
      xAxis: {
        type: 'category',
        data: rows.map((row) => row.grade),
        name: t('models.charts.grade'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: {
        type: 'value',
        name: t('models.charts.defaultRate'),
        axisLabel: { formatter: (value: number) => f.percent(value, 0) },
      },
      series: [
        {
          type: 'bar',
          name: t('models.charts.observed'),
          data: rows.map((row) => row.observed),
        },
        {
          type: 'line',
          name: t('models.charts.predicted'),
          data: rows.map((row) => row.predicted),
          itemStyle: { color: CHART_COLORS[1] },
        },
      ],
    }),
    [rows, t, f],
  );
  return (
    <Chart option={option} label={t('models.charts.calibrationLabel')}>
      <table>
        <thead>
          <tr>
            <th>{t('models.charts.grade')}</th>
            <th>{t('models.charts.firms')}</th>
            <th>{t('models.charts.observed')}</th>
            <th>{t('models.charts.predicted')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.grade}>
              <td>{row.grade}</td>
              <td>{row.n}</td>
              <td>{f.percent(row.observed, 2)}</td>
              <td>{f.percent(row.predicted, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Chart>
  );
}

/** PSI of the score at each date, with the usual 0.1 (watch) and 0.25 (act) thresholds. */
export function PsiOverTimeChart({ points }: { points: Array<{ asOf: string; psi: number }> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { ...GRID, right: 64 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => f.number(Number(value), 3) },
      xAxis: { type: 'category', data: points.map((point) => f.date(point.asOf)) },
      yAxis: { type: 'value', name: t('models.charts.psi'), min: 0 },
      series: [
        {
          type: 'line',
          name: t('models.charts.scorePsi'),
          data: points.map((point) => Number(point.psi.toFixed(4))),
          markLine: {
            symbol: 'none',
            label: { formatter: '{b}' },
            data: [
              { yAxis: 0.1, name: t('models.charts.psiWatch'), lineStyle: { color: CHART_COLORS[3] } },
              { yAxis: 0.25, name: t('models.charts.psiAct'), lineStyle: { color: CHART_COLORS[1] } },
            ],
          },
        },
      ],
    }),
    [points, t, f],
  );
  return (
    <Chart option={option} label={t('models.charts.psiLabel')}>
      {points.map((point) => `${f.date(point.asOf)}: ${f.number(point.psi, 3)}`).join('; ')}
    </Chart>
  );
}
