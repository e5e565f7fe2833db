import { PNG } from 'pngjs';
import { changeBarChart, chartToPng, chartToSvg, monthlyLineChart, pairedBarChart } from '../../../src/features/reports/chart';

const bars = pairedBarChart({ id: 'c1', title: 'Burglary & theft <by year>', description: 'Two bars per category.', categories: ['Burglary', 'Theft'], previous: [120, 80], current: [90, 100], previousLabel: 'Previous', currentLabel: 'Current' });

describe('charts drawn by the project', () => {
  it('writes SVG with a title and description that screen readers announce, escaping text', () => {
    const svg = chartToSvg(bars);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" id="c1" role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Burglary &amp; theft &lt;by year&gt;</title>');
    expect(svg).toContain('<desc id="c1-desc">Two bars per category.</desc>');
  });

  it('labels every bar with its value and keys the colours with words', () => {
    const texts = bars.shapes.filter((s) => s.kind === 'text').map((s) => (s as { text: string }).text);
    expect(texts).toEqual(expect.arrayContaining(['Previous', 'Current', 'Burglary', 'Theft', '120', '90', '80', '100']));
  });

  it('draws longer bars for larger values', () => {
    const widths = bars.shapes.filter((s) => s.kind === 'rect' && s.h > 10).map((s) => (s as { w: number }).w);
    expect(widths[0]).toBeGreaterThan(widths[1]); // 120 > 90
    expect(widths[3]).toBeGreaterThan(widths[2]); // 100 > 80
  });

  it('marks rises and falls with a sign in words, not only colour', () => {
    const chart = changeBarChart({ id: 'w', title: 'Wards', description: 'Changes.', names: ['A', 'B'], changes: [12, -7] });
    const texts = chart.shapes.filter((s) => s.kind === 'text').map((s) => (s as { text: string }).text);
    expect(texts).toEqual(expect.arrayContaining(['+12', '−7']));
  });

  it('separates the compared periods on a monthly line with labels', () => {
    const chart = monthlyLineChart({ id: 'm', title: 'Monthly', description: 'Line.', months: ['2020-01', '2020-02', '2020-03', '2020-04'], labels: ['Jan', 'Feb', 'Mar', 'Apr'], values: [5, 7, 6, 9], splitAt: 2, beforeLabel: 'Before', afterLabel: 'After' });
    expect(chart.shapes.some((s) => s.kind === 'line' && s.dash)).toBe(true);
    expect(chart.shapes.filter((s) => s.kind === 'circle')).toHaveLength(4);
    expect(chartToSvg(chart)).toContain('>After</text>');
  });

  it('rasterises to a PNG of the chart\'s size, with the bars drawn in their colours', () => {
    const png = PNG.sync.read(chartToPng(bars));
    expect([png.width, png.height]).toEqual([bars.width, bars.height]);
    const bar = bars.shapes.find((s) => s.kind === 'rect' && s.fill === '#1d4f91' && s.h > 10) as { x: number; y: number; w: number; h: number };
    const at = (Math.round(bar.y + bar.h / 2) * png.width + Math.round(bar.x + bar.w / 2)) * 4;
    expect([png.data[at], png.data[at + 1], png.data[at + 2]]).toEqual([0x1d, 0x4f, 0x91]);
    expect([png.data[0], png.data[1], png.data[2]]).toEqual([255, 255, 255]);
  });
});
