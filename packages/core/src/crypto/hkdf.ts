import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * HKDF-SHA256 (RFC 5869) with a text label as `info`.
 * @param salt - undefined means HashLen zero bytes, as RFC 5869 says
 * @example hkdfSha256(ikm, new Uint8Array(32), 'xchat/x3dh/v1', 32)
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array | undefined, info: string, length: number): Uint8Array {
  return hkdf(sha256, ikm, salt, utf8ToBytes(info), length)
}

/** HMAC-SHA256 of `data` under `key`. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(sha256, key, data)
}
