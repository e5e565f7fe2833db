import type { AreaPack, AreaRef, WardSet } from '../../domain/areas/pack';
import { bestFitWards, findWard, lsoasOfWard, wardPopulations, wardSetFor, wardSetMonths, wardSetSpans } from '../../domain/areas/resolve';
import type { CategoryRef, Period, Source } from '../../core/answer';
import { categoryBySlug, isLocalMeasure, POLICE_CATEGORIES } from '../../domain/crime/categories';
import { formatMonthLong, monthRange, resolvePeriod, ResolvedPeriod } from '../../domain/crime/periods';
import type { PeriodSpec } from '../../core/query';
import { ALL_CRIME_KEY, AreaSlice, CountFacts, CrimeCounts, StoredSlice } from '../../domain/crime/counts';
import { wardLookupFingerprint } from '../../domain/areas/wardLookup';
import type { DataSnapshot } from '../../store/snapshot';

export interface SeriesPoint {
  month: string;
  /** 0 when suppressed: never show it, show "fewer than N". */
  count: number;
  suppressed?: boolean;
}

export interface TotalResult {
  /** 0 when suppressed. */
  count: number;
  suppressed: boolean;
}

export interface RankingRow {
  area: { code: string; name: string };
  /** 0 when suppressed. */
  count: number;
  /** Per 1,000 residents, one decimal; null when suppressed or the population is unknown. */
  per1000: number | null;
  suppressed?: boolean;
}

export interface BreakdownRow {
  category: CategoryRef;
  count: number;
}

export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.';
export const SAMPLE_DATA_SOURCE = 'Sample data (synthetic)';

const POLICE_SOURCES = ['police.uk', 'demo'];

export interface CrimeQueriesOptions {
  suppressionThreshold: number;
  /**
   * What is known of the district's stored counts (see `at`). Without it nothing is taken for
   * granted: wards are read from their LSOAs' counts and the counts stored by ward, which is
   * always right, only slower.
   */
  facts?: () => Promise<CountFacts>;
}

/** How an area's counts are read: wards from their month totals or their LSOAs' counts; counts stored by ward or not. */
interface ReadPlan {
  wardTotals: boolean;
  wardRows: boolean;
}

/**
 * Crime figures for one district, read from the store and rolled up to wards through the ward
 * set in force each month. A ward's count for a month is the rows stored for that ward (police.uk
 * API data is fetched by ward polygon) plus the rows of the LSOAs whose best-fit ward it is in
 * that month's ward set; a group's is its LSOAs plus any ward wholly made of its LSOAs; the
 * district's is everything.
 *
 * Small-number suppression (local measures only; police.uk data is published already): at ward
 * and group level a month count from 1 to threshold − 1 is shown as "fewer than N". A ward or
 * group TOTAL of a local measure is suppressed when it is itself below the threshold or when any
 * month in it is suppressed, because the total minus the shown months would reveal the hidden
 * ones. District figures are never suppressed. A suppressed figure carries count 0 and
 * `suppressed: true`, so the real small number never leaves this module.
 */
export class CrimeQueries {
  private readonly threshold: number;

  constructor(
    private readonly repo: CrimeCounts,
    private readonly pack: AreaPack,
    private readonly options: CrimeQueriesOptions,
  ) {
    this.threshold = options.suppressionThreshold;
  }

  /**
   * These figures as a turn reads them at one version of the data: what is known of the
   * district's counts (whether its ward month totals follow this pack's lookup, which categories
   * it stores by ward) is read once per version and kept in the snapshot, so that a ward is read
   * from its month totals, and counts stored by ward only where there are some.
   */
  at(snapshot: DataSnapshot): CrimeQueries {
    const district = this.repo.district ?? null;
    return new CrimeQueries(this.repo, this.pack, {
      ...this.options,
      facts: () => snapshot.keep('crime.countFacts', ['crime'], [district], () => this.repo.facts()),
    });
  }

