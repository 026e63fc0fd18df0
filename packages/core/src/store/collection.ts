import { equalBytes } from '@noble/ciphers/utils.js'
import { isXchatError, XchatError } from '../errors.js'
import type { LevelDatabase, SealedSublevel, StoreOp } from './level.js'
import type { Sealer } from './sealer.js'

/** How a record becomes bytes and back. `decode` throws on anything it does not recognise. */
export interface RecordCodec<V> {
  encode(value: V): Uint8Array
  decode(bytes: Uint8Array): V
}

/** A key range of a {@link Collection}. */
export interface KeyRange {
  readonly gt?: string
  readonly gte?: string
  readonly lt?: string
  readonly lte?: string
  readonly reverse?: boolean
  readonly limit?: number
}

/**
 * A typed sublevel whose values are sealed: reads decrypt and decode, writes
 * return operations for one atomic {@link StoreOp} batch.
 */
export class Collection<V> {
  readonly name: string
  readonly #sub: SealedSublevel
  readonly #sealer: Sealer
  readonly #codec: RecordCodec<V>
  /** Decoded values by key with the exact stored bytes they came from (only for codecs that are costly to decode). */
  readonly #cache: Map<string, { stored: Uint8Array; value: V }> | undefined
  readonly #cacheSize: number

  /** @param cacheSize - remember this many decoded values (0: none); a hit needs the stored bytes to be unchanged */
  constructor(db: LevelDatabase, name: string, sealer: Sealer, codec: RecordCodec<V>, cacheSize = 0) {
    this.name = name
    this.#sub = db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' }) as SealedSublevel
    this.#sealer = sealer
    this.#codec = codec
    this.#cacheSize = cacheSize
    this.#cache = cacheSize > 0 ? new Map() : undefined
  }

  /** @throws XchatError STORE_CORRUPT when the stored value does not decrypt or decode */
  async get(key: string): Promise<V | undefined> {
    const stored = await this.#sub.get(key)
    if (stored === undefined) return undefined
    return this.#cached(key, stored)
  }

  /** The value of bytes read for `key`: remembered when they are the bytes it was decoded from, else decoded. */
  #cached(key: string, stored: Uint8Array): V {
    const cache = this.#cache
    if (cache === undefined) return this.#decode(key, stored)
    const hit = cache.get(key)
    // the bytes on disk are what they were when decoded: the same value (no decryption, no validation again)
    if (hit !== undefined && equalBytes(hit.stored, stored)) return hit.value
    const value = this.#decode(key, stored)
    this.#remember(key, Uint8Array.from(stored), value)
    return value
  }

  #remember(key: string, stored: Uint8Array, value: V): void {
    const cache = this.#cache
    if (cache === undefined) return
    cache.delete(key)
    cache.set(key, { stored, value })
    if (cache.size > this.#cacheSize) cache.delete(cache.keys().next().value as string)
  }

  /**
   * The values of several keys in one read (one call into the database instead of one per key).
   * @throws XchatError STORE_CORRUPT
   */
  async getMany(keys: readonly string[]): Promise<(V | undefined)[]> {
    if (keys.length === 0) return []
    const stored = await this.#sub.getMany([...keys])
    return stored.map((bytes, i) => (bytes === undefined ? undefined : this.#cached(keys[i] as string, bytes)))
  }

  /** @internal the sublevel this collection reads and writes (a {@link StoreTxn} stages by it) */
  get sublevel(): SealedSublevel {
    return this.#sub
  }

  /**
   * The value of sealed bytes made for `key` (an operation staged, not yet written).
   * @throws XchatError STORE_CORRUPT
   */
  decodeStored(key: string, stored: Uint8Array): V {
    return this.#decode(key, stored)
  }

  async has(key: string): Promise<boolean> {
    return (await this.#sub.get(key)) !== undefined
  }

  /** The operation that stores `value` under `key`; encodes and seals now, so a bad value throws before anything is written. */
  put(key: string, value: V): StoreOp {
    const stored = this.#sealer.seal(this.#name(key), this.#codec.encode(value))
    // remembered with the bytes it will be stored as: if the batch fails, the bytes on disk differ and the entry is never used
    if (this.#cache !== undefined) this.#remember(key, stored, value)
    return { type: 'put', sublevel: this.#sub, key, value: stored }
  }

  del(key: string): StoreOp {
    return { type: 'del', sublevel: this.#sub, key }
  }

  /** Entries in key order (or reversed), decrypted. */
  async *entries(range: KeyRange = {}): AsyncGenerator<[string, V]> {
    for await (const [key, stored] of this.#sub.iterator({ ...range, limit: range.limit ?? -1 })) {
      yield [key, this.#decode(key, stored)]
    }
  }

  /** How many entries there are, counting up to `max`. */
  async count(max = Infinity): Promise<number> {
    const keys = await this.#sub.keys({ limit: max === Infinity ? -1 : max }).all()
    return keys.length
  }

  /** Keys only, in key order: no decryption. */
  async *keys(range: KeyRange = {}): AsyncGenerator<string> {
    for await (const key of this.#sub.keys({ ...range, limit: range.limit ?? -1 })) yield key
  }

  #decode(key: string, stored: Uint8Array): V {
    const plaintext = this.#sealer.open(this.#name(key), stored)
    try {
      return this.#codec.decode(plaintext)
    } catch (cause) {
      if (isXchatError(cause, 'STORE_CORRUPT')) throw cause
      throw new XchatError('STORE_CORRUPT', `stored ${this.name} record does not decode`, { cause })
    }
  }

  #name(key: string): string {
    return `${this.name}/${key}`
  }
}
