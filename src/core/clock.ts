/** Cancels a timer; calling it after the timer fired, or twice, does nothing. */
export type CancelTimer = () => void;

export interface TimerOptions {
  /** Do not keep the process alive for this timer alone (background clean-ups). */
  unref?: boolean;
}

/**
 * The only source of "now" in the code, and of timers beside the turns (the typing indicator,
 * the reminder loop, the daily clean-up): injected, so demos can replay a timeline and tests
 * control time.
 */
export interface Clock {
  now(): Date;
  /** Calls `fn` once, `ms` from now. */
  setTimer(ms: number, fn: () => void, options?: TimerOptions): CancelTimer;
  /** Calls `fn` every `ms` until cancelled. */
  repeat(ms: number, fn: () => void, options?: TimerOptions): CancelTimer;
  /** Resolves `ms` from now. */
  sleep(ms: number): Promise<void>;
}

/** Timers of the system clock: real time passes at wall speed even when the clock was started in the past. */
const realTimers: Omit<Clock, 'now'> = {
  setTimer(ms, fn, options = {}) {
    const t = setTimeout(fn, ms);
    if (options.unref) t.unref();
    return () => clearTimeout(t);
  },
  repeat(ms, fn, options = {}) {
    const t = setInterval(fn, ms);
    if (options.unref) t.unref();
    return () => clearInterval(t);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Wall-clock time, optionally shifted so that it starts at `startAt` and runs forward from there. */
export function systemClock(startAt?: string | Date): Clock {
  if (startAt === undefined) return { now: () => new Date(), ...realTimers };
  const offset = new Date(startAt).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset), ...realTimers };
}

interface FakeTimer {
  at: number;
  seq: number;
  fn: () => void;
  /** Set for a repeating timer: its period. */
  every?: number;
}

/** A clock that moves only when told to; its timers fire as it moves past them, in time order. */
export class FakeClock implements Clock {
  private t: number;
  private timers: FakeTimer[] = [];
  private seq = 0;

  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  /** Moves to `to`, firing every timer due on the way (never backwards for timers). */
  set(to: string | Date): void {
    this.moveTo(new Date(to).getTime());
  }

  advance(ms: number): void {
    this.moveTo(this.t + ms);
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    return this.add({ at: this.t + Math.max(0, ms), seq: ++this.seq, fn });
  }

  repeat(ms: number, fn: () => void): CancelTimer {
    const every = Math.max(1, ms);
    return this.add({ at: this.t + every, seq: ++this.seq, fn, every });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }

  /** How many timers are waiting (tests check that a stopped loop left none behind). */
  get pendingTimers(): number {
    return this.timers.length;
  }

  private add(timer: FakeTimer): CancelTimer {
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  private moveTo(target: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.t = Math.max(this.t, due.at);
      if (due.every) due.at += due.every;
      else this.timers = this.timers.filter((t) => t !== due);
      due.fn();
    }
    this.t = target;
  }
}
