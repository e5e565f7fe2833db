/**
 * Run in a child process by the crash test: claims the due reminders, tells the parent it is about
 * to send, and then hangs in the send until the parent kills it with SIGKILL.
 */
import { FakeClock } from '../../src/core/clock';
import { ReminderScheduler } from '../../src/features/followups/scheduler';
import { DEFAULT_DIGEST } from '../../src/features/followups/digest';
import { openStore } from '../../src/store/db';
import { followupDeps } from './followupFixtures';

async function main(): Promise<void> {
  const url = process.env.CRASH_DB_URL as string;
  const schema = process.env.CRASH_DB_SCHEMA || undefined;
  const store = openStore(url, schema ? { schema } : {});
  const clock = new FakeClock(process.env.CRASH_NOW as string);
  const sender = {
    send(conversationKey: string): Promise<never> {
      process.send?.({ sending: conversationKey });
      return new Promise<never>(() => undefined);
    },
  };
  const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, {
    instanceId: 'doomed',
    leaseMs: Number(process.env.CRASH_LEASE_MS),
    digest: { ...DEFAULT_DIGEST, enabled: false },
  });
  await scheduler.runDue();
}

void main();
