import { bytesToHex, concatBytes } from '@noble/hashes/utils.js'
import { equalBytes } from '@noble/ciphers/utils.js'
import { XchatError } from '../errors.js'
import { sign, verify, publicKeyOf, isValidPublicKey, generateKeyPair, isValidPrivateKey } from '../crypto/index.js'
import { SIGNED_PREKEY_DOMAIN } from './constants.js'

/** Highest prekey id: ids are uint32 on the wire. */
export const MAX_PREKEY_ID = 2 ** 32 - 1

/** A device's signed prekey as it is published. */
export interface SignedPrekey {
  readonly id: number
  /** 33-byte compressed secp256k1 */
  readonly publicKey: Uint8Array
  /** ms since the Unix epoch */
  readonly createdAt: number
  /** 64-byte compact ECDSA by the device (identity) key over {@link signedPrekeyBytes} */
  readonly signature: Uint8Array
}

/** A device's one-time prekey as it is published. */
export interface OneTimePrekey {
  readonly id: number
  readonly publicKey: Uint8Array
}

const inspect = Symbol.for('nodejs.util.inspect.custom')

/**
 * A signed prekey with its private key. The private key is reachable only
 * through {@link SignedPrekeyPair.privateKey}; JSON and inspection show the public part.
 */
export class SignedPrekeyPair implements SignedPrekey {
  readonly id: number
  readonly publicKey: Uint8Array
  readonly createdAt: number
  readonly signature: Uint8Array
  readonly #privateKey: Uint8Array

  /**
   * Rebuild a pair from storage.
   * @throws XchatError INVALID_KEY if the private key is out of range or does not match `publicKey`
   */
  constructor(prekey: SignedPrekey, privateKey: Uint8Array) {
    assertPair(prekey.publicKey, privateKey, 'signed prekey')
    assertPrekeyId(prekey.id)
    this.id = prekey.id
    this.publicKey = prekey.publicKey
    this.createdAt = prekey.createdAt
    this.signature = prekey.signature
    this.#privateKey = privateKey
  }

  /** The raw 32-byte private key. Explicit on purpose: persist it encrypted, never log it. */
  privateKey(): Uint8Array {
    return this.#privateKey
  }

  /** What to publish. */
  toPublic(): SignedPrekey {
    return { id: this.id, publicKey: this.publicKey, createdAt: this.createdAt, signature: this.signature }
  }

  toJSON(): { id: number; publicKey: string; createdAt: number } {
    return { id: this.id, publicKey: bytesToHex(this.publicKey), createdAt: this.createdAt }
  }

  [inspect](): string {
    return `SignedPrekeyPair(${this.id}, ${bytesToHex(this.publicKey)})`
  }
}

/** A one-time prekey with its private key; like {@link SignedPrekeyPair}, secrets stay out of JSON. */
export class OneTimePrekeyPair implements OneTimePrekey {
  readonly id: number
  readonly publicKey: Uint8Array
  readonly #privateKey: Uint8Array

  /** @throws XchatError INVALID_KEY if the private key is out of range or does not match `publicKey` */
  constructor(prekey: OneTimePrekey, privateKey: Uint8Array) {
    assertPair(prekey.publicKey, privateKey, 'one-time prekey')
    assertPrekeyId(prekey.id)
    this.id = prekey.id
    this.publicKey = prekey.publicKey
    this.#privateKey = privateKey
  }

  /** The raw 32-byte private key. Explicit on purpose: persist it encrypted, never log it. */
  privateKey(): Uint8Array {
    return this.#privateKey
  }

  /** What to publish. */
  toPublic(): OneTimePrekey {
    return { id: this.id, publicKey: this.publicKey }
  }

  toJSON(): { id: number; publicKey: string } {
    return { id: this.id, publicKey: bytesToHex(this.publicKey) }
  }

  [inspect](): string {
    return `OneTimePrekeyPair(${this.id}, ${bytesToHex(this.publicKey)})`
  }
}

