import type { AreaPack, AreaRef, Ward, WardSet } from './pack';

/**
 * The ward set in force in a month: the one in force on the 15th, i.e. for most of the month
 * (Chesterfield's 2023 wards began on 4 May 2023, so May 2023 counts in the new wards).
 */
export function wardSetInForce(pack: AreaPack, month: string): WardSet | undefined {
  return wardSetOn(pack, `${month}-15`);
}

/** The ward set in force on a day (YYYY-MM-DD). */
export function wardSetOn(pack: AreaPack, day: string): WardSet | undefined {
  return pack.wardSets.find((s) => s.from <= day && (s.to === null || day <= s.to));
}

/** Ward sets sorted by start date. */
function sortedSets(pack: AreaPack): WardSet[] {
  return [...pack.wardSets].sort((a, b) => a.from.localeCompare(b.from));
}

/** The ward set that started last: the current wards, when no month says otherwise. */
export function latestWardSet(pack: AreaPack): WardSet | undefined {
  return sortedSets(pack).at(-1);
}

/** First and last month (YYYY-MM) a ward set is used for, by the 15th-of-the-month rule. */
export function wardSetMonths(set: WardSet): { from: string; to: string | null } {
  const from = set.from.slice(8) <= '15' ? set.from.slice(0, 7) : nextMonth(set.from.slice(0, 7));
  const to = set.to === null ? null : set.to.slice(8) >= '15' ? set.to.slice(0, 7) : previousMonth(set.to.slice(0, 7));
  return { from, to };
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
function previousMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/**
 * The stretches of [from, to] (inclusive months) covered by each ward set. Months before the
 * first set are counted in the first set and months after the last in the last, so every month
 * of data rolls up somewhere.
 */
export function wardSetSpans(pack: AreaPack, from: string, to: string): { set: WardSet; from: string; to: string }[] {
  const sets = sortedSets(pack);
  const spans: { set: WardSet; from: string; to: string }[] = [];
  sets.forEach((set, i) => {
    const m = wardSetMonths(set);
    const start = i === 0 ? '0000-01' : m.from;
    const end = i === sets.length - 1 ? '9999-12' : (m.to ?? '9999-12');
    const f = from > start ? from : start;
    const t = to < end ? to : end;
    if (f <= t) spans.push({ set, from: f, to: t });
  });
  return spans;
}

/** The ward set used for a month, falling back to the nearest set outside their dates. */
export function wardSetFor(pack: AreaPack, month: string): WardSet {
  const span = wardSetSpans(pack, month, month)[0];
  if (!span) throw new Error(`area pack ${pack.district.code} has no ward sets`);
  return span.set;
}

const bestFitCache = new WeakMap<WardSet, Map<string, string>>();

/**
 * Each LSOA's best-fit ward in a set: the ward holding its largest share. Counts roll up whole
 * LSOAs to one ward, so every ward figure stays a whole number; where an LSOA straddles a
 * boundary (13 of Chesterfield's 69 in the 2023 set) the ward totals are approximate.
 */
export function bestFitWards(set: WardSet): Map<string, string> {
  let map = bestFitCache.get(set);
  if (!map) {
    const best = new Map<string, { ward: string; share: number }>();
    for (const row of set.lookup) {
      const cur = best.get(row.lsoa);
      if (!cur || row.share > cur.share || (row.share === cur.share && row.ward < cur.ward)) best.set(row.lsoa, { ward: row.ward, share: row.share });
    }
    map = new Map([...best].map(([lsoa, b]) => [lsoa, b.ward]));
    bestFitCache.set(set, map);
  }
  return map;
}

const wardLsoasCache = new WeakMap<WardSet, Map<string, string[]>>();

/** LSOAs whose best-fit ward in this set is `wardCode`. */
export function lsoasOfWard(set: WardSet, wardCode: string): string[] {
  let map = wardLsoasCache.get(set);
  if (!map) {
    map = new Map<string, string[]>();
    for (const [lsoa, ward] of bestFitWards(set)) map.set(ward, [...(map.get(ward) ?? []), lsoa]);
    wardLsoasCache.set(set, map);
  }
  return [...(map.get(wardCode) ?? [])];
}

/** The ward with this code in any set, and the set it belongs to. */
export function findWard(pack: AreaPack, code: string): { ward: Ward; set: WardSet } | undefined {
  for (const set of pack.wardSets) {
    const ward = set.wards.find((w) => w.code === code);
    if (ward) return { ward, set };
  }
  return undefined;
}

/** An area of the pack by its code: a ward of any set, a group, or the district. */
export function areaByCode(pack: AreaPack, code: string): AreaRef | undefined {
  if (code === pack.district.code) return { code, name: pack.district.name, type: 'district' };
  const group = pack.groups.find((g) => g.code === code);
  if (group) return { code, name: group.name, type: 'group' };
  const w = findWard(pack, code);
  return w && { code, name: w.ward.name, type: 'ward' };
}

export function districtArea(pack: AreaPack): AreaRef {
  return { code: pack.district.code, name: pack.district.name, type: 'district' };
}

const lsoaPopulationCache = new WeakMap<AreaPack, Map<string, number>>();
const wardPopulationCache = new WeakMap<WardSet, Map<string, number>>();

function lsoaPopulations(pack: AreaPack): Map<string, number> {
  let map = lsoaPopulationCache.get(pack);
  if (!map) {
    map = new Map(pack.lsoas.map((l) => [l.code, l.population]));
    lsoaPopulationCache.set(pack, map);
  }
  return map;
}

/** Residents of every ward of a set, by best-fit LSOAs. */
export function wardPopulations(pack: AreaPack, set: WardSet): Map<string, number> {
  let map = wardPopulationCache.get(set);
  if (!map) {
    const pop = lsoaPopulations(pack);
    map = new Map(set.wards.map((w) => [w.code, 0]));
    for (const [lsoa, ward] of bestFitWards(set)) map.set(ward, (map.get(ward) ?? 0) + (pop.get(lsoa) ?? 0));
    wardPopulationCache.set(set, map);
  }
  return map;
}

/** Residents of an area: a ward by its best-fit LSOAs, a group by its LSOAs, the district in all. */
export function populationOf(pack: AreaPack, area: AreaRef): number {
  const pop = lsoaPopulations(pack);
  const sum = (codes: string[]) => codes.reduce((s, c) => s + (pop.get(c) ?? 0), 0);
  if (area.type === 'district') return sum(pack.lsoas.map((l) => l.code));
  if (area.type === 'group') return sum(pack.groups.find((g) => g.code === area.code)?.lsoas ?? []);
  const w = findWard(pack, area.code);
  return w ? (wardPopulations(pack, w.set).get(area.code) ?? 0) : 0;
}

/** Folds case, apostrophes, "&"/"and", "St."/"Saint" and a trailing "ward" so that names match as people type them. */
export function normaliseAreaName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019'`.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bward\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Areas whose name or alias matches `text` exactly (after normalising). Wards of the set in
 * force in `month` (default: the newest set) come first and shadow same-named wards of other
 * sets; an old ward is returned only when no current area matches. More than one result means
 * the name is ambiguous and the caller should ask.
 */
export function resolveAreaName(pack: AreaPack, text: string, month?: string): AreaRef[] {
  const key = normaliseAreaName(text);
  if (!key) return [];
  const matches = (names: string[]) => names.some((n) => normaliseAreaName(n) === key);
  const found: AreaRef[] = [];
  if (matches([pack.district.name, ...pack.district.aliases])) found.push(districtArea(pack));
  for (const g of pack.groups) if (matches([g.name, ...g.aliases])) found.push({ code: g.code, name: g.name, type: 'group' });
  const sets = sortedSets(pack);
  const current = month ? wardSetFor(pack, month) : sets[sets.length - 1];
  const wardMatches = (set: WardSet | undefined): AreaRef[] =>
    (set?.wards ?? [])
      .filter((w) => matches([w.name, ...(pack.wardAliases[w.code] ?? [])]))
      .map((w) => ({ code: w.code, name: w.name, type: 'ward' as const }));
  // A ward's own name beats a group or district alias ("Chesterfield" is never a ward, but be safe).
  const inForce = wardMatches(current);
  if (inForce.length > 0 || found.length > 0) return [...found, ...inForce];
  for (const set of [...sets].reverse()) {
    if (set === current) continue;
    const older = wardMatches(set);
    if (older.length > 0) return older;
  }
  return [];
}

/** Every area of the pack a question may name, for the parser's vocabulary: names and aliases. */
export function areaVocabulary(pack: AreaPack): { phrase: string; code: string }[] {
  const out: { phrase: string; code: string }[] = [];
  for (const p of [pack.district.name, ...pack.district.aliases]) out.push({ phrase: p, code: pack.district.code });
  for (const g of pack.groups) for (const p of [g.name, ...g.aliases]) out.push({ phrase: p, code: g.code });
  for (const set of pack.wardSets) for (const w of set.wards) for (const p of [w.name, ...(pack.wardAliases[w.code] ?? [])]) out.push({ phrase: p, code: w.code });
  return out;
}
