/**
 * One scheduler instance for `npm run bench:crash`, in its own process: it sends every reminder
 * as an HTTP POST to the parent's fake connector (which counts what arrives) and runs until told
 * to stop, or until the parent kills it.
 */
import { systemClock } from '../src/core/clock';
import { ReminderScheduler } from '../src/features/followups/scheduler';
import { DEFAULT_DIGEST } from '../src/features/followups/digest';
import type { ProactiveMessage, SendOutcome } from '../src/features/followups/sender';
import { openStore } from '../src/store/db';
import { followupDeps } from '../test/support/followupFixtures';

async function main(): Promise<void> {
  const instance = process.env.CRASH_INSTANCE as string;
  const connector = process.env.CRASH_CONNECTOR as string;
  const store = openStore(process.env.CRASH_DB_URL as string, { schema: process.env.CRASH_DB_SCHEMA as string });
  const clock = systemClock(process.env.CRASH_NOW as string);
  const sender = {
    async send(conversationKey: string, message: ProactiveMessage): Promise<SendOutcome> {
      const r = await fetch(connector, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instance, conversationKey, text: message.summary ?? message.text }),
      });
      return r.ok ? { status: 'sent', httpStatus: r.status } : { status: 'retry', httpStatus: r.status };
    },
  };
  const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, {
    instanceId: instance,
    leaseMs: Number(process.env.CRASH_LEASE_MS),
    intervalMs: 250,
    concurrency: 4,
    digest: { ...DEFAULT_DIGEST, enabled: false },
  });
  scheduler.start();
  process.send?.({ ready: instance });
  process.on('message', (m: { stop?: boolean }) => {
    if (m.stop) void scheduler.stop().then(() => store.close()).then(() => process.exit(0));
  });
}

void main();
