import type { Answer, AreaRef, Source } from '../../core/answer';
import type { Query } from '../../core/query';
import type { AreaPack } from '../../domain/areas/pack';
import { ALL_CRIME_KEY } from '../../domain/crime/counts';
import { categoryBySlug, isLocalMeasure, POLICE_CATEGORIES } from '../../domain/crime/categories';
import { addMonths, formatMonth, formatPeriod, monthRange } from '../../domain/crime/periods';
import { DistrictProfile, similarDistricts } from '../../domain/crime/similarity';
import type { CrimeRepo } from '../../store/crimeRepo';
import type { StoredSimilarGroup } from '../../store/similarGroupRepo';
import { CrimeQueries } from './queries';

/** England and Wales's local authority districts (2023 boundaries): 296 in England, 22 in Wales. */
export const DISTRICTS_IN_ENGLAND_AND_WALES = 318;

export interface DistrictComparisonDeps {
  /** The whole store (not one district): comparisons read several. */
  repo: CrimeRepo;
  /** Every district the store knows. */
  packs: () => Promise<AreaPack[]>;
  /** The partnership's own district. */
  own: AreaPack;
  similarGroup: (district: string) => Promise<StoredSimilarGroup | undefined>;
  suppressionThreshold: number;
}

interface Row {
  code: string;
  name: string;
  count: number;
  population: number;
}

const POLICE_SOURCES = ['police.uk', 'demo'];

export function populationOfPack(pack: AreaPack): number {
  return pack.lsoas.reduce((s, l) => s + l.population, 0);
}

function rate(count: number, population: number): number | null {
  return population > 0 ? Math.round((count / population) * 10000) / 10 : null;
}

const fmt = (n: number) => n.toLocaleString('en-GB');
const fmtRate = (r: number | null) => (r === null ? 'no rate (population not loaded)' : `${r.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} per 1,000 residents`);

function districtRef(p: AreaPack): AreaRef {
  return { code: p.district.code, name: p.district.name, type: 'district' };
}


/**
 * Answers "how does Chesterfield compare with Bolsover / Derbyshire / England and Wales / similar
 * areas": always as rates per 1,000 residents, over the same months and the same crime type for
 * every district; a district without every month of the period is left out and named, never
 * compared on fewer months; a group says how it was made.
 */
