import { describeEachStore } from '../support/stores';
import { deleteExpiredDrafts, ReportDraftRepo } from '../../src/store/reportDraftRepo';
import { CHESTERFIELD } from '../support/partnership';

describeEachStore('ReportDraftRepo', (store) => {
  const draft = (token: string, expiresAt: string) => ({
    token,
    title: 'Progress report draft',
    html: '<h1>Draft</h1>',
    docx: Buffer.from('PK\u0003\u0004 word bytes'),
    createdBy: 'aad-1',
    createdAt: '2021-08-18T09:00:00.000Z',
    expiresAt,
  });

  test('a draft comes back byte for byte until it expires, and the clean-up removes only expired ones', async () => {
    const repo = new ReportDraftRepo(store(), CHESTERFIELD);
    await repo.save(draft('live-token-0123456789', '2021-08-25T09:00:00.000Z'));
    await repo.save(draft('old-token-0123456789', '2021-08-10T09:00:00.000Z'));
    const now = new Date('2021-08-18T10:00:00Z');
    expect((await repo.get('live-token-0123456789', now))?.docx.toString()).toBe('PK\u0003\u0004 word bytes');
    expect(await repo.get('old-token-0123456789', now)).toBeUndefined();
    expect(await deleteExpiredDrafts(store(), now)).toBe(1);
    expect(await repo.get('live-token-0123456789', now)).toBeDefined();
  });
});
