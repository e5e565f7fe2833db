import type { AreaPack, AreaRef } from '../../../src/domain/areas/pack';
import { CrimeQueries, OGL_ATTRIBUTION, SAMPLE_DATA_SOURCE } from '../../../src/features/crime/queries';
import { CrimeCountRow, CrimeRepo, MonthImport } from '../../../src/store/crimeRepo';
import { DataSnapshots } from '../../../src/store/snapshot';
import { AreaPackRepo } from '../../../src/store/areaPackRepo';
import { wardLookupFingerprint } from '../../../src/domain/areas/wardLookup';
import { describeEachStore } from '../../support/stores';

/*
 * A hand-made district small enough to add up on paper. Four LSOAs; the old wards W1 = L1+L2 and
 * W2 = L3+L4; from May 2023 the new wards N1 = L1+L4 and N2 = L2+L3 (L2 straddles: 70 % in N2,
 * so it rolls up wholly to N2). The group G is L1+L2, i.e. exactly the old ward W1.
 */
const pack: AreaPack = {
  district: { code: 'E07999999', name: 'Testshire', aliases: ['the borough'] },
  policeForce: 'testshire',
  wardSets: [
    {
      id: 'old',
      from: '2015-05-07',
      to: '2023-05-03',
      wards: [
        { code: 'W1', name: 'Westgate' },
        { code: 'W2', name: 'Eastgate' },
      ],
      lookup: [
        { lsoa: 'L1', ward: 'W1', share: 1 },
        { lsoa: 'L2', ward: 'W1', share: 1 },
        { lsoa: 'L3', ward: 'W2', share: 1 },
        { lsoa: 'L4', ward: 'W2', share: 1 },
      ],
    },
    {
      id: 'new',
      from: '2023-05-04',
      to: null,
      wards: [
        { code: 'N1', name: 'Northfield' },
        { code: 'N2', name: 'Southfield' },
      ],
      lookup: [
        { lsoa: 'L1', ward: 'N1', share: 1 },
        { lsoa: 'L2', ward: 'N1', share: 0.3 },
        { lsoa: 'L2', ward: 'N2', share: 0.7 },
        { lsoa: 'L3', ward: 'N2', share: 1 },
        { lsoa: 'L4', ward: 'N1', share: 1 },
      ],
    },
  ],
  lsoas: [
    { code: 'L1', name: 'Testshire 001A', population: 1000 },
    { code: 'L2', name: 'Testshire 001B', population: 2000 },
    { code: 'L3', name: 'Testshire 002A', population: 1500 },
    { code: 'L4', name: 'Testshire 002B', population: 500 },
  ],
  groups: [{ code: 'group:g', name: 'Gtown', lsoas: ['L1', 'L2'], aliases: [] }],
  wardAliases: {},
};

const ward = (code: string, name: string): AreaRef => ({ code, name, type: 'ward' });
const W1 = ward('W1', 'Westgate');
const W2 = ward('W2', 'Eastgate');
const N1 = ward('N1', 'Northfield');
const N2 = ward('N2', 'Southfield');
const G: AreaRef = { code: 'group:g', name: 'Gtown', type: 'group' };
const D: AreaRef = { code: 'E07999999', name: 'Testshire', type: 'district' };

const l = (areaCode: string, category: string, count: number): CrimeCountRow => ({ areaType: 'lsoa', areaCode, category, count });
const w = (areaCode: string, category: string, count: number): CrimeCountRow => ({ areaType: 'ward', areaCode, category, count });
const imp = (month: string, source: MonthImport['source'], extra: Partial<MonthImport> = {}): MonthImport => ({
  source,
  month,
  district: 'E07999999',
  origin: source === 'local' ? 'hate.csv' : 'api',
  importedAt: '2024-03-01T10:00:00.000Z',
  records: 1,
  ...extra,
});

const sameLsoaMonth = [l('L1', 'burglary', 3), l('L2', 'burglary', 2), l('L3', 'burglary', 4), l('L4', 'anti-social-behaviour', 6), l('L1', 'violent-crime', 5)];