  /** A local measure's own extracts (or demo data), else police.uk (or demo) data for every other category and all crime. */
  sourceOf(categorySlug: string | null): string {
    return categorySlug !== null && isLocalMeasure(categorySlug) ? `local:${categorySlug}` : 'police.uk';
  }

  /** Latest month with data: of police.uk (or demo) data by default, or of a given category's source. */
  async latestMonth(categorySlug?: string | null): Promise<string | null> {
    return (await this.dataRange(categorySlug))?.latest ?? null;
  }

  async earliestMonth(categorySlug?: string | null): Promise<string | null> {
    return (await this.dataRange(categorySlug))?.earliest ?? null;
  }

  /** First and last months imported for the source that holds this category; null when nothing is loaded. */
  async dataRange(categorySlug?: string | null): Promise<{ earliest: string; latest: string } | null> {
    let earliest: string | null;
    let latest: string | null;
    if (categorySlug && isLocalMeasure(categorySlug)) {
      const [le, ll, de, dl] = await Promise.all([
        this.repo.earliestMonth('local', [categorySlug]),
        this.repo.latestMonth('local', [categorySlug]),
        this.repo.earliestMonth('demo'),
        this.repo.latestMonth('demo'),
      ]);
      earliest = minMonth(le, de);
      latest = maxMonth(ll, dl);
    } else {
      [earliest, latest] = await Promise.all([this.repo.earliestMonth(POLICE_SOURCES), this.repo.latestMonth(POLICE_SOURCES)]);
    }
    return earliest && latest ? { earliest, latest } : null;
  }

  /**
   * The months imported for the source that holds this category (police.uk or demo data for
   * police.uk categories and all crime; the local extracts of that measure, or demo data). A month
   * not in it is a gap: nothing was loaded, which is not the same as no crimes.
   */
  async importedMonths(categorySlug: string | null): Promise<ReadonlySet<string>> {
    const filter = categorySlug && isLocalMeasure(categorySlug) ? [{ source: ['local'], scope: [categorySlug] }, { source: ['demo'] }] : [{ source: POLICE_SOURCES }];
    const lists = await Promise.all(filter.map((f) => this.repo.imports(f)));
    return new Set(lists.flat().map((i) => i.month));
  }

  /** Resolves a period against the months held for this category (see periods.ts); null when nothing is loaded. */
  async resolve(spec: PeriodSpec | undefined, categorySlug: string | null, comparison?: 'previous' | 'year-on-year'): Promise<ResolvedPeriod | null> {
    const range = await this.dataRange(categorySlug);
    return range && resolvePeriod(spec, range, comparison);
  }

  /** Every month from `from` to `to`, zeros included. `categorySlug` null means all crime (police.uk categories except ASB). */
  async series(area: AreaRef, categorySlug: string | null, from: string, to: string): Promise<SeriesPoint[]> {
    const counts = await this.countsByMonth(area, categoriesFor(categorySlug), from, to);
    const byMonth = new Map(counts.map((c) => [c.month, c.count]));
    const suppress = this.suppresses(area, categorySlug);
    return monthRange(from, to).map((month) => {
      const count = byMonth.get(month) ?? 0;
      return suppress && this.isSmall(count) ? { month, count: 0, suppressed: true } : { month, count };
    });
  }

  /** The total for an area over a period. */
  async total(area: AreaRef, categorySlug: string | null, period: Period): Promise<TotalResult> {
    if (this.suppresses(area, categorySlug)) {
      const months = await this.series(area, categorySlug, period.from, period.to);
      if (months.some((m) => m.suppressed)) return { count: 0, suppressed: true };
      const count = months.reduce((s, m) => s + m.count, 0);
      return this.isSmall(count) ? { count: 0, suppressed: true } : { count, suppressed: false };
    }
    const counts = await this.countsByMonth(area, categoriesFor(categorySlug), period.from, period.to);
    return { count: counts.reduce((s, c) => s + c.count, 0), suppressed: false };
  }

