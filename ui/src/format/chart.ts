/**
 * The one place ECharts is imported, piece by piece (bar, gauge and line charts, grid, legend,
 * tooltip, canvas),
 * so the bundle carries only what the screens draw. Screens load this module lazily.
 */
import { init, use, type ComposeOption } from "echarts/core";
import {
  BarChart,
  GaugeChart,
  LineChart,
  type BarSeriesOption,
  type GaugeSeriesOption,
  type LineSeriesOption,
} from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, GaugeChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type BarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** 首页's charts: bars by township, a gauge per target, the monthly line. */
export type DashboardChartOption = ComposeOption<
  | BarSeriesOption
  | GaugeSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** What a screen does with a chart: draw, fit its box, and let go of it. */
export type Chart = {
  setOption(option: BarChartOption | DashboardChartOption, notMerge?: boolean): void;
  /** A click on a bar or a point: its series and index. */
  on(event: "click", handler: (params: unknown) => void): void;
  resize(): void;
  dispose(): void;
};

/** Whether this window can draw on a canvas (a test DOM without canvas support cannot). */
function canvasAvailable(): boolean {
  try {
    return typeof document !== "undefined" && !!document.createElement("canvas").getContext("2d");
  } catch {
    return false;
  }
}

/** A bar chart in `el`, or null where there is no canvas to draw on. */
export function createChart(el: HTMLElement): Chart | null {
  if (!canvasAvailable()) return null;
  return init(el, undefined, { renderer: "canvas" });
}
