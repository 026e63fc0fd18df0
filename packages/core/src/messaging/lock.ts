/**
 * A FIFO async mutex: tasks run one at a time in call order. Messaging runs
 * every read-modify-write of session records, seqs and the outbox under one,
 * so a session state is never used twice and seqs follow call order.
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve()

  async run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task)
    this.#tail = result.catch(() => undefined)
    return result
  }
}
