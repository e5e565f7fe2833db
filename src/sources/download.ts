import axios from 'axios';

/** Thrown when a file cannot be fetched or is larger than allowed; the message is for the user. */
export class DownloadError extends Error {}

/**
 * Fetches a file the user sent (a Teams attachment's download URL), refusing anything larger
 * than `maxBytes` without reading it all.
 */
export async function downloadFile(url: string, maxBytes: number, options: { timeoutMs?: number; bearerToken?: string } = {}): Promise<Buffer> {
  if (!/^https?:\/\//i.test(url)) throw new DownloadError('The attachment has no address the bot can fetch.');
  try {
    const r = await axios.get<ArrayBuffer>(url, {
      responseType: 'arraybuffer',
      timeout: options.timeoutMs ?? 15_000,
      maxContentLength: maxBytes,
      maxBodyLength: maxBytes,
      headers: options.bearerToken ? { authorization: `Bearer ${options.bearerToken}` } : undefined,
    });
    return Buffer.from(r.data);
  } catch (err) {
    if (axios.isAxiosError(err) && /maxContentLength/.test(err.message)) {
      throw new DownloadError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; send a shorter extract.`);
    }
    throw new DownloadError('The attachment could not be downloaded; please send it again.');
  }
}
