import Bottleneck from 'bottleneck';

/** police.uk's published limit: a leaky bucket draining 15 requests a second, holding at most 30. */
export const POLICE_RATE_LIMIT = { perSecond: 15, burst: 30 } as const;

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * A limiter that keeps every call under `limit`. The bucket starts `margin` requests short of
 * full so that network jitter (requests reaching the server bunched up) cannot tip it over.
 */
export function createRateLimiter(limit: RateLimit = POLICE_RATE_LIMIT, margin = 5): Bottleneck {
  // Refill in small steps (an integer number of requests every ~200 ms) to approximate a leak.
  const step = Math.max(1, Math.round(limit.perSecond / 5));
  const intervalMs = Math.round((step * 1000) / limit.perSecond);
  const capacity = Math.max(1, limit.burst - margin);
  const options: Bottleneck.ConstructorOptions & { heartbeatInterval: number } = {
    reservoir: capacity,
    reservoirIncreaseAmount: step,
    reservoirIncreaseInterval: intervalMs,
    reservoirIncreaseMaximum: capacity,
    maxConcurrent: capacity,
    // Bottleneck checks the refill on its heartbeat (250 ms by default, which would slow us to 12/s).
    heartbeatInterval: Math.max(10, Math.floor(intervalMs / 4)),
  };
  return new Bottleneck(options);
}
