import mammoth from 'mammoth';
import yauzl from 'yauzl';
import { renderDocx } from '../../../src/features/reports/docx';
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

describe('the Word report', () => {
  it('holds the text, the figures and every action', async () => {
    const report = sampleReport();
    const buffer = await renderDocx(report);
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain(report.title);
    for (const a of report.themes.flatMap((t) => t.actions)) expect(text).toContain(a.title);
    expect(text).toContain('down 5.1%');
  });

  it('uses real headings, repeating table headers, and charts as SVG with alt text and a PNG fallback', async () => {
    const files = await zipEntries(await renderDocx(sampleReport()));
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/w:pStyle w:val="Heading1"/);
    expect(xml).toMatch(/<w:tblHeader\/>/);
    expect(xml).toMatch(/descr="Line chart of all recorded crime/);
    const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.filter((m) => m.endsWith('.svg'))).toHaveLength(3);
    expect(media.filter((m) => m.endsWith('.png'))).toHaveLength(3);
  });
});
