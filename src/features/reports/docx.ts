import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatMonth, formatPeriod } from '../../domain/crime/periods';
import { describeChangePct } from './build';
import type { RenderedChart } from './chart';
import type { CategoryRow, ProgressReport, ReportTable } from './model';
import { stampDocxDates } from './docxDates';

/**
 * The report as a Word document for the agenda pack: a cover sheet (meeting, date, report of,
 * purpose, recommendations, contact officer), the summary and matters arising, then the appendix
 * in landscape pages for its wide tables. Real headings, numbers right-aligned, header rows
 * repeated on every page, rows never split across pages, page numbers in the footer, charts as
 * PNG with alt text and a caption.
 */

const fmt = (n: number) => n.toLocaleString('en-GB');
const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];

function heading(text: string, level: Level): Paragraph {
  return new Paragraph({ text, heading: level });
}

function cellParagraphs(text: string, numeric: boolean, bold = false): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: line, bold })] }));
}

/** A table with its caption; `numeric` columns are right-aligned. */
function table(caption: string, header: string[], rows: string[][], numeric: boolean[] = []): (Paragraph | Table)[] {
  return [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: caption, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => new TableCell({ children: cellParagraphs(h, numeric[i] ?? false, true) })) }),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => new TableCell({ children: cellParagraphs(c, numeric[i] ?? false) })) })),
      ],
    }),
    new Paragraph(''),
  ];
}

function reportTable(t: ReportTable): (Paragraph | Table)[] {
  return table(t.caption, t.header, t.rows, t.numeric);
}

/** The chart as a PNG drawn on the server, its alt text the chart's description, and a caption below. */
function chartParagraphs(charts: ReadonlyMap<string, RenderedChart>, id: string, maxWidth: number): Paragraph[] {
  const c = charts.get(id);
  if (!c) return [];
  const width = Math.min(maxWidth, c.width);
  const height = Math.round((c.height / c.width) * width);
  return [
    new Paragraph({
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: c.png, transformation: { width, height }, altText: { name: c.chart.id, title: c.chart.title, description: c.chart.description } })],
    }),
    new Paragraph({ children: [new TextRun({ text: `Chart: ${c.chart.title}. `, italics: true }), new TextRun({ text: c.chart.description, italics: true, size: 18 })] }),
  ];
}

function categoryCells(c: CategoryRow): string[] {
  return [c.name, c.unit, fmt(c.previous), fmt(c.current), c.comparable ? signed(c.change) : '–', describeChangePct(c)];
}

function footer(): { default: Footer } {
  return {
    default: new Footer({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })],
    }),
  };
}

function coverRows(r: ProgressReport): string[][] {
  return [
    ['Meeting', r.cover.committee],
    ['Date', r.cover.meetingDate],
    ['Report of', r.cover.reportOf],
    ['Purpose of the report', r.cover.purpose],
    ['Recommendation' + (r.cover.recommendations.length === 1 ? '' : 's'), r.cover.recommendations.map((x, i) => (r.cover.recommendations.length === 1 ? x : `(${i + 1}) ${x}`)).join('\n')],
    ['Contact officer', r.cover.contactOfficer],
  ];
}

