import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';

/**
 * Report charts, drawn on the server: each chart is a vega-lite specification with a title, axis
 * titles, value labels and a legend; vega renders it to SVG (no browser, renderer "none") and
 * resvg rasterises the SVG to PNG for Word. The words of every chart are also in its description
 * (alt text) and in the table that follows it.
 */

export interface Chart {
  id: string;
  title: string;
  /** What the chart shows, in words: its alt text. */
  description: string;
  spec: vl.TopLevelSpec;
}

export interface RenderedChart {
  chart: Chart;
  svg: string;
  png: Buffer;
  /** Pixel size of the SVG. */
  width: number;
  height: number;
}

/** Dark blue and a mid grey: distinguishable in greyscale and by colour-blind readers; the legend says which is which. */
export const CURRENT_FILL = '#1d4f91';
export const PREVIOUS_FILL = '#8c8c8c';
const RISE_FILL = '#8a1c1c';
const FALL_FILL = '#1d6b3a';
/** A font every server has a fallback for; resvg is told which system font stands in for it. */
const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';

const CONFIG: vl.TopLevelSpec['config'] = {
  font: FONT,
  title: { fontSize: 14, anchor: 'start', frame: 'bounds', subtitleFontSize: 12, subtitleColor: '#333333' },
  axis: { labelFontSize: 11, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', gridColor: '#dddddd' },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'top', direction: 'horizontal', labelLimit: 400 },
  view: { stroke: null },
  background: '#ffffff',
};

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Title lines of at most `width` characters, broken at words: a long title must not widen the chart. */
export function titleLines(text: string, width = 56): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function title(text: string, subtitle?: string): vl.TopLevelSpec['title'] {
  const lines = titleLines(text);
  const t = lines.length === 1 ? lines[0] : lines;
  return subtitle ? { text: t, subtitle } : { text: t };
}

/** A chart: its words, and the parts every specification shares (title, font, data). */
function chartOf(opts: { id: string; title: string; description: string }, values: object[], body: Record<string, unknown>, subtitle?: string | null): Chart {
  return {
    id: opts.id,
    title: opts.title,
    description: opts.description,
    spec: { $schema: SCHEMA, title: title(opts.title, subtitle ?? undefined), config: CONFIG, data: { values }, ...body } as vl.TopLevelSpec,
  };
}

/**
 * All crime each month, the previous period and the current one in two colours (legend). A month
 * not imported is null: a gap in the line, never a zero, named in the subtitle.
 */
export function monthlyLineChart(opts: {
  id: string;
  title: string;
  description: string;
  points: { month: string; label: string; count: number | null; period: string }[];
  yTitle: string;
  missingNote?: string | null;
}): Chart {
  const order = [...new Set(opts.points.map((p) => p.period))];
  return chartOf(
    opts,
    opts.points,
    {
      width: 640,
      height: 240,
      encoding: {
        x: { field: 'label', type: 'ordinal', sort: null, title: 'Month', axis: { labelAngle: -45 } },
        y: { field: 'count', type: 'quantitative', title: opts.yTitle, scale: { zero: true } },
        color: { field: 'period', type: 'nominal', title: 'Period', sort: order, scale: { domain: order, range: [PREVIOUS_FILL, CURRENT_FILL].slice(-order.length) } },
      },
      layer: [
        // break-paths: the line stops at a month with no data instead of joining across it.
        { mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2.5, invalid: 'break-paths-show-domains' } },
        { mark: { type: 'text', dy: -10, fontSize: 9, color: '#1b1b1b' }, encoding: { text: { field: 'count', type: 'quantitative', format: ',' }, color: { value: '#1b1b1b' } } },
      ],
    },
    opts.missingNote,
  );
}