/** The signed bytes of a signed prekey: u32 id ‖ u64 createdAt (big-endian) ‖ 33-byte public key. */
export function signedPrekeyBytes(prekey: Omit<SignedPrekey, 'signature'>): Uint8Array {
  const head = new Uint8Array(12)
  const view = new DataView(head.buffer)
  view.setUint32(0, prekey.id)
  view.setBigUint64(4, BigInt(prekey.createdAt))
  return concatBytes(head, prekey.publicKey)
}

/**
 * A new signed prekey: a random key pair, signed by the device (identity) key.
 * @param identityPrivateKey - the device key that the peer knows as this device's identity
 * @param id - uint32, unique among this device's signed prekeys
 * @param now - ms since the Unix epoch (from the caller's clock)
 * @throws RangeError for a bad `id`/`now`; XchatError INVALID_KEY for a bad private key
 * @example const spk = generateSignedPrekey(device.privateKey(), 1, Date.now())
 */
export function generateSignedPrekey(identityPrivateKey: Uint8Array, id: number, now: number): SignedPrekeyPair {
  assertPrekeyId(id)
  if (!Number.isSafeInteger(now) || now < 0) throw new RangeError(`"now" expected a non-negative integer of ms, got ${String(now)}`)
  if (!isValidPrivateKey(identityPrivateKey)) throw new XchatError('INVALID_KEY', 'identity private key is out of range')
  // random, never seed-derived: a leaked seed must not reveal past prekeys
  const { publicKey, privateKey } = generateKeyPair()
  const body = { id, publicKey, createdAt: now }
  return new SignedPrekeyPair({ ...body, signature: sign(SIGNED_PREKEY_DOMAIN, signedPrekeyBytes(body), identityPrivateKey) }, privateKey)
}

/**
 * `count` new random one-time prekeys with ids `startId`, `startId + 1`, ….
 * @throws RangeError when `count` is negative or the ids leave 0..2^32-1
 * @example const opks = generateOneTimePrekeys(16, nextId)
 */
export function generateOneTimePrekeys(count: number, startId: number): OneTimePrekeyPair[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`"count" expected a non-negative integer, got ${String(count)}`)
  assertPrekeyId(startId)
  if (count > 0) assertPrekeyId(startId + count - 1)
  return Array.from({ length: count }, (_, i) => {
    const { publicKey, privateKey } = generateKeyPair()
    return new OneTimePrekeyPair({ id: startId + i, publicKey }, privateKey)
  })
}

/**
 * Check a signed prekey against the identity key that must have signed it.
 * @throws XchatError INVALID_KEY (a key is not a curve point) | BAD_SIGNATURE
 */
export function verifySignedPrekey(prekey: SignedPrekey, identityKey: Uint8Array): void {
  if (!isValidPublicKey(identityKey)) throw new XchatError('INVALID_KEY', 'identity key is not a compressed secp256k1 point')
  if (!isValidPublicKey(prekey.publicKey)) throw new XchatError('INVALID_KEY', 'signed prekey is not a compressed secp256k1 point')
  if (!isPrekeyId(prekey.id) || !Number.isSafeInteger(prekey.createdAt) || prekey.createdAt < 0) {
    throw new XchatError('BAD_SIGNATURE', 'signed prekey id or creation time is out of range')
  }
  if (!verify(SIGNED_PREKEY_DOMAIN, signedPrekeyBytes(prekey), prekey.signature, identityKey)) {
    throw new XchatError('BAD_SIGNATURE', `signed prekey ${prekey.id} is not signed by this identity key`)
  }
}

/** True for an integer in 0..2^32-1. */
export function isPrekeyId(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= MAX_PREKEY_ID
}

function assertPrekeyId(id: number): void {
  if (!isPrekeyId(id)) throw new RangeError(`"id" expected integer in range 0..2**32-1, got ${String(id)}`)
}

function assertPair(publicKey: Uint8Array, privateKey: Uint8Array, what: string): void {
  if (!isValidPrivateKey(privateKey) || !isValidPublicKey(publicKey) || !equalBytes(publicKeyOf(privateKey), publicKey)) {
    throw new XchatError('INVALID_KEY', `${what} private key does not match its public key`)
  }
}
