import * as secp from '@noble/secp256k1'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes, concatBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'

// @noble/secp256k1 ships without sync hashes; wire in @noble/hashes once.
secp.hashes.sha256 = sha256
secp.hashes.hmacSha256 = (key, msg) => hmac(sha256, key, msg)

/** Length of a compact (r ‖ s) ECDSA signature. */
export const SIGNATURE_LENGTH = 64
/** Length of a compressed secp256k1 public key. */
export const PUBLIC_KEY_LENGTH = 33
/** Length of a secp256k1 private key. */
export const PRIVATE_KEY_LENGTH = 32

/**
 * The bytes actually signed: a domain label, a zero byte, then the payload.
 * Labels keep a signature made for one purpose from being valid for another.
 */
function domainMessage(domain: string, payload: Uint8Array): Uint8Array {
  return concatBytes(utf8ToBytes(domain), new Uint8Array([0]), payload)
}

/**
 * Sign `payload` under a domain label with ECDSA over SHA-256 (RFC 6979 nonces, low-S, compact 64 bytes).
 * @example sign('xchat/device-cert/v1', bytes, accountPrivateKey)
 */
export function sign(domain: string, payload: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return secp.sign(domainMessage(domain, payload), privateKey, { prehash: true, lowS: true, format: 'compact' })
}

/** Verify a signature made by {@link sign}; false for any malformed input, never throws. */
export function verify(domain: string, payload: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_LENGTH || !isValidPublicKey(publicKey)) return false
  try {
    return secp.verify(signature, domainMessage(domain, payload), publicKey, { prehash: true, lowS: true, format: 'compact' })
  } catch {
    return false
  }
}

/**
 * Keys that passed the curve check lately. Decompressing a point costs a
 * square root (~0.1 ms); the same few keys (a conversation's account key, a
 * ratchet chain's key) come with every message, and validity depends on the
 * bytes alone, so remembering them is safe.
 */
const validKeys = new Set<string>()
const VALID_KEYS_CACHED = 1024

/** True if `key` is a 33-byte compressed point on secp256k1 (rejects the identity and off-curve points). */
export function isValidPublicKey(key: Uint8Array): boolean {
  if (key.length !== PUBLIC_KEY_LENGTH) return false
  const hex = bytesToHex(key)
  if (validKeys.has(hex)) return true
  let valid: boolean
  try {
    valid = secp.utils.isValidPublicKey(key, true)
  } catch {
    valid = false
  }
  if (valid) {
    if (validKeys.size >= VALID_KEYS_CACHED) validKeys.delete(validKeys.values().next().value as string)
    validKeys.add(hex)
  }
  return valid
}

/**
 * Check a public key that came from outside.
 * @throws XchatError INVALID_KEY naming `what`
 */
export function assertPublicKey(key: Uint8Array, what = 'public key'): void {
  if (!isValidPublicKey(key)) {
    throw new XchatError('INVALID_KEY', `${what} is not a compressed secp256k1 point (33 bytes), got ${key.length} bytes`)
  }
}

/** Compressed public key of a private key. */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return secp.getPublicKey(privateKey, true)
}
