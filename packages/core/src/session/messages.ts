import { equalBytes } from '@noble/ciphers/utils.js'
import { XchatError } from '../errors.js'
import { isValidPublicKey } from '../crypto/index.js'
import { RatchetHeaderPb, RatchetMessagePb, PreKeyMessagePb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { SESSION_VERSION } from './constants.js'
import { TAG_LENGTH } from './kdf.js'

/** Versions of session messages this build reads. */
const SUPPORTED = { min: SESSION_VERSION, max: SESSION_VERSION }

/** An encrypted session message and how to read it: the caller's envelope carries `type`. */
export interface SessionCiphertext {
  /** 'prekey' while the initiator has had no answer yet, 'ratchet' afterwards */
  readonly type: 'prekey' | 'ratchet'
  readonly bytes: Uint8Array
}

/** A Double Ratchet header (spec §3.1: dh, pn, n). */
export interface RatchetHeader {
  readonly ratchetKey: Uint8Array
  readonly previousCounter: number
  readonly counter: number
}

/** A parsed RatchetMessage; `headerBytes` are kept exactly as received, for the AEAD. */
export interface ParsedRatchetMessage {
  readonly version: number
  readonly header: RatchetHeader
  readonly headerBytes: Uint8Array
  readonly ciphertext: Uint8Array
}

/** A parsed PreKeyMessage with its ratchet message. */
export interface ParsedPreKeyMessage {
  readonly version: number
  readonly identityKey: Uint8Array
  readonly baseKey: Uint8Array
  readonly signedPrekeyId: number
  readonly oneTimePrekeyId?: number
  readonly message: ParsedRatchetMessage
}

/** The exact header bytes a sender authenticates and sends. */
export function encodeRatchetHeader(header: RatchetHeader): Uint8Array {
  return RatchetHeaderPb.encode({
    ratchetKey: Uint8Array.from(header.ratchetKey),
    previousCounter: header.previousCounter,
    counter: header.counter,
  })
}

/** RatchetMessage bytes. */
export function encodeRatchetMessage(headerBytes: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return RatchetMessagePb.encode({
    version: SESSION_VERSION,
    header: Uint8Array.from(headerBytes),
    ciphertext: Uint8Array.from(ciphertext),
  })
}

/** PreKeyMessage bytes wrapping encoded RatchetMessage bytes. */
export function encodePreKeyMessage(m: Omit<ParsedPreKeyMessage, 'version' | 'message'>, messageBytes: Uint8Array): Uint8Array {
  return PreKeyMessagePb.encode({
    version: SESSION_VERSION,
    identityKey: Uint8Array.from(m.identityKey),
    baseKey: Uint8Array.from(m.baseKey),
    signedPrekeyId: m.signedPrekeyId,
    ...(m.oneTimePrekeyId === undefined ? {} : { oneTimePrekeyId: m.oneTimePrekeyId }),
    message: Uint8Array.from(messageBytes),
  })
}

/**
 * Parse RatchetMessage bytes from a peer: size, version (first), header and key.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW | INVALID_KEY
 */
export function parseRatchetMessage(bytes: Uint8Array): ParsedRatchetMessage {
  const pb = decodeBounded('ratchet message', bytes, limits.MAX_RATCHET_MESSAGE_BYTES, (b) => RatchetMessagePb.decode(b))
  checkVersion('ratchet message', pb.version, SUPPORTED)
  assertCanonical('ratchet message', bytes, RatchetMessagePb.encode(pb))
  const h = decodeBounded('ratchet header', pb.header, limits.MAX_RATCHET_HEADER_BYTES, (b) => RatchetHeaderPb.decode(b))
  if (!isValidPublicKey(h.ratchetKey)) {
    throw new XchatError('INVALID_KEY', 'ratchet message carries a ratchet key that is not a compressed secp256k1 point')
  }
  if (pb.ciphertext.length < TAG_LENGTH) throw new XchatError('MALFORMED', 'ratchet message ciphertext is shorter than its tag')
  return {
    version: pb.version,
    header: { ratchetKey: h.ratchetKey, previousCounter: h.previousCounter, counter: h.counter },
    headerBytes: pb.header,
    ciphertext: pb.ciphertext,
  }
}

/**
 * Parse PreKeyMessage bytes from a peer: size, version (first), both keys, then the inner ratchet message.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW | INVALID_KEY
 */
export function parsePreKeyMessage(bytes: Uint8Array): ParsedPreKeyMessage {
  const pb = decodeBounded('prekey message', bytes, limits.MAX_PREKEY_MESSAGE_BYTES, (b) => PreKeyMessagePb.decode(b))
  checkVersion('prekey message', pb.version, SUPPORTED)
  assertCanonical('prekey message', bytes, PreKeyMessagePb.encode(pb))
  if (!isValidPublicKey(pb.identityKey)) {
    throw new XchatError('INVALID_KEY', 'prekey message identity key is not a compressed secp256k1 point')
  }
  if (!isValidPublicKey(pb.baseKey)) {
    throw new XchatError('INVALID_KEY', 'prekey message base key is not a compressed secp256k1 point')
  }
  return {
    version: pb.version,
    identityKey: pb.identityKey,
    baseKey: pb.baseKey,
    signedPrekeyId: pb.signedPrekeyId,
    ...(pb.oneTimePrekeyId === undefined ? {} : { oneTimePrekeyId: pb.oneTimePrekeyId }),
    message: parseRatchetMessage(pb.message),
  }
}

/**
 * Only the canonical encoding (fields in order, no defaults, no unknown
 * fields, exact wire types) is accepted, so the bytes around the
 * authenticated header and ciphertext cannot be varied either: one message
 * has one encoding.
 */
function assertCanonical(what: string, received: Uint8Array, canonical: Uint8Array): void {
  if (!equalBytes(received, canonical)) throw new XchatError('MALFORMED', `${what} is not canonically encoded`)
}
