/**
 * Encryption at rest in the browser: one AES-256-GCM key per browser profile,
 * made by WebCrypto as non-extractable and kept in IndexedDB. Page scripts can
 * use it but never read its bytes, so a copy of the profile's files without the
 * browser's own key storage does not open the data. Every value is sealed with
 * a fresh 96-bit IV and its record name as associated data, so sealed values
 * cannot be swapped between records.
 */
import { idbGet, idbPut } from './idb.js'

const WRAP_KEY_ID = 'wrap-key'
const FORMAT_VERSION = 1
const IV_BYTES = 12
const encoder = new TextEncoder()

/** Raised when sealed bytes do not open (damaged, or sealed under another key). */
export class SealedDataError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SealedDataError'
  }
}

/** Seals and opens byte strings with this profile's non-extractable key. */
export class Sealer {
  readonly #key: CryptoKey

  private constructor(key: CryptoKey) {
    this.#key = key
  }

  /** The profile's sealer, or undefined when no key was made yet. */
  static async load(): Promise<Sealer | undefined> {
    const key = await idbGet<CryptoKey>(WRAP_KEY_ID)
    return key === undefined ? undefined : new Sealer(key)
  }

  /** The profile's sealer, making (and storing) its key on first use. */
  static async loadOrCreate(): Promise<Sealer> {
    const existing = await Sealer.load()
    if (existing) return existing
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    await idbPut(WRAP_KEY_ID, key)
    return new Sealer(key)
  }

  /** `version ‖ iv ‖ AES-GCM(ciphertext ‖ tag)`, bound to `label`. */
  async seal(label: string, plaintext: Uint8Array): Promise<Uint8Array> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(label) }, this.#key, plaintext as Uint8Array<ArrayBuffer>),
    )
    const out = new Uint8Array(1 + IV_BYTES + ct.length)
    out[0] = FORMAT_VERSION
    out.set(iv, 1)
    out.set(ct, 1 + IV_BYTES)
    return out
  }

  /** @throws SealedDataError when the bytes are damaged, of another version or sealed under another key or label */
  async open(label: string, sealed: Uint8Array): Promise<Uint8Array> {
    if (sealed.length < 1 + IV_BYTES + 16 || sealed[0] !== FORMAT_VERSION) throw new SealedDataError(`sealed record "${label}" is damaged`)
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.slice(1, 1 + IV_BYTES), additionalData: aad(label) },
        this.#key,
        sealed.slice(1 + IV_BYTES),
      )
      return new Uint8Array(plain)
    } catch {
      throw new SealedDataError(`sealed record "${label}" does not open with this browser's key`)
    }
  }
}

function aad(label: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`xchat-web/v${FORMAT_VERSION}/${label}`)
}
