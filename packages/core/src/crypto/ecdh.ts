import * as secp from '@noble/secp256k1'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { XchatError } from '../errors.js'
import { isValidPublicKey, PRIVATE_KEY_LENGTH } from './signature.js'

/** Length of an ECDH output: the x-coordinate of the shared point. */
export const SHARED_SECRET_LENGTH = 32

/**
 * A platform's faster secp256k1 ECDH (e.g. Node's OpenSSL): the 32-byte
 * x-coordinate of `privateKey · publicKey`, the same bytes as the default.
 * Called only with keys {@link ecdh} has already checked.
 */
export type EcdhImplementation = (privateKey: Uint8Array, publicKey: Uint8Array) => Uint8Array

// getSharedSecret returns the compressed point (prefix ‖ x); the prefix is dropped.
// @noble/curves (same author and audits as @noble/secp256k1, same result) multiplies an arbitrary
// point with the GLV endomorphism: ~1.6× faster, and every Double Ratchet step does two of these
const nobleEcdh: EcdhImplementation = (privateKey, publicKey) => secp256k1.getSharedSecret(privateKey, publicKey, true).slice(1)

let implementation = nobleEcdh

/**
 * Use a platform's ECDH for every {@link ecdh} of this process (every ratchet
 * step, handshake and sealed envelope), or the default again with `undefined`.
 * A platform sets it once at start; core itself stays platform-free.
 */
export function setEcdhImplementation(impl: EcdhImplementation | undefined): void {
  implementation = impl ?? nobleEcdh
}

/** A secp256k1 key pair; `publicKey` is 33-byte compressed. Holds a secret: never log it. */
export interface KeyPair {
  readonly publicKey: Uint8Array
  readonly privateKey: Uint8Array
}

/**
 * A fresh key pair from the platform CSPRNG (for prekeys, ephemeral and
 * ratchet keys — never derived from the seed).
 * @example const { publicKey, privateKey } = generateKeyPair()
 */
export function generateKeyPair(): KeyPair {
  const privateKey = secp.utils.randomSecretKey()
  return { privateKey, publicKey: secp.getPublicKey(privateKey, true) }
}

/** True if `key` is a 32-byte scalar in 1..n-1. */
export function isValidPrivateKey(key: Uint8Array): boolean {
  return key.length === PRIVATE_KEY_LENGTH && secp.utils.isValidSecretKey(key)
}

/**
 * secp256k1 ECDH: the 32-byte x-coordinate of `privateKey · publicKey`.
 * The public key is checked first, since it usually comes from a peer.
 * @param what - names the public key in the error, e.g. 'signed prekey'
 * @throws XchatError INVALID_KEY if the public key is not a compressed curve point or the private key is out of range
 * @example const dh1 = ecdh(identity.privateKey, signedPrekey.publicKey, 'signed prekey')
 */
export function ecdh(privateKey: Uint8Array, publicKey: Uint8Array, what = 'public key'): Uint8Array {
  if (!isValidPublicKey(publicKey)) {
    throw new XchatError('INVALID_KEY', `${what} is not a compressed secp256k1 point (33 bytes), got ${publicKey.length} bytes`)
  }
  if (!isValidPrivateKey(privateKey)) {
    throw new XchatError('INVALID_KEY', `private key for ECDH with the ${what} is out of range`)
  }
  const shared = implementation(privateKey, publicKey)
  // a platform implementation must keep the contract: a wrong length would silently weaken every key derived from it
  if (shared.length !== SHARED_SECRET_LENGTH) throw new XchatError('INVALID_KEY', `ECDH gave ${shared.length} bytes, not 32`)
  return shared
}
