/** A token bucket's size and refill. */
export interface RateLimit {
  /** Requests allowed at once (the bucket's size). */
  readonly burst: number
  /** Requests added back per minute. */
  readonly perMinute: number
}

/** The outcome of {@link RateLimiter.take}: allowed, or when to retry. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number }

/**
 * Token buckets per key (a PeerId), on the caller's clock. Holds at most
 * `maxKeys` buckets, dropping the least recently used one (a dropped key
 * starts again with a full bucket: the bound protects memory, not fairness).
 */
export class RateLimiter {
  readonly #limit: RateLimit
  readonly #now: () => number
  readonly #maxKeys: number
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(limit: RateLimit, now: () => number, maxKeys = 10_000) {
    if (!(limit.burst >= 1) || !(limit.perMinute > 0)) {
      throw new RangeError(`rate limit expected burst ≥ 1 and perMinute > 0, got ${limit.burst}/${limit.perMinute}`)
    }
    this.#limit = limit
    this.#now = now
    this.#maxKeys = maxKeys
  }

  /** Take one token for `key`. */
  take(key: string): RateDecision {
    const now = this.#now()
    const perMs = this.#limit.perMinute / 60_000
    const old = this.#buckets.get(key)
    const tokens = old === undefined ? this.#limit.burst : Math.min(this.#limit.burst, old.tokens + Math.max(0, now - old.at) * perMs)
    this.#buckets.delete(key) // re-insert: the Map's order is least recently used first
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at: now })
      return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / perMs) }
    }
    this.#buckets.set(key, { tokens: tokens - 1, at: now })
    if (this.#buckets.size > this.#maxKeys) this.#buckets.delete(this.#buckets.keys().next().value ?? key)
    return { allowed: true }
  }
}
