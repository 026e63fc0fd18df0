import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import type { RecordCodec } from './collection.js'

/** Version byte in front of every JSON record: a newer layout is refused, not misread. */
export const RECORD_FORMAT_VERSION = 1

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * A JSON record codec: `toJson`/`fromJson` map bytes to hex and back, so the
 * layout on disk is explicit. `fromJson` checks every field it reads.
 */
export function jsonCodec<V>(toJson: (value: V) => unknown, fromJson: (json: unknown) => V): RecordCodec<V> {
  return {
    encode: (value) => {
      const body = utf8ToBytes(JSON.stringify(toJson(value)))
      const out = new Uint8Array(body.length + 1)
      out[0] = RECORD_FORMAT_VERSION
      out.set(body, 1)
      return out
    },
    decode: (bytes) => {
      if (bytes[0] !== RECORD_FORMAT_VERSION) throw new Error(`record format ${String(bytes[0])} is not ${RECORD_FORMAT_VERSION}`)
      return fromJson(JSON.parse(decoder.decode(bytes.subarray(1))))
    },
  }
}

/** A codec for records that are already bytes (e.g. a serialised session record). */
export function bytesCodec<V>(encode: (value: V) => Uint8Array, decode: (bytes: Uint8Array) => V): RecordCodec<V> {
  return { encode, decode }
}

/** Readers for JSON fields: each throws on a wrong type, so a bad record never half-loads. */
export const read = {
  object: (json: unknown): Record<string, unknown> => {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new TypeError('expected an object')
    return json as Record<string, unknown>
  },
  string: (json: unknown): string => {
    if (typeof json !== 'string') throw new TypeError('expected a string')
    return json
  },
  int: (json: unknown): number => {
    if (typeof json !== 'number' || !Number.isSafeInteger(json)) throw new TypeError('expected an integer')
    return json
  },
  bytes: (json: unknown): Uint8Array => hexToBytes(read.string(json)),
  array: <T>(json: unknown, item: (x: unknown) => T): T[] => {
    if (!Array.isArray(json)) throw new TypeError('expected an array')
    return json.map((x) => item(x))
  },
  optional: <T>(json: unknown, item: (x: unknown) => T): T | undefined => (json === undefined || json === null ? undefined : item(json)),
}

export const hex = bytesToHex

/** A non-negative integer as a fixed-width decimal, so level's byte order is numeric order. */
export function pad(n: number, width = 16): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`"n" expected a non-negative integer, got ${String(n)}`)
  return n.toString().padStart(width, '0')
}