async function load(repo: CrimeRepo): Promise<void> {
  await repo.replaceMonths([
    { imp: imp('2022-01', 'police.uk', { asOf: '2022-03-05' }), rows: sameLsoaMonth },
    { imp: imp('2022-02', 'police.uk', { asOf: '2022-04-02' }), rows: [l('L2', 'burglary', 1), l('L3', 'violent-crime', 2)] },
    // A month synced from the API by ward polygon: ward rows, no LSOAs.
    { imp: imp('2022-03', 'police.uk', { asOf: '2022-05-01' }), rows: [w('W1', 'burglary', 7), w('W2', 'burglary', 1)] },
    { imp: imp('2024-01', 'police.uk', { asOf: '2024-03-01' }), rows: sameLsoaMonth },
  ]);
  const extract = { sourceName: 'Testshire Constabulary', asOf: '2022-04-10' };
  await repo.replaceMonth(imp('2022-01', 'local', extract), [l('L1', 'hate-crime', 2), l('L3', 'hate-crime', 6)]);
  await repo.replaceMonth(imp('2022-02', 'local', extract), [l('L3', 'hate-crime', 1)]);
}

/** Every figure of `at` is the one `direct` gives, for every area, measure and period asked. */
async function expectSameFigures(at: CrimeQueries, direct: CrimeQueries, extraPeriods: { from: string; to: string }[] = []): Promise<void> {
  const periods = [{ from: '2022-01', to: '2024-01' }, { from: '2022-01', to: '2022-12' }, { from: '2024-01', to: '2024-01' }, ...extraPeriods];
  for (const slug of [null, 'burglary', 'anti-social-behaviour', 'hate-crime', 'stalking-and-harassment']) {
    for (const period of periods) {
      for (const area of [W1, W2, N1, N2, G, D]) {
        expect(await at.series(area, slug, period.from, period.to)).toEqual(await direct.series(area, slug, period.from, period.to));
        expect(await at.total(area, slug, period)).toEqual(await direct.total(area, slug, period));
      }
      expect(await at.ranking(slug, period)).toEqual(await direct.ranking(slug, period));
    }
  }
  for (const area of [W1, W2, N1, N2, G, D]) expect(await at.breakdown(area, periods[0])).toEqual(await direct.breakdown(area, periods[0]));
}

