import { formatPeriod } from '../../domain/crime/periods';
import { describeChangePct } from './build';
import type { CategoryRow, ProgressReport } from './model';

/** Markdown: tables for every figure; charts as images when their files are written beside it. */

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

const fmt = (n: number) => n.toLocaleString('en-GB');
const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

function categoryLine(c: CategoryRow, bold = false): string {
  const name = bold ? `**${cell(c.name)}**` : cell(c.name);
  return `| ${name} | ${c.unit} | ${fmt(c.previous)} | ${fmt(c.current)} | ${signed(c.change)} | ${describeChangePct(c)} |`;
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
  out.push(`Draft generated on ${r.generatedOn} for the Crime and Disorder Committee. Crime data: ${current} against ${previous}. ${r.since ? `Changes to actions since ${r.since}.` : 'No earlier report is recorded: every change is listed.'}`, '');
  if (r.sampleData) out.push('> **Sample data.** This draft is made from the demo partnership’s data, not a live record.', '');
  out.push('## Summary', '', ...r.summary.map((s) => `- ${s}`), '');

  out.push('## Action plan progress', '', 'RAG: Green – on track; Amber – at risk; Red – off track; Grey – no update this cycle. Closed and completed items carry no RAG.', '');
  if (r.exemptLeftOut > 0) out.push(`${r.exemptLeftOut} exempt (Part 2) action${r.exemptLeftOut === 1 ? ' is' : 's are'} not included in this public appendix.`, '');
  for (const t of r.themes) {
    out.push(`### ${t.theme}`, '', '| Ref | Action | Lead | Status | RAG | Target date | Latest update | Changes since the last report |', '|---|---|---|---|---|---|---|---|');
    for (const a of t.actions) {
      const update = a.latestUpdate ? `${a.latestUpdate.text} (${a.latestUpdate.author}, ${a.latestUpdate.asOf})` : 'No update recorded';
      const changes = a.changes.length ? a.changes.join('; ') : 'None';
      out.push(`| ${cell(a.id)} | ${cell(a.title)}${a.committeeFlag ? ' **(flagged for the committee)**' : ''} | ${cell(a.leadAgency)} (${cell(a.lead)}) | ${a.status} | ${a.rag} | ${a.targetDate ?? '–'} | ${cell(update)} | ${cell(changes)} |`);
    }
    out.push('');
  }

  out.push('## Crime and disorder data', '');
  out.push('### All crime by month', '', ...chart('chart-monthly'), '| Month | Crimes |', '|---|---:|', ...r.crime.monthly.map((m) => `| ${m.month} | ${fmt(m.count)} |`), '');
  out.push('### By category', '', ...chart('chart-categories'), `| Category | Unit | ${previous} | ${current} | Change | Change % |`, '|---|---|---:|---:|---:|---:|');
  out.push(categoryLine(r.crime.allCrime, true), ...r.crime.categories.map((c) => categoryLine(c)), '');
  out.push('### Wards with the largest changes', '');
  if (r.crime.wardChanges.length === 0) out.push('No ward changed.', '');
  else {
    out.push(...chart('chart-wards'), `| Ward | ${previous} | ${current} | Change | Change % |`, '|---|---:|---:|---:|---:|');
    for (const w of r.crime.wardChanges) out.push(`| ${cell(w.name)} | ${fmt(w.previous)} | ${fmt(w.current)} | ${signed(w.change)} | ${describeChangePct(w)} |`);
    out.push('');
  }
  if (r.crime.wardSetNote) out.push(r.crime.wardSetNote, '');
  out.push('## Sources and caveats', '', '### Sources', '', ...r.sources.map((s) => `- ${s.name} (as of ${s.asOf})`), '- Partnership action plan, as kept in the Community Safety Assistant', '');
  out.push('### Caveats', '', ...r.caveats.map((c) => `- ${c}`), '');
  return out.join('\n');
}
