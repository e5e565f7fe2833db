import type { Activity } from 'botbuilder';
import { sentFiles } from '../../src/teams/attachments';

const withAttachments = (attachments: Activity['attachments']) => ({ attachments }) as Activity;

describe('sentFiles', () => {
  test('a file sent in a Teams personal chat is found by its download URL', () => {
    const files = sentFiles(
      withAttachments([
        { contentType: 'text/html', content: '<p>here are the minutes</p>' },
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'minutes.docx', content: { downloadUrl: 'https://files.example/minutes.docx', fileType: 'docx' } },
      ]),
    );
    expect(files).toEqual([{ name: 'minutes.docx', downloadUrl: 'https://files.example/minutes.docx' }]);
  });

  test('inline plain text counts as a file; the HTML copy of the message and pictures do not', () => {
    const files = sentFiles(
      withAttachments([
        { contentType: 'text/html', content: '<p>hi</p>' },
        { contentType: 'image/png', contentUrl: 'https://x.example/pic.png', name: 'pic.png' },
        { contentType: 'text/plain', name: 'minutes.txt', content: 'RESOLVED –' },
      ]),
    );
    expect(files).toEqual([{ name: 'minutes.txt', inlineText: 'RESOLVED –' }]);
  });

  test('a message without attachments has no files', () => {
    expect(sentFiles({} as Activity)).toEqual([]);
  });
});
