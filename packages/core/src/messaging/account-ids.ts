import { bytesToHex } from '@noble/hashes/utils.js'
import { decodeAccountId, encodeAccountId, parseAccountId, type AccountId } from '../identity/index.js'

/** Entries each memo keeps: far more accounts than one device talks to at once. */
const MAX_ENTRIES = 1024

/**
 * Account IDs ↔ keys, remembered: parsing or encoding one checks that the key
 * is a curve point (a square root mod p), and messaging does it for every message.
 */
export class AccountIds {
  readonly #ids = new Map<string, AccountId>()
  readonly #keys = new Map<string, Uint8Array>()

  /** The canonical form of a typed account ID. @throws XchatError ACCOUNT_ID_* | INVALID_KEY */
  parse(text: string): AccountId {
    return this.#memo(this.#ids, `t:${text}`, () => parseAccountId(text))
  }

  /** The account ID of a 33-byte account key. @throws XchatError INVALID_KEY */
  of(key: Uint8Array): AccountId {
    return this.#memo(this.#ids, `k:${bytesToHex(key)}`, () => encodeAccountId(key))
  }

  /** The account key of an account ID. @throws XchatError ACCOUNT_ID_* | INVALID_KEY */
  keyOf(id: AccountId): Uint8Array {
    return this.#memo(this.#keys, id, () => decodeAccountId(id))
  }

  #memo<V>(map: Map<string, V>, key: string, make: () => V): V {
    let value = map.get(key)
    if (value === undefined) {
      value = make()
      if (map.size >= MAX_ENTRIES) map.clear()
      map.set(key, value)
    }
    return value
  }
}
