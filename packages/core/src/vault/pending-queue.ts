import type { Collection } from '../store/index.js'

/**
 * Encoded entries the queue keeps in memory at most (bytes). Beyond it the
 * queue forgets them and a flush reads the store again, as it did before there
 * was a queue: a device whose relays stay away for days must not grow its heap
 * with every message. 8 MiB is 32 full blobs (MAX_VAULT_BLOB_BYTES).
 */
export const MAX_PENDING_IN_MEMORY_BYTES = 8 * 1024 * 1024

/** One recorded entry waiting for a blob: its key in `vault-pending` and its encoded VaultEntry. */
export interface PendingEntry {
  readonly key: string
  readonly bytes: Uint8Array
}

/**
 * The vault's entries not yet on relays, kept in memory next to their sealed
 * copies in the store (`vault-pending`), so a flush — every 2 s while
 * messages flow, and again after every failed push — does not read and open
 * every pending entry each time. The store stays the truth: the queue is
 * loaded from it once (after a start or when it outgrew its limit), added to
 * only after the batch that stores an entry is written, and an entry leaves it
 * only after its deletion is written.
 */
export class PendingQueue {
  readonly #store: Collection<Uint8Array>
  readonly #limit: number
  /** key → entry, in key (= lamport) order; undefined when the store must be read */
  #entries: Map<string, PendingEntry> | undefined
  #bytes = 0
  /** Additions seen while not loaded: a store read that overlapped one may lack it, so it is not kept. */
  #missed = 0

  constructor(store: Collection<Uint8Array>, limit = MAX_PENDING_IN_MEMORY_BYTES) {
    this.#store = store
    this.#limit = limit
  }

  /**
   * Start out loaded when the store holds no pending entry (a keys-only look,
   * nothing opened): then not even the first flush reads the store. Call before anything is recorded.
   */
  async init(): Promise<void> {
    if (this.#entries === undefined && (await this.#store.count(1)) === 0) {
      this.#entries = new Map()
      this.#bytes = 0
    }
  }

  /** Whether the queue holds every pending entry (no store read needed). */
  get loaded(): boolean {
    return this.#entries !== undefined
  }

  /** Entries written to the store (call after their batch is written). Keys only grow: order is kept. */
  added(entries: readonly PendingEntry[]): void {
    const map = this.#entries
    if (map === undefined) {
      this.#missed++ // not loaded: the next flush reads the store, which has them
      return
    }
    for (const e of entries) {
      map.set(e.key, e)
      this.#bytes += e.bytes.length
    }
    if (this.#bytes > this.#limit) this.#forget()
  }

  /** Entries whose deletion was written. */
  removed(keys: readonly string[]): void {
    const map = this.#entries
    if (map === undefined) return
    for (const key of keys) {
      const e = map.get(key)
      if (e === undefined) continue
      map.delete(key)
      this.#bytes -= e.bytes.length
    }
  }

  /** Every pending entry in key order: from memory, or read from the store (then kept when it fits). */
  async list(): Promise<PendingEntry[]> {
    if (this.#entries !== undefined) return [...this.#entries.values()]
    const missed = this.#missed
    const read: PendingEntry[] = []
    let bytes = 0
    for await (const [key, value] of this.#store.entries()) {
      read.push({ key, bytes: value })
      bytes += value.length
    }
    // kept only when no entry was written while the store was read (the read might not show it)
    if (bytes <= this.#limit && missed === this.#missed) {
      this.#entries = new Map(read.map((e) => [e.key, e]))
      this.#bytes = bytes
    }
    return read
  }

  /** How many entries are pending (memory when loaded, else a key count). */
  async count(): Promise<number> {
    return this.#entries?.size ?? this.#store.count()
  }

  #forget(): void {
    this.#entries = undefined
    this.#bytes = 0
  }
}