  /** The ward set a ranking over this period uses: the one in force in its last month. */
  rankingWardSet(period: Period): WardSet {
    return wardSetFor(this.pack, period.to);
  }

  /**
   * Every ward of the ward set in force at the end of the period, highest count first (ties by
   * name), with the rate per 1,000 residents. Months of the period before that ward set began
   * count in no ward of it (see `notes`). Suppressed wards come last.
   */
  async ranking(categorySlug: string | null, period: Period): Promise<RankingRow[]> {
    const set = this.rankingWardSet(period);
    const categories = categoriesFor(categorySlug);
    const totals = new Map(set.wards.map((w) => [w.code, 0]));
    const hidden = new Set<string>();
    const local = categorySlug !== null && isLocalMeasure(categorySlug);
    const spans = wardSetSpans(this.pack, period.from, period.to).filter((s) => s.set === set);
    const plan = await this.plan(categories);
    const slices: AreaSlice[] = spans.map((s) => ({ areaType: plan.wardTotals ? 'ward-total' : 'lsoa', codes: 'all', from: s.from, to: s.to }));
    if (plan.wardRows) slices.push({ areaType: 'ward', codes: 'all', from: period.from, to: period.to });
    const toWard = (areaType: 'lsoa' | 'ward', code: string): string | undefined =>
      areaType === 'ward' ? (totals.has(code) ? code : undefined) : bestFitWards(set).get(code);
    if (local) {
      const cells = new Map<string, number>();
      for (const r of await this.repo.countsByAreaMonth(slices, categories)) {
        const ward = toWard(r.areaType, r.areaCode);
        if (!ward) continue;
        const key = `${ward}|${r.month}`;
        cells.set(key, (cells.get(key) ?? 0) + r.count);
      }
      for (const [key, count] of cells) {
        const ward = key.slice(0, key.indexOf('|'));
        totals.set(ward, (totals.get(ward) ?? 0) + count);
        if (this.isSmall(count)) hidden.add(ward);
      }
      for (const [ward, count] of totals) if (this.isSmall(count)) hidden.add(ward);
    } else {
      for (const r of await this.repo.countsByArea(slices, categories)) {
        const ward = toWard(r.areaType, r.areaCode);
        if (ward) totals.set(ward, (totals.get(ward) ?? 0) + r.count);
      }
    }
    const populations = wardPopulations(this.pack, set);
    const rows: RankingRow[] = set.wards.map((w) => {
      if (hidden.has(w.code)) return { area: { code: w.code, name: w.name }, count: 0, per1000: null, suppressed: true };
      const count = totals.get(w.code) ?? 0;
      const population = populations.get(w.code) ?? 0;
      return { area: { code: w.code, name: w.name }, count, per1000: population > 0 ? Math.round((count / population) * 10000) / 10 : null };
    });
    return rows.sort(
      (a, b) => Number(a.suppressed ?? false) - Number(b.suppressed ?? false) || b.count - a.count || a.area.name.localeCompare(b.area.name),
    );
  }

  /** Every police.uk category (ASB included) for the area over the period, highest first, zeros last by name. */
  async breakdown(area: AreaRef, period: Period): Promise<BreakdownRow[]> {
    const categories = POLICE_CATEGORIES.map((c) => c.slug);
    const counts =
      area.type === 'district'
        ? await this.repo.totalsByCategory(categories, period.from, period.to)
        : await this.repo.countsByCategory(this.slices(area, period.from, period.to, await this.plan(categories)), categories);
    const bySlug = new Map(counts.map((c) => [c.category, c.count]));
    return POLICE_CATEGORIES.map((c) => ({ category: { slug: c.slug, name: c.name }, count: bySlug.get(c.slug) ?? 0 })).sort(
      (a, b) => b.count - a.count || a.category.name.localeCompare(b.category.name),
    );
  }

