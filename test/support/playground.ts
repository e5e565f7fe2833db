import { spawn, ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import WebSocket from 'ws';

const ROOT = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PlaygroundFrame {
  action: string;
  actionConversationId?: string;
  message?: { messageId: string; from?: { id: string }; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

/** The real Microsoft 365 Agents Playground (0.2.28) as a child process, driven over its HTTP and WebSocket endpoints. */
export class Playground {
  readonly frames: PlaygroundFrame[] = [];
  private ws?: WebSocket;
  private constructor(readonly port: number, private readonly child: ChildProcess) {}

  static async start(botEndpoint: string): Promise<Playground> {
    const port = await freePort();
    const logDir = mkdtempSync(join(tmpdir(), 'csp-playground-'));
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js'), 'start', '-p', String(port), '-e', botEndpoint, '-c', 'msteams', '--disable-telemetry'],
      {
        stdio: 'ignore',
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_LOGFILE: join(logDir, 'playground.log'),
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(ROOT, '.m365agentsplayground.yml'),
        },
      },
    );
    const pg = new Playground(port, child);
    for (let i = 0; i < 100; i++) {
      if (await pg.ping()) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    // It silently takes another port when the one asked for is busy: make sure ours answers.
    if (!(await pg.ping())) {
      await pg.stop();
      throw new Error(`the Playground did not answer on port ${port}`);
    }
    return pg;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async ping(): Promise<boolean> {
    try {
      const r = await axios.get(`${this.url}/_debug/ping`, { timeout: 500 });
      return String(r.data).includes('pong');
    } catch {
      return false;
    }
  }

  async config(): Promise<{ personalChat: { id: string }; currentUser: { id: string; name: string } }> {
    const r = await axios.get(`${this.url}/_internal/v1/config`, { timeout: 20_000 });
    return r.data.config;
  }

  /** Opens the stream of messages the bot sends (frames are buffered until a client connects). */
  async listen(): Promise<void> {
    this.ws = new WebSocket(`ws://127.0.0.1:${this.port}/_ws_conversation/v1/conversations/stream`);
    this.ws.on('message', (m) => this.frames.push(JSON.parse(String(m)) as PlaygroundFrame));
    await new Promise<void>((resolve, reject) => {
      this.ws!.once('open', () => resolve());
      this.ws!.once('error', reject);
    });
  }

  async install(conversationId: string): Promise<void> {
    await axios.post(`${this.url}/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  async say(conversationId: string, fromId: string, text: string): Promise<void> {
    await axios.post(`${this.url}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { from: { id: fromId }, text, textFormat: 'plain' });
  }

  async invoke(conversationId: string, fromId: string, replyToId: string, verb: string, data: unknown): Promise<{ status: number; body: unknown }> {
    const r = await axios.post(
      `${this.url}/_conversation/v1/invoke`,
      { name: 'adaptiveCard/action', from: { id: fromId }, conversation: { id: conversationId }, replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } },
      { validateStatus: () => true },
    );
    return { status: r.status, body: r.data };
  }

  /** Waits for the next bot message (after `after` frames) that carries a card or text matching `match`. */
  async nextMessage(after: number, match: (f: PlaygroundFrame) => boolean = () => true, timeoutMs = 10_000): Promise<PlaygroundFrame> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const f = this.frames.slice(after).find((x) => x.action === 'createMessage' && match(x));
      if (f) return f;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no matching bot message within ${timeoutMs} ms; frames: ${JSON.stringify(this.frames.slice(after)).slice(0, 500)}`);
  }

  async stop(): Promise<void> {
    this.ws?.close();
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await new Promise((r) => this.child.once('exit', r));
    }
  }
}

export function cardText(f: PlaygroundFrame): string {
  return JSON.stringify(f.message?.attachments?.[0]?.content ?? {}) + (f.message?.text ?? '');
}
