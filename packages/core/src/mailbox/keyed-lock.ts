/**
 * Runs tasks one at a time per key (a mailbox or a device), so quota
 * read-modify-write and one-time prekey takes never interleave. Tasks with
 * different keys run concurrently.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>()

  /** Run `task` after every earlier task with the same key has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    const result = previous.then(task)
    const tail = result.catch(() => undefined)
    this.#tails.set(key, tail)
    try {
      return await result
    } finally {
      // the last task of a key removes its entry, so idle keys cost nothing
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    }
  }
}