/** Two bars per category, the previous period then the current one, each labelled with its value. */
export function pairedBarChart(opts: { id: string; title: string; description: string; categories: string[]; previous: number[]; current: number[]; previousLabel: string; currentLabel: string; xTitle: string }): Chart {
  const values = opts.categories.flatMap((c, i) => [
    { category: c, period: opts.previousLabel, count: opts.previous[i] },
    { category: c, period: opts.currentLabel, count: opts.current[i] },
  ]);
  const order = [opts.previousLabel, opts.currentLabel];
  return chartOf(opts, values, {
      width: 520,
      height: { step: 12 },
      encoding: {
        y: { field: 'category', type: 'nominal', sort: opts.categories, title: 'Category', axis: { labelLimit: 220 } },
        yOffset: { field: 'period', type: 'nominal', sort: order },
        x: { field: 'count', type: 'quantitative', title: opts.xTitle },
        color: { field: 'period', type: 'nominal', title: 'Period', sort: order, scale: { domain: order, range: [PREVIOUS_FILL, CURRENT_FILL] } },
      },
      layer: [{ mark: { type: 'bar' } }, { mark: { type: 'text', align: 'left', dx: 3, fontSize: 9 }, encoding: { text: { field: 'count', type: 'quantitative', format: ',' }, color: { value: '#1b1b1b' } } }],
  });
}

/** Bars either side of zero: rises to the right, falls to the left, each labelled "+23" or "-15". */
export function changeBarChart(opts: { id: string; title: string; description: string; names: string[]; changes: number[]; xTitle: string; yTitle: string }): Chart {
  const reach = Math.max(1, ...opts.changes.map(Math.abs)) * 1.3;
  const values = opts.names.map((name, i) => ({ name, change: opts.changes[i], direction: opts.changes[i] >= 0 ? 'Rise' : 'Fall', label: opts.changes[i] > 0 ? `+${opts.changes[i].toLocaleString('en-GB')}` : opts.changes[i].toLocaleString('en-GB') }));
  return chartOf(opts, values, {
      width: 520,
      height: { step: 24 },
      encoding: {
        y: { field: 'name', type: 'nominal', sort: opts.names, title: opts.yTitle },
        // Room either side for the "+23" / "-15" labels beyond the longest bars.
        x: { field: 'change', type: 'quantitative', title: opts.xTitle, scale: { domain: [-reach, reach] } },
        color: { field: 'direction', type: 'nominal', title: 'Direction', scale: { domain: ['Rise', 'Fall'], range: [RISE_FILL, FALL_FILL] } },
      },
      layer: [
        { mark: { type: 'bar' } },
        { mark: { type: 'text', fontSize: 10, fontWeight: 'bold', dx: { expr: 'datum.change >= 0 ? 14 : -14' } }, encoding: { text: { field: 'label', type: 'nominal' }, color: { value: '#1b1b1b' } } },
      ],
  });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The chart as SVG (vega-lite → vega → SVG), with role="img", a title and a description for screen readers. */
export async function chartToSvg(chart: Chart): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(chart.spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const t = `${chart.id}-title`;
    const d = `${chart.id}-desc`;
    return svg.replace(/^<svg /, `<svg id="${chart.id}" role="img" aria-labelledby="${t} ${d}" `).replace(/^(<svg[^>]*>)/, `$1<title id="${t}">${escapeXml(chart.title)}</title><desc id="${d}">${escapeXml(chart.description)}</desc>`);
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG to PNG at twice its size (sharp in print), with a system font for its text. */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }, fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
}

function sizeOf(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 640, height: 320 };
}

export async function renderChart(chart: Chart): Promise<RenderedChart> {
  const svg = await chartToSvg(chart);
  return { chart, svg, png: svgToPng(svg), ...sizeOf(svg) };
}

/** Every chart of a report, by id. */
export async function renderCharts(charts: readonly Chart[]): Promise<Map<string, RenderedChart>> {
  const out = new Map<string, RenderedChart>();
  for (const c of charts) out.set(c.id, await renderChart(c));
  return out;
}
