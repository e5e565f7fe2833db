import { partnershipOf, type AppDeps } from '../deps';
import type { RequestContext } from '../../core/turn';
import { hasAtLeast } from '../../core/roles';
import { PersonRepo } from '../../store/personRepo';
import { ActionRepo } from '../../store/actionRepo';

/** The dataset name a card's people picker asks the bot to search (`Data.Query`). */
export const PEOPLE_DATASET = 'csp.people';

/** Most static choices a picker carries for clients without `Data.Query`; the search finds the rest. */
export const STATIC_PEOPLE = 40;

export interface KnownPerson {
  aadObjectId: string;
  name: string;
}

/**
 * Everyone who can be picked by AAD object id and name: the store's directory (people who have
 * talked to the bot, people given a role, imported plans' leads once linked to Teams) and the
 * leads of the plan's actions. A lead an imported plan names but Teams has not yet linked cannot
 * be picked: permissions follow the AAD id, which they do not have yet.
 */
export async function knownPeople(deps: AppDeps): Promise<KnownPerson[]> {
  const byId = new Map<string, string>();
  const add = (aad: string | null, name: string | null) => {
    if (aad && name && name.trim() && !byId.has(aad)) byId.set(aad, name.trim());
  };
  for (const p of await new PersonRepo(deps.store).directory(partnershipOf(deps))) add(p.aadObjectId, p.name);
  for (const a of await new ActionRepo(deps.store, partnershipOf(deps)).list()) add(a.lead.aadObjectId, a.lead.name);
  return [...byId].map(([aadObjectId, name]) => ({ aadObjectId, name })).sort((a, b) => a.name.localeCompare(b.name) || a.aadObjectId.localeCompare(b.aadObjectId));
}

function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9@.]+/g, ' ').trim();
}

/**
 * People whose name has a word starting with every word typed ("jo whit", "price"), those whose
 * name starts with the text first. What the people picker's type-ahead shows.
 */
export function matchPeople(people: readonly KnownPerson[], text: string, options: { skip?: number; top?: number } = {}): KnownPerson[] {
  const words = fold(text).split(' ').filter(Boolean);
  const top = Math.min(Math.max(options.top ?? 15, 1), 50);
  const skip = Math.max(options.skip ?? 0, 0);
  const hits = people.filter((p) => {
    const name = fold(p.name).split(' ');
    return words.every((w) => name.some((n) => n.startsWith(w)));
  });
  const starts = (p: KnownPerson) => (fold(p.name).startsWith(words.join(' ')) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name)).slice(skip, skip + top);
}

/** The people picker's search, for the bot's `application/search` invoke. */
export async function searchPeople(deps: AppDeps, text: string, options: { skip?: number; top?: number } = {}): Promise<{ title: string; value: string }[]> {
  return matchPeople(await knownPeople(deps), text.slice(0, 100), options).map((p) => ({ title: p.name, value: p.aadObjectId }));
}

/**
 * An `Input.ChoiceSet` that searches the people the bot knows as you type (Teams' `Data.Query`),
 * with the first of them as static choices for clients that cannot search.
 */
export function peoplePicker(input: { id: string; label: string; people: readonly KnownPerson[]; value?: string; isRequired?: boolean; errorMessage?: string }): Record<string, unknown> {
  const chosen = input.value ? input.people.find((p) => p.aadObjectId === input.value) : undefined;
  const statics = input.people.slice(0, STATIC_PEOPLE);
  if (chosen && !statics.includes(chosen)) statics.unshift(chosen);
  return {
    type: 'Input.ChoiceSet',
    id: input.id,
    label: input.label,
    style: 'filtered',
    placeholder: 'Type a name',
    isRequired: input.isRequired ?? true,
    errorMessage: input.errorMessage ?? 'Choose a person.',
    ...(chosen ? { value: chosen.aadObjectId } : {}),
    choices: statics.map((p) => ({ title: p.name, value: p.aadObjectId })),
    'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET, count: 15 },
  };
}

/**
 * The bot's answer to a `Data.Query` search: the people picker's dataset, for coordinators and
 * admins (who are the ones picking people); nobody else is shown the directory.
 */
export function peopleSearch(deps: AppDeps) {
  return async (dataset: string, text: string, options: { skip: number; top: number }, ctx: RequestContext): Promise<{ title: string; value: string }[] | undefined> => {
    if (dataset !== PEOPLE_DATASET) return undefined;
    if (!hasAtLeast(ctx.actor.role, 'coordinator')) return [];
    return searchPeople(deps, text, options);
  };
}
