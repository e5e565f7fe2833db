import { PNG } from 'pngjs';
import { changeBarChart, chartToSvg, monthlyLineChart, pairedBarChart, renderChart, svgToPng, titleLines } from '../../../src/features/reports/chart';

const bars = pairedBarChart({
  id: 'c1',
  title: 'Burglary & theft <by year>',
  description: 'Two bars per category.',
  categories: ['Burglary', 'Theft'],
  previous: [120, 80],
  current: [90, 100],
  previousLabel: 'Previous',
  currentLabel: 'Current',
  xTitle: 'Number recorded',
});

/** The words an SVG shows, in order. */
function textsOf(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('charts rendered on the server (vega-lite → vega → SVG, resvg → PNG)', () => {
  it('writes SVG with a title and description that screen readers announce, escaping text', async () => {
    const svg = await chartToSvg(bars);
    expect(svg).toMatch(/^<svg id="c1" role="img" aria-labelledby="c1-title c1-desc" /);
    expect(svg).toContain('<title id="c1-title">Burglary &amp; theft &lt;by year&gt;</title>');
    expect(svg).toContain('<desc id="c1-desc">Two bars per category.</desc>');
  });

  it('shows the title, both axis titles, the legend and every bar\'s value as text', async () => {
    const texts = textsOf(await chartToSvg(bars));
    expect(texts).toEqual(expect.arrayContaining(['Burglary &amp; theft &lt;by year&gt;', 'Number recorded', 'Category', 'Period', 'Previous', 'Current', 'Burglary', 'Theft', '120', '90', '80', '100']));
  });

  it('marks rises and falls with a sign in words and a legend, not only colour', async () => {
    const chart = changeBarChart({ id: 'w', title: 'Wards', description: 'Changes.', names: ['A', 'B'], changes: [12, -7], xTitle: 'Change in recorded crimes', yTitle: 'Ward' });
    const texts = textsOf(await chartToSvg(chart));
    expect(texts).toEqual(expect.arrayContaining(['+12', '-7', 'Rise', 'Fall', 'Direction', 'Ward', 'Change in recorded crimes']));
  });

  it('names the two periods in a legend and leaves a month not imported as a gap, never a zero', async () => {
    const points = ['2020-01', '2020-02', '2020-03', '2020-04'].map((month, i) => ({ month, label: month, count: [5, null, 6, 9][i], period: i < 2 ? 'Before' : 'After' }));
    const chart = monthlyLineChart({ id: 'm', title: 'Monthly', description: 'Line.', points, yTitle: 'Recorded crimes', missingNote: 'Gaps: Feb 2020 not yet imported (not zero)' });
    const svg = await chartToSvg(chart);
    const texts = textsOf(svg);
    expect(texts).toEqual(expect.arrayContaining(['Before', 'After', 'Period', 'Month', 'Recorded crimes', 'Gaps: Feb 2020 not yet imported (not zero)', '5', '6', '9']));
    // The lines join three months, not four: nothing is drawn at the missing month (a zero would be a fourth vertex).
    const paths = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].map((m) => m[1]).join('');
    expect(paths.match(/[ML]/g)).toHaveLength(3);
    expect((svg.match(/mark-symbol role-mark[\s\S]*?<\/g>/)?.[0].match(/<path/g) ?? []).length).toBe(3);
  });

  it('rasterises to PNG at twice the SVG size, with its text drawn in a system font', async () => {
    const rendered = await renderChart(bars);
    const png = PNG.sync.read(rendered.png);
    expect([png.width, png.height]).toEqual([rendered.width * 2, rendered.height * 2]);
    // The same SVG with its text removed draws fewer dark pixels: the words are really drawn.
    const dark = (buf: Buffer) => {
      const img = PNG.sync.read(buf);
      let n = 0;
      for (let i = 0; i < img.data.length; i += 4) if (img.data[i] < 100 && img.data[i + 1] < 100 && img.data[i + 2] < 100) n++;
      return n;
    };
    const withoutText = svgToPng(rendered.svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''));
    expect(dark(rendered.png)).toBeGreaterThan(dark(withoutText) + 500);
  });
});

describe('chart titles', () => {
  it('breaks a long title into lines at words, so it never widens the chart', async () => {
    const long = 'Wards with the largest changes in all crime, Jan 2022 – Mar 2022 against Oct 2021 – Dec 2021';
    expect(titleLines(long)).toEqual(['Wards with the largest changes in all crime, Jan 2022 –', 'Mar 2022 against Oct 2021 – Dec 2021']);
    const short = await renderChart(changeBarChart({ id: 'a', title: 'Wards', description: '.', names: ['A'], changes: [3], xTitle: 'Change', yTitle: 'Ward' }));
    const wide = await renderChart(changeBarChart({ id: 'b', title: long, description: '.', names: ['A'], changes: [3], xTitle: 'Change', yTitle: 'Ward' }));
    // Unbroken, this title alone would make the chart about 1,100 pixels wide.
    expect(wide.width).toBeLessThanOrEqual(short.width + 80);
    expect(wide.svg).toContain('Mar 2022 against Oct 2021 – Dec 2021');
  });
});
