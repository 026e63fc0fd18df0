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
  /**
   * Optional, for speed: seal a chunk into parts whose concatenation is
   * `encryptChunk`'s result (e.g. ciphertext and tag), so no buffer is copied
   * only to join them.
   */
  sealChunk?(key: Uint8Array, index: number, plaintext: Uint8Array): Uint8Array[]
  /**
   * Optional, for speed: open a sealed chunk given as consecutive parts (as
   * the transport delivered it) into plaintext parts, without joining the
   * input; undefined when the tag does not verify.
   */
  openChunk?(key: Uint8Array, index: number, sealed: readonly Uint8Array[]): Uint8Array[] | undefined
}

/** Seal a chunk as parts: {@link FileCrypto.sealChunk} where the platform has it. */
export function sealChunkParts(crypto: FileCrypto, key: Uint8Array, index: number, plaintext: Uint8Array): Uint8Array[] {
  return crypto.sealChunk?.(key, index, plaintext) ?? [crypto.encryptChunk(key, index, plaintext)]
}

/** Open a chunk given as parts: {@link FileCrypto.openChunk} where the platform has it, else joined once. */
export function openChunkParts(
  crypto: FileCrypto,
  key: Uint8Array,
  index: number,
  sealed: readonly Uint8Array[],
): Uint8Array[] | undefined {
  if (crypto.openChunk !== undefined) return crypto.openChunk(key, index, sealed)
  const plain = crypto.decryptChunk(key, index, sealed.length === 1 ? (sealed[0] as Uint8Array) : concat(sealed))
  return plain === undefined ? undefined : [plain]
}

/** The parts as one buffer (a copy unless there is only one). */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The pure-JS implementation (@noble), used everywhere unless a platform passes its own. */
export const nobleFileCrypto: FileCrypto = {
  encryptChunk,
  decryptChunk,
  sha256: chunkHash,
  createSha256: () => sha256.create(),
}