export async function answerDistrictComparison(query: Query, deps: DistrictComparisonDeps): Promise<Answer> {
  const cmp = query.districtComparison!;
  const packs = await deps.packs();
  const byCode = new Map(packs.map((p) => [p.district.code, p]));
  const subject = (cmp.subject && byCode.get(cmp.subject)) || deps.own;
  const slug = query.category?.slug ?? null;
  const categoryName = slug ? (categoryBySlug(slug)?.name ?? slug) : 'All crime';
  // Every answer, "nothing to compare" too, names the crime type asked about (the card's heading).
  const text = (answer: Omit<Answer, 'intent' | 'category'>): Answer => ({ intent: 'crime.compare_areas', category: slug ? { slug, name: categoryName } : null, ...answer });
  if (slug && isLocalMeasure(slug)) {
    return text({
      text: `${categoryName} comes from a local extract held for ${deps.own.district.name} only, so it cannot be compared with other districts. Comparisons between districts use police.uk's crime types.`,
      suggestions: [`How does ${subject.district.name} compare with similar areas?`],
    });
  }
  const category = slug ?? ALL_CRIME_KEY;
  const queries = new CrimeQueries(deps.repo.forDistrict(subject.district.code), subject, { suppressionThreshold: deps.suppressionThreshold });
  const resolved = await queries.resolve(query.period, slug);
  if (!resolved || resolved.noData) {
    return text({ text: `I hold no police.uk figures for ${subject.district.name}${resolved ? ` in ${formatPeriod(resolved.period)}` : ''}, so there is nothing to compare.` });
  }
  const period = resolved.period;
  const months = monthRange(period.from, period.to);
  const held = await deps.repo.importedMonthsByDistrict(POLICE_SOURCES, period.from, period.to);
  const missing = (code: string) => months.filter((m) => !held.get(code)?.has(m));
  const caveats: string[] = [...resolved.notes];
  const subjectMissing = missing(subject.district.code);
  if (subjectMissing.length > 0) {
    return text({
      text: `${subject.district.name} has no police.uk data for ${subjectMissing.map(formatMonth).join(', ')}, so it cannot be compared like with like over ${formatPeriod(period)}. Ask about a period it holds in full.`,
      period,
    });
  }

  // Who is compared.
  let members: AreaPack[];
  let groupLabel: string | null = null;
  let how: string | null = null;
  const v = cmp.versus;
  if (v.kind === 'districts') {
    members = v.codes.map((c) => byCode.get(c)).filter((p): p is AreaPack => !!p);
  } else if (v.kind === 'force') {
    members = packs.filter((p) => p.policeForce.toLowerCase() === v.force.toLowerCase());
    groupLabel = `${v.name} (the ${members.length} district${members.length === 1 ? '' : 's'} of the force this store holds)`;
  } else if (v.kind === 'country') {
    members = packs.filter((p) => /^[EW]/.test(p.district.code));
    groupLabel = members.length >= DISTRICTS_IN_ENGLAND_AND_WALES ? 'England and Wales' : `England and Wales as held here (${members.length} district${members.length === 1 ? '' : 's'})`;
    if (members.length < DISTRICTS_IN_ENGLAND_AND_WALES) {
      caveats.push(
        `Only ${members.length} of England and Wales's ${DISTRICTS_IN_ENGLAND_AND_WALES} districts are loaded, so this is not a national figure: load every district with \`csp areas import-lookup --all\` and import every force's police.uk files.`,
      );
    }
  } else {
    const stored = await deps.similarGroup(subject.district.code);
    if (stored) {
      members = stored.members.map((c) => byCode.get(c)).filter((p): p is AreaPack => !!p);
      how = stored.how;
      const absent = stored.members.filter((c) => !byCode.has(c));
      if (absent.length > 0) caveats.push(`${absent.length} district(s) of the group are not loaded in this store and are left out: ${absent.join(', ')}.`);
    } else {
      // Made from the 12 months to the period's end (those the district holds), the same for every district.
      const window = await deps.repo.importedMonthsByDistrict(POLICE_SOURCES, addMonths(period.to, -11), period.to);
      const ownMonths = [...(window.get(subject.district.code) ?? [])].sort();
      const mixFrom = ownMonths[0] ?? period.from;
      const mixMonths = monthRange(mixFrom, period.to).filter((m) => ownMonths.includes(m));
      const mixHeld = window;
      const complete = packs.filter((p) => mixMonths.every((m) => mixHeld.get(p.district.code)?.has(m)));
      const totals = await deps.repo.districtCategoryTotals(mixFrom, period.to, POLICE_CATEGORIES.map((c) => c.slug));
      const mixes = new Map<string, Map<string, number>>();
      for (const t of totals) mixes.set(t.district, (mixes.get(t.district) ?? new Map<string, number>()).set(t.category, t.count));
      const profile = (p: AreaPack): DistrictProfile => {
        const hectares = p.lsoas.every((l) => l.hectares !== undefined) ? p.lsoas.reduce((s, l) => s + (l.hectares ?? 0), 0) : undefined;
        return { code: p.district.code, name: p.district.name, population: populationOfPack(p), hectares, mix: mixes.get(p.district.code) ?? new Map() };
      };
      const group = similarDistricts(profile(subject), complete.map(profile), `${formatMonth(mixFrom)} – ${formatMonth(period.to)}`);
      members = group.members.map((c) => byCode.get(c)!);
      how = group.how;
    }
    groupLabel = `its most similar group (${members.map((m) => m.district.name).join(', ') || 'no district'})`;
  }
  members = members.filter((m) => m.district.code !== subject.district.code || v.kind === 'force' || v.kind === 'country');
  if (members.length === 0) {
    const why =
      v.kind === 'similar'
        ? `no other district in this store has police.uk data for every month of the 12 months to ${formatMonth(period.to)}`
        : v.kind === 'force'
          ? `this store holds no district of ${v.name}`
          : 'this store holds none of the districts named';
    return text({ text: `I cannot compare ${subject.district.name} with that: ${why}. Load districts with \`csp areas import-lookup\` and their police.uk files.`, period });
  }

  // Like with like: the same months for everyone; districts lacking any are left out and named.
  const leftOut: string[] = [];
  const noPopulation: string[] = [];
  const usable = members.filter((m) => {
    const gaps = missing(m.district.code);
    if (gaps.length > 0) {
      leftOut.push(`${m.district.name} (no data for ${gaps.length === months.length ? 'any of these months' : gaps.map(formatMonth).join(', ')})`);
      return false;
    }
    if (populationOfPack(m) === 0) {
      noPopulation.push(m.district.name);
      return false;
    }
    return true;
  });
  if (leftOut.length > 0) caveats.push(`Left out, so that every district covers the same months: ${leftOut.join('; ')}.`);
  if (noPopulation.length > 0) caveats.push(`Left out, as no population is loaded for them (rates need one): ${noPopulation.join(', ')}.`);
  const codes = [...new Set([subject.district.code, ...usable.map((m) => m.district.code)])];
  const counts = new Map<string, number>();
  for (const r of await deps.repo.districtMonthTotals(codes, [category], period.from, period.to)) counts.set(r.district, (counts.get(r.district) ?? 0) + r.count);
  const row = (p: AreaPack): Row => ({ code: p.district.code, name: p.district.name, count: counts.get(p.district.code) ?? 0, population: populationOfPack(p) });
  const own = row(subject);
  const ownRate = rate(own.count, own.population);
  const rows = usable.map(row);
  const heading = `${categoryName}, ${formatPeriod(period)}, per 1,000 residents (the same months and crime type for every district):`;
  const sentences = [heading, `${own.name}: ${fmtRate(ownRate)} (${fmt(own.count)}).`];
  let ranking: NonNullable<Answer['ranking']>;
  if (groupLabel === null) {
    for (const r of rows) sentences.push(`${r.name}: ${fmtRate(rate(r.count, r.population))} (${fmt(r.count)}).`);
    for (const r of rows) {
      const other = rate(r.count, r.population);
      if (ownRate !== null && other !== null && other > 0) {
        const diff = Math.round(((ownRate - other) / other) * 100);
        sentences.push(diff === 0 ? `${own.name}'s rate is about the same as ${r.name}'s.` : `${own.name}'s rate is ${Math.abs(diff)}% ${diff > 0 ? 'higher' : 'lower'} than ${r.name}'s.`);
      }
    }
    ranking = [own, ...rows].map((r) => ({ area: { code: r.code, name: r.name }, count: r.count, per1000: rate(r.count, r.population) }));
  } else {
    if (rows.length === 0) {
      return text({ text: `${heading} ${own.name}: ${fmtRate(ownRate)}. None of ${groupLabel} covers every month of the period, so there is nothing to compare with.`, period, caveats });
    }
    // A group of the district alone would compare it with itself.
    if (rows.every((r) => r.code === own.code)) {
      const group = v.kind === 'force' ? v.name : 'England and Wales';
      return text({
        text: `${heading} ${own.name}: ${fmtRate(ownRate)} (${fmt(own.count)}). ${own.name} is the only district of ${group} this store holds figures for, so there is nothing to compare it with. Load other districts with \`csp areas import-lookup\` and their police.uk files.`,
        period,
        caveats,
      });
    }
    const sum = rows.reduce((s, r) => s + r.count, 0);
    const pop = rows.reduce((s, r) => s + r.population, 0);
    const groupRate = rate(sum, pop);
    sentences.push(`${capitalise(groupLabel)}: ${fmtRate(groupRate)} (${fmt(sum)} over ${rows.length} district${rows.length === 1 ? '' : 's'}).`);
    if (ownRate !== null && groupRate !== null && groupRate > 0) {
      const diff = Math.round(((ownRate - groupRate) / groupRate) * 100);
      sentences.push(diff === 0 ? `${own.name}'s rate is about the same as the group's.` : `${own.name}'s rate is ${Math.abs(diff)}% ${diff > 0 ? 'higher' : 'lower'} than the group's.`);
    }
    const all = [...rows.filter((r) => r.code !== own.code), own].map((r) => ({ area: { code: r.code, name: r.name }, count: r.count, per1000: rate(r.count, r.population) }));
    all.sort((a, b) => (b.per1000 ?? -1) - (a.per1000 ?? -1) || a.area.name.localeCompare(b.area.name));
    const position = all.findIndex((r) => r.area.code === own.code) + 1;
    if (all.length > 2) sentences.push(`By rate, ${own.name} is ${ordinal(position)} highest of these ${all.length} districts.`);
    if (how) sentences.push(`How the group was made: ${how}`);
    ranking = all;
  }
  const sources: Source[] = await queries.provenance(slug);
  return text({
    area: districtRef(subject),
    areas: [districtRef(subject), ...usable.filter((m) => m.district.code !== subject.district.code).map(districtRef)],
    period,
    total: own.count,
    ranking,
    text: sentences.join(' '),
    caveats,
    sources,
    suggestions: [`How does ${subject.district.name} compare with similar areas?`, `Which wards of ${subject.district.name} have the most crime?`],
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
