// A token bucket per caller (API key owner, or client address without keys) for createTask.
// Per API process: with several API processes behind a balancer, each allows this much.
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(caller: string, now = Date.now()): number {
    const refillPerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, updatedAt: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    if (this.buckets.size > 10_000) this.forgetFullBuckets(now);
    return Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
  }

  /** Callers whose bucket refilled completely need no memory. */
  private forgetFullBuckets(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * (this.perMinute / 60_000) >= this.perMinute) this.buckets.delete(caller);
    }
  }
}
