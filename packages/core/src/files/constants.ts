/**
 * File transfer constants (docs/protocol/files.md). Size limits on bytes that
 * cross the wire are in wire/limits.ts.
 */

/** The receiver pulls encrypted chunks from the sender on this protocol. */
export const FILES_PROTOCOL = '/xchat/files/1.0.0'

/** FileManifest.version this client writes and reads. */
export const MANIFEST_VERSION = 1

/** FileRequest.version this client writes and reads. */
export const FILES_VERSION = 1

/** Plaintext bytes per chunk unless a file needs larger chunks to stay under MAX_FILE_CHUNKS. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024

/** The per-file XChaCha20-Poly1305 key. */
export const FILE_KEY_LENGTH = 32

/** Random bytes in a manifest so two offers of the same file have different ids. */
export const FILE_SALT_LENGTH = 16

/** SHA-256 output: chunk hashes, the chunk-list root, the whole-file hash, file ids. */
export const HASH_LENGTH = 32

/**
 * Plaintext bytes one request asks for (1 MiB): with {@link REQUESTS_IN_FLIGHT}
 * requests outstanding at most ~2 MiB are unread on the stream (the receiver
 * sizes its read buffer to that), while the sender never waits for a round trip.
 */
export const REQUEST_BYTES = 1024 * 1024

/** Requests outstanding on one stream. */
export const REQUESTS_IN_FLIGHT = 2

/** Default largest file a receiver accepts (a setting; the protocol allows MAX_FILE_BYTES). */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024 * 1024

/** Failed attempts in a row (no chunk received in between) before a download gives up; it stays resumable. */
export const DEFAULT_RETRIES = 5

/** Times one chunk may arrive invalid before the sender is taken to be broken or hostile. */
export const MAX_CHUNK_ATTEMPTS = 3

/** FileChunk.status values. */
export const CHUNK_STATUS = { ok: 0, unknownFile: 1, badRequest: 2, unreadable: 3 } as const

/** FileRequest.kind values. */
export const REQUEST_KIND = { chunks: 0, chunkList: 1 } as const
