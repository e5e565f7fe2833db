import type { Activity } from 'botbuilder';
import { FakeClock } from '../../../src/core/clock';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import type { AreaPack } from '../../../src/domain/areas/pack';
import { populationOfPack } from '../../../src/features/crime/compareDistricts';
import { readDistrictComparison } from '../../../src/ask/districtComparison';
import { CrimeRepo } from '../../../src/store/crimeRepo';
import { SimilarGroupRepo } from '../../../src/store/similarGroupRepo';
import { BotHarness, personal } from '../../support/botHarness';
import { neighbourPack, saveNeighbourPack } from '../../support/neighbourPack';
import { describeEachStore } from '../../support/stores';

// A third Derbyshire district holding only February and March.
const lateStarter: AreaPack = {
  ...neighbourPack,
  district: { code: 'E07000035', name: 'Derbyshire Dales', aliases: [] },
  wardSets: [{ ...neighbourPack.wardSets[0], wards: [{ code: 'E05099000', name: 'Dale Ward' }], lookup: [{ lsoa: 'E01019450', ward: 'E05099000', share: 1 }] }],
  lsoas: [{ code: 'E01019450', name: 'Derbyshire Dales 001A', population: 2000 }],
};

const said = (replies: Partial<Activity>[]) => JSON.stringify(replies.map((r) => [r.text, r.attachments]));
const rateText = (count: number, pack: AreaPack) => (Math.round((count / populationOfPack(pack)) * 10000) / 10).toFixed(1);