describeEachStore('CrimeQueries', (store) => {
  let q: CrimeQueries;
  beforeEach(async () => {
    const repo = new CrimeRepo(store());
    await load(repo);
    q = new CrimeQueries(repo, pack, { suppressionThreshold: 5 });
  });
  const counts = (points: { count: number }[]) => points.map((p) => p.count);
  // The figures of Testshire read as its own district (q reads the whole store).
  const ofDistrict = () => new CrimeQueries(new CrimeRepo(store(), 'E07999999'), pack, { suppressionThreshold: 5 });

  it('knows the first and latest month with data, per source', async () => {
    expect(await q.latestMonth()).toBe('2024-01');
    expect(await q.earliestMonth()).toBe('2022-01');
    expect(await q.latestMonth('hate-crime')).toBe('2022-02');
    expect(await q.latestMonth('stalking-and-harassment')).toBeNull();
  });

  it("a ward's series adds its LSOAs and the rows stored for the ward itself, zeros filled in", async () => {
    // Jan: L1 3 + L2 2; Feb: L2 1; Mar: ward row 7; Apr: nothing
    expect(await q.series(W1, 'burglary', '2022-01', '2022-04')).toEqual([
      { month: '2022-01', count: 5 },
      { month: '2022-02', count: 1 },
      { month: '2022-03', count: 7 },
      { month: '2022-04', count: 0 },
    ]);
    expect(counts(await q.series(W2, 'burglary', '2022-01', '2022-03'))).toEqual([4, 0, 1]);
  });

  it('rolls the same LSOA counts up through the ward set in force: 2022 by the old wards, 2024 by the new', async () => {
    expect(counts(await q.series(W1, 'burglary', '2022-01', '2022-01'))).toEqual([5]); // L1 3 + L2 2
    expect(counts(await q.series(W2, 'burglary', '2022-01', '2022-01'))).toEqual([4]); // L3 4
    expect(counts(await q.series(N1, 'burglary', '2024-01', '2024-01'))).toEqual([3]); // L1 3 + L4 0
    expect(counts(await q.series(N2, 'burglary', '2024-01', '2024-01'))).toEqual([6]); // L2 2 (best fit) + L3 4
    // An old ward asked after it was abolished, or a new one before it began, counts its own area
    // (its LSOAs as its set draws them), never a zero for months its area had crimes.
    expect(counts(await q.series(W1, 'burglary', '2024-01', '2024-01'))).toEqual([5]); // L1 3 + L2 2
    expect(counts(await q.series(N1, 'burglary', '2022-01', '2022-01'))).toEqual([3]); // L1 3 + L4 0
    expect(counts(await q.series(N1, 'burglary', '2022-01', '2024-01')).filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('all crime is every police.uk category except ASB', async () => {
    // W1 Jan: burglary 5 + violence 5; W2 Jan: burglary 4 (L4's 6 ASB left out)
    expect(counts(await q.series(W1, null, '2022-01', '2022-01'))).toEqual([10]);
    expect(counts(await q.series(W2, null, '2022-01', '2022-01'))).toEqual([4]);
    // District: Jan 14, Feb 3, Mar 8
    expect(counts(await q.series(D, null, '2022-01', '2022-03'))).toEqual([14, 3, 8]);
    expect(await q.total(D, null, { from: '2022-01', to: '2022-03' })).toEqual({ count: 25, suppressed: false });
    expect(await q.total(D, 'anti-social-behaviour', { from: '2022-01', to: '2022-03' })).toEqual({ count: 6, suppressed: false });
  });

  it('a group counts its LSOAs, and ward rows only of wards made wholly of them', async () => {
    // Jan L1 3 + L2 2; Feb L2 1; Mar the W1 ward row 7 (W1 = L1 + L2); W2's row is not Gtown's
    expect(counts(await q.series(G, 'burglary', '2022-01', '2022-03'))).toEqual([5, 1, 7]);
    expect(await q.total(G, 'burglary', { from: '2024-01', to: '2024-01' })).toEqual({ count: 5, suppressed: false });
  });

  it('says when a group cuts across wards whose figures were stored by ward', async () => {
    const partial: AreaRef = { code: 'group:h', name: 'Halfway', type: 'group' };
    const withHalf = new CrimeQueries(new CrimeRepo(store()), { ...pack, groups: [...pack.groups, { code: 'group:h', name: 'Halfway', lsoas: ['L1'], aliases: [] }] }, { suppressionThreshold: 5 });
    // March 2022 holds ward rows; Halfway (L1 only) is part of W1, so W1's 7 burglaries cannot be split.
    expect(counts(await withHalf.series(partial, 'burglary', '2022-01', '2022-03'))).toEqual([3, 0, 0]);
    expect((await withHalf.dataNotes(partial, { from: '2022-01', to: '2022-03' })).join(' ')).toMatch(/fetched from police.uk ward by ward.*Halfway/);
    expect(await withHalf.dataNotes(partial, { from: '2022-01', to: '2022-02' })).toEqual([]);
    expect(await q.dataNotes(G, { from: '2022-01', to: '2022-03' })).toEqual([]);
  });

  it('totals a ward over a period', async () => {
    expect(await q.total(W1, 'burglary', { from: '2022-01', to: '2022-03' })).toEqual({ count: 13, suppressed: false });
    expect(await q.total(W2, 'violent-crime', { from: '2022-01', to: '2022-12' })).toEqual({ count: 2, suppressed: false });
  });

  it('ranks every ward of the set in force, highest first, with the rate per 1,000 residents', async () => {
    expect(await q.ranking('burglary', { from: '2022-01', to: '2022-03' })).toEqual([
      { area: { code: 'W1', name: 'Westgate' }, count: 13, per1000: 4.3 }, // 13 / 3,000
      { area: { code: 'W2', name: 'Eastgate' }, count: 5, per1000: 2.5 }, // 5 / 2,000
    ]);
    expect(await q.ranking('burglary', { from: '2024-01', to: '2024-01' })).toEqual([
      { area: { code: 'N2', name: 'Southfield' }, count: 6, per1000: 1.7 }, // 6 / 3,500
      { area: { code: 'N1', name: 'Northfield' }, count: 3, per1000: 2 }, // 3 / 1,500
    ]);
  });

  it('a ranking across the ward change uses the new wards and says the earlier months are not in it', async () => {
    const period = { from: '2022-01', to: '2024-01' };
    expect((await q.ranking('burglary', period)).map((r) => [r.area.code, r.count])).toEqual([
      ['N2', 6],
      ['N1', 3],
    ]);
    expect(q.notes(null, period)).toEqual(['Ward boundaries changed in May 2023: this ranking uses the new wards, so months before the change are not in it.']);
  });

  it('breaks an area down by police.uk category, highest first, zeros last', async () => {
    const rows = await q.breakdown(W2, { from: '2022-01', to: '2022-03' });
    // W2 = L3 + L4: ASB 6 (L4 Jan); burglary 4 (L3 Jan) + 1 (ward row Mar); violence 2 (L3 Feb)
    expect(rows.slice(0, 4)).toEqual([
      { category: { slug: 'anti-social-behaviour', name: 'Anti-social behaviour' }, count: 6 },
      { category: { slug: 'burglary', name: 'Burglary' }, count: 5 },
      { category: { slug: 'violent-crime', name: 'Violence and sexual offences' }, count: 2 },
      { category: { slug: 'bicycle-theft', name: 'Bicycle theft' }, count: 0 },
    ]);
    expect(rows).toHaveLength(14);
  });

  it('shows small local-measure counts at ward level as suppressed, never their value', async () => {
    // W2 hate crime: Jan L3 6 (shown), Feb L3 1 (fewer than 5)
    expect(await q.series(W2, 'hate-crime', '2022-01', '2022-02')).toEqual([
      { month: '2022-01', count: 6 },
      { month: '2022-02', count: 0, suppressed: true },
    ]);
    // W1 Jan: L1 2 → suppressed; Feb: 0 is shown as 0
    expect(await q.series(W1, 'hate-crime', '2022-01', '2022-02')).toEqual([
      { month: '2022-01', count: 0, suppressed: true },
      { month: '2022-02', count: 0 },
    ]);
  });

  it('suppresses a ward total that would reveal a hidden month by subtraction, but not the district total', async () => {
    expect(await q.total(W2, 'hate-crime', { from: '2022-01', to: '2022-02' })).toEqual({ count: 0, suppressed: true });
    expect(await q.total(W2, 'hate-crime', { from: '2022-01', to: '2022-01' })).toEqual({ count: 6, suppressed: false });
    expect(await q.total(D, 'hate-crime', { from: '2022-01', to: '2022-02' })).toEqual({ count: 9, suppressed: false });
    expect(counts(await q.series(D, 'hate-crime', '2022-01', '2022-02'))).toEqual([8, 1]);
  });

  it('puts suppressed wards last in a local-measure ranking, with no count or rate', async () => {
    expect(await q.ranking('hate-crime', { from: '2022-01', to: '2022-01' })).toEqual([
      { area: { code: 'W2', name: 'Eastgate' }, count: 6, per1000: 3 },
      { area: { code: 'W1', name: 'Westgate' }, count: 0, per1000: null, suppressed: true },
    ]);
  });

  it('knows which measures have data loaded', async () => {
    expect(await q.hasData(null)).toBe(true);
    expect(await q.hasData('hate-crime')).toBe(true);
    expect(await q.hasData('stalking-and-harassment')).toBe(false);
    expect(await q.isSampleData()).toBe(false);
  });

  it('names the source and as-of date of each figure', async () => {
    expect(await q.provenance('burglary')).toEqual([{ name: `police.uk street-level crime data. ${OGL_ATTRIBUTION}`, asOf: '2024-03-01' }]);
    expect(await q.provenance('hate-crime')).toEqual([{ name: 'Testshire Constabulary extract (hate.csv)', asOf: '2022-04-10' }]);
  });

  it("a district's figures, read from its totals written at import, are its wards' figures added up", async () => {
    // Old wards W1 + W2 cover every LSOA, and the March 2022 rows stored by ward are theirs.
    await new CrimeRepo(store()).replaceMonth(imp('2022-03', 'local', { origin: 'stalking.csv' }), [w('W2', 'stalking-and-harassment', 3), l('L1', 'stalking-and-harassment', 2)]);
    const unsuppressed = new CrimeQueries(new CrimeRepo(store()), pack, { suppressionThreshold: 0 });
    const period = { from: '2022-01', to: '2022-12' };
    for (const slug of [null, 'burglary', 'anti-social-behaviour', 'hate-crime', 'stalking-and-harassment']) {
      const [d, w1, w2] = await Promise.all([D, W1, W2].map((a) => unsuppressed.series(a, slug, period.from, period.to)));
      expect(counts(d)).toEqual(w1.map((m, i) => m.count + w2[i].count));
      expect((await unsuppressed.total(D, slug, period)).count).toBe(counts(d).reduce((a, b) => a + b, 0));
    }
    const [d, w1, w2] = await Promise.all([D, W1, W2].map((a) => unsuppressed.breakdown(a, period)));
    const of = (rows: typeof d, slug: string) => rows.find((r) => r.category.slug === slug)!.count;
    for (const row of d) expect(row.count).toBe(of(w1, row.category.slug) + of(w2, row.category.slug));
    expect(of(d, 'burglary')).toBe(5 + 1 + 4 + 7 + 1);
  });

  it('read at a snapshot of the data (as a turn reads), every figure is the one read directly, ward rows included', async () => {
    // A local extract stored by ward, beside the LSOA extracts: W2 hate crime in March 2022.
    await new CrimeRepo(store()).replaceMonth(imp('2022-03', 'local', { sourceName: 'Testshire Constabulary' }), [w('W2', 'hate-crime', 8)]);
    const at = ofDistrict().at(await new DataSnapshots(store()).current());
    expect(counts(await at.series(W1, 'burglary', '2022-01', '2022-04'))).toEqual([5, 1, 7, 0]);
    expect(await at.series(W2, 'hate-crime', '2022-01', '2022-03')).toEqual([
      { month: '2022-01', count: 6 },
      { month: '2022-02', count: 0, suppressed: true },
      { month: '2022-03', count: 8 },
    ]);
    await expectSameFigures(at, q);
  });

  it("with ward month totals rolled up through the pack's lookup, every figure is the one added up from the LSOAs", async () => {
    const repo = new CrimeRepo(store(), 'E07999999');
    // Rolled up whole once the lookup is known, then month by month as months are imported.
    expect(await repo.followWardLookup(pack)).toBe(true);
    expect(await repo.followWardLookup(pack)).toBe(false);
    await repo.replaceMonths([
      { imp: imp('2024-02', 'police.uk'), rows: [l('L2', 'burglary', 4), l('L4', 'burglary', 1), w('N1', 'burglary', 2)] },
      { imp: imp('2024-02', 'local', { origin: 'hate.csv' }), rows: [l('L3', 'hate-crime', 7), w('N2', 'hate-crime', 5)] },
    ]);
    expect((await repo.facts()).wardTotalsLookup).toBe(wardLookupFingerprint(pack));
    const at = new CrimeQueries(repo, pack, { suppressionThreshold: 5 }).at(await new DataSnapshots(store()).current());
    expect(counts(await at.series(N2, 'burglary', '2024-01', '2024-02'))).toEqual([6, 4]); // L2 (best fit) + L3; then L2
    expect(counts(await at.series(N1, 'burglary', '2024-01', '2024-02'))).toEqual([3, 3]); // L1; then L4 1 + the N1 row 2
    await expectSameFigures(at, q, [{ from: '2022-01', to: '2024-02' }]);
  });

  it("re-importing a district's lookup rolls its ward totals up again; a reader with the earlier pack still adds up its LSOAs", async () => {
    const save = (p: AreaPack) => new AreaPackRepo(store()).save({ code: p.district.code, name: p.district.name, packJson: JSON.stringify(p), origin: 'test', importedAt: '2024-03-01T00:00:00.000Z' });
    await save(pack);
    // The new wards redrawn: L2 now lies mostly in N1, and L3 wholly.
    const redrawn: AreaPack = {
      ...pack,
      wardSets: [
        pack.wardSets[0],
        { ...pack.wardSets[1], lookup: [{ lsoa: 'L1', ward: 'N1', share: 1 }, { lsoa: 'L2', ward: 'N1', share: 0.6 }, { lsoa: 'L2', ward: 'N2', share: 0.4 }, { lsoa: 'L3', ward: 'N1', share: 1 }, { lsoa: 'L4', ward: 'N2', share: 1 }] },
      ],
    };
    const repo = new CrimeRepo(store(), 'E07999999');
    const snapshots = new DataSnapshots(store());
    const before = new CrimeQueries(repo, pack, { suppressionThreshold: 5 });
    expect(counts(await before.at(await snapshots.current()).series(N1, 'burglary', '2024-01', '2024-01'))).toEqual([3]);
    await save(redrawn);
    const after = new CrimeQueries(repo, redrawn, { suppressionThreshold: 5 });
    const snapshot = await snapshots.current();
    // January 2024 burglary: L1 3, L2 2, L3 4.
    expect(counts(await after.at(snapshot).series(N1, 'burglary', '2024-01', '2024-01'))).toEqual([9]);
    expect(counts(await after.at(snapshot).series(N2, 'burglary', '2024-01', '2024-01'))).toEqual([0]);
    await expectSameFigures(after.at(snapshot), new CrimeQueries(new CrimeRepo(store()), redrawn, { suppressionThreshold: 5 }));
    // The earlier pack's lookup is no longer the stored one: its reader adds up its LSOAs, as before.
    expect(counts(await before.at(snapshot).series(N1, 'burglary', '2024-01', '2024-01'))).toEqual([3]);
    await expectSameFigures(before.at(snapshot), q);
  });

  it('a ward whose code outlives a boundary change is rolled up through the ward set of each month', async () => {
    // K1 keeps its code in the new set but loses L2: its figures before May 2023 are L1 + L2, after it L1.
    const kept: AreaPack = {
      ...pack,
      wardSets: [
        { ...pack.wardSets[0], wards: [{ code: 'K1', name: 'Keepton' }, pack.wardSets[0].wards[1]], lookup: pack.wardSets[0].lookup.map((r) => (r.ward === 'W1' ? { ...r, ward: 'K1' } : r)) },
        { ...pack.wardSets[1], wards: [{ code: 'K1', name: 'Keepton' }, pack.wardSets[1].wards[1]], lookup: [{ lsoa: 'L1', ward: 'K1', share: 1 }, { lsoa: 'L2', ward: 'N2', share: 1 }, { lsoa: 'L3', ward: 'N2', share: 1 }, { lsoa: 'L4', ward: 'N2', share: 1 }] },
      ],
      groups: [],
    };
    const repo = new CrimeRepo(store(), 'E07999999');
    await repo.followWardLookup(kept);
    const at = new CrimeQueries(repo, kept, { suppressionThreshold: 5 }).at(await new DataSnapshots(store()).current());
    const K1 = ward('K1', 'Keepton');
    expect(counts(await at.series(K1, 'burglary', '2022-01', '2022-01'))).toEqual([5]); // L1 3 + L2 2
    expect((await at.ranking('burglary', { from: '2024-01', to: '2024-01' })).map((r) => [r.area.code, r.count])).toEqual([
      ['N2', 6], // L2 2 + L3 4
      ['K1', 3], // L1 3
    ]);
    const direct = new CrimeQueries(new CrimeRepo(store()), kept, { suppressionThreshold: 5 });
    for (const period of [{ from: '2022-01', to: '2024-01' }, { from: '2024-01', to: '2024-01' }]) {
      expect(await at.ranking('burglary', period)).toEqual(await direct.ranking('burglary', period));
      expect(await at.series(K1, null, period.from, period.to)).toEqual(await direct.series(K1, null, period.from, period.to));
    }
  });

  it('an import refused part-way leaves the ward totals as they were', async () => {
    const repo = new CrimeRepo(store(), 'E07999999');
    await repo.followWardLookup(pack);
    const snapshots = new DataSnapshots(store());
    const ranking = async () => new CrimeQueries(repo, pack, { suppressionThreshold: 5 }).at(await snapshots.current()).ranking('burglary', { from: '2024-01', to: '2024-01' });
    const before = await ranking();
    await expect(
      repo.replaceMonths([
        { imp: imp('2024-01', 'police.uk'), rows: [l('L1', 'burglary', 30)] },
        { imp: imp('2024-02', 'police.uk'), rows: [l('L1', 'burglary', -1)] },
      ]),
    ).rejects.toThrow(/count must be a whole number/);
    expect(await ranking()).toEqual(before);
  });

  it('at the next version of the data, counts stored by ward since the last read are taken', async () => {
    const snapshots = new DataSnapshots(store());
    const march = (qs: CrimeQueries) => qs.series(W1, 'stalking-and-harassment', '2022-03', '2022-03');
    expect(counts(await march(ofDistrict().at(await snapshots.current())))).toEqual([0]);
    await new CrimeRepo(store()).replaceMonth(imp('2022-03', 'local', { origin: 'stalking.csv' }), [w('W1', 'stalking-and-harassment', 9)]);
    expect(counts(await march(ofDistrict().at(await snapshots.current())))).toEqual([9]);
  });

  it('two districts at one snapshot: one with counts stored by ward, one without, each answers with its own', async () => {
    // Otherton: one ward X1 of two LSOAs, its counts stored by LSOA only.
    const otherton: AreaPack = {
      ...pack,
      district: { code: 'E07888888', name: 'Otherton', aliases: [] },
      wardSets: [{ id: 'only', from: '2015-05-07', to: null, wards: [{ code: 'X1', name: 'Xfield' }], lookup: [{ lsoa: 'M1', ward: 'X1', share: 1 }, { lsoa: 'M2', ward: 'X1', share: 1 }] }],
      lsoas: [
        { code: 'M1', name: 'Otherton 001A', population: 1000 },
        { code: 'M2', name: 'Otherton 001B', population: 1000 },
      ],
      groups: [],
    };
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2022-03', 'police.uk', { district: 'E07888888' }), [l('M1', 'burglary', 2), l('M2', 'burglary', 4)]);
    const snapshot = await new DataSnapshots(store()).current();
    const own = new CrimeQueries(repo.forDistrict('E07999999'), pack, { suppressionThreshold: 5 }).at(snapshot);
    const theirs = new CrimeQueries(repo.forDistrict('E07888888'), otherton, { suppressionThreshold: 5 }).at(snapshot);
    const X1 = ward('X1', 'Xfield');
    // Read in both orders: what is known of one district's data is never taken for the other's.
    expect(counts(await theirs.series(X1, 'burglary', '2022-03', '2022-03'))).toEqual([6]);
    expect(counts(await own.series(W1, 'burglary', '2022-03', '2022-03'))).toEqual([7]); // Testshire's W1 row
    expect((await own.ranking('burglary', { from: '2022-03', to: '2022-03' })).map((r) => r.count)).toEqual([7, 1]);
    expect((await theirs.ranking('burglary', { from: '2022-03', to: '2022-03' })).map((r) => r.count)).toEqual([6]);
  });

  it('marks demo data as sample data', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth(imp('2019-01', 'demo', { importedAt: '2024-05-01T00:00:00.000Z' }), [l('L1', 'burglary', 1)]);
    expect(await q.isSampleData()).toBe(true);
    expect(await q.provenance(null)).toEqual([{ name: SAMPLE_DATA_SOURCE, asOf: '2024-05-01' }]);
  });
});
