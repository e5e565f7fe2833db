import { formatPeriod } from '../../domain/crime/periods';
import { describeChangePct } from './build';
import type { RenderedChart } from './chart';
import { formatMonth } from '../../domain/crime/periods';
import type { CategoryRow, ProgressReport, ReportAction, ReportTable } from './model';

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
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #1d4f91;padding-bottom:.2rem}h3{font-size:1.15rem;margin-top:1.4rem}h4{font-size:1.05rem;margin-top:1.2rem}
table.cover th{width:14rem;background:#f2f2f2}
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
  return `<tr><th scope="row">${name}</th><td>${esc(c.unit)}</td><td class="num">${fmt(c.previous)}</td><td class="num">${fmt(c.current)}</td><td class="num">${c.comparable ? signed(c.change) : '–'}</td><td class="num">${esc(describeChangePct(c))}</td></tr>`;
}

function tableHtml(t: ReportTable): string {
  const th = t.header.map((h, i) => `<th scope="col"${t.numeric[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${t.numeric[i] ? ' class="num"' : ''}>${esc(c)}</td>`)).join('')}</tr>`).join('');
  return `<table><caption>${esc(t.caption)}</caption><thead><tr>${th}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** `charts`: the report's charts rendered to SVG (see renderCharts), shown inline. */
