import type { LevelDatabase, SealedSublevel, StoreOp } from './level.js'
import type { KeyRange } from './collection.js'

/** The value of every key-index entry: nothing (there is nothing to seal). */
const EMPTY = new Uint8Array(0)

/**
 * An index whose keys are all it holds (e.g. `pad(time)!id`, an order to
 * walk): values are empty, so nothing is sealed — sealing the key's own
 * content again as its value (what `seen-expiry` did before store layout 2)
 * cost one AEAD per write and hid nothing the key does not show. Readers look
 * at keys only, so entries written with a sealed value still read the same.
 */
export class KeyIndex {
  readonly name: string
  readonly #sub: SealedSublevel

  constructor(db: LevelDatabase, name: string) {
    this.name = name
    this.#sub = db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' }) as SealedSublevel
  }

  /** The operation that adds `key`. */
  put(key: string): StoreOp {
    return { type: 'put', sublevel: this.#sub, key, value: EMPTY }
  }

  del(key: string): StoreOp {
    return { type: 'del', sublevel: this.#sub, key }
  }

  /** Keys in key order (or reversed). */
  async *keys(range: KeyRange = {}): AsyncGenerator<string> {
    for await (const key of this.#sub.keys({ ...range, limit: range.limit ?? -1 })) yield key
  }
}
