import { formatPeriod } from '../../domain/crime/periods';
import { formatMonth } from '../../domain/crime/periods';
import { describeChangePct } from './build';
import type { CategoryRow, ProgressReport, ReportTable } from './model';

/** Markdown: tables for every figure; charts as images when their files are written beside it. */

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

const fmt = (n: number) => n.toLocaleString('en-GB');
const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

function categoryLine(c: CategoryRow, bold = false): string {
  const name = bold ? `**${cell(c.name)}**` : cell(c.name);
  return `| ${name} | ${c.unit} | ${fmt(c.previous)} | ${fmt(c.current)} | ${c.comparable ? signed(c.change) : '–'} | ${describeChangePct(c)} |`;
}

function tableLines(t: ReportTable): string[] {
  return [`**${cell(t.caption)}**`, '', `| ${t.header.map(cell).join(' | ')} |`, `|${t.numeric.map((n) => (n ? '---:' : '---')).join('|')}|`, ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''];
}

/** `chartFiles` maps a chart id to the file name written next to the Markdown (e.g. report-chart-monthly.svg). */
export function renderMarkdown(r: ProgressReport, chartFiles: Record<string, string> = {}): string {
  const current = formatPeriod(r.period);
  const previous = formatPeriod(r.previousPeriod);
  const chart = (id: string) => {
    const c = r.charts.find((x) => x.id === id);
    if (!c) return [];
    return chartFiles[id] ? [`![${cell(c.title)}. ${cell(c.description)}](${chartFiles[id]})`, ''] : [];
  };
  const out: string[] = [];
  out.push(`# ${r.title}`, '');
  out.push('| Report details | |', '|---|---|');
  out.push(`| Meeting | ${cell(r.cover.committee)} |`, `| Date | ${cell(r.cover.meetingDate)} |`, `| Report of | ${cell(r.cover.reportOf)} |`, `| Purpose of the report | ${cell(r.cover.purpose)} |`);
  out.push(`| Recommendation${r.cover.recommendations.length === 1 ? '' : 's'} | ${r.cover.recommendations.map(cell).join(' ')} |`, `| Contact officer | ${cell(r.cover.contactOfficer)} |`, '');
  out.push(`Draft prepared on ${r.generatedOn}. Crime data: ${current} against ${previous}, in the Appendix. ${r.since ? `Changes to actions since ${r.since}.` : 'No earlier report is recorded: every change is listed.'}`, '');
  if (r.sampleData) out.push('> **Sample data.** This draft is made from the demo partnership’s data, not a live record.', '');
  out.push('## Summary', '', ...r.summary.map((s) => `- ${s}`), '');
  out.push('## Matters arising from the last meeting', '');
  if (r.mattersArising.length === 0) out.push('No follow-ups are recorded from the last meeting.', '');
  for (const m of r.mattersArising) {
    out.push(`### ${m.title}`, '', `**Status:** ${m.status}${m.owner ? ` · ${m.owner}` : ''}`, '');
    if (m.source) out.push(`_${m.source}_`, '');
    for (const line of m.answer) out.push(line, '');
    for (const id of m.chartIds) out.push(...chart(id));
    for (const t of m.tables) out.push(...tableLines(t));
    if (m.caveats.length) out.push('Caveats:', '', ...m.caveats.map((c) => `- ${c}`), '');
  }
  out.push('## Appendix: action plan progress and crime and disorder data', '');

  out.push('### Action plan progress', '', 'RAG: Green – on track; Amber – at risk; Red – off track; Grey – no update this cycle. Closed and completed items carry no RAG.', '');
  if (r.exemptLeftOut > 0) out.push(`${r.exemptLeftOut} exempt (Part 2) action${r.exemptLeftOut === 1 ? ' is' : 's are'} not included in this public appendix.`, '');
  for (const t of r.themes) {
    out.push(`#### ${t.theme}`, '', '| Ref | Action | Lead | Status | RAG | Target date | Latest update | Changes since the last report |', '|---|---|---|---|---|---|---|---|');
    for (const a of t.actions) {
      const update = a.latestUpdate ? `${a.latestUpdate.text} (${a.latestUpdate.author}, ${a.latestUpdate.asOf})` : 'No update recorded';
      const changes = a.changes.length ? a.changes.join('; ') : 'None';
      out.push(`| ${cell(a.id)} | ${cell(a.title)}${a.committeeFlag ? ' **(flagged for the committee)**' : ''} | ${cell(a.leadAgency)} (${cell(a.lead)}) | ${a.status} | ${a.rag} | ${a.targetDate ?? '–'} | ${cell(update)} | ${cell(changes)} |`);
    }
    out.push('');
  }

  out.push('### Crime and disorder data', '', r.coverage.newSinceText, '');
  if (r.coverage.note) out.push(`> **Months missing.** ${r.coverage.note}`, '');
  out.push('#### All crime by month', '', ...chart('chart-monthly'), '| Month | Crimes |', '|---|---:|', ...r.crime.monthly.map((m) => `| ${formatMonth(m.month)} | ${m.count === null ? 'Not yet imported' : fmt(m.count)} |`), '');
  out.push('#### By category', '', ...chart('chart-categories'), `| Category | Unit | ${previous} | ${current} | Change | Change % |`, '|---|---|---:|---:|---:|---:|');
  out.push(categoryLine(r.crime.allCrime, true), ...r.crime.categories.map((c) => categoryLine(c)), '');
  out.push('#### Wards with the largest changes', '');
  if (r.crime.wardChanges.length === 0) out.push(r.coverage.comparable ? 'No ward changed.' : 'Not listed: the periods are not like for like while months are missing.', '');
  else {
    out.push(...chart('chart-wards'), `| Ward | ${previous} | ${current} | Change | Change % |`, '|---|---:|---:|---:|---:|');
    for (const w of r.crime.wardChanges) out.push(`| ${cell(w.name)} | ${fmt(w.previous)} | ${fmt(w.current)} | ${signed(w.change)} | ${describeChangePct(w)} |`);
    out.push('');
  }
  if (r.crime.wardSetNote) out.push(r.crime.wardSetNote, '');
  out.push('### Sources and caveats', '', '#### Sources', '', ...r.sources.map((s) => `- ${s.name} (as of ${s.asOf})`), '- Partnership action plan, as kept in the Community Safety Assistant', '');
  out.push('#### Caveats', '', ...r.caveats.map((c) => `- ${c}`), '');
  return out.join('\n');
}
