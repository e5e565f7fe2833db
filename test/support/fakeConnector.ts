import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the connector. */
export interface RecordedCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity replied to or updated, when the path names one. */
  activityId: string | null;
  activity: Record<string, unknown>;
  /** The status the fake answered with (0 for a hang). */
  status: number;
  at: number;
}

/** How the fake answers one request. */
export type FakeReply =
  | { status: 200 }
  | { status: 429; retryAfterSeconds?: number }
  | { status: 403 | 404 | 412 | 500 | 502 | 503 | 504; code?: string; message?: string }
  | { hang: true };

/**
 * A stand-in for the Teams connector service (the `serviceUrl` of a conversation reference):
 * botbuilder's ConnectorClient posts activities to it. It records every send and update, and can
 * be told to answer a conversation with throttling, server errors, "bot removed" or never.
 */
export class FakeConnector {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private readonly scripts = new Map<string, FakeReply[]>();
  private readonly always = new Map<string, FakeReply>();
  private readonly hanging: ServerResponse[] = [];
  private nextId = 1;
  url = '';

  /** `now` stamps recorded calls; tests that pace on virtual time pass theirs. */
  constructor(private readonly now: () => number = () => Date.now()) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging.splice(0)) r.destroy();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The next requests to `conversationId` ('*' for any) get these answers, in order; then 200. */
  script(conversationId: string, replies: FakeReply[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...replies]);
  }

  /** Every request to `conversationId` gets this answer until cleared. */
  answerAlways(conversationId: string, reply: FakeReply | null): void {
    if (reply) this.always.set(conversationId, reply);
    else this.always.delete(conversationId);
  }

  /** Successful sends (activities delivered), optionally to one conversation. */
  delivered(conversationId?: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.status === 200 && (!conversationId || c.conversationId === conversationId));
  }

  private pick(conversationId: string): FakeReply {
    const fixed = this.always.get(conversationId);
    if (fixed) return fixed;
    for (const key of [conversationId, '*']) {
      const queue = this.scripts.get(key);
      if (queue && queue.length > 0) return queue.shift()!;
    }
    return { status: 200 };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0];
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(path);
    if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound', message: `no route ${req.method} ${path}` } }));
      return;
    }
    const conversationId = decodeURIComponent(m[1]);
    const activityId = m[2] ? decodeURIComponent(m[2]) : null;
    let activity: Record<string, unknown>;
    try {
      activity = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      activity = { unparsable: body };
    }
    const reply = this.pick(conversationId);
    const call: RecordedCall = { method: req.method as 'POST' | 'PUT', conversationId, activityId, activity, status: 0, at: this.now() };
    this.calls.push(call);
    if ('hang' in reply) {
      this.hanging.push(res);
      return;
    }
    call.status = reply.status;
    if (reply.status === 200) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: req.method === 'PUT' && activityId ? activityId : `fake-${this.nextId++}` }));
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (reply.status === 429 && reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
    const code = 'code' in reply && reply.code ? reply.code : reply.status === 429 ? 'Throttled' : 'ServiceError';
    const message = 'message' in reply && reply.message ? reply.message : `fake connector answered ${reply.status}`;
    res.writeHead(reply.status, headers);
    res.end(JSON.stringify({ error: { code, message } }));
  }
}

/** A Bot Framework conversation reference pointing at the fake. */
export function fakeReference(serviceUrl: string, conversationId: string, tenantId = 'tenant-1', type: 'personal' | 'channel' = 'personal'): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl,
    bot: { id: '28:bot', name: 'CSP Assistant' },
    conversation: { id: conversationId, tenantId, conversationType: type, isGroup: type !== 'personal' },
    user: { id: '29:user', name: 'User' },
  };
}
