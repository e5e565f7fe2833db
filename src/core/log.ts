import pino, { Logger } from 'pino';
import { randomUUID } from 'node:crypto';

export type { Logger };

export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { app: 'csp-assistant' }, redact: ['*.MicrosoftAppPassword', '*.password'] });
}

/** A short id a user can quote to support, and that ties their apology to the log line. */
export function correlationId(): string {
  return randomUUID().slice(0, 8);
}
