import { renderMarkdown } from '../../../src/features/reports/markdown';
import { sampleReport } from '../../support/reportFixture';

describe('the Markdown report', () => {
  it('has a table per theme with pipes in text escaped', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain('### Safer streets');
    expect(md).toContain('| T-1 | Fit lights \\| cameras <north> **(flagged for the committee)** |');
    expect(md).toContain('| **All crime (excluding anti-social behaviour)** | crimes | 1,300 | 1,234 | −66 | down 5.1% |');
  });

  it('links chart files with their descriptions as alt text only when they are written', () => {
    expect(renderMarkdown(sampleReport())).not.toContain('![');
    const md = renderMarkdown(sampleReport(), { 'chart-monthly': 'r-chart-monthly.svg' });
    expect(md).toMatch(/!\[All crime by month, Oct 2021 – Mar 2022\. Line chart .*\]\(r-chart-monthly\.svg\)/);
  });
});
