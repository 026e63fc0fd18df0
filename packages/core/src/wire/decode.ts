import { XchatError } from '../errors.js'

/** A protons codec's decode function. */
export type Decoder<T> = (bytes: Uint8Array) => T

/**
 * Decode network or disk bytes with a size bound checked before parsing.
 * @throws XchatError TOO_LARGE (bytes or repeated-field limit) | MALFORMED naming `what`
 */
export function decodeBounded<T>(what: string, bytes: Uint8Array, maxBytes: number, decode: Decoder<T>): T {
  if (bytes.length > maxBytes) {
    throw new XchatError('TOO_LARGE', `${what} is ${bytes.length} bytes, the limit is ${maxBytes}`)
  }
  try {
    return decode(bytes)
  } catch (cause) {
    // protons raises these when a repeated or map field passes its decode limit
    if (cause instanceof Error && (cause.name === 'MaxLengthError' || cause.name === 'MaxSizeError')) {
      throw new XchatError('TOO_LARGE', `${what} has more entries than allowed`, { cause })
    }
    throw new XchatError('MALFORMED', `${what} is not a valid protobuf message`, { cause })
  }
}

/**
 * Check a message's version before anything else in it.
 * @throws XchatError VERSION_TOO_OLD | VERSION_TOO_NEW
 */
export function checkVersion(what: string, version: number, supported: { min: number; max: number }): void {
  if (version < supported.min) {
    throw new XchatError(
      'VERSION_TOO_OLD',
      `${what} version ${version} is older than this client supports (${supported.min}..${supported.max})`,
    )
  }
  if (version > supported.max) {
    throw new XchatError(
      'VERSION_TOO_NEW',
      `${what} version ${version} is newer than this client supports (${supported.min}..${supported.max}); update xchat`,
    )
  }
}
