import { formatPeriod } from '../../domain/crime/periods';
import { describeChangePct } from './build';
import { chartToSvg } from './chart';
import type { CategoryRow, ProgressReport, ReportAction } from './model';

/** One self-contained HTML page: styles and charts inline, nothing fetched. Accessible: headings, scoped headers, captions, chart titles. */

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (n: number) => n.toLocaleString('en-GB');

function signed(n: number): string {
  return n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0';
}

const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;max-width:1100px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #1d4f91;padding-bottom:.2rem}h3{font-size:1.1rem;margin-top:1.4rem}
.meta{color:#444}.notice{border-left:6px solid #8a6d00;background:#fff8e1;padding:.5rem .8rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem;font-size:.92rem}caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #999;padding:.35rem .5rem;vertical-align:top;text-align:left}thead th{background:#e8eef7}
td.num,th.num{text-align:right;white-space:nowrap}
.rag{display:inline-block;padding:.05rem .4rem;border-radius:3px;border:1px solid #333;white-space:nowrap}
.rag-red{background:#f6d5d5}.rag-amber{background:#fde7c2}.rag-green{background:#d5ecd9}.rag-grey{background:#e4e4e4}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto;border:1px solid #ccc}figcaption{font-size:.9rem;color:#333}
ul.changes{margin:0;padding-left:1.1rem}
@media print{body{max-width:none}h2{page-break-before:auto}table{page-break-inside:auto}tr{page-break-inside:avoid}}
`;

function actionRow(a: ReportAction): string {
  const rag = a.ragKey ? `<span class="rag rag-${a.ragKey}">${esc(a.rag)}</span>` : esc(a.rag);
  const update = a.latestUpdate ? `${esc(a.latestUpdate.text)}<br><small>${esc(a.latestUpdate.author)}, ${esc(a.latestUpdate.asOf)}</small>` : 'No update recorded';
  const changes = a.changes.length ? `<ul class="changes">${a.changes.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>` : 'None';
  return `<tr><th scope="row">${esc(a.id)}</th><td>${esc(a.title)}${a.committeeFlag ? '<br><strong>Flagged for the committee (target date moved twice)</strong>' : ''}</td><td>${esc(a.leadAgency)}<br><small>${esc(a.lead)}</small></td><td>${esc(a.status)}</td><td>${rag}</td><td>${esc(a.targetDate ?? '–')}</td><td>${update}</td><td>${changes}</td></tr>`;
}

function categoryRow(c: CategoryRow, bold = false): string {
  const name = bold ? `<strong>${esc(c.name)}</strong>` : esc(c.name);
  return `<tr><th scope="row">${name}</th><td>${esc(c.unit)}</td><td class="num">${fmt(c.previous)}</td><td class="num">${fmt(c.current)}</td><td class="num">${signed(c.change)}</td><td class="num">${esc(describeChangePct(c))}</td></tr>`;
}

export function renderHtml(r: ProgressReport): string {
  const current = formatPeriod(r.period);
  const previous = formatPeriod(r.previousPeriod);
  const chart = (id: string) => {
    const c = r.charts.find((x) => x.id === id);
    return c ? `<figure>${chartToSvg(c)}<figcaption>${esc(c.title)}. ${esc(c.description)}</figcaption></figure>` : '';
  };
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(r.title)}</title><style>${STYLE}</style></head><body>`);
  parts.push('<main>');
  parts.push(`<h1>${esc(r.title)}</h1>`);
  parts.push(`<p class="meta">Draft generated on ${esc(r.generatedOn)} for the Crime and Disorder Committee. Crime data: ${esc(current)} against ${esc(previous)}. ${r.since ? `Changes to actions since ${esc(r.since)}.` : 'No earlier report is recorded: every change is listed.'}</p>`);
  if (r.sampleData) parts.push('<p class="notice"><strong>Sample data.</strong> This draft is made from the demo partnership’s data, not a live record.</p>');
  parts.push('<h2 id="summary">Summary</h2><ul>');
  for (const s of r.summary) parts.push(`<li>${esc(s)}</li>`);
  parts.push('</ul>');

  parts.push('<h2 id="action-plan">Action plan progress</h2>');
  parts.push('<p>RAG: Green – on track; Amber – at risk; Red – off track; Grey – no update this cycle. Closed and completed items carry no RAG.</p>');
  if (r.exemptLeftOut > 0) parts.push(`<p>${r.exemptLeftOut} exempt (Part 2) action${r.exemptLeftOut === 1 ? ' is' : 's are'} not included in this public appendix.</p>`);
  for (const t of r.themes) {
    parts.push(`<h3>${esc(t.theme)}</h3>`);
    parts.push(`<table><caption>${esc(t.theme)}: ${t.actions.length} action${t.actions.length === 1 ? '' : 's'}</caption><thead><tr><th scope="col">Ref</th><th scope="col">Action</th><th scope="col">Lead</th><th scope="col">Status</th><th scope="col">RAG</th><th scope="col">Target date</th><th scope="col">Latest update</th><th scope="col">Changes since the last report</th></tr></thead><tbody>`);
    for (const a of t.actions) parts.push(actionRow(a));
    parts.push('</tbody></table>');
  }

  parts.push('<h2 id="crime">Crime and disorder data</h2>');
  parts.push(`<p>${esc(r.summary[r.sampleData ? 1 : 0])}</p>`);
  parts.push('<h3>All crime by month</h3>');
  parts.push(chart('chart-monthly'));
  parts.push(`<table><caption>All crime (excluding anti-social behaviour) by month</caption><thead><tr><th scope="col">Month</th><th scope="col" class="num">Crimes</th></tr></thead><tbody>${r.crime.monthly.map((m) => `<tr><th scope="row">${esc(m.month)}</th><td class="num">${fmt(m.count)}</td></tr>`).join('')}</tbody></table>`);
  parts.push('<h3>By category</h3>');
  parts.push(chart('chart-categories'));
  parts.push(`<table><caption>${esc(r.districtName)}: ${esc(current)} against ${esc(previous)}, by category</caption><thead><tr><th scope="col">Category</th><th scope="col">Unit</th><th scope="col" class="num">${esc(previous)}</th><th scope="col" class="num">${esc(current)}</th><th scope="col" class="num">Change</th><th scope="col" class="num">Change %</th></tr></thead><tbody>`);
  parts.push(categoryRow(r.crime.allCrime, true));
  for (const c of r.crime.categories) parts.push(categoryRow(c));
  parts.push('</tbody></table>');
  parts.push('<h3>Wards with the largest changes</h3>');
  if (r.crime.wardChanges.length === 0) parts.push('<p>No ward changed.</p>');
  else {
    parts.push(chart('chart-wards'));
    parts.push(`<table><caption>All crime by ward: the ${r.crime.wardChanges.length} largest changes</caption><thead><tr><th scope="col">Ward</th><th scope="col" class="num">${esc(previous)}</th><th scope="col" class="num">${esc(current)}</th><th scope="col" class="num">Change</th><th scope="col" class="num">Change %</th></tr></thead><tbody>`);
    for (const w of r.crime.wardChanges) parts.push(`<tr><th scope="row">${esc(w.name)}</th><td class="num">${fmt(w.previous)}</td><td class="num">${fmt(w.current)}</td><td class="num">${signed(w.change)}</td><td class="num">${esc(describeChangePct(w))}</td></tr>`);
    parts.push('</tbody></table>');
  }
  if (r.crime.wardSetNote) parts.push(`<p>${esc(r.crime.wardSetNote)}</p>`);

  parts.push('<h2 id="sources">Sources and caveats</h2><h3>Sources</h3><ul>');
  for (const s of r.sources) parts.push(`<li>${esc(s.name)} (as of ${esc(s.asOf)})</li>`);
  parts.push('<li>Partnership action plan, as kept in the Community Safety Assistant</li></ul><h3>Caveats</h3><ul>');
  for (const c of r.caveats) parts.push(`<li>${esc(c)}</li>`);
  parts.push('</ul></main></body></html>');
  return parts.join('\n');
}
