import { createServer, Server } from 'node:http';
import { downloadFile, DownloadError } from '../../src/sources/download';

describe('downloadFile', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/small.txt') return res.end('the minutes');
      if (req.url === '/big.txt') return res.end('x'.repeat(2 * 1024 * 1024));
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('fetches a file within the size limit', async () => {
    expect((await downloadFile(`${base}/small.txt`, 1024)).toString()).toBe('the minutes');
  });

  test('refuses a file over the limit with a message naming the limit', async () => {
    await expect(downloadFile(`${base}/big.txt`, 1024 * 1024)).rejects.toThrow(/larger than 1 MB/);
  });

  test('a missing file or an address that is not http is a clear error for the user', async () => {
    await expect(downloadFile(`${base}/gone.txt`, 1024)).rejects.toBeInstanceOf(DownloadError);
    await expect(downloadFile('file:///etc/passwd', 1024)).rejects.toThrow(/no address/);
  });
});
