import type { AccountId } from '../identity/index.js'
import { jsonCodec, read, type Collection, type StoreOp, type XchatStore } from '../store/index.js'

/** How many device keys known not to be revoked are remembered (one per peer device written with). */
const MAX_CLEAR_CACHE = 4096

/**
 * Device keys that accounts revoked, as their directory records list them:
 * learnt at every lookup, kept for good, so a revoked device's envelopes are
 * refused even after its revocation drops out of a record.
 */
export class Revocations {
  readonly #store: XchatStore
  readonly #keys: Collection<string>
  /** Known revoked keys (hex): checked on every envelope, so kept in memory once read. */
  readonly #known = new Set<string>()
  /** Keys looked up and found not revoked: only {@link Revocations.learn} (this object) adds revocations. */
  readonly #clear = new Set<string>()

  constructor(store: XchatStore) {
    this.#store = store
    this.#keys = store.collection(
      'revoked-devices',
      jsonCodec<string>(
        (a) => a,
        (j) => read.string(j),
      ),
    )
  }

  /** Remember an account's revoked device keys (hex). */
  async learn(accountId: AccountId, deviceKeys: readonly string[]): Promise<void> {
    const ops: StoreOp[] = []
    for (const key of deviceKeys) {
      if (this.#known.has(key)) continue
      this.#known.add(key)
      this.#clear.delete(key)
      ops.push(this.#keys.put(this.#store.blind(key), accountId))
    }
    await this.#store.write(ops)
  }

  /** Whether a device key (hex) was revoked by its account. */
  async has(deviceKey: string): Promise<boolean> {
    if (this.#known.has(deviceKey)) return true
    if (this.#clear.has(deviceKey)) return false
    const found = (await this.#keys.get(this.#store.blind(deviceKey))) !== undefined
    if (found) this.#known.add(deviceKey)
    // a few peer devices at most: the set stays small (and a learn() in between wins: it is checked first)
    else if (this.#clear.size < MAX_CLEAR_CACHE) this.#clear.add(deviceKey)
    return found
  }
}
