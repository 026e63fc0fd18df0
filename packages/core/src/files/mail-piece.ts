/**
 * File mail: a file's encrypted chunks (and its chunk list) cut into pieces
 * that fit a mailbox envelope, for a recipient device that is offline
 * (docs/protocol/files.md, "Mailbox delivery"). This module only encodes,
 * cuts and checks pieces; sealing and depositing are the client's.
 */
import { XchatError } from '../errors.js'
import { FileMailPb, checkVersion, decodeBounded, limits } from '../wire/index.js'
import { HASH_LENGTH } from './constants.js'

/** FileMail.version this client writes and reads. */
export const FILE_MAIL_VERSION = 1

/**
 * The first inner byte of sealed file mail. A messaging Envelope (like every
 * protobuf message) starts with a field tag, and field number 0 is invalid,
 * so an inner that starts with 0x00 is never an Envelope.
 */
export const FILE_MAIL_MARKER = 0x00

/** What a piece is part of. */
export type FileMailKind = 'chunk' | 'chunk-list'

/** One piece: `data` is bytes `offset .. offset + data.length` of encrypted chunk `index` (or of the chunk list). */
export interface FileMailPiece {
  /** 32 bytes: the file id. */
  readonly fileId: Uint8Array
  readonly kind: FileMailKind
  readonly index: number
  readonly offset: number
  /** The whole chunk's (or chunk list's) length. */
  readonly total: number
  readonly data: Uint8Array
}

const KIND = { chunk: 0, 'chunk-list': 1 } as const

/** Whether unsealed mail is file mail (else it is a messaging Envelope, or garbage). */
export function isFileMail(inner: Uint8Array): boolean {
  return inner.length > 0 && inner[0] === FILE_MAIL_MARKER
}

/** The inner bytes of a sealed envelope carrying `piece`: the marker byte, then a FileMail. */
export function encodeFileMail(piece: FileMailPiece): Uint8Array {
  const pb = FileMailPb.encode({
    version: FILE_MAIL_VERSION,
    fileId: Uint8Array.from(piece.fileId),
    kind: KIND[piece.kind],
    index: piece.index,
    offset: piece.offset,
    total: piece.total,
    data: Uint8Array.from(piece.data),
  })
  const out = new Uint8Array(pb.length + 1)
  out[0] = FILE_MAIL_MARKER
  out.set(pb, 1)
  return out
}

/**
 * Parse unsealed file mail; anyone can seal mail to a device, so every field is checked.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW
 */
export function decodeFileMail(inner: Uint8Array): FileMailPiece {
  if (!isFileMail(inner)) throw new XchatError('MALFORMED', 'not file mail')
  const pb = decodeBounded('file mail', inner.subarray(1), limits.MAX_FILE_MAIL_BYTES, (b) => FileMailPb.decode(b))
  checkVersion('file mail', pb.version, { min: FILE_MAIL_VERSION, max: FILE_MAIL_VERSION })
  const kind = pb.kind === KIND.chunk ? 'chunk' : pb.kind === KIND['chunk-list'] ? 'chunk-list' : undefined
  if (kind === undefined) throw new XchatError('MALFORMED', `file mail kind ${pb.kind} is unknown`)
  if (pb.fileId.length !== HASH_LENGTH) throw new XchatError('MALFORMED', `file mail id must be ${HASH_LENGTH} bytes`)
  if (pb.data.length === 0 || pb.data.length > limits.FILE_MAIL_PIECE_BYTES) {
    throw new XchatError('MALFORMED', `file mail data must be 1..${limits.FILE_MAIL_PIECE_BYTES} bytes`)
  }
  // the largest thing a piece belongs to is a chunk with its tag, or a chunk list: one chunk frame
  if (pb.total > limits.MAX_FILE_CHUNK_FRAME_BYTES || pb.offset + pb.data.length > pb.total) {
    throw new XchatError('MALFORMED', 'file mail piece lies outside its chunk')
  }
  if (pb.index >= limits.MAX_FILE_CHUNKS || (kind === 'chunk-list' && pb.index !== 0)) {
    throw new XchatError('MALFORMED', 'file mail chunk index is out of range')
  }
  return {
    fileId: Uint8Array.from(pb.fileId),
    kind,
    index: pb.index,
    offset: pb.offset,
    total: pb.total,
    data: Uint8Array.from(pb.data),
  }
}

/**
 * An upper bound on a sealed file-mail envelope's bytes beyond its piece's
 * data: the marker and FileMail fields (≤ 61 bytes: version, 32-byte id, kind,
 * three u32 varints, the data's length prefix) and the seal (≤ 83 bytes:
 * version, 33-byte ephemeral key, 24-byte nonce, 16-byte tag, prefixes).
 */
export const FILE_MAIL_ENVELOPE_OVERHEAD = 160

/**
 * How many envelopes, and at most how many bytes, file mail of parts of these
 * lengths (the chunk list, then each encrypted chunk) takes in one mailbox.
 */
export function fileMailSize(partLengths: Iterable<number>): { readonly count: number; readonly bytes: number } {
  let count = 0
  let bytes = 0
  for (const length of partLengths) {
    const pieces = Math.ceil(length / limits.FILE_MAIL_PIECE_BYTES)
    count += pieces
    bytes += length + pieces * FILE_MAIL_ENVELOPE_OVERHEAD
  }
  return { count, bytes }
}

/** Cut an encrypted chunk (or the chunk list) into pieces of at most FILE_MAIL_PIECE_BYTES. */
export function cutIntoPieces(fileId: Uint8Array, kind: FileMailKind, index: number, bytes: Uint8Array): FileMailPiece[] {
  const out: FileMailPiece[] = []
  for (let offset = 0; offset < bytes.length; offset += limits.FILE_MAIL_PIECE_BYTES) {
    out.push({ fileId, kind, index, offset, total: bytes.length, data: bytes.subarray(offset, offset + limits.FILE_MAIL_PIECE_BYTES) })
  }
  return out
}

/**
 * Put pieces of one chunk back together.
 * @returns the whole bytes, or undefined while a piece is missing or pieces disagree about the length
 */
export function joinPieces(pieces: readonly Pick<FileMailPiece, 'offset' | 'total' | 'data'>[]): Uint8Array | undefined {
  const first = pieces[0]
  if (first === undefined) return undefined
  const sorted = [...pieces].sort((a, b) => a.offset - b.offset)
  const out = new Uint8Array(first.total)
  let at = 0
  for (const p of sorted) {
    if (p.total !== first.total || p.offset > at) return undefined
    if (p.offset + p.data.length <= at) continue // a duplicate or a contained piece
    out.set(p.data, p.offset)
    at = p.offset + p.data.length
  }
  return at === first.total ? out : undefined
}
