import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { BarChart, LineChart } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef } from 'react';

// Only what the app's charts use is registered: importing `echarts` whole would add ~700 kB to every page
// with a chart. This module is imported only by pages that draw charts, so it lands in their chunks.
echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  AriaComponent,
  SVGRenderer,
]);

/** The options the registered charts and components understand (type-checked). */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;

/** Colours from the design tokens (styles/tokens.css), in series order. */
export const CHART_COLORS = ['#1a56a6', '#d64536', '#1f7a6d', '#d98b19', '#6b4fa3', '#556272'];

const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/**
 * One ECharts chart. `label` names the chart for screen readers (role="img"); `children` is the same data
 * as text (a table or a sentence), rendered visually hidden for assistive technology. The chart follows
 * its container's width and is disposed with the component.
 */
export function Chart({
  option,
  label,
  height = 300,
  children,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  children?: ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  const instance = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = echarts.init(element, null, { renderer: 'svg' });
    instance.current = chart;
    // The observer also reports the size the chart was created with, straight away: redrawing for that
    // would lay out and draw every chart of the page twice on first load. Only a real change redraws.
    let size = `${element.clientWidth}x${element.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const next = `${element.clientWidth}x${element.clientHeight}`;
      if (next === size) return;
      size = next;
      chart.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      instance.current = null;
    };
  }, []);

  useEffect(() => {
    instance.current?.setOption(
      {
        color: CHART_COLORS,
        textStyle: { fontFamily: FONT, color: '#17202b' },
        aria: { enabled: true, label: { description: label } },
        animation: false,
        ...option,
      },
      { notMerge: true },
    );
  }, [option, label]);

  return (
    <figure className="chart" style={{ margin: 0 }}>
      <div
        ref={container}
        className="chart__canvas"
        style={{ height, width: '100%' }}
        role="img"
        aria-label={label}
      />
      {children ? <figcaption className="visually-hidden">{children}</figcaption> : null}
    </figure>
  );
}
