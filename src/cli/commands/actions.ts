import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { PARTNERSHIP_OPTION, withPartnership, type CliRuntime } from '../runtime';
import { partnershipOf } from '../../features/deps';
import { group, UsageError } from '../group';
import { ActionRepo } from '../../store/actionRepo';
import { renderTrackerCsv, renderTrackerMarkdown } from '../../features/actions/export';
import { filterActions } from '../../features/actions/filters';
import { formatDate, isRag, Rag, STATUS_LABELS } from '../../domain/actions/model';
import { ragView, today } from '../../features/actions/rag';
import { describeChange } from '../../features/actions/workflow';
import { noPlanLoaded } from '../../features/actions/actionsApp';

function checkDate(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw new UsageError(`${option} must be a real date written YYYY-MM-DD, e.g. 2021-03-01 (got "${value}").`);
  }
  return value;
}

interface ExportOptions {
  format: string;
  since?: string;
  includeExempt?: boolean;
  partnership?: string;
  db?: string;
}

/** `csp export actions` and `csp actions list|show`. */
export function register(program: Command, runtime: CliRuntime): void {
  const exp = group(program, 'export', 'Export data for reports');
  exp
    .command('actions')
    .description('Print the action tracker: md is the table a committee report appends; csv is the whole plan, which `csp actions import` reads back')
    .option('--format <format>', 'csv or md', 'md')
    .option('--since <date>', 'add a "changed since" section from the history, YYYY-MM-DD')
    .option('--include-exempt', 'include exempt (Part 2) items, for a private report only')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (o: ExportOptions) => {
      if (o.format !== 'csv' && o.format !== 'md') throw new UsageError(`--format must be csv or md (got "${o.format}").`);
      const since = checkDate(o.since, '--since');
      await withPartnership(runtime, o.db, o.partnership, async (deps) => {
        const repo = new ActionRepo(deps.store, partnershipOf(deps));
        const actions = (await repo.list()).filter((a) => o.includeExempt || a.classification === 'public');
        const history = since ? await repo.historySince(since) : [];
        const input = { actions, history, since, now: deps.clock.now(), pack: deps.pack };
        const text = o.format === 'csv' ? renderTrackerCsv(input) : renderTrackerMarkdown(input);
        runtime.out(text.replace(/\r?\n$/, ''));
        const exempt = (await repo.list()).length - actions.length;
        if (exempt > 0) runtime.err(`${exempt} exempt (Part 2) item${exempt === 1 ? '' : 's'} left out; add --include-exempt for a private report.`);
      });
    });

  const actionsCmd = group(program, 'actions', 'The partnership action plan');
  actionsCmd
    .command('list')
    .description('List the actions, optionally only overdue ones or one RAG')
    .option('--overdue', 'only actions past their target date')
    .option('--rag <rag>', 'green, amber, red or grey')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (o: { overdue?: boolean; rag?: string; partnership?: string; db?: string }) => {
      if (o.rag !== undefined && !isRag(o.rag)) throw new UsageError(`--rag must be green, amber, red or grey (got "${o.rag}").`);
      await withPartnership(runtime, o.db, o.partnership, async (deps) => {
        const now = deps.clock.now();
        const all = await new ActionRepo(deps.store, partnershipOf(deps)).list();
        if (all.length === 0) {
          runtime.out(noPlanLoaded(deps.pack.district.name));
          return;
        }
        const hits = filterActions(all, { includeExempt: true, overdue: o.overdue, rag: o.rag as Rag | undefined }, now);
        if (hits.length === 0) runtime.out('No actions match.');
        for (const a of hits) {
          const r = ragView(a, now);
          runtime.out(`${a.id}  ${STATUS_LABELS[a.status].padEnd(15)} ${(r?.label ?? '–').padEnd(28)} ${formatDate(a.targetDate).padEnd(12)} ${a.title}${a.classification === 'exempt' ? ' [exempt]' : ''}`);
        }
        runtime.err(`Position at ${formatDate(today(now))}.`);
      });
    });
  actionsCmd
    .command('show <id>')
    .description('Show one action with its history')
    .option(...PARTNERSHIP_OPTION)
    .option('--db <url>', 'database URL (else DATABASE_URL)')
    .action(async (id: string, o: { partnership?: string; db?: string }) => {
      await withPartnership(runtime, o.db, o.partnership, async (deps) => {
        const repo = new ActionRepo(deps.store, partnershipOf(deps));
        const a = await repo.get(id);
        if (!a) throw new UsageError(`The ${deps.pack.district.name} partnership's plan has no action ${id}.`);
        const r = ragView(a, deps.clock.now());
        runtime.out(`${a.id} ${a.title}`);
        runtime.out(`  Theme: ${a.theme}; plan ${a.plan}; ${a.classification}`);
        runtime.out(`  Status: ${STATUS_LABELS[a.status]}; RAG: ${r ? `${r.label} (${r.reason})` : 'n/a'}`);
        runtime.out(`  Lead: ${a.lead.name} (${a.leadAgency}); partners: ${a.partners.join(', ') || 'none'}`);
        runtime.out(`  Target: ${formatDate(a.targetDate)} (original ${formatDate(a.originalTargetDate)})${a.committeeFlag ? '; flagged for the committee' : ''}`);
        runtime.out(`  Latest update: ${a.latestUpdate ? `${a.latestUpdate.text} (${a.latestUpdate.author}, ${a.latestUpdate.asOf})` : 'none'}`);
        runtime.out('  History:');
        for (const h of await repo.history(a.id)) runtime.out(`    ${h.at.slice(0, 16).replace('T', ' ')}  v${h.version}  ${h.actorName} via ${h.channel}: ${describeChange(h)}${h.note ? ` (${h.note})` : ''}`);
      });
    });
}
