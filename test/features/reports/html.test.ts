import { renderHtml } from '../../../src/features/reports/html';
import { renderCharts } from '../../../src/features/reports/chart';
import { sampleReport } from '../../support/reportFixture';

describe('the HTML report', () => {
  let html = '';
  beforeAll(async () => {
    const report = sampleReport();
    html = renderHtml(report, await renderCharts(report.charts));
  });

  it('is one self-contained page: no scripts, links or images fetched from elsewhere', () => {
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en-GB">/);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/);
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
  });

  it('uses scoped table headers, captions and one heading hierarchy', () => {
    expect(html).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)/);
    expect((html.match(/<table[ >]/g) ?? []).length).toBe((html.match(/<caption>/g) ?? []).length);
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it('escapes text from the store and says RAG and flags in words', () => {
    expect(html).toContain('Fit lights | cameras &lt;north&gt;');
    expect(html).toContain('Flagged for the committee');
    expect(html).toMatch(/class="rag rag-\w+">(Green – on track|Amber – at risk|Red – off track|Grey – no update this cycle)</);
    expect(html).toContain('Sample data.');
  });

  it('opens with the cover sheet and puts the crime data in an appendix', () => {
    for (const label of ['Meeting', 'Date', 'Report of', 'Purpose of the report', 'Recommendation', 'Contact officer']) expect(html).toContain(`<th scope="row">${label}`);
    expect(html.indexOf('Report details')).toBeLessThan(html.indexOf('id="appendix"'));
    expect(html.indexOf('id="appendix"')).toBeLessThan(html.indexOf('id="crime"'));
  });

  it('draws its charts inline as SVG with their titles, axis titles and legends', () => {
    expect(html).toMatch(/<figure><svg id="chart-monthly" role="img"/);
    expect(html).toContain('>Recorded crimes</text>');
    expect(html).toContain('>Period</text>');
  });

  it('shows each figure with its change', () => {
    expect(html).toContain('<td class="num">1,300</td><td class="num">1,234</td><td class="num">−66</td><td class="num">down 5.1%</td>');
  });
});
