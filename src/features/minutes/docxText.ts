import mammoth from 'mammoth';

/**
 * The text of a Word document as a clerk sees it: numbered lists keep their numbers ("(1)",
 * "(a)"), bullets their bullet, table rows their cells (separated by tabs, a row per line).
 * mammoth gives the document as simple, well-formed HTML; this walks its few tags.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];

/** "(1)" at the top level, "(a)" below it, "(i)" below that, as minutes number resolutions. */
function marker(depth: number, n: number): string {
  if (depth === 0) return `(${n})`;
  if (depth === 1) return `(${String.fromCharCode(96 + ((n - 1) % 26) + 1)})`;
  return `(${ROMAN[(n - 1) % ROMAN.length]})`;
}

/** Plain text from mammoth's HTML: paragraphs separated by blank lines. */
export function textFromMammothHtml(html: string): string {
  const blocks: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let line = '';
  let row: string[] | null = null;
  let cell: string | null = null;
  const flush = () => {
    const t = line.replace(/[ \t]+/g, ' ').trim();
    if (t && cell !== null) cell = cell ? `${cell} ${t}` : t;
    else if (t) blocks.push(t);
    line = '';
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*?(\/?)>|([^<]+)/gi)) {
    if (m[4] !== undefined) {
      line += decode(m[4]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'br') {
      flush();
      continue;
    }
    if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: tag === 'ol', n: 0 });
      continue;
    }
    if (tag === 'li') {
      flush();
      if (!closing) {
        const list = lists.at(-1);
        if (list) {
          list.n += 1;
          line = list.ordered ? `${marker(lists.filter((l) => l.ordered).length - 1, list.n)} ` : '• ';
        }
      }
      continue;
    }
    if (tag === 'tr') {
      flush();
      if (!closing) row = [];
      else if (row) {
        if (row.some((c) => c !== '')) blocks.push(row.join('\t'));
        row = null;
      }
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      flush();
      if (!closing) cell = '';
      else {
        row?.push((cell ?? '').trim());
        cell = null;
      }
      continue;
    }
    if (/^(?:p|h[1-6]|table|div|blockquote)$/.test(tag)) flush();
  }
  flush();
  return blocks.join('\n\n');
}

export async function docxToText(buffer: Buffer): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer });
  return textFromMammothHtml(value);
}
