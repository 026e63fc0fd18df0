import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { concatBytes } from '@noble/hashes/utils.js'
import { hkdfSha256, hmacSha256 } from '../crypto/index.js'
import { X3DH_INFO, ROOT_KDF_INFO, MESSAGE_KEY_INFO, MESSAGE_KEY_CONSTANT, CHAIN_KEY_CONSTANT, SYMMETRIC_KEY_LENGTH } from './constants.js'

const ZERO_SALT = new Uint8Array(32)
/** X3DH §2.2: F is 32 0xFF bytes before the DH outputs, so SK's input never starts like a valid key. */
const X3DH_F = new Uint8Array(32).fill(0xff)
const MESSAGE_KEY_CONSTANT_BYTES = Uint8Array.of(MESSAGE_KEY_CONSTANT)
const CHAIN_KEY_CONSTANT_BYTES = Uint8Array.of(CHAIN_KEY_CONSTANT)

/** XChaCha20-Poly1305 key and nonce lengths. */
const AEAD_KEY_LENGTH = 32
const AEAD_NONCE_LENGTH = 24

/** Poly1305 tag length: the shortest possible ciphertext. */
export const TAG_LENGTH = 16

/**
 * X3DH §3.3: SK = HKDF-SHA256(F ‖ DH1 ‖ DH2 ‖ DH3 [‖ DH4], salt = 32 zero bytes, info = X3DH_INFO), 32 bytes.
 */
export function x3dhSecret(dhOutputs: readonly Uint8Array[]): Uint8Array {
  return hkdfSha256(concatBytes(X3DH_F, ...dhOutputs), ZERO_SALT, X3DH_INFO, SYMMETRIC_KEY_LENGTH)
}

/**
 * KDF_RK (Double Ratchet §5.2): HKDF-SHA256 with the root key as salt and the
 * DH output as input; 64 bytes split into the next root key and a chain key.
 */
export function kdfRoot(rootKey: Uint8Array, dhOutput: Uint8Array): { rootKey: Uint8Array; chainKey: Uint8Array } {
  const out = hkdfSha256(dhOutput, rootKey, ROOT_KDF_INFO, 2 * SYMMETRIC_KEY_LENGTH)
  return { rootKey: out.slice(0, SYMMETRIC_KEY_LENGTH), chainKey: out.slice(SYMMETRIC_KEY_LENGTH) }
}

/** KDF_CK (Double Ratchet §5.2): message key = HMAC(ck, 0x01), next chain key = HMAC(ck, 0x02). */
export function kdfChain(chainKey: Uint8Array): { chainKey: Uint8Array; messageKey: Uint8Array } {
  return {
    messageKey: hmacSha256(chainKey, MESSAGE_KEY_CONSTANT_BYTES),
    chainKey: hmacSha256(chainKey, CHAIN_KEY_CONSTANT_BYTES),
  }
}

/**
 * A message key is used once, so the AEAD key and nonce are both expanded
 * from it (Double Ratchet §5.2 recommends deriving them with HKDF): no
 * nonce travels and none can repeat.
 */
function aeadFor(messageKey: Uint8Array, ad: Uint8Array): ReturnType<typeof xchacha20poly1305> {
  const okm = hkdfSha256(messageKey, ZERO_SALT, MESSAGE_KEY_INFO, AEAD_KEY_LENGTH + AEAD_NONCE_LENGTH)
  return xchacha20poly1305(okm.subarray(0, AEAD_KEY_LENGTH), okm.subarray(AEAD_KEY_LENGTH), ad)
}

/** ENCRYPT(mk, plaintext, AD): XChaCha20-Poly1305; returns ciphertext ‖ tag. */
export function sealMessage(messageKey: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
  return aeadFor(messageKey, ad).encrypt(plaintext)
}

/** DECRYPT(mk, ciphertext, AD); undefined when the tag does not verify. */
export function openMessage(messageKey: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array): Uint8Array | undefined {
  if (ciphertext.length < TAG_LENGTH) return undefined
  try {
    return aeadFor(messageKey, ad).decrypt(ciphertext)
  } catch {
    return undefined
  }
}
