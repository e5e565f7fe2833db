import type { Answer } from '../../core/answer';
import type { Query } from '../../core/query';
import type { AreaPack } from '../../domain/areas/pack';
import type { CardJson } from '../../core/turn';
import { isCrimeIntent } from '../crime/answer';
import { renderAreaFiguresCard } from '../crime/cards';

/**
 * Link unfurling for police.uk: a neighbourhood page or its crime map
 * (https://www.police.uk/pu/your-area/<force>/<neighbourhood>/…) pasted into a message becomes a
 * card of that area's figures, when the neighbourhood is one the area pack knows by name or alias.
 * Police neighbourhoods are not wards: only an exact name match is trusted, so a link the bot
 * cannot place is declined (no card) rather than answered for a nearby area.
 */

/** Hosts whose links the bot unfurls (listed in the manifest's message handlers). */
export const POLICE_UK_HOSTS: readonly string[] = ['www.police.uk', 'police.uk'];

/** The force and neighbourhood slugs of a police.uk neighbourhood link; undefined for any other link. */
export function neighbourhoodOfLink(link: string): { force: string; neighbourhood: string } | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || !POLICE_UK_HOSTS.includes(url.hostname.toLowerCase())) return undefined;
  const parts = url.pathname.split('/').filter((p) => p !== '').map((p) => safeDecode(p).toLowerCase());
  // pu/your-area/<force>/<neighbourhood>[/<page>]
  if (parts.length < 4 || parts[0] !== 'pu' || parts[1] !== 'your-area') return undefined;
  const [force, neighbourhood] = [parts[2], parts[3]];
  if (!/^[a-z0-9-]+$/.test(force) || !/^[a-z0-9-]+$/.test(neighbourhood)) return undefined;
  return { force, neighbourhood };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** "Brampton East & Boythorpe", "brampton-east-and-boythorpe" → "brampton east and boythorpe". */
export function slugWords(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * The pack's own name for a neighbourhood slug: a ward (of any ward set), a named group, or an
 * alias of either; undefined when the link's force is not the pack's or the name is not known.
 */
export function areaNameForNeighbourhood(pack: AreaPack, link: { force: string; neighbourhood: string }): string | undefined {
  // police.uk names forces "derbyshire-constabulary"; the API's force id is "derbyshire".
  const force = pack.policeForce.toLowerCase();
  if (link.force !== force && !link.force.startsWith(`${force}-`)) return undefined;
  const wanted = slugWords(link.neighbourhood);
  const names = new Map<string, string>();
  const add = (alias: string, name: string) => {
    if (!names.has(slugWords(alias))) names.set(slugWords(alias), name);
  };
  // Latest ward set first: a name kept across a boundary review means the current ward.
  const sets = [...pack.wardSets].sort((a, b) => b.from.localeCompare(a.from));
  for (const set of sets) for (const w of set.wards) add(w.name, w.name);
  for (const g of pack.groups) [g.name, ...g.aliases].forEach((a) => add(a, g.name));
  const wardName = new Map(sets.flatMap((s) => s.wards.map((w) => [w.code, w.name] as const)));
  for (const [code, aliases] of Object.entries(pack.wardAliases)) {
    const name = wardName.get(code);
    if (name) aliases.forEach((a) => add(a, name));
  }
  return names.get(wanted);
}

export interface UnfurlPorts {
  read(text: string): Promise<Query> | Query;
  answer(query: Query): Promise<{ answer: Answer }>;
}

/**
 * The figures card for a police.uk link, or undefined to decline. The area is asked about in
 * words, as a councillor would, so that the ward set in force for the data is chosen the same
 * way as in chat; an answer about any other area than the one named is not used.
 */
export async function unfurlPoliceUkLink(link: string, pack: AreaPack, ports: UnfurlPorts): Promise<CardJson | undefined> {
  const parsed = neighbourhoodOfLink(link);
  if (!parsed) return undefined;
  const name = areaNameForNeighbourhood(pack, parsed);
  if (!name) return undefined;
  const answers: Answer[] = [];
  for (const question of [`crime in ${name}`, `ASB in ${name}`]) {
    const query = await ports.read(question);
    if (!isCrimeIntent(query.intent) || !query.area || slugWords(query.area.name) !== slugWords(name)) return undefined;
    const { answer } = await ports.answer(query);
    if (answer.total === null || answer.total === undefined || !answer.period) return undefined;
    answers.push(answer);
  }
  return renderAreaFiguresCard(name, answers, link);
}
