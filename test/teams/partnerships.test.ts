import type { Activity } from 'botbuilder';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { RoleRepo } from '../../src/store/roleRepo';
import { readPartnershipCommand } from '../../src/ask/partnershipCommand';
import { BotHarness, personal } from '../support/botHarness';
import { neighbourPack, saveNeighbourPack } from '../support/neighbourPack';
import { describeEachStore } from '../support/stores';
import { FakeClock } from '../../src/core/clock';

const COORDINATOR = { id: '29:user-c', name: 'Coordinator C', aadObjectId: 'aad-c' };
const MEMBER = { id: '29:user-m', name: 'Cllr M', aadObjectId: 'aad-m' };

function inChat(text: string, from: typeof COORDINATOR, conversationId: string): Partial<Activity> {
  const a = personal(text, from);
  return { ...a, conversation: { ...a.conversation!, id: conversationId } };
}

const said = (replies: Partial<Activity>[]) => JSON.stringify(replies.map((r) => [r.text, r.attachments]));

describeEachStore('a deployment serving several partnerships', (store) => {
  async function setUp(): Promise<BotHarness> {
    await saveNeighbourPack(store());
    await new RoleRepo(store()).grant(COORDINATOR.aadObjectId, 'coordinator', 'test', new Date('2024-04-01T00:00:00Z'));
    const repo = new CrimeRepo(store());
    const at = '2024-04-02T00:00:00.000Z';
    // Chesterfield: 1,234 burglaries in March 2024; Bolsover: 57.
    await repo.replaceMonth({ source: 'police.uk', month: '2024-03', district: chesterfieldPack.district.code, origin: 'x', importedAt: at, records: 1234 }, [
      { areaType: 'lsoa', areaCode: chesterfieldPack.lsoas[0].code, category: 'burglary', count: 1234 },
    ]);
    await repo.replaceMonth({ source: 'police.uk', month: '2024-03', district: neighbourPack.district.code, origin: 'x', importedAt: at, records: 57 }, [
      { areaType: 'lsoa', areaCode: neighbourPack.lsoas[0].code, category: 'burglary', count: 57 },
    ]);
    return new BotHarness(store(), new FakeClock('2024-04-10T09:00:00Z'));
  }

  it('a bound conversation answers for its partnership only; others keep the default', async () => {
    const bot = await setUp();
    const bound = await bot.send(inChat('use partnership Bolsover', COORDINATOR, 'a:chat-bolsover'));
    expect(said(bound)).toMatch(/now answers for the Bolsover partnership/);
    const there = said(await bot.send(inChat('how many burglaries in March 2024', MEMBER, 'a:chat-bolsover')));
    expect(there).toMatch(/\b57\b/);
    expect(there).toMatch(/Bolsover/);
    expect(there).not.toMatch(/1,234|1234/);
    const elsewhere = said(await bot.send(inChat('how many burglaries in March 2024', MEMBER, 'a:chat-other')));
    expect(elsewhere).toMatch(/1,234/);
    expect(elsewhere).toMatch(/Chesterfield/);
    expect(said(await bot.send(inChat('which partnership is this?', MEMBER, 'a:chat-bolsover')))).toMatch(/Bolsover/);
  });

  it("help in a bound conversation offers questions about that partnership's own wards, and each one is answered", async () => {
    const bot = await setUp();
    await bot.send(inChat('use partnership Bolsover', COORDINATOR, 'a:chat-bolsover'));
    const help = await bot.send(inChat('help', MEMBER, 'a:chat-bolsover'));
    const offered = (JSON.stringify(help).match(/"question":"[^"]+"/g) ?? []).map((q) => JSON.parse(`{${q}}`).question as string);
    expect(offered.join(' | ')).toMatch(/Clowne East|Shirebrook North/);
    expect(offered.join(' | ')).not.toMatch(/Rother|Hasland/);
    for (const q of offered.filter((x) => /Clowne|Shirebrook/.test(x))) {
      const answer = said(await bot.send(inChat(q, MEMBER, 'a:chat-bolsover')));
      expect(answer).toMatch(/Clowne East|Shirebrook North/);
      expect(answer).not.toMatch(/did not understand|could mean|not a ward/i);
    }
  });

  it('only a coordinator can bind, and an unknown partnership changes nothing', async () => {
    const bot = await setUp();
    expect(said(await bot.send(inChat('use partnership Bolsover', MEMBER, 'a:chat-1')))).toMatch(/Only a coordinator/);
    expect(said(await bot.send(inChat('use partnership Atlantis', COORDINATOR, 'a:chat-1')))).toMatch(/no partnership called .{0,3}Atlantis/);
    expect(said(await bot.send(inChat('how many burglaries in March 2024', MEMBER, 'a:chat-1')))).toMatch(/1,234/);
  });
});

describe('reading partnership commands', () => {
  it.each([
    ['use partnership Bolsover', { kind: 'bind', name: 'Bolsover' }],
    ['switch to the North East Derbyshire partnership', { kind: 'bind', name: 'North East Derbyshire' }],
    ['use partnership E07000033', { kind: 'bind', name: 'E07000033' }],
    ['which partnership is this?', { kind: 'which' }],
    ['use the default partnership', { kind: 'unbind' }],
  ])('%s', (text, expected) => expect(readPartnershipCommand(text)).toEqual(expected));

  it('leaves questions alone', () => {
    expect(readPartnershipCommand('how does the partnership compare with Bolsover')).toBeNull();
    expect(readPartnershipCommand('burglary in Brimington North')).toBeNull();
  });
});