describeEachStore('comparing districts', (store) => {
  async function setUp(): Promise<BotHarness> {
    await saveNeighbourPack(store());
    await saveNeighbourPack(store(), lateStarter);
    const repo = new CrimeRepo(store());
    const put = (pack: AreaPack, month: string, burglary: number, drugs: number) =>
      repo.replaceMonth({ source: 'police.uk', month, district: pack.district.code, origin: 'x', importedAt: '2024-04-02T00:00:00Z', records: burglary + drugs }, [
        { areaType: 'lsoa', areaCode: pack.lsoas[0].code, category: 'burglary', count: burglary },
        { areaType: 'lsoa', areaCode: pack.lsoas[0].code, category: 'drugs', count: drugs },
      ]);
    for (const m of ['2024-01', '2024-02', '2024-03']) {
      await put(chesterfieldPack, m, 300, 100);
      await put(neighbourPack, m, 9, 3);
    }
    for (const m of ['2024-02', '2024-03']) await put(lateStarter, m, 5, 30);
    return new BotHarness(store(), new FakeClock('2024-04-10T09:00:00Z'));
  }
  const ask = async (bot: BotHarness, text: string) => said(await bot.send({ ...personal(text) }));

  it('compares with a neighbour as rates per 1,000 residents over the same months', async () => {
    const bot = await setUp();
    const reply = await ask(bot, 'how does Chesterfield compare with Bolsover in March 2024');
    expect(reply).toMatch(/per 1,000 residents/);
    expect(reply).toContain(`Chesterfield: ${rateText(400, chesterfieldPack)} per 1,000 residents`);
    expect(reply).toContain(`Bolsover: ${rateText(12, neighbourPack)} per 1,000 residents`);
  });

  it('compares one crime type only with the same crime type', async () => {
    const bot = await setUp();
    const reply = await ask(bot, 'how does burglary in Chesterfield compare with Bolsover in March 2024');
    expect(reply).toContain(`Chesterfield: ${rateText(300, chesterfieldPack)} per 1,000`);
    expect(reply).toContain(`Bolsover: ${rateText(9, neighbourPack)} per 1,000`);
  });

  it('leaves out, and names, a district missing months of the period', async () => {
    const bot = await setUp();
    const reply = await ask(bot, 'how does Chesterfield compare with Derbyshire between January 2024 and March 2024');
    expect(reply).toMatch(/Derbyshire Dales \(no data for Jan 2024\)|Derbyshire Dales \(no data for January 2024\)/);
    // The force figure is Chesterfield and Bolsover only: 1,200 + 36 over their populations.
    const pop = populationOfPack(chesterfieldPack) + populationOfPack(neighbourPack);
    expect(reply).toContain(`${(Math.round((1236 / pop) * 10000) / 10).toFixed(1)} per 1,000 residents (1,236 over 2 districts)`);
  });

  it('names the most similar group and says how it was made; a group set by the partnership is used as set', async () => {
    const bot = await setUp();
    const computed = await ask(bot, 'how does Chesterfield compare with similar areas in March 2024');
    expect(computed).toMatch(/most similar group \(/);
    expect(computed).toMatch(/How the group was made: worked out from the 2 districts this store holds with figures for every month of Jan 2024 – Mar 2024/);
    expect(computed).toMatch(/mix of crime types/);
    await new SimilarGroupRepo(store()).set({ district: chesterfieldPack.district.code, members: ['E07000033'], how: 'chosen by the partnership in 2024' }, new Date('2024-04-01T00:00:00Z'));
    const chosen = await ask(bot, 'how does Chesterfield compare with similar areas in March 2024');
    expect(chosen).toMatch(/most similar group \(Bolsover\)/);
    expect(chosen).toMatch(/How the group was made: chosen by the partnership in 2024/);
  });

  it('never compares a district with a group that is only itself: it says so, with no comparison', async () => {
    await new CrimeRepo(store()).replaceMonth({ source: 'police.uk', month: '2024-03', district: chesterfieldPack.district.code, origin: 'x', importedAt: '2024-04-02T00:00:00Z', records: 300 }, [
      { areaType: 'lsoa', areaCode: chesterfieldPack.lsoas[0].code, category: 'burglary', count: 300 },
    ]);
    const bot = new BotHarness(store(), new FakeClock('2024-04-10T09:00:00Z'));
    const reply = await ask(bot, 'how does Chesterfield compare with England and Wales for burglary in March 2024');
    expect(reply).toMatch(/Chesterfield is the only district of England and Wales this store holds figures for, so there is nothing to compare it with/);
    expect(reply).not.toMatch(/about the same as the group|higher than the group|lower than the group/);
  });

  it('a ward compared with other districts is answered for its district whole, and says so, on the card too', async () => {
    const bot = await setUp();
    const reply = await ask(bot, 'how does burglary in Rother compare with Bolsover in March 2024');
    expect(reply).toContain("these are Chesterfield's figures, which include Rother");
    expect(reply).toContain(`Chesterfield: ${rateText(300, chesterfieldPack)} per 1,000`);
    // Asked again, the kept answer is shared: still said, and never said to a question without the ward.
    expect(await ask(bot, 'how does burglary in Rother compare with Bolsover in March 2024')).toContain('which include Rother');
    expect(await ask(bot, 'how does burglary in Chesterfield compare with Bolsover in March 2024')).not.toContain('which include');
    const card = (await bot.send({ ...personal('how does burglary in Hasland compare with Bolsover in March 2024') })).find((r) => r.attachments?.length)?.attachments?.[0];
    expect(JSON.stringify(card?.content)).toContain('which include Hasland');
  });

  it('names the crime type compared in its heading, even when there is nothing to compare with', async () => {
    const repo = new CrimeRepo(store());
    await repo.replaceMonth({ source: 'police.uk', month: '2024-03', district: chesterfieldPack.district.code, origin: 'x', importedAt: '2024-04-02T00:00:00Z', records: 300 }, [
      { areaType: 'lsoa', areaCode: chesterfieldPack.lsoas[0].code, category: 'burglary', count: 300 },
    ]);
    const bot = new BotHarness(store(), new FakeClock('2024-04-10T09:00:00Z'));
    const replies = await bot.send({ ...personal('how does burglary in Chesterfield compare with England and Wales in March 2024') });
    const card = JSON.stringify(replies.find((r) => r.attachments?.length)?.attachments?.[0].content);
    expect(card).toContain('nothing to compare it with');
    // It said "All crime" whatever was asked.
    expect(card).toMatch(/"text":"Burglary: [^"]*Mar 2024"/);
  });

  it('says England and Wales is not wholly loaded when it is not', async () => {
    const bot = await setUp();
    const reply = await ask(bot, 'how does Chesterfield compare with England and Wales in March 2024');
    expect(reply).toMatch(/England and Wales as held here \(3 districts\)/);
    expect(reply).toMatch(/Only 3 of England and Wales/);
  });
});

describe('reading comparisons between districts', () => {
  const vocab = {
    own: { code: 'E07000034', name: 'Chesterfield' },
    districts: [
      { code: 'E07000034', name: 'Chesterfield', aliases: [] },
      { code: 'E07000033', name: 'Bolsover', aliases: [] },
      { code: 'E07000035', name: 'Derbyshire Dales', aliases: [] },
    ],
    forces: [{ id: 'derbyshire', name: 'Derbyshire' }],
  };
  it.each([
    ['how does Chesterfield compare with Bolsover', { kind: 'districts', codes: ['E07000033'] }],
    ['compare Chesterfield with Bolsover and Derbyshire Dales', { kind: 'districts', codes: ['E07000033', 'E07000035'] }],
    ['how does Chesterfield compare with Derbyshire Dales?', { kind: 'districts', codes: ['E07000035'] }],
    ['how does Chesterfield compare with Derbyshire', { kind: 'force', force: 'derbyshire', name: 'Derbyshire' }],
    ['burglary compared with England and Wales', { kind: 'country' }],
    ['how do we compare nationally', { kind: 'country' }],
    ['compared with similar areas over the last year', { kind: 'similar' }],
    ['how does Chesterfield compare with its most similar group', { kind: 'similar' }],
  ])('%s', (text, versus) => {
    const r = readDistrictComparison(text, vocab);
    if (versus === null) expect(r).toBeNull();
    else expect(r?.versus).toEqual(versus);
  });
  it('leaves comparisons of wards and of periods to the question reader', () => {
    expect(readDistrictComparison('compare Rother with Hasland', vocab)).toBeNull();
    expect(readDistrictComparison('burglary compared with last year', vocab)).toBeNull();
    expect(readDistrictComparison('compare Rother with Chesterfield', vocab)).toBeNull();
  });
  it('keeps the crime type and period for the question reader', () => {
    expect(readDistrictComparison('compare burglary in Chesterfield with Bolsover', vocab)?.rest).toBe('compare burglary in Chesterfield');
    expect(readDistrictComparison('compared with similar areas over the last year', vocab)?.rest).toBe('over the last year');
  });
});
