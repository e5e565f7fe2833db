import { validateCard } from '../../../src/cards/validate';
import { cardBytes, CARD_BUDGET_BYTES } from '../../../src/cards/template';
import { minutesDoneCard, minutesPreviewCard } from '../../../src/features/minutes/cards';
import { choicesFromCard } from '../../../src/features/minutes/minutesApp';
import { parseMinutes } from '../../../src/features/minutes/parse';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import { DEMO_ACTION_PLAN } from '../../../src/demo/actionPlan';
import { itWithSeed, minutesSeed } from '../../support/minutesSeed';

const actions = DEMO_ACTION_PLAN.map((a) => ({ id: a.id, title: a.title }));

describe('the minutes preview card', () => {
  itWithSeed('is a valid Teams card: labelled inputs, Execute verbs, no template leftovers', () => {
    const card = minutesPreviewCard(parseMinutes(minutesSeed(), { meetingDate: '2021-03-16', actions, pack: chesterfieldPack }));
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toMatch(/\$\{/);
  });

  itWithSeed('says in words when the meeting date is missing and which dates need filling in', () => {
    const card = JSON.stringify(minutesPreviewCard(parseMinutes(minutesSeed(), { actions, pack: chesterfieldPack })));
    expect(card).toMatch(/Meeting date not given/);
    expect(card).toMatch(/needed: the minutes give no date/);
  });

  it('stays within the size budget for long minutes by shortening quotations', () => {
    const requests = Array.from({ length: 40 }, (_, i) => `Further information was requested on matter number ${i + 1}, ${'covering a long list of concerns raised by residents in the area over many months '.repeat(3)}.`).join('\n\n');
    const card = minutesPreviewCard(parseMinutes(`Minutes of the Committee meeting\n\n${requests}\n\nRESOLVED – That the report be noted.`, { meetingDate: '2022-01-10' }));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(validateCard(card)).toEqual([]);
  });

  it('when even short quotations do not fit, shows the first follow-ups, says so, and Create leaves the rest out', () => {
    const requests = Array.from({ length: 90 }, (_, i) => `Further information was requested on the matter of item ${i + 1} concerning licensed premises and late night trading in the area.`).join('\n\n');
    const extract = parseMinutes(`Minutes of the Committee meeting\n\n${requests}\n\nRESOLVED – That the report be noted.`, { meetingDate: '2022-01-10' });
    const card = minutesPreviewCard(extract);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const data = (card as { actions: { data: { hash: string; shown?: number } }[] }).actions[0].data;
    expect(data.shown).toBeGreaterThan(0);
    expect(data.shown).toBeLessThan(90);
    expect(JSON.stringify(card)).toMatch(/more follow-ups were found than fit on one card/);
    const { choices } = choicesFromCard(extract, data);
    expect(choices.skipFollowUps).toHaveLength(90 - data.shown!);
  });
});

describe('the card after Create or Cancel', () => {
  itWithSeed('replaces the preview with what was done and has no buttons left to press', () => {
    const extract = parseMinutes(minutesSeed(), { meetingDate: '2021-03-16' });
    const done = minutesDoneCard(extract, { by: 'Alex Morgan', result: { followUpsCreated: [{ id: 'FU-1', title: 'A' }], followUpsExisting: [], linksCreated: 4, linksExisting: 0 } });
    expect(validateCard(done)).toEqual([]);
    expect(JSON.stringify(done)).toMatch(/1 follow-up created/);
    expect((done as { actions?: unknown[] }).actions ?? []).toEqual([]);
    expect(JSON.stringify(minutesDoneCard(extract, { by: 'Alex Morgan', cancelled: true }))).toMatch(/Cancelled by Alex Morgan: nothing was created/);
  });
});
