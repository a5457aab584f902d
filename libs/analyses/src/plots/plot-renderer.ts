import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

const WIDTH = 960;
const HEIGHT = 540;

/** Renders a chart on the server: SVG with ECharts' server-side renderer, PNG from that SVG with resvg. */
export function renderSvg(option: EChartsOption, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function renderPng(svg: string): Buffer {
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: WIDTH * 2 },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return image.render().asPng();
}

export type PlotFormat = 'svg' | 'png';

export interface Picture {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<PlotFormat, string> = { svg: 'image/svg+xml', png: 'image/png' };

/** `<name>.svg` or `<name>.png` split; undefined for any other file name. */
export function plotFile(file: string): { name: string; format: PlotFormat } | undefined {
  const match = /^([a-z0-9-]+)\.(svg|png)$/.exec(file);
  return match ? { name: match[1], format: match[2] as PlotFormat } : undefined;
}

/** A chart as the picture a client asked for. */
export function renderPicture(option: EChartsOption, format: PlotFormat, height = HEIGHT): Picture {
  const svg = renderSvg(option, height);
  return { body: format === 'svg' ? Buffer.from(svg) : renderPng(svg), contentType: CONTENT_TYPES[format] };
}

export const contentTypeOf = (format: PlotFormat): string => CONTENT_TYPES[format];
