import restify, { Request, Response, Server } from 'restify';
import type { Logger } from '../core/log';
import { correlationId } from '../core/log';
import type { Store } from '../store/db';

export interface ServerDeps {
  /** Runs one request through the Bot Framework adapter (authentication, then the bot's turn). */
  processActivity(req: Request, res: Response): Promise<void>;
  store: Store;
  log: Logger;
  version: string;
  /** Serves a report draft by its file name (token, or token.docx); undefined when unknown or expired. */
  reportDownload?(file: string): Promise<{ contentType: string; body: string | Buffer; fileName?: string } | undefined>;
}

export interface BotServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking turns, waits for those in flight (up to `graceMs`), then closes the listener. */
  shutdown(graceMs?: number): Promise<void>;
}

/** The HTTP edge: POST /api/messages for Teams, GET /healthz for the platform. */
export function createBotServer(deps: ServerDeps): BotServer {
  const server = restify.createServer({ name: 'csp-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  let accepting = true;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  server.get('/healthz', async (_req: Request, res: Response) => {
    const storeUp = await deps.store.ping();
    res.json(storeUp && accepting ? 200 : 503, {
      status: !accepting ? 'stopping' : storeUp ? 'ok' : 'degraded',
      version: deps.version,
      store: { dialect: deps.store.dialect, reachable: storeUp },
    });
  });

  server.get('/reports/:file', async (req: Request, res: Response) => {
    const found = deps.reportDownload ? await deps.reportDownload(String(req.params.file ?? '')).catch(() => undefined) : undefined;
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This report link is unknown or has expired. Ask the bot for a fresh draft.');
      return;
    }
    res.writeHead(200, {
      'content-type': found.contentType,
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
      ...(found.fileName ? { 'content-disposition': `attachment; filename="${found.fileName}"` } : {}),
    });
    res.end(found.body);
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!accepting) {
      res.json(503, { error: 'The bot is restarting; Teams will retry.' });
      return;
    }
    const body = req.body as unknown;
    if (!isActivityShaped(body)) {
      const id = correlationId();
      deps.log.warn({ correlationId: id }, 'malformed activity refused');
      res.json(400, { error: 'Malformed activity: expected a JSON object with type, conversation and serviceUrl.', correlationId: id });
      return;
    }
    inFlight += 1;
    try {
      await deps.processActivity(req, res);
    } catch (err) {
      const id = correlationId();
      deps.log.error({ err, correlationId: id }, 'request failed');
      if (!res.headersSent) res.json(500, { error: 'Internal error', correlationId: id });
    } finally {
      inFlight -= 1;
      if (inFlight === 0 && drained) drained();
    }
  });

  return {
    server,
    listen(port: number, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      });
    },
    async shutdown(graceMs = 10_000) {
      accepting = false;
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (drained = r)), new Promise<void>((r) => setTimeout(r, graceMs).unref())]);
      }
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function isActivityShaped(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return typeof b.type === 'string' && typeof b.serviceUrl === 'string' && !!b.conversation && typeof b.conversation === 'object';
}
