import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { randomBytes, randomNonce } from './random.js'

/** XChaCha20-Poly1305 nonce length: 24 bytes, safe to pick at random. */
export const NONCE_LENGTH = 24
/** Symmetric key length. */
export const KEY_LENGTH = 32

/** A sealed box: random nonce plus ciphertext with its 16-byte tag. */
export interface SealedBox {
  readonly nonce: Uint8Array
  readonly ciphertext: Uint8Array
}

/** Encrypt with XChaCha20-Poly1305 under a fresh random nonce. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): SealedBox {
  const nonce = randomBytes(NONCE_LENGTH)
  return { nonce, ciphertext: xchacha20poly1305(key, nonce, aad).encrypt(plaintext) }
}

/**
 * Decrypt a {@link SealedBox}; returns undefined when the tag does not verify
 * (wrong key, tampered bytes) so the caller can name the problem in its terms.
 */
export function open(key: Uint8Array, box: SealedBox, aad?: Uint8Array): Uint8Array | undefined {
  if (box.nonce.length !== NONCE_LENGTH) return undefined
  try {
    return xchacha20poly1305(key, box.nonce, aad).decrypt(box.ciphertext)
  } catch {
    return undefined
  }
}

/** Poly1305 tag length. */
export const TAG_LENGTH = 16

/**
 * {@link seal} in one buffer, `nonce(24) ‖ ciphertext ‖ tag(16)`, written in
 * place (no copy of the ciphertext into a concatenation); the nonce is random
 * (from the nonce pool). Opened by {@link open} with the nonce split off.
 */
export function sealJoined(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const out = new Uint8Array(NONCE_LENGTH + plaintext.length + TAG_LENGTH)
  const nonce = randomNonce(out.subarray(0, NONCE_LENGTH))
  xchacha20poly1305(key, nonce, aad).encrypt(plaintext, out.subarray(NONCE_LENGTH))
  return out
}
