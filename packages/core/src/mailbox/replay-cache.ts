/**
 * Remembers key proofs a relay has accepted until they are too old to be
 * accepted anyway, so the same proof is good once. Bounded: when full of
 * proofs that are all still fresh, it refuses new ones (the relay answers
 * RATE_LIMITED) rather than forget one that could then be replayed.
 */
export class ReplayCache {
  readonly #ttlMs: number
  readonly #maxEntries: number
  /** signature (hex) → when it may be forgotten; insertion order is time order */
  readonly #seen = new Map<string, number>()

  constructor(ttlMs: number, maxEntries = 100_000) {
    this.#ttlMs = ttlMs
    this.#maxEntries = maxEntries
  }

  /**
   * Record a proof.
   * @returns 'fresh' the first time, 'replay' when seen before, 'full' when it cannot be remembered
   */
  add(key: string, now: number): 'fresh' | 'replay' | 'full' {
    for (const [k, forgetAt] of this.#seen) {
      if (forgetAt > now) break
      this.#seen.delete(k)
    }
    if (this.#seen.has(key)) return 'replay'
    if (this.#seen.size >= this.#maxEntries) return 'full'
    this.#seen.set(key, now + this.#ttlMs)
    return 'fresh'
  }
}
