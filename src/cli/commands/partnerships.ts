import type { Command } from 'commander';
import { withDeps, type CliRuntime } from '../runtime';
import { group, UsageError } from '../group';
import { PartnershipDirectory } from '../../features/partnerships/directory';
import { ConversationRepo } from '../../store/conversationRepo';
import { PartnershipRepo } from '../../store/partnershipRepo';
import { SimilarGroupRepo } from '../../store/similarGroupRepo';

const DB_HELP = 'database URL (else DATABASE_URL)';

/** `csp partnerships …`: which partnership each team or chat answers for, when a deployment serves several. */
export function register(program: Command, runtime: CliRuntime): void {
  const p = group(program, 'partnerships', 'Partnerships served: bind a team or chat to its partnership');
  p.command('list')
    .description('Known conversations and the partnership each answers for')
    .option('--db <url>', DB_HELP)
    .action(async (o: { db?: string }) => {
      await withDeps(runtime, o.db, async (deps) => {
        const directory = new PartnershipDirectory(deps.store, deps.pack);
        const bound = new Map((await new PartnershipRepo(deps.store).list()).map((b) => [b.conversationKey, b]));
        const name = async (code: string) => (await directory.byCode(code))?.district.name ?? `${code} (areas no longer loaded)`;
        runtime.out(`Default partnership: ${deps.pack.district.name} (${deps.pack.district.code}).`);
        for (const c of await new ConversationRepo(deps.store).list()) {
          const b = bound.get(c.key);
          runtime.out(`${c.key}\t${c.conversationType}\t${b ? `${await name(b.district)} (bound ${b.boundAt.slice(0, 10)})` : 'default'}`);
          bound.delete(c.key);
        }
        for (const b of bound.values()) runtime.out(`${b.conversationKey}\t(not seen by this bot yet)\t${await name(b.district)}`);
      });
    });
  p.command('bind <conversation-key> <district>')
    .description('Make a conversation (its key from `csp partnerships list`) answer for a partnership, by district code or name')
    .option('--db <url>', DB_HELP)
    .action(async (key: string, district: string, o: { db?: string }) => {
      await withDeps(runtime, o.db, async (deps) => {
        const found = await new PartnershipDirectory(deps.store, deps.pack).find(district);
        if (found.length !== 1) {
          throw new UsageError(found.length === 0 ? `No partnership "${district}" in this store (load its areas with \`csp areas import-lookup\`).` : `"${district}" could be ${found.map((f) => f.district.code).join(' or ')}: give the code.`);
        }
        await new PartnershipRepo(deps.store).bind(key, found[0].district.code, 'cli', deps.clock.now());
        runtime.out(`${key} now answers for ${found[0].district.name} (${found[0].district.code}).`);
      });
    });
  p.command('similar <district>')
    .description("A partnership's most similar group for comparisons: show it, set it (--set), or go back to the one worked out from the store (--clear)")
    .option('--set <codes>', 'comma-separated district codes of the group')
    .option('--how <text>', 'how the group was chosen, repeated in answers', 'set by the partnership')
    .option('--clear', 'forget the set group: answers work one out from the store')
    .option('--db <url>', DB_HELP)
    .action(async (district: string, o: { set?: string; how: string; clear?: boolean; db?: string }) => {
      await withDeps(runtime, o.db, async (deps) => {
        const directory = new PartnershipDirectory(deps.store, deps.pack);
        const found = await directory.find(district);
        if (found.length !== 1) throw new UsageError(`No single partnership "${district}" in this store.`);
        const code = found[0].district.code;
        const repo = new SimilarGroupRepo(deps.store);
        if (o.clear) {
          await repo.clear(code);
          runtime.out(`${found[0].district.name}'s most similar group is now worked out from what the store holds.`);
          return;
        }
        if (o.set !== undefined) {
          const members = o.set.split(/[\s,]+/).filter(Boolean);
          const unknown = [];
          for (const m of members) if (!(await directory.byCode(m))) unknown.push(m);
          if (members.length === 0 || members.some((m) => !/^[EW]0[6-9]\d{6}$/.test(m))) throw new UsageError(`--set must list district codes such as E07000033, got "${o.set}"`);
          await repo.set({ district: code, members, how: o.how }, deps.clock.now());
          runtime.out(`${found[0].district.name}'s most similar group: ${members.join(', ')} (${o.how}).`);
          if (unknown.length > 0) runtime.err(`Note: not loaded in this store yet, so left out of comparisons until they are: ${unknown.join(', ')}.`);
          return;
        }
        const g = await repo.get(code);
        runtime.out(g ? `${found[0].district.name}: ${g.members.join(', ')} (${g.how}).` : `${found[0].district.name}: none set; answers work one out from population density and the mix of crime.`);
      });
    });

  p.command('unbind <conversation-key>')
    .description('Make a conversation answer for the default partnership again')
    .option('--db <url>', DB_HELP)
    .action(async (key: string, o: { db?: string }) => {
      await withDeps(runtime, o.db, async (deps) => {
        const removed = await new PartnershipRepo(deps.store).unbind(key);
        runtime.out(removed ? `${key} answers for the default partnership, ${deps.pack.district.name}, again.` : `${key} was not bound; it answers for ${deps.pack.district.name}.`);
      });
    });
}
