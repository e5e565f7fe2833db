import mammoth from 'mammoth';
import yauzl from 'yauzl';
import { renderDocx } from '../../../src/features/reports/docx';
import { renderCharts } from '../../../src/features/reports/chart';
import { sampleReport } from '../../support/reportFixture';

function zipEntries(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

async function wordOf(report = sampleReport()): Promise<{ report: ReturnType<typeof sampleReport>; buffer: Buffer; charts: Awaited<ReturnType<typeof renderCharts>> }> {
  const charts = await renderCharts(report.charts);
  return { report, charts, buffer: await renderDocx(report, charts) };
}

describe('the Word report', () => {
  it('holds the text, the figures and every action', async () => {
    const { report, buffer } = await wordOf();
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain(report.title);
    for (const a of report.themes.flatMap((t) => t.actions)) expect(text).toContain(a.title);
    expect(text).toContain('down 5.1%');
  });

  it('opens with a cover sheet: meeting, date, report of, purpose, recommendations, contact officer', async () => {
    const { buffer } = await wordOf();
    const text = (await mammoth.extractRawText({ buffer })).value;
    for (const label of ['Meeting', 'Date', 'Report of', 'Purpose of the report', 'Recommendation', 'Contact officer']) expect(text).toContain(label);
    expect(text.indexOf('Contact officer')).toBeLessThan(text.indexOf('Appendix: action plan progress'));
  });

  it('lays out for an agenda pack: landscape appendix, numbers right-aligned, header rows repeated, rows kept whole, page numbers', async () => {
    const files = await zipEntries((await wordOf()).buffer);
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/w:pStyle w:val="Heading1"/);
    expect(xml).toMatch(/<w:tblHeader\/>/);
    expect(xml).toMatch(/<w:cantSplit\/>/);
    expect(xml).toMatch(/<w:orient="landscape"|w:orient="landscape"/);
    expect(xml).toMatch(/<w:jc w:val="right"\/>/);
    const footers = [...files.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k)).map((k) => files.get(k)!.toString('utf8'));
    expect(footers.some((f) => /PAGE/.test(f) && /NUMPAGES/.test(f))).toBe(true);
  });

  it('is dated by the clock the report was drafted by, not the machine it ran on', async () => {
    const { report, buffer } = await wordOf();
    expect(report.generatedAt).toBe('2022-09-15T09:00:00.000Z');
    const core = (await zipEntries(buffer)).get('docProps/core.xml')!.toString('utf8');
    expect(core).toMatch(/<dcterms:created[^>]*>2022-09-15T09:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified[^>]*>2022-09-15T09:00:00Z<\/dcterms:modified>/);
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain('Draft prepared on 2022-09-15.');
  });

  it('carries each chart as a PNG rendered from a labelled spec, with alt text and a caption', async () => {
    const { report, buffer, charts } = await wordOf();
    const files = await zipEntries(buffer);
    const xml = files.get('word/document.xml')!.toString('utf8');
    const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.filter((m) => m.endsWith('.png'))).toHaveLength(report.charts.length);
    // The images in the document are the server's renderings, byte for byte.
    const pngs = media.map((m) => files.get(m)!);
    for (const c of charts.values()) expect(pngs.some((p) => p.equals(c.png))).toBe(true);
    for (const c of report.charts) {
      expect(xml).toContain(`descr="${c.description.replace(/&/g, '&amp;').replace(/"/g, '&quot;').slice(0, 40)}`);
      expect(xml).toContain(`Chart: ${c.title.replace(/&/g, '&amp;')}`);
    }
    // Each chart's words: title, axis titles and legend are in the rendered image's SVG.
    const monthly = charts.get('chart-monthly')!;
    for (const words of [monthly.chart.title, 'Month', 'Recorded crimes', 'Period', 'Previous: Oct 2021 – Dec 2021', 'Current: Jan 2022 – Mar 2022']) expect(monthly.svg).toContain(`>${words}</text>`);
    const wards = charts.get('chart-wards')!;
    for (const words of ['Ward', 'Change in recorded crimes', 'Direction', 'Rise', 'Fall']) expect(wards.svg).toContain(`>${words}</text>`);
  });
});
