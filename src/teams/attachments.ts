import type { Activity, Attachment } from 'botbuilder';

/** A file the user sent, as Teams describes it. */
export interface SentFile {
  name: string;
  /** Where to fetch it (Teams personal-chat file download URL), or the inline text. */
  downloadUrl?: string;
  inlineText?: string;
}

const FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

/** The files of a message that could be minutes (.txt, .docx), in the order sent. */
export function sentFiles(activity: Activity): SentFile[] {
  return (activity.attachments ?? []).flatMap((a: Attachment): SentFile[] => {
    const name = a.name ?? 'attachment';
    if (a.contentType === FILE_DOWNLOAD) {
      const content = (a.content ?? {}) as { downloadUrl?: string };
      return content.downloadUrl ? [{ name, downloadUrl: content.downloadUrl }] : [];
    }
    if (a.contentType === 'text/plain' && typeof a.content === 'string') return [{ name, inlineText: a.content }];
    if (a.contentUrl && /\.(txt|docx)$/i.test(name)) return [{ name, downloadUrl: a.contentUrl }];
    return [];
  });
}
