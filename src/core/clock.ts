/** The only source of "now" in the code: injected, so demos can replay a timeline and tests control time. */
export interface Clock {
  now(): Date;
}

/** Wall-clock time, optionally shifted so that it starts at `startAt` and runs forward from there. */
export function systemClock(startAt?: string | Date): Clock {
  if (startAt === undefined) return { now: () => new Date() };
  const offset = new Date(startAt).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(to: string | Date): void {
    this.t = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