  /** Where the figures for this category come from, and how current they are. */
  async provenance(categorySlug: string | null): Promise<Source[]> {
    const local = categorySlug !== null && isLocalMeasure(categorySlug);
    const demo = await this.repo.imports({ source: ['demo'] });
    if (demo.length > 0) return [{ name: SAMPLE_DATA_SOURCE, asOf: latestAsOf(demo) }];
    if (local) {
      const imports = await this.repo.imports({ source: ['local'], scope: [categorySlug] });
      const bySupplier = new Map<string, typeof imports>();
      for (const i of imports) {
        const key = i.sourceName ?? 'Local extract';
        bySupplier.set(key, [...(bySupplier.get(key) ?? []), i]);
      }
      return [...bySupplier].map(([supplier, list]) => ({
        name: `${supplier} extract (${[...new Set(list.map((i) => i.origin))].join(', ')})`,
        asOf: latestAsOf(list),
      }));
    }
    const police = await this.repo.imports({ source: ['police.uk'] });
    if (police.length === 0) return [];
    return [{ name: `police.uk street-level crime data. ${OGL_ATTRIBUTION}`, asOf: latestAsOf(police) }];
  }

  async isSampleData(): Promise<boolean> {
    return (await this.repo.datasetKind()) === 'demo';
  }

  /** Whether anything is loaded for this category (null: all crime). A local measure with no extract has no data. */
  async hasData(categorySlug: string | null): Promise<boolean> {
    if (categorySlug === null) return this.repo.hasCategory(ALL_CRIME_KEY);
    if (!isLocalMeasure(categorySlug) && (await this.repo.datasetKind()) !== 'empty') {
      // A police.uk category with no crimes in any month is still loaded data: zeros.
      return (await this.dataRange(categorySlug)) !== null;
    }
    return this.repo.hasCategory(categorySlug);
  }

  /** Plain caveats about how an area's figures over this period were put together. */
  notes(area: AreaRef | null, period: Period): string[] {
    const out: string[] = [];
    const spans = wardSetSpans(this.pack, period.from, period.to);
    if (spans.length > 1) {
      const next = spans[1];
      const change = `Ward boundaries changed in ${formatMonthLong(wardSetMonths(next.set).from)}`;
      if (area === null) {
        out.push(`${change}: this ranking uses the new wards, so months before the change are not in it.`);
      } else if (area.type === 'ward') {
        out.push(`${change}: ${area.name} figures cover only the months its boundaries were in force.`);
      }
    }
    if (area?.type === 'ward') {
      const w = findWard(this.pack, area.code);
      if (w && !spans.some((s) => s.set === w.set)) out.push(`${area.name} was not a ward during ${formatMonthLong(period.from)} – ${formatMonthLong(period.to)}.`);
    }
    return out;
  }

  /**
   * `notes` plus what only the stored data can tell: a group that cuts across wards cannot take
   * its share of crimes stored by ward (police.uk fetched ward by ward with `csp sync`), so
   * those are left out and the note says so.
   */
  async dataNotes(area: AreaRef | null, period: Period): Promise<string[]> {
    const out = this.notes(area, period);
    if (area?.type !== 'group') return out;
    const group = this.pack.groups.find((g) => g.code === area.code);
    if (!group) return out;
    const members = new Set(group.lsoas);
    const slices: StoredSlice[] = wardSetSpans(this.pack, period.from, period.to).map((s) => ({
      areaType: 'ward' as const,
      codes: s.set.wards
        .map((w) => w.code)
        .filter((code) => {
          const lsoas = lsoasOfWard(s.set, code);
          const inside = lsoas.filter((l) => members.has(l)).length;
          return inside > 0 && inside < lsoas.length;
        }),
      from: s.from,
      to: s.to,
    }));
    if (await this.repo.anyRows(slices)) {
      out.push(
        `Some of these months were fetched from police.uk ward by ward, and ${area.name} covers only part of some wards: ` +
          `crimes in those part-wards are not counted for those months. Import police.uk's street-level CSV files for exact ${area.name} figures.`,
      );
    }
    return out;
  }

