/**
 * `FileChunk { index, data, status }` frames without copying the chunk: the
 * sender writes a few header bytes next to the sealed chunk's parts, and the
 * receiver finds `data` inside the received byte list (several buffers, as the
 * transport delivered them) instead of joining them into one buffer first.
 * The bytes are exactly protobuf's (files.proto), so peers that encode and
 * decode with protons interoperate; this only avoids the copies.
 */
import { Uint8ArrayList } from 'uint8arraylist'
import { XchatError } from '../errors.js'

/** A decoded FileChunk; `data` still points into the received buffers. */
export interface ChunkFrame {
  readonly index: number
  readonly status: number
  readonly data: Uint8ArrayList
}

/**
 * Encode `FileChunk { index, data }` (status 0, the proto3 default, is not
 * written) as a header and the data's parts side by side: the same bytes as
 * `FileChunkPb.encode({ index, data: concat(parts), status: 0 })`.
 */
export function chunkFrame(index: number, ...parts: Uint8Array[]): Uint8ArrayList {
  const length = parts.reduce((n, p) => n + p.length, 0)
  const header: number[] = []
  const varint = (n: number): void => {
    while (n > 0x7f) {
      header.push((n & 0x7f) | 0x80)
      n = Math.floor(n / 128)
    }
    header.push(n)
  }
  if (index !== 0) {
    header.push(0x08) // field 1, varint
    varint(index)
  }
  if (length === 0) return new Uint8ArrayList(Uint8Array.from(header)) // proto3 leaves empty bytes out
  header.push(0x12) // field 2, length-delimited
  varint(length)
  return new Uint8ArrayList(Uint8Array.from(header), ...parts.filter((p) => p.length > 0))
}

/** Largest varint a field may use (10 bytes: a uint64). */
const MAX_VARINT_BYTES = 10

/**
 * Decode a FileChunk frame as protobuf would (fields in any order, the last
 * occurrence wins, unknown fields skipped) while leaving `data` in place.
 * @throws XchatError MALFORMED for a truncated or invalid frame
 */
export function parseChunkFrame(frame: Uint8ArrayList): ChunkFrame {
  const total = frame.byteLength
  let pos = 0
  const malformed = (why: string): XchatError => new XchatError('MALFORMED', `file chunk is not a valid protobuf message: ${why}`)
  const varint = (): number => {
    let value = 0
    let scale = 1
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (pos >= total) throw malformed('truncated varint')
      const b = frame.get(pos++)
      value += (b & 0x7f) * scale
      if (b < 0x80) return value
      scale *= 128
    }
    throw malformed('varint too long')
  }
  let index = 0
  let status = 0
  let data: [number, number] = [0, 0]
  while (pos < total) {
    const tag = varint()
    const field = Math.floor(tag / 8)
    const type = tag % 8
    if (field === 0) throw malformed('field number 0')
    if ((field === 1 || field === 3) && type !== 0) throw malformed(`field ${field} has wire type ${type}`)
    if (field === 2 && type !== 2) throw malformed(`field 2 has wire type ${type}`)
    if (type === 0) {
      const v = varint()
      // uint32 fields keep their low 32 bits, as protobuf decoders do
      if (field === 1) index = v % 2 ** 32
      else if (field === 3) status = v % 2 ** 32
    } else if (type === 2) {
      const length = varint()
      if (length > total - pos) throw malformed('truncated field')
      if (field === 2) data = [pos, pos + length]
      pos += length
    } else if (type === 1 || type === 5) {
      pos += type === 1 ? 8 : 4
      if (pos > total) throw malformed('truncated field')
    } else {
      throw malformed(`wire type ${type}`)
    }
  }
  return { index, status, data: frame.sublist(data[0], data[1]) }
}
