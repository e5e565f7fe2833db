import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * The Word library stamps a document's "created" and "modified" properties with the machine's
 * clock; a draft is dated by the injected clock like everything else. This rewrites those two
 * properties in docProps/core.xml and copies every other part unchanged.
 */
export async function stampDocxDates(docx: Buffer, at: Date): Promise<Buffer> {
  const iso = `${at.toISOString().slice(0, 19)}Z`;
  const entries = await readEntries(docx);
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) {
    const body =
      name === 'docProps/core.xml'
        ? Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${iso}$2`), 'utf8')
        : data;
    zip.addBuffer(body, name, { mtime: at });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function readEntries(buffer: Buffer): Promise<[string, Buffer][]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out: [string, Buffer][] = [];
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push([entry.fileName, Buffer.concat(chunks)]);
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}
