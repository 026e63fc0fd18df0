import type { Mutex } from './lock.js'

/** One item's outcome in a group: its value, or the error that failed it alone. */
export type ItemResult<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown }

interface Queued<T, R> {
  readonly item: T
  readonly resolve: (value: R) => void
  readonly reject: (err: unknown) => void
}

/**
 * Group commit: items that arrive while a group is being worked on wait and
 * go together in the next one, so a burst shares one mutex turn, one store
 * batch and one disk sync instead of paying for each item. A lone item goes
 * at once (no timer, no added latency). Items are handed to `work` in call
 * order; a group holds at most `maxGroup` of them.
 */
export class GroupCommit<T, R> {
  readonly #lock: Mutex
  readonly #maxGroup: number
  readonly #work: (items: readonly T[]) => Promise<readonly ItemResult<R>[]>
  readonly #queue: Queued<T, R>[] = []
  #draining = false

  /**
   * @param work - runs under `lock` with a group's items; returns one result per item, in order.
   *   When it throws, every item of the group fails with that error (nothing of the group is written).
   */
  constructor(lock: Mutex, maxGroup: number, work: (items: readonly T[]) => Promise<readonly ItemResult<R>[]>) {
    this.#lock = lock
    this.#maxGroup = maxGroup
    this.#work = work
  }

  /** Queue an item; resolves with its result once its group is done. */
  async run(item: T): Promise<R> {
    const done = new Promise<R>((resolve, reject) => this.#queue.push({ item, resolve, reject }))
    if (!this.#draining) void this.#drain()
    return done
  }

  async #drain(): Promise<void> {
    this.#draining = true
    try {
      while (this.#queue.length > 0) {
        // the group is taken when the mutex is ours: whatever queued while waiting for it comes along
        await this.#lock.run(async () => {
          const group = this.#queue.splice(0, this.#maxGroup)
          let results: readonly ItemResult<R>[]
          try {
            results = await this.#work(group.map((q) => q.item))
          } catch (err) {
            for (const q of group) q.reject(err)
            return
          }
          group.forEach((q, i) => {
            const r = results[i]
            if (r === undefined) q.reject(new Error('group commit: no result for an item'))
            else if (r.ok) q.resolve(r.value)
            else q.reject(r.error)
          })
        })
      }
    } finally {
      this.#draining = false
    }
  }
}
