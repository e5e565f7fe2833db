import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { playgroundAnswers } from '../../src/sources/playground';

/** A local server answering the Playground's ping path with the given status and body. */
async function serve(status: number, body: string): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    res.statusCode = req.url === '/_debug/ping' ? status : 404;
    res.end(req.url === '/_debug/ping' ? body : 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('playgroundAnswers', () => {
  test('a Playground answering its ping is found', async () => {
    const s = await serve(200, 'pong');
    try {
      expect(await playgroundAnswers(s.port)).toBe(true);
    } finally {
      await s.close();
    }
  });

  test.each([
    [200, 'hello'],
    [500, 'pong'],
  ])('something else on the port (HTTP %i, %s) is not the Playground', async (status, body) => {
    const s = await serve(status, body);
    try {
      expect(await playgroundAnswers(s.port)).toBe(false);
    } finally {
      await s.close();
    }
  });

  test('nothing listening is not the Playground, without throwing', async () => {
    const s = await serve(200, 'pong');
    const port = s.port;
    await s.close();
    expect(await playgroundAnswers(port)).toBe(false);
  });
});
