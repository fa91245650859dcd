/**
 * A token bucket per key (one per component frame): a burst of `burst` requests, then `perSecond`.
 * Keeps a hostile or looping component from flooding the extension host with requests.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst = 200,
    private readonly perSecond = 100,
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys = 1000,
  ) {}

  /** True when the request may go ahead (and counts it). */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.delete(key);
    // Least recently used first: a flood of new keys cannot grow the map without bound.
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
