/**
 * Chunk encryption: XChaCha20-Poly1305 under the file's own random key. The
 * nonce is the chunk index (a key encrypts exactly one file, so an index never
 * repeats under it) and the index is also the associated data, so a chunk
 * moved to another position fails to decrypt.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { NONCE_LENGTH } from '../crypto/index.js'
import { FILE_KEY_LENGTH } from './constants.js'

/** Bytes Poly1305 adds to every chunk. */
export const CHUNK_TAG_LENGTH = 16

function indexBytes(index: number): Uint8Array {
  if (!Number.isSafeInteger(index) || index < 0 || index > 0xffffffff) {
    throw new RangeError(`"index" expected integer in range 0..2**32-1, got ${index}`)
  }
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, index)
  return out
}

function cipher(key: Uint8Array, index: number): ReturnType<typeof xchacha20poly1305> {
  if (key.length !== FILE_KEY_LENGTH) throw new RangeError(`"key" expected ${FILE_KEY_LENGTH} bytes, got ${key.length}`)
  const aad = indexBytes(index)
  // nonce: 20 zero bytes then the big-endian index
  const nonce = new Uint8Array(NONCE_LENGTH)
  nonce.set(aad, NONCE_LENGTH - 4)
  return xchacha20poly1305(key, nonce, aad)
}

/**
 * Encrypt chunk `index` of a file.
 * @returns ciphertext with its 16-byte tag
 * @throws RangeError for a key that is not 32 bytes or an index out of range
 */
export function encryptChunk(key: Uint8Array, index: number, plaintext: Uint8Array): Uint8Array {
  return cipher(key, index).encrypt(plaintext)
}

/** Decrypt chunk `index`; undefined when the tag does not verify (wrong file, position or bytes). */
export function decryptChunk(key: Uint8Array, index: number, ciphertext: Uint8Array): Uint8Array | undefined {
  try {
    return cipher(key, index).decrypt(ciphertext)
  } catch {
    return undefined
  }
}

/** The hash a manifest's chunk list holds for an encrypted chunk. */
export function chunkHash(encrypted: Uint8Array): Uint8Array {
  return sha256(encrypted)
}