export function renderHtml(r: ProgressReport, charts: ReadonlyMap<string, RenderedChart> = new Map()): string {
  const current = formatPeriod(r.period);
  const previous = formatPeriod(r.previousPeriod);
  const chart = (id: string) => {
    const c = charts.get(id);
    return c ? `<figure>${c.svg}<figcaption>${esc(c.chart.title)}. ${esc(c.chart.description)}</figcaption></figure>` : '';
  };
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(r.title)}</title><style>${STYLE}</style></head><body>`);
  parts.push('<main>');
  parts.push(`<h1>${esc(r.title)}</h1>`);
  const cover: [string, string][] = [
    ['Meeting', r.cover.committee],
    ['Date', r.cover.meetingDate],
    ['Report of', r.cover.reportOf],
    ['Purpose of the report', r.cover.purpose],
  ];
  parts.push(`<table class="cover"><caption>Report details</caption><tbody>${cover.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}<tr><th scope="row">Recommendation${r.cover.recommendations.length === 1 ? '' : 's'}</th><td><ol>${r.cover.recommendations.map((x) => `<li>${esc(x)}</li>`).join('')}</ol></td></tr><tr><th scope="row">Contact officer</th><td>${esc(r.cover.contactOfficer)}</td></tr></tbody></table>`);
  parts.push(`<p class="meta">Draft prepared on ${esc(r.generatedOn)}. Crime data: ${esc(current)} against ${esc(previous)}, in the Appendix. ${r.since ? `Changes to actions since ${esc(r.since)}.` : 'No earlier report is recorded: every change is listed.'}</p>`);
  if (r.sampleData) parts.push('<p class="notice"><strong>Sample data.</strong> This draft is made from the demo partnership’s data, not a live record.</p>');
  parts.push('<h2 id="summary">Summary</h2><ul>');
  for (const s of r.summary) parts.push(`<li>${esc(s)}</li>`);
  parts.push('</ul>');
  parts.push('<h2 id="matters-arising">Matters arising from the last meeting</h2>');
  if (r.mattersArising.length === 0) parts.push('<p>No follow-ups are recorded from the last meeting.</p>');
  for (const m of r.mattersArising) {
    parts.push(`<h3>${esc(m.title)}</h3><p><strong>Status:</strong> ${esc(m.status)}${m.owner ? ` · ${esc(m.owner)}` : ''}</p>`);
    if (m.source) parts.push(`<p><em>${esc(m.source)}</em></p>`);
    for (const line of m.answer) parts.push(`<p>${esc(line)}</p>`);
    for (const id of m.chartIds) parts.push(chart(id));
    for (const t of m.tables) parts.push(tableHtml(t));
    if (m.caveats.length) parts.push(`<p><strong>Caveats</strong></p><ul>${m.caveats.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`);
  }
  parts.push('<h2 id="appendix">Appendix: action plan progress and crime and disorder data</h2>');

  parts.push('<h3 id="action-plan">Action plan progress</h3>');
  parts.push('<p>RAG: Green – on track; Amber – at risk; Red – off track; Grey – no update this cycle. Closed and completed items carry no RAG.</p>');
  if (r.exemptLeftOut > 0) parts.push(`<p>${r.exemptLeftOut} exempt (Part 2) action${r.exemptLeftOut === 1 ? ' is' : 's are'} not included in this public appendix.</p>`);
  for (const t of r.themes) {
    parts.push(`<h4>${esc(t.theme)}</h4>`);
    parts.push(`<table><caption>${esc(t.theme)}: ${t.actions.length} action${t.actions.length === 1 ? '' : 's'}</caption><thead><tr><th scope="col">Ref</th><th scope="col">Action</th><th scope="col">Lead</th><th scope="col">Status</th><th scope="col">RAG</th><th scope="col">Target date</th><th scope="col">Latest update</th><th scope="col">Changes since the last report</th></tr></thead><tbody>`);
    for (const a of t.actions) parts.push(actionRow(a));
    parts.push('</tbody></table>');
  }

  parts.push('<h3 id="crime">Crime and disorder data</h3>');
  parts.push(`<p>${esc(r.summary[r.sampleData ? 1 : 0])}</p>`);
  parts.push(`<p>${esc(r.coverage.newSinceText)}</p>`);
  if (r.coverage.note) parts.push(`<p class="notice"><strong>Months missing.</strong> ${esc(r.coverage.note)}</p>`);
  parts.push('<h4>All crime by month</h4>');
  parts.push(chart('chart-monthly'));
  parts.push(`<table><caption>All crime (excluding anti-social behaviour) by month</caption><thead><tr><th scope="col">Month</th><th scope="col" class="num">Crimes</th></tr></thead><tbody>${r.crime.monthly.map((m) => `<tr><th scope="row">${esc(formatMonth(m.month))}</th><td class="num">${m.count === null ? 'Not yet imported' : fmt(m.count)}</td></tr>`).join('')}</tbody></table>`);
  parts.push('<h4>By category</h4>');
  parts.push(chart('chart-categories'));
  parts.push(`<table><caption>${esc(r.districtName)}: ${esc(current)} against ${esc(previous)}, by category</caption><thead><tr><th scope="col">Category</th><th scope="col">Unit</th><th scope="col" class="num">${esc(previous)}</th><th scope="col" class="num">${esc(current)}</th><th scope="col" class="num">Change</th><th scope="col" class="num">Change %</th></tr></thead><tbody>`);
  parts.push(categoryRow(r.crime.allCrime, true));
  for (const c of r.crime.categories) parts.push(categoryRow(c));
  parts.push('</tbody></table>');
  parts.push('<h4>Wards with the largest changes</h4>');
  if (r.crime.wardChanges.length === 0) parts.push(`<p>${r.coverage.comparable ? 'No ward changed.' : 'Not listed: the periods are not like for like while months are missing.'}</p>`);
  else {
    parts.push(chart('chart-wards'));
    parts.push(`<table><caption>All crime by ward: the ${r.crime.wardChanges.length} largest changes</caption><thead><tr><th scope="col">Ward</th><th scope="col" class="num">${esc(previous)}</th><th scope="col" class="num">${esc(current)}</th><th scope="col" class="num">Change</th><th scope="col" class="num">Change %</th></tr></thead><tbody>`);
    for (const w of r.crime.wardChanges) parts.push(`<tr><th scope="row">${esc(w.name)}</th><td class="num">${fmt(w.previous)}</td><td class="num">${fmt(w.current)}</td><td class="num">${signed(w.change)}</td><td class="num">${esc(describeChangePct(w))}</td></tr>`);
    parts.push('</tbody></table>');
  }
  if (r.crime.wardSetNote) parts.push(`<p>${esc(r.crime.wardSetNote)}</p>`);

  parts.push('<h3 id="sources">Sources and caveats</h3><h4>Sources</h4><ul>');
  for (const s of r.sources) parts.push(`<li>${esc(s.name)} (as of ${esc(s.asOf)})</li>`);
  parts.push('<li>Partnership action plan, as kept in the Community Safety Assistant</li></ul><h4>Caveats</h4><ul>');
  for (const c of r.caveats) parts.push(`<li>${esc(c)}</li>`);
  parts.push('</ul></main></body></html>');
  return parts.join('\n');
}