export async function renderDocx(r: ProgressReport, charts: ReadonlyMap<string, RenderedChart> = new Map()): Promise<Buffer> {
  const current = formatPeriod(r.period);
  const previous = formatPeriod(r.previousPeriod);

  // Portrait: cover sheet, summary, matters arising.
  const front: (Paragraph | Table)[] = [];
  front.push(heading(r.title, HeadingLevel.TITLE));
  front.push(...table('Report details', ['Item', 'Details'], coverRows(r)));
  front.push(new Paragraph(`Draft prepared on ${r.generatedOn}. Crime data: ${current} against ${previous}, in the Appendix. ${r.since ? `Changes to actions since ${r.since}.` : 'No earlier report is recorded: every change is listed.'}`));
  if (r.sampleData) front.push(new Paragraph({ children: [new TextRun({ text: 'Sample data. ', bold: true }), new TextRun('This draft is made from the demo partnership’s data, not a live record.')] }));
  front.push(heading('Summary', HeadingLevel.HEADING_1));
  for (const s of r.summary) front.push(new Paragraph({ text: s, bullet: { level: 0 } }));
  front.push(heading('Matters arising from the last meeting', HeadingLevel.HEADING_1));
  if (r.mattersArising.length === 0) front.push(new Paragraph('No follow-ups are recorded from the last meeting.'));
  for (const m of r.mattersArising) {
    front.push(heading(m.title, HeadingLevel.HEADING_2));
    front.push(new Paragraph({ children: [new TextRun({ text: 'Status: ', bold: true }), new TextRun(`${m.status}${m.owner ? ` · ${m.owner}` : ''}`)] }));
    if (m.source) front.push(new Paragraph({ children: [new TextRun({ text: m.source, italics: true })] }));
    for (const line of m.answer) front.push(new Paragraph(line));
    for (const id of m.chartIds) front.push(...chartParagraphs(charts, id, 600));
    for (const t of m.tables) front.push(...reportTable(t));
    if (m.caveats.length) {
      front.push(new Paragraph({ children: [new TextRun({ text: 'Caveats', bold: true })] }));
      for (const c of m.caveats) front.push(new Paragraph({ text: c, bullet: { level: 0 } }));
    }
  }

  // Landscape: the appendix and its wide tables.
  const appendix: (Paragraph | Table)[] = [];
  appendix.push(heading('Appendix: action plan progress and crime and disorder data', HeadingLevel.HEADING_1));
  appendix.push(heading('Action plan progress', HeadingLevel.HEADING_2));
  appendix.push(new Paragraph('RAG: Green – on track; Amber – at risk; Red – off track; Grey – no update this cycle. Closed and completed items carry no RAG.'));
  if (r.exemptLeftOut > 0) appendix.push(new Paragraph(`${r.exemptLeftOut} exempt (Part 2) action${r.exemptLeftOut === 1 ? ' is' : 's are'} not included in this public appendix.`));
  for (const t of r.themes) {
    appendix.push(heading(t.theme, HeadingLevel.HEADING_3));
    appendix.push(
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
  appendix.push(new Paragraph({ children: [new PageBreak()] }));
  appendix.push(heading('Crime and disorder data', HeadingLevel.HEADING_2));
  appendix.push(new Paragraph(r.coverage.newSinceText));
  if (r.coverage.note) appendix.push(new Paragraph({ children: [new TextRun({ text: 'Months missing. ', bold: true }), new TextRun(r.coverage.note)] }));
  appendix.push(heading('All crime by month', HeadingLevel.HEADING_3), ...chartParagraphs(charts, 'chart-monthly', 860));
  appendix.push(...table('All crime (excluding anti-social behaviour) by month', ['Month', 'Crimes'], r.crime.monthly.map((m) => [formatMonth(m.month), m.count === null ? 'Not yet imported' : fmt(m.count)]), [false, true]));
  appendix.push(heading('By category', HeadingLevel.HEADING_3), ...chartParagraphs(charts, 'chart-categories', 860));
  appendix.push(
    ...table(`${r.districtName}: ${current} against ${previous}, by category`, ['Category', 'Unit', previous, current, 'Change', 'Change %'], [categoryCells(r.crime.allCrime), ...r.crime.categories.map(categoryCells)], [false, false, true, true, true, true]),
  );
  appendix.push(heading('Wards with the largest changes', HeadingLevel.HEADING_3));
  if (r.crime.wardChanges.length === 0) appendix.push(new Paragraph(r.coverage.comparable ? 'No ward changed.' : 'Not listed: the periods are not like for like while months are missing.'));
  else {
    appendix.push(...chartParagraphs(charts, 'chart-wards', 860));
    appendix.push(...table('All crime by ward: the largest changes', ['Ward', previous, current, 'Change', 'Change %'], r.crime.wardChanges.map((w) => [w.name, fmt(w.previous), fmt(w.current), signed(w.change), describeChangePct(w)]), [false, true, true, true, true]));
  }
  if (r.crime.wardSetNote) appendix.push(new Paragraph(r.crime.wardSetNote));
  appendix.push(heading('Sources and caveats', HeadingLevel.HEADING_2), heading('Sources', HeadingLevel.HEADING_3));
  for (const s of [...r.sources.map((x) => `${x.name} (as of ${x.asOf})`), 'Partnership action plan, as kept in the Community Safety Assistant']) appendix.push(new Paragraph({ text: s, bullet: { level: 0 } }));
  appendix.push(heading('Caveats', HeadingLevel.HEADING_3));
  for (const c of r.caveats) appendix.push(new Paragraph({ text: c, bullet: { level: 0 } }));

  const doc = new Document({
    title: r.title,
    description: `Progress report, ${current} against ${previous}`,
    creator: 'Community Safety Assistant',
    sections: [
      { footers: footer(), children: front },
      { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, footers: footer(), children: appendix },
    ],
  });
  return stampDocxDates(await Packer.toBuffer(doc), new Date(r.generatedAt));
}
