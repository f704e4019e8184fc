import { createRequire } from "node:module";

// Charts for the HTML report, drawn by Apache ECharts' server-side SVG renderer: the SVG is
// made at report time, so the page needs no script library and makes no request.

type ECharts = typeof import("echarts");
let echarts: ECharts | undefined;

/** ECharts' single-file CommonJS build, loaded on first use: only HTML reports pay for it. */
function library(): ECharts {
  echarts ??= createRequire(import.meta.url)("echarts") as ECharts;
  return echarts;
}

export const FONT = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;

/** Renders one chart option to an SVG string of the given size (CSS may scale it). */
export function renderChart(option: Record<string, unknown>, width: number, height: number): string {
  const chart = library().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Long names would crowd an axis; the full name is in the tables beside the chart. */
export function shorten(text: string, max = 22): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
