import { utf8ToBytes, bytesToHex } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { hkdfSha256, hmacSha256, sealJoined, open, NONCE_LENGTH, KEY_LENGTH } from '../crypto/index.js'

/** HKDF info of the storage key; changing it makes every stored value unreadable. */
export const STORAGE_KEY_INFO = 'xchat/store/v1'

/** HKDF info of the key that blinds identifiers inside level keys. */
export const KEY_BLINDING_INFO = 'xchat/store/key-blinding/v1'

/**
 * The storage key of a device: HKDF-SHA256(ikm = device private key, salt = 32 zero bytes,
 * info = "xchat/store/v1", 32 bytes). Holds a secret: never log it.
 * @example const key = deriveStorageKey(keys.device.privateKey())
 */
export function deriveStorageKey(devicePrivateKey: Uint8Array): Uint8Array {
  if (devicePrivateKey.length !== 32) throw new RangeError(`"devicePrivateKey" expected 32 bytes, got ${devicePrivateKey.length}`)
  return hkdfSha256(devicePrivateKey, undefined, STORAGE_KEY_INFO, KEY_LENGTH)
}

/** How many blinded identifiers are remembered (oldest forgotten first). */
const MAX_BLINDED = 1024

/**
 * Encryption at rest: every stored value is XChaCha20-Poly1305 under the
 * storage key with the value's name (`sublevel/key`) as associated data, so a
 * value moved to another key does not open. Stored as nonce ‖ ciphertext ‖ tag.
 */
export class Sealer {
  readonly #key: Uint8Array
  readonly #blindingKey: Uint8Array
  /** Recently blinded identifiers (their blinded forms are not secret from this device: it stores them in keys). */
  readonly #blinded = new Map<string, string>()

  constructor(storageKey: Uint8Array) {
    if (storageKey.length !== KEY_LENGTH) throw new RangeError(`"storageKey" expected ${KEY_LENGTH} bytes, got ${storageKey.length}`)
    this.#key = storageKey
    this.#blindingKey = hkdfSha256(storageKey, undefined, KEY_BLINDING_INFO, KEY_LENGTH)
  }

  seal(name: string, plaintext: Uint8Array): Uint8Array {
    return sealJoined(this.#key, plaintext, utf8ToBytes(name))
  }

  /** @throws XchatError STORE_CORRUPT when the value does not open under this key and name */
  open(name: string, stored: Uint8Array): Uint8Array {
    const plaintext =
      stored.length < NONCE_LENGTH
        ? undefined
        : open(this.#key, { nonce: stored.subarray(0, NONCE_LENGTH), ciphertext: stored.subarray(NONCE_LENGTH) }, utf8ToBytes(name))
    if (plaintext === undefined) throw new XchatError('STORE_CORRUPT', `stored value ${name.split('/')[0] ?? ''} does not decrypt`)
    return plaintext
  }

  /**
   * A stable 32-hex-character stand-in for an identifier (an account or device
   * key) inside a level key, so the files on disk do not list who you talk to.
   */
  blind(id: string): string {
    const known = this.#blinded.get(id)
    if (known !== undefined) return known
    const blinded = bytesToHex(hmacSha256(this.#blindingKey, utf8ToBytes(id))).slice(0, 32)
    // the same few accounts and devices are blinded for every message: an HMAC each time was measurable
    if (this.#blinded.size >= MAX_BLINDED) this.#blinded.delete(this.#blinded.keys().next().value as string)
    this.#blinded.set(id, blinded)
    return blinded
  }
}
