import { HDKey } from '@scure/bip32'
import { bytesToHex } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'

/**
 * xchat's BIP-32 paths (all hardened, so a leaked child key never exposes a
 * parent). 7368' is xchat's own "coin type": keys here are used nowhere else.
 * See docs/identity.md; changing a path is a protocol change.
 */
export const XCHAT_ROOT_PATH = "m/44'/7368'/0'"
/** The account key: its public key is the account ID. */
export const ACCOUNT_KEY_PATH = `${XCHAT_ROOT_PATH}/0'`
/** The account vault key (history recovery, device sync): see vault/ and docs/protocol/vault.md. */
export const VAULT_KEY_PATH = `${XCHAT_ROOT_PATH}/2'/0'`
/** Highest device index: BIP-32 hardened indexes are 31-bit. */
export const MAX_DEVICE_INDEX = 2 ** 31 - 1

/** The path of device key number `index`. */
export function devicePath(index: number): string {
  assertDeviceIndex(index)
  return `${XCHAT_ROOT_PATH}/1'/${index}'`
}

/** @throws RangeError when `index` is not an integer in 0..2^31-1 */
export function assertDeviceIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > MAX_DEVICE_INDEX) {
    throw new RangeError(`"index" expected integer in range 0..2**31-1, got ${String(index)}`)
  }
}

const inspect = Symbol.for('nodejs.util.inspect.custom')

/**
 * A secp256k1 key pair derived on a BIP-32 path. The private key is reachable
 * only through {@link HdKeyPair.privateKey}; JSON and inspection show public parts.
 */
export class HdKeyPair {
  readonly path: string
  readonly publicKey: Uint8Array
  readonly #privateKey: Uint8Array

  constructor(path: string, privateKey: Uint8Array, publicKey: Uint8Array) {
    this.path = path
    this.#privateKey = privateKey
    this.publicKey = publicKey
  }

  /** The raw 32-byte private key. Explicit on purpose: never logged or serialised. */
  privateKey(): Uint8Array {
    return this.#privateKey
  }

  toJSON(): { path: string; publicKey: string } {
    return { path: this.path, publicKey: bytesToHex(this.publicKey) }
  }

  [inspect](): string {
    return `HdKeyPair(${this.path}, ${bytesToHex(this.publicKey)})`
  }
}

/**
 * Derive the key pair at `path` from a BIP-39 seed.
 * @throws XchatError INVALID_DERIVATION if a path is not fully hardened or derivation fails (probability ~2^-127)
 */
export function deriveKey(seed: Uint8Array, path: string): HdKeyPair {
  if (!/^m(\/\d+')+$/u.test(path)) {
    throw new XchatError('INVALID_DERIVATION', `xchat derives only fully hardened paths, got ${path}`)
  }
  const node = deriveExtendedKey(seed, path)
  return new HdKeyPair(path, node.privateKey, node.publicKey)
}

/** A BIP-32 node with its serialised extended keys (for vectors and export). */
export interface ExtendedKey {
  readonly privateKey: Uint8Array
  readonly publicKey: Uint8Array
  readonly xprv: string
  readonly xpub: string
}

/**
 * Plain BIP-32 derivation on any path, hardened or not. xchat's own keys go
 * through {@link deriveKey}; this exists for the published BIP-32 vectors.
 * @throws XchatError INVALID_DERIVATION
 */
export function deriveExtendedKey(seed: Uint8Array, path: string): ExtendedKey {
  try {
    const node = HDKey.fromMasterSeed(seed).derive(path)
    if (node.privateKey === null || node.publicKey === null) throw new Error('no key at path')
    return { privateKey: node.privateKey, publicKey: node.publicKey, xprv: node.privateExtendedKey, xpub: node.publicExtendedKey }
  } catch (cause) {
    throw new XchatError('INVALID_DERIVATION', `cannot derive a key at ${path}`, { cause })
  }
}

/** The account key of a seed. */
export function deriveAccountKey(seed: Uint8Array): HdKeyPair {
  return deriveKey(seed, ACCOUNT_KEY_PATH)
}

/** Device key number `index` of a seed. */
export function deriveDeviceKey(seed: Uint8Array, index: number): HdKeyPair {
  return deriveKey(seed, devicePath(index))
}
