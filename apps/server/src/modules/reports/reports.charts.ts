/**
 * Small charts drawn on the server as inline SVG, so the HTML report and its PDF need no script and no
 * network. Labels are escaped by the caller's `escape`; numbers are formatted here.
 */

type Escape = (value: unknown) => string;

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

function niceBounds(values: readonly number[]): { low: number; high: number } {
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const margin = (high - low) * 0.08;
  return { low: low - margin, high: high + margin };
}

function axisLabelsEvery(count: number, wanted: number): number {
  return Math.max(1, Math.ceil(count / wanted));
}

/** A line with dots over time (oldest left), e.g. the score history; null when there are fewer than 2 points. */
export function lineChartSvg(
  points: ReadonlyArray<{ label: string; value: number }>,
  options: { title: string; escape: Escape; format?: (value: number) => string },
): string | null {
  if (points.length < 2) return null;
  const format = options.format ?? ((value: number) => value.toFixed(0));
  const { low, high } = niceBounds(points.map((point) => point.value));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (plotWidth * index) / (points.length - 1);
  const y = (value: number) => PAD.top + plotHeight * (1 - (value - low) / (high - low));
  const path = points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(point.value).toFixed(1)}`)
    .join(' ');
  const every = axisLabelsEvery(points.length, 6);
  const labels = points
    .map((point, index) =>
      index % every === 0 || index === points.length - 1
        ? `<text x="${x(index).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">${options.escape(point.label)}</text>`
        : '',
    )
    .join('');
  const dots = points
    .map(
      (point, index) =>
        `<circle cx="${x(index).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3"><title>${options.escape(`${point.label}: ${format(point.value)}`)}</title></circle>`,
    )
    .join('');
  return `<svg class="chart" role="img" aria-label="${options.escape(options.title)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg">
<g font-size="10" fill="#444">${gridLines(low, high, y, format)}${labels}</g>
<path d="${path}" fill="none" stroke="#1f5fa8" stroke-width="2"/><g fill="#1f5fa8">${dots}</g></svg>`;
}

function gridLines(low: number, high: number, y: (value: number) => number, format: (v: number) => string) {
  return [0, 0.5, 1]
    .map((share) => {
      const value = low + (high - low) * share;
      const at = y(value).toFixed(1);
      return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${at}" y2="${at}" stroke="#ddd"/><text x="${PAD.left - 4}" y="${at}" text-anchor="end" dominant-baseline="middle">${format(value)}</text>`;
    })
    .join('');
}

/** Paired bars per period (e.g. monthly sales and purchases), from zero; null without data. */
export function barChartSvg(
  periods: ReadonlyArray<{ label: string; values: readonly number[] }>,
  options: {
    title: string;
    series: ReadonlyArray<{ name: string; color: string }>;
    escape: Escape;
    format?: (value: number) => string;
  },
): string | null {
  const all = periods.flatMap((period) => period.values);
  if (periods.length === 0 || all.every((value) => value === 0)) return null;
  const format = options.format ?? ((value: number) => value.toFixed(0));
  const high = Math.max(...all, 0) * 1.08 || 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / periods.length;
  const barWidth = (slot * 0.8) / options.series.length;
  const y = (value: number) => PAD.top + plotHeight * (1 - value / high);
  const bars = periods
    .map((period, index) =>
      period.values
        .map((value, seriesIndex) => {
          const left = PAD.left + slot * index + slot * 0.1 + barWidth * seriesIndex;
          const top = y(Math.max(0, value));
          return `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(PAD.top + plotHeight - top).toFixed(1)}" fill="${options.series[seriesIndex]?.color ?? '#888'}"><title>${options.escape(`${period.label} ${options.series[seriesIndex]?.name ?? ''}: ${format(value)}`)}</title></rect>`;
        })
        .join(''),
    )
    .join('');
  const every = axisLabelsEvery(periods.length, 8);
  const labels = periods
    .map((period, index) =>
      index % every === 0
        ? `<text x="${(PAD.left + slot * (index + 0.5)).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">${options.escape(period.label)}</text>`
        : '',
    )
    .join('');
  const legend = options.series
    .map(
      (series, index) =>
        `<rect x="${PAD.left + 8 + index * 110}" y="${PAD.top}" width="10" height="10" fill="${series.color}"/><text x="${PAD.left + 22 + index * 110}" y="${PAD.top + 9}">${options.escape(series.name)}</text>`,
    )
    .join('');
  return `<svg class="chart" role="img" aria-label="${options.escape(options.title)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg">
<g font-size="10" fill="#444">${gridLines(0, high, y, format)}${labels}${legend}</g>${bars}</svg>`;
}

/** A 0–100 percentile as a small horizontal gauge with the median marked. */
export function percentileGaugeSvg(percentile: number | null): string {
  if (percentile === null) return '';
  const width = 80;
  const filled = Math.max(0, Math.min(100, percentile)) * (width / 100);
  return `<svg class="gauge" viewBox="0 0 ${width} 8" width="${width}" height="8" xmlns="http://www.w3.org/2000/svg"><rect width="${width}" height="8" fill="#e6e6e6"/><rect width="${filled.toFixed(1)}" height="8" fill="#4a7fc1"/><line x1="${width / 2}" x2="${width / 2}" y1="0" y2="8" stroke="#333"/></svg>`;
}
