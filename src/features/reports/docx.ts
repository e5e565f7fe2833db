import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatPeriod } from '../../domain/crime/periods';
import { describeChangePct } from './build';
import { chartToPng, chartToSvg } from './chart';
import type { CategoryRow, ProgressReport } from './model';

/**
 * The report as a Word document: real headings (for the navigation pane and screen readers),
 * tables with repeating header rows, and charts as SVG with alt text (a PNG of the same chart for
 * Word versions that cannot draw SVG).
 */

const fmt = (n: number) => n.toLocaleString('en-GB');
const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ text, heading: level });
}

function table(caption: string, header: string[], rows: string[][]): (Paragraph | Table)[] {
  return [
    new Paragraph({ children: [new TextRun({ text: caption, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })] })) }),
        ...rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: c.split('\n').map((line) => new Paragraph(line)) })) })),
      ],
    }),
    new Paragraph(''),
  ];
}

function chartParagraphs(r: ProgressReport, id: string): Paragraph[] {
  const c = r.charts.find((x) => x.id === id);
  if (!c) return [];
  const width = 600;
  const height = Math.round((c.height / c.width) * width);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(chartToSvg(c), 'utf8'),
          fallback: { type: 'png', data: chartToPng(c) },
          transformation: { width, height },
          altText: { name: c.id, title: c.title, description: c.description },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: c.title, italics: true })] }),
  ];
}

function categoryCells(c: CategoryRow): string[] {
  return [c.name, c.unit, fmt(c.previous), fmt(c.current), signed(c.change), describeChangePct(c)];
}

export async function renderDocx(r: ProgressReport): Promise<Buffer> {
  const current = formatPeriod(r.period);
  const previous = formatPeriod(r.previousPeriod);
  const children: (Paragraph | Table)[] = [];
  children.push(heading(r.title, HeadingLevel.TITLE));
  children.push(new Paragraph(`Draft generated on ${r.generatedOn} for the Crime and Disorder Committee. Crime data: ${current} against ${previous}. ${r.since ? `Changes to actions since ${r.since}.` : 'No earlier report is recorded: every change is listed.'}`));
  if (r.sampleData) children.push(new Paragraph({ children: [new TextRun({ text: 'Sample data. ', bold: true }), new TextRun('This draft is made from the demo partnership’s data, not a live record.')] }));
  children.push(heading('Summary', HeadingLevel.HEADING_1));
  for (const s of r.summary) children.push(new Paragraph({ text: s, bullet: { level: 0 } }));

  children.push(heading('Action plan progress', HeadingLevel.HEADING_1));
  children.push(new Paragraph('RAG: Green – on track; Amber – at risk; Red – off track; Grey – no update this cycle. Closed and completed items carry no RAG.'));
  if (r.exemptLeftOut > 0) children.push(new Paragraph(`${r.exemptLeftOut} exempt (Part 2) action${r.exemptLeftOut === 1 ? ' is' : 's are'} not included in this public appendix.`));
  for (const t of r.themes) {
    children.push(heading(t.theme, HeadingLevel.HEADING_2));
    children.push(
      ...table(
        `${t.theme}: ${t.actions.length} action${t.actions.length === 1 ? '' : 's'}`,
        ['Ref', 'Action', 'Lead', 'Status', 'RAG', 'Target date', 'Latest update', 'Changes since the last report'],
        t.actions.map((a) => [
          a.id,
          `${a.title}${a.committeeFlag ? '\nFlagged for the committee' : ''}`,
          `${a.leadAgency}\n${a.lead}`,
          a.status,
          a.rag,
          a.targetDate ?? '–',
          a.latestUpdate ? `${a.latestUpdate.text}\n${a.latestUpdate.author}, ${a.latestUpdate.asOf}` : 'No update recorded',
          a.changes.length ? a.changes.join('\n') : 'None',
        ]),
      ),
    );
  }

  children.push(heading('Crime and disorder data', HeadingLevel.HEADING_1));
  children.push(heading('All crime by month', HeadingLevel.HEADING_2), ...chartParagraphs(r, 'chart-monthly'));
  children.push(...table('All crime (excluding anti-social behaviour) by month', ['Month', 'Crimes'], r.crime.monthly.map((m) => [m.month, fmt(m.count)])));
  children.push(heading('By category', HeadingLevel.HEADING_2), ...chartParagraphs(r, 'chart-categories'));
  children.push(...table(`${r.districtName}: ${current} against ${previous}, by category`, ['Category', 'Unit', previous, current, 'Change', 'Change %'], [categoryCells(r.crime.allCrime), ...r.crime.categories.map(categoryCells)]));
  children.push(heading('Wards with the largest changes', HeadingLevel.HEADING_2));
  if (r.crime.wardChanges.length === 0) children.push(new Paragraph('No ward changed.'));
  else {
    children.push(...chartParagraphs(r, 'chart-wards'));
    children.push(...table('All crime by ward: the largest changes', ['Ward', previous, current, 'Change', 'Change %'], r.crime.wardChanges.map((w) => [w.name, fmt(w.previous), fmt(w.current), signed(w.change), describeChangePct(w)])));
  }
  if (r.crime.wardSetNote) children.push(new Paragraph(r.crime.wardSetNote));
  children.push(heading('Sources and caveats', HeadingLevel.HEADING_1), heading('Sources', HeadingLevel.HEADING_2));
  for (const s of [...r.sources.map((x) => `${x.name} (as of ${x.asOf})`), 'Partnership action plan, as kept in the Community Safety Assistant']) children.push(new Paragraph({ text: s, bullet: { level: 0 } }));
  children.push(heading('Caveats', HeadingLevel.HEADING_2));
  for (const c of r.caveats) children.push(new Paragraph({ text: c, bullet: { level: 0 } }));

  const doc = new Document({
    title: r.title,
    description: `Progress report appendix, ${current} against ${previous}`,
    creator: 'Community Safety Assistant',
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
