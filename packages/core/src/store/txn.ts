import type { Collection } from './collection.js'
import type { SealedSublevel, StoreOp } from './level.js'

/** A value staged by record (sealed at commit) or an operation staged as it is (already sealed, or a delete). */
type Staged =
  | { readonly kind: 'value'; readonly collection: Collection<unknown>; readonly key: string; readonly value: unknown }
  | { readonly kind: 'op'; readonly op: StoreOp }

/**
 * Writes staged for one atomic batch and read back before it is committed
 * (group commit). Several messages worked on together share one level batch,
 * one disk sync and one seal of each record they all change: a session record
 * or a conversation is encoded, sealed and written once, in its last state.
 * Reads through the txn see what it staged; everything else reads the store
 * (once: a value read is remembered for the txn's short life, under the mutex).
 * A txn is used under the messaging mutex only, and dropped (never written)
 * when the work it holds fails.
 */
export class StoreTxn {
  readonly #staged = new Map<SealedSublevel, Map<string, Staged>>()
  /** Values read from the store (not staged): a group reads the same records again and again. */
  readonly #read = new Map<SealedSublevel, Map<string, unknown>>()

  /** The value of `key`: staged here, else stored. */
  async get<V>(collection: Collection<V>, key: string): Promise<V | undefined> {
    const staged = this.#staged.get(collection.sublevel)?.get(key)
    if (staged === undefined) return this.#readStored(collection, key)
    if (staged.kind === 'value') return staged.value as V
    return staged.op.type === 'del' ? undefined : collection.decodeStored(key, staged.op.value)
  }

  /** The values of several keys: staged here, else stored (those in one read). */
  async getMany<V>(collection: Collection<V>, keys: readonly string[]): Promise<(V | undefined)[]> {
    const staged = this.#staged.get(collection.sublevel)
    const read = this.#read.get(collection.sublevel)
    const missing = [...new Set(keys.filter((k) => staged?.has(k) !== true && read?.has(k) !== true))]
    const fetched = await collection.getMany(missing)
    const cache = read ?? new Map<string, unknown>()
    if (read === undefined) this.#read.set(collection.sublevel, cache)
    missing.forEach((k, i) => cache.set(k, fetched[i]))
    return Promise.all(keys.map(async (k) => this.get(collection, k)))
  }

  /** Whether `key` holds a value: staged here, else stored. */
  async has(collection: Collection<unknown>, key: string): Promise<boolean> {
    const staged = this.#staged.get(collection.sublevel)?.get(key)
    if (staged === undefined) return collection.has(key)
    return staged.kind === 'value' || staged.op.type === 'put'
  }

  /** Stage `value` under `key`; it is encoded and sealed at {@link StoreTxn.ops}, once however often it is staged. */
  put<V>(collection: Collection<V>, key: string, value: V): void {
    this.#stage(collection.sublevel, key, { kind: 'value', collection, key, value })
  }

  del(collection: Collection<unknown>, key: string): void {
    this.#stage(collection.sublevel, key, { kind: 'op', op: collection.del(key) })
  }

  /**
   * Stage operations made elsewhere (e.g. `Collection.put`, already sealed); a later one for the same
   * key replaces an earlier one. Read back, a staged put is opened from its sealed bytes.
   */
  push(...ops: readonly StoreOp[]): void {
    for (const op of ops) this.#stage(op.sublevel, op.key, { kind: 'op', op })
  }

  /** How many keys are staged. */
  get size(): number {
    let n = 0
    for (const m of this.#staged.values()) n += m.size
    return n
  }

  /**
   * The batch: one operation per staged key, its last state. Encodes and seals
   * staged values now, so a value that fails to encode throws before anything is written.
   */
  ops(): StoreOp[] {
    const out: StoreOp[] = []
    for (const keys of this.#staged.values()) {
      for (const s of keys.values()) out.push(s.kind === 'op' ? s.op : s.collection.put(s.key, s.value))
    }
    return out
  }

  async #readStored<V>(collection: Collection<V>, key: string): Promise<V | undefined> {
    let read = this.#read.get(collection.sublevel)
    if (read === undefined) this.#read.set(collection.sublevel, (read = new Map<string, unknown>()))
    if (read.has(key)) return read.get(key) as V | undefined
    const value = await collection.get(key)
    read.set(key, value)
    return value
  }

  #stage(sublevel: SealedSublevel, key: string, staged: Staged): void {
    let keys = this.#staged.get(sublevel)
    if (keys === undefined) this.#staged.set(sublevel, (keys = new Map<string, Staged>()))
    keys.delete(key) // the last state goes last (the batch keeps the order of the last writes)
    keys.set(key, staged)
  }
}
