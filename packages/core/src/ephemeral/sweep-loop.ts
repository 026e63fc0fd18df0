/**
 * When a sweeper runs: at start, then at the earliest expiry in its index (at
 * most SWEEP_MAX_WAIT_MS apart, so a clock that jumped is noticed soon),
 * batch by batch under the owner's mutex, compacting before and after. What a
 * batch deletes is the owner's (1:1 messages: sweeper.ts; groups: group-sweeper.ts).
 */
import { SWEEP_MAX_WAIT_MS } from './constants.js'
import { expiryTimeOf } from './expiry-store.js'

/** What a {@link SweepLoop} drives. */
export interface SweepTarget<T> {
  readonly now: () => number
  /** The owner's mutex: a batch never interleaves with a receive or a send. */
  readonly lock: { run<R>(fn: () => Promise<R>): Promise<R> }
  /** The first key of the expiry index (`<pad(time)>!…`), if any. */
  firstExpiryKey(): Promise<string | undefined>
  /** Delete up to one batch of what is due now; `more` when the batch was full. */
  batch(): Promise<{ expired: T[]; more: boolean }>
  /** Make deletions physical; never throws (the deletions are written either way). */
  compact(): Promise<void>
  /** Forget tombstones no copy can outlive any more. */
  pruneTombstones(): Promise<void>
  /** Called after the deletions are written and compacted. */
  onExpired(items: readonly T[]): void
}

/** See the file comment. */
export class SweepLoop<T> {
  readonly #target: SweepTarget<T>
  #timer: ReturnType<typeof setTimeout> | undefined
  #running = false
  #sweeping: Promise<number> | undefined

  constructor(target: SweepTarget<T>) {
    this.#target = target
  }

  /** Sweep what expired while this device was off, forget old tombstones, then keep sweeping on time. */
  async start(): Promise<void> {
    await this.sweep()
    await this.#target.pruneTombstones()
    this.#running = true
    this.poke()
  }

  /** Stop sweeping on time; resolves once a sweep in progress (and its compaction) is done. */
  async stop(): Promise<void> {
    this.#running = false
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#sweeping?.catch(() => undefined)
  }

  /** An expiry was added or moved: re-arm the timer for the earliest. */
  poke(): void {
    if (!this.#running) return
    clearTimeout(this.#timer)
    this.#timer = undefined
    void this.#arm().catch(() => undefined)
  }

  /** Delete everything due now. Concurrent calls share one sweep. @returns how many were deleted */
  async sweep(): Promise<number> {
    this.#sweeping ??= this.#sweepAll().finally(() => {
      this.#sweeping = undefined
    })
    return this.#sweeping
  }

  async #arm(): Promise<void> {
    const first = await this.#target.firstExpiryKey()
    if (first === undefined || !this.#running) return
    const wait = Math.min(SWEEP_MAX_WAIT_MS, Math.max(0, expiryTimeOf(first) - this.#target.now()))
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.sweep()
        .catch(() => undefined)
        .then(() => this.poke())
    }, wait)
  }

  async #sweepAll(): Promise<number> {
    const first = await this.#target.firstExpiryKey()
    if (first === undefined || expiryTimeOf(first) > this.#target.now()) return 0
    // first move what is still in LevelDB's write buffer into tables: a value and its deletion
    // flushed together would be moved down as one untouched file, value included
    await this.#target.compact()
    const expired: T[] = []
    for (;;) {
      const batch = await this.#target.lock.run(async () => this.#target.batch())
      expired.push(...batch.expired)
      if (!batch.more) break
    }
    if (expired.length === 0) return 0
    await this.#target.compact()
    this.#target.onExpired(expired)
    return expired.length
  }
}

/** The first key an iterator yields (an index's earliest entry with `limit: 1`). */
export async function firstKey(keys: AsyncIterable<string>): Promise<string | undefined> {
  for await (const key of keys) return key
  return undefined
}
