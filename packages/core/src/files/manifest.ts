/**
 * The file manifest: what a receiver needs to fetch, decrypt and verify a
 * file. It travels only inside the end-to-end encrypted session (it holds the
 * file key); its SHA-256 is the file's id on '/xchat/files/1.0.0'.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { randomBytes } from '../crypto/index.js'
import { FileManifestPb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { DEFAULT_CHUNK_BYTES, FILE_KEY_LENGTH, FILE_SALT_LENGTH, HASH_LENGTH, MANIFEST_VERSION } from './constants.js'
import { nobleFileCrypto, sealChunkParts, type FileCrypto } from './file-crypto.js'
import { ringReader, type FileSource } from './source-sink.js'

/** A validated manifest. */
export interface FileManifest {
  readonly name: string
  readonly size: number
  readonly mime: string
  readonly chunkSize: number
  /** 32-byte XChaCha20-Poly1305 key of this file alone. */
  readonly key: Uint8Array
  /** SHA-256 of the chunk list (each encrypted chunk's SHA-256, concatenated). */
  readonly chunksRoot: Uint8Array
  /** SHA-256 of the whole plaintext. */
  readonly sha256: Uint8Array
  readonly salt: Uint8Array
}

/** A manifest with its encoding and id (SHA-256 of the encoding). */
export interface EncodedManifest {
  readonly manifest: FileManifest
  readonly bytes: Uint8Array
  readonly id: Uint8Array
}

/** A file ready to offer: its manifest and the chunk list the sender serves. */
export interface PreparedFile extends EncodedManifest {
  readonly chunkList: Uint8Array
}

/** What the sender says about a file. */
export interface FileMeta {
  readonly name: string
  readonly mime?: string
  /** Plaintext bytes per chunk; default 256 KiB, raised (powers of two) when a file needs it. */
  readonly chunkSize?: number
}

/** Chunks in a file of `size` bytes. */
export function chunkCount(m: Pick<FileManifest, 'size' | 'chunkSize'>): number {
  return Math.ceil(m.size / m.chunkSize)
}

/** Plaintext bytes of chunk `index`. */
export function chunkLength(m: Pick<FileManifest, 'size' | 'chunkSize'>, index: number): number {
  return Math.min(m.chunkSize, m.size - index * m.chunkSize)
}

/** The chunk size for a file: `preferred`, doubled until the file fits in MAX_FILE_CHUNKS. */
function chunkSizeFor(size: number, preferred: number): number {
  let c = preferred
  while (Math.ceil(size / c) > limits.MAX_FILE_CHUNKS && c < limits.MAX_CHUNK_BYTES) c *= 2
  return c
}

/**
 * Read a source once: encrypt every chunk under a fresh key, hash the chunks
 * and the plaintext. Memory: one chunk plus the chunk list (32 bytes a chunk).
 * @throws XchatError TOO_LARGE for a file over MAX_FILE_BYTES or a name/MIME type too long
 * @example
 * const file = await prepareFile(bytesSource(bytes), { name: 'a.txt', mime: 'text/plain' })
 */
export async function prepareFile(
  source: FileSource,
  meta: FileMeta,
  options: { signal?: AbortSignal; crypto?: FileCrypto } = {},
): Promise<PreparedFile> {
  const crypto = options.crypto ?? nobleFileCrypto
  const chunkSize = chunkSizeFor(source.size, meta.chunkSize ?? DEFAULT_CHUNK_BYTES)
  const key = randomBytes(FILE_KEY_LENGTH)
  const shape = { size: source.size, chunkSize }
  checkShape(shape)
  const n = chunkCount(shape)
  const chunkList = new Uint8Array(n * HASH_LENGTH)
  const whole = crypto.createSha256()
  const readChunk = ringReader(source, chunkSize) // the chunk being hashed and the one read ahead
  const read = (i: number): Promise<Uint8Array> => {
    const p = readChunk(i * chunkSize, chunkLength(shape, i))
    p.catch(() => undefined) // awaited below; a read-ahead left behind by an abort must not be an unhandled rejection
    return p
  }
  // one chunk read ahead: the disk works while the previous chunk is sealed and hashed
  let next = n > 0 ? read(0) : undefined
  for (let i = 0; i < n; i++) {
    options.signal?.throwIfAborted()
    const plain = await (next as Promise<Uint8Array>)
    next = i + 1 < n ? read(i + 1) : undefined
    whole.update(plain)
    // the sealed parts are hashed as they are, never joined
    const hash = crypto.createSha256()
    for (const part of sealChunkParts(crypto, key, i, plain)) hash.update(part)
    chunkList.set(hash.digest(), i * HASH_LENGTH)
  }
  const manifest: FileManifest = {
    name: meta.name,
    size: source.size,
    mime: meta.mime ?? 'application/octet-stream',
    chunkSize,
    key,
    chunksRoot: sha256(chunkList),
    sha256: whole.digest(),
    salt: randomBytes(FILE_SALT_LENGTH),
  }
  return { ...encodeManifest(manifest), chunkList }
}