  /** An area's counts per month: a district's from its totals written at import, one row a month. */
  private async countsByMonth(area: AreaRef, categories: string[], from: string, to: string): Promise<{ month: string; count: number }[]> {
    if (area.type === 'district') return this.repo.totalsByMonth(categories, from, to);
    return this.repo.countsByMonth(this.slices(area, from, to, await this.plan(categories)), categories);
  }

  /**
   * How reads of these categories go: from ward month totals when they were rolled up through
   * this pack's own lookup, and with the counts stored by ward when the district holds any of
   * them. Unknown (no facts), neither is taken for granted.
   */
  private async plan(categories: string[]): Promise<ReadPlan> {
    if (!this.options.facts) return { wardTotals: false, wardRows: true };
    const facts = await this.options.facts();
    return {
      wardTotals: facts.wardTotalsLookup !== null && facts.wardTotalsLookup === wardLookupFingerprint(this.pack),
      wardRows: categories.some((c) => facts.wardRowCategories.includes(c)),
    };
  }

  /** The slices of stored counts (or ward month totals) that make up an area over [from, to], as the plan reads them. */
  private slices(area: AreaRef, from: string, to: string, plan: ReadPlan): AreaSlice[] {
    const wardRows = (slices: AreaSlice[]) => (plan.wardRows ? slices : []);
    if (area.type === 'district') return [{ areaType: 'lsoa', codes: 'all', from, to }, ...wardRows([{ areaType: 'ward', codes: 'all', from, to }])];
    const spans = wardSetSpans(this.pack, from, to);
    if (area.type === 'ward') {
      const w = findWard(this.pack, area.code);
      if (!w) throw new Error(`${area.code} is not a ward of ${this.pack.district.name}`);
      // Months when another ward set was in force count the ward's own area: its LSOAs, as its set
      // draws it (ward totals hold only the wards in force each month).
      return [
        ...spans.map((s): AreaSlice =>
          plan.wardTotals && s.set === w.set ? { areaType: 'ward-total', codes: [area.code], from: s.from, to: s.to } : { areaType: 'lsoa', codes: lsoasOfWard(w.set, area.code), from: s.from, to: s.to },
        ),
        ...wardRows([{ areaType: 'ward', codes: [area.code], from, to }]),
      ];
    }
    const group = this.pack.groups.find((g) => g.code === area.code);
    if (!group) throw new Error(`${area.code} is not a named area of ${this.pack.district.name}`);
    const members = new Set(group.lsoas);
    const out: AreaSlice[] = [{ areaType: 'lsoa', codes: group.lsoas, from, to }];
    for (const s of spans) {
      // Ward rows count in the group only for wards made wholly of its LSOAs.
      const whole = s.set.wards.map((w) => w.code).filter((code) => {
        const lsoas = lsoasOfWard(s.set, code);
        return lsoas.length > 0 && lsoas.every((l) => members.has(l));
      });
      if (whole.length > 0 && plan.wardRows) out.push({ areaType: 'ward', codes: whole, from: s.from, to: s.to });
    }
    return out;
  }

  private suppresses(area: AreaRef, categorySlug: string | null): boolean {
    return categorySlug !== null && isLocalMeasure(categorySlug) && area.type !== 'district' && this.threshold > 0;
  }

  private isSmall(count: number): boolean {
    return count > 0 && count < this.threshold;
  }
}

function categoriesFor(categorySlug: string | null): string[] {
  if (categorySlug === null) return [ALL_CRIME_KEY];
  if (!categoryBySlug(categorySlug)) throw new Error(`unknown crime category "${categorySlug}"`);
  return [categorySlug];
}

function latestAsOf(imports: { asOf: string | null; importedAt: string }[]): string {
  return imports.map((i) => i.asOf ?? i.importedAt.slice(0, 10)).reduce((a, b) => (b > a ? b : a), '');
}

function minMonth(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

function maxMonth(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
