/**
 * The primitives a transfer spends its time in, behind one interface so a
 * platform can supply native code (Node's OpenSSL is ~8× faster than pure JS
 * here) while core stays platform-neutral. Every implementation must give the
 * same bytes as {@link nobleFileCrypto}: XChaCha20-Poly1305 as in
 * chunk-crypto.ts and SHA-256.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { chunkHash, decryptChunk, encryptChunk } from './chunk-crypto.js'

/** An incremental SHA-256. */
export interface Sha256Stream {
  update(bytes: Uint8Array): void
  digest(): Uint8Array
}

/** Chunk sealing and hashing for file transfers. */
export interface FileCrypto {
  /** Seal chunk `index` under the file key (see chunk-crypto.ts for nonce and associated data). */
  encryptChunk(key: Uint8Array, index: number, plaintext: Uint8Array): Uint8Array
  /** Open chunk `index`; undefined when the tag does not verify. */
  decryptChunk(key: Uint8Array, index: number, ciphertext: Uint8Array): Uint8Array | undefined
  sha256(bytes: Uint8Array): Uint8Array
  createSha256(): Sha256Stream
}

/** The pure-JS implementation (@noble), used everywhere unless a platform passes its own. */
export const nobleFileCrypto: FileCrypto = {
  encryptChunk,
  decryptChunk,
  sha256: chunkHash,
  createSha256: () => sha256.create(),
}