/**
 * Encode a manifest and compute its id.
 * @throws XchatError TOO_LARGE | MALFORMED when the manifest breaks a limit
 */
export function encodeManifest(manifest: FileManifest): EncodedManifest {
  checkManifest(manifest)
  const bytes = FileManifestPb.encode({
    version: MANIFEST_VERSION,
    name: manifest.name,
    size: BigInt(manifest.size),
    mime: manifest.mime,
    chunkSize: manifest.chunkSize,
    key: Uint8Array.from(manifest.key),
    chunksRoot: Uint8Array.from(manifest.chunksRoot),
    sha256: Uint8Array.from(manifest.sha256),
    salt: Uint8Array.from(manifest.salt),
  })
  return { manifest, bytes, id: sha256(bytes) }
}

/**
 * Parse manifest bytes from a peer; every field is checked.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW
 */
export function parseManifest(bytes: Uint8Array): EncodedManifest {
  const pb = decodeBounded('file manifest', bytes, limits.MAX_FILE_MANIFEST_BYTES, (b) => FileManifestPb.decode(b))
  checkVersion('file manifest', pb.version, { min: MANIFEST_VERSION, max: MANIFEST_VERSION })
  if (pb.size > BigInt(limits.MAX_FILE_BYTES)) throw new XchatError('TOO_LARGE', `a file may have at most ${limits.MAX_FILE_BYTES} bytes`)
  const manifest: FileManifest = {
    name: pb.name,
    size: Number(pb.size),
    mime: pb.mime,
    chunkSize: pb.chunkSize,
    key: pb.key,
    chunksRoot: pb.chunksRoot,
    sha256: pb.sha256,
    salt: pb.salt,
  }
  checkManifest(manifest)
  return { manifest, bytes, id: sha256(bytes) }
}

function checkShape(m: Pick<FileManifest, 'size' | 'chunkSize'>): void {
  if (!Number.isSafeInteger(m.size) || m.size < 0 || m.size > limits.MAX_FILE_BYTES) {
    throw new XchatError('TOO_LARGE', `a file may have at most ${limits.MAX_FILE_BYTES} bytes, got ${m.size}`)
  }
  if (!Number.isSafeInteger(m.chunkSize) || m.chunkSize < limits.MIN_CHUNK_BYTES || m.chunkSize > limits.MAX_CHUNK_BYTES) {
    throw new XchatError('MALFORMED', `chunk size must be ${limits.MIN_CHUNK_BYTES}..${limits.MAX_CHUNK_BYTES} bytes, got ${m.chunkSize}`)
  }
  if (chunkCount(m) > limits.MAX_FILE_CHUNKS) throw new XchatError('TOO_LARGE', `a file may have at most ${limits.MAX_FILE_CHUNKS} chunks`)
}

function checkManifest(m: FileManifest): void {
  checkShape(m)
  if (utf8ToBytes(m.name).length > limits.MAX_FILE_NAME_BYTES) throw new XchatError('TOO_LARGE', 'file name is too long')
  if (utf8ToBytes(m.mime).length > limits.MAX_MIME_BYTES) throw new XchatError('TOO_LARGE', 'MIME type is too long')
  if (m.key.length !== FILE_KEY_LENGTH) throw new XchatError('MALFORMED', `file key must be ${FILE_KEY_LENGTH} bytes`)
  if (m.chunksRoot.length !== HASH_LENGTH || m.sha256.length !== HASH_LENGTH)
    throw new XchatError('MALFORMED', 'file hashes must be 32 bytes')
  if (m.salt.length !== FILE_SALT_LENGTH) throw new XchatError('MALFORMED', `file salt must be ${FILE_SALT_LENGTH} bytes`)
}
