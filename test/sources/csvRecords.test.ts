import { Readable } from 'node:stream';
import { NOT_UTF8, parseQuotedRecord, readCsvRecords } from '../../src/sources/csvRecords';

/** Feeds `text` in chunks of `size` bytes, so records and multi-byte characters straddle chunks. */
async function read(text: string | Buffer, size = 7): Promise<{ records: [number, string[]][]; problems: [number, string][] }> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const records: [number, string[]][] = [];
  const problems: [number, string][] = [];
  await readCsvRecords(
    Readable.from(chunks),
    (f, line) => records.push([line, f]),
    (line, reason) => problems.push([line, reason]),
  );
  return { records, problems };
}

describe('reading CSV records', () => {
  it('splits plain lines, keeps empty fields and drops a byte-order mark and CRLF endings', async () => {
    const { records } = await read('\uFEFFa,b,c\r\n1,,3\r\n\r\n4,5,\r\n');
    expect(records).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '', '3']],
      [4, ['4', '5', '']],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes, line breaks and non-ASCII text', async () => {
    const { records, problems } = await read('x,"On or near ""The Green"", Brampton",y\n"two\nlines",Café Rouge\nlast,"",z\n', 3);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      [1, ['x', 'On or near "The Green", Brampton', 'y']],
      [2, ['two\nlines', 'Café Rouge']],
      [4, ['last', '', 'z']],
    ]);
  });

  it('reports a record with badly placed quotes by line and carries on', async () => {
    const { records, problems } = await read('a,b\n1,x"y"z\n"p"q,2\n3,4\n');
    expect(problems).toEqual([
      [2, 'not valid CSV (badly placed quotes)'],
      [3, 'not valid CSV (badly placed quotes)'],
    ]);
    expect(records.map(([l]) => l)).toEqual([1, 4]);
  });

  it('gives up on a quote never closed and reads on from the next line', async () => {
    const lines = ['h1,h2', '"open,1', ...Array.from({ length: 25 }, (_, i) => `r${i},${i}`)];
    const { records, problems } = await read(`${lines.join('\n')}\n`);
    expect(problems).toEqual([[2, 'not valid CSV (a quote is never closed)']]);
    expect(records).toHaveLength(26);
    expect(records[1]).toEqual([3, ['r0', '0']]);
    expect(records[25]).toEqual([27, ['r24', '24']]);
  });

  it('reads characters cut between chunks, and reports bytes that are not UTF-8 by line, however the chunks fall', async () => {
    // A lone first byte of a two-byte character, then plain ASCII: the byte must not vanish.
    const bytes = Buffer.concat([Buffer.from('a,b\nCafé,1\nCaf'), Buffer.from([0xc3]), Buffer.from('X,2\nok,3\n')]);
    for (let size = 1; size <= 12; size++) {
      const { records, problems } = await read(bytes, size);
      expect(problems).toEqual([[3, NOT_UTF8]]);
      expect(records).toEqual([
        [1, ['a', 'b']],
        [2, ['Café', '1']],
        [4, ['ok', '3']],
      ]);
    }
  });

  it('parses a single quoted record on its own', () => {
    expect(parseQuotedRecord('"a",b,"c""d"')).toEqual(['a', 'b', 'c"d']);
    expect(parseQuotedRecord('"a"x,b')).toBeNull();
    expect(parseQuotedRecord('a,"b",')).toEqual(['a', 'b', '']);
  });
});
