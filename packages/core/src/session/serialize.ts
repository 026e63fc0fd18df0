import { bytesToHex } from '@noble/hashes/utils.js'
import { equalBytes } from '@noble/ciphers/utils.js'
import { XchatError } from '../errors.js'
import { isValidPublicKey, isValidPrivateKey, publicKeyOf } from '../crypto/index.js'
import { SessionStatePb, SessionRecordPb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { SessionState, type SkippedKey } from './session-state.js'
import type { SessionRecord } from './session-record.js'
import { SESSION_STATE_VERSION, MIN_SESSION_STATE_VERSION, SYMMETRIC_KEY_LENGTH } from './constants.js'
import { MAX_SKIPPED_KEYS, MAX_SESSIONS_PER_RECORD } from './limits.js'

const SUPPORTED = { min: MIN_SESSION_STATE_VERSION, max: SESSION_STATE_VERSION }

/**
 * The versioned protobuf of a session state, to persist (encrypted at rest)
 * before sending what `encrypt` returned or acting on what `decrypt` returned.
 * The bytes hold secrets.
 */
export function serializeSession(state: SessionState): Uint8Array {
  return SessionStatePb.encode(toPb(state))
}

/**
 * Rebuild a session state from {@link serializeSession} bytes, checking every field.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW | INVALID_KEY
 */
export function deserializeSession(bytes: Uint8Array): SessionState {
  const pb = decodeBounded('session state', bytes, limits.MAX_SESSION_STATE_BYTES, (b) =>
    SessionStatePb.decode(b, { limits: { skipped: MAX_SKIPPED_KEYS } }),
  )
  return fromPb(pb)
}

/** The versioned protobuf of a {@link SessionRecord}. The bytes hold secrets. */
export function serializeSessionRecord(record: SessionRecord): Uint8Array {
  return SessionRecordPb.encode({ version: SESSION_STATE_VERSION, sessions: record.sessions.map(toPb) })
}

/**
 * Rebuild a record from {@link serializeSessionRecord} bytes.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_TOO_OLD | VERSION_TOO_NEW | INVALID_KEY
 */
export function deserializeSessionRecord(bytes: Uint8Array): SessionRecord {
  const pb = decodeBounded('session record', bytes, limits.MAX_SESSION_RECORD_BYTES, (b) =>
    SessionRecordPb.decode(b, { limits: { sessions: MAX_SESSIONS_PER_RECORD, sessions$: { skipped: MAX_SKIPPED_KEYS } } }),
  )
  checkVersion('session record', pb.version, SUPPORTED)
  const sessions = pb.sessions.map(fromPb)
  const first = sessions[0]
  for (const s of sessions) {
    if (
      first !== undefined &&
      (!equalBytes(s.localIdentityKey, first.localIdentityKey) || !equalBytes(s.remoteIdentityKey, first.remoteIdentityKey))
    ) {
      throw new XchatError('MALFORMED', 'session record mixes sessions with different devices')
    }
  }
  return { sessions }
}

function toPb(s: SessionState): SessionStatePb {
  return {
    version: SESSION_STATE_VERSION,
    initiator: s.role === 'initiator',
    localIdentityKey: own(s.localIdentityKey),
    remoteIdentityKey: own(s.remoteIdentityKey),
    baseKey: own(s.baseKey),
    rootKey: own(s.rootKey),
    // empty (and Ns 0) while the sending half of a DH ratchet step is still to be made
    sendingRatchetPrivateKey: own(s.sendingRatchetKey?.privateKey ?? EMPTY),
    remoteRatchetKey: own(s.remoteRatchetKey),
    sendingChainKey: own(s.sendingChain?.key ?? EMPTY),
    sendingCounter: s.sendingChain?.counter ?? 0,
    receivingChainKey: own(s.receivingChain?.key ?? EMPTY),
    receivingCounter: s.receivingChain?.counter ?? 0,
    previousCounter: s.previousCounter,
    skipped: s.skipped.map((k) => ({
      ratchetKey: own(k.ratchetKey),
      counter: k.counter,
      messageKey: own(k.messageKey),
      createdAt: BigInt(k.createdAt),
    })),
    handshakePrekeys: { ...s.handshakePrekeys },
    pending: s.pending,
  }
}

function fromPb(pb: SessionStatePb): SessionState {
  checkVersion('session state', pb.version, SUPPORTED)
  for (const [what, key] of [
    ['local identity key', pb.localIdentityKey],
    ['remote identity key', pb.remoteIdentityKey],
    ['base key', pb.baseKey],
    ['remote ratchet key', pb.remoteRatchetKey],
  ] as const) {
    if (!isValidPublicKey(key)) throw new XchatError('INVALID_KEY', `session state ${what} is not a compressed secp256k1 point`)
  }
  if (equalBytes(pb.localIdentityKey, pb.remoteIdentityKey)) throw new XchatError('MALFORMED', 'session state is with itself')
  if (pb.rootKey.length !== SYMMETRIC_KEY_LENGTH) throw new XchatError('MALFORMED', 'session state root key has the wrong length')
  const hasReceiving = pb.receivingChainKey.length > 0
  if ((hasReceiving && pb.receivingChainKey.length !== SYMMETRIC_KEY_LENGTH) || (!hasReceiving && pb.receivingCounter !== 0)) {
    throw new XchatError('MALFORMED', 'session state receiving chain is inconsistent')
  }
  const hasSending = sendingChainFromPb(pb, hasReceiving)
  if (pb.pending && !pb.initiator) throw new XchatError('MALFORMED', 'only an initiator session can be pending')
  if (pb.handshakePrekeys === undefined) throw new XchatError('MALFORMED', 'session state has no handshake prekey ids')
  return new SessionState({
    role: pb.initiator ? 'initiator' : 'responder',
    localIdentityKey: pb.localIdentityKey,
    remoteIdentityKey: pb.remoteIdentityKey,
    baseKey: pb.baseKey,
    rootKey: pb.rootKey,
    ...(hasSending
      ? {
          sendingRatchetKey: { privateKey: pb.sendingRatchetPrivateKey, publicKey: publicKeyOf(pb.sendingRatchetPrivateKey) },
          sendingChain: { key: pb.sendingChainKey, counter: pb.sendingCounter },
        }
      : {}),
    remoteRatchetKey: pb.remoteRatchetKey,
    ...(hasReceiving ? { receivingChain: { key: pb.receivingChainKey, counter: pb.receivingCounter } } : {}),
    previousCounter: pb.previousCounter,
    skipped: skippedFromPb(pb.skipped),
    handshakePrekeys: { ...pb.handshakePrekeys },
    pending: pb.pending,
  })
}

/**
 * Checks the sending ratchet key and chain; true if the state has them.
 * Version 1 always has them; from version 2 both may be empty (with Ns 0) after
 * a DH ratchet step made on receiving, which needs a receiving chain and an
 * answered session.
 */
function sendingChainFromPb(pb: SessionStatePb, hasReceiving: boolean): boolean {
  const lazy = pb.sendingRatchetPrivateKey.length === 0 && pb.sendingChainKey.length === 0
  if (lazy && pb.version >= 2) {
    if (pb.sendingCounter !== 0 || !hasReceiving || pb.pending) {
      throw new XchatError('MALFORMED', 'session state without a sending chain is inconsistent')
    }
    return false
  }
  if (!isValidPrivateKey(pb.sendingRatchetPrivateKey))
    throw new XchatError('INVALID_KEY', 'session state ratchet private key is out of range')
  if (pb.sendingChainKey.length !== SYMMETRIC_KEY_LENGTH)
    throw new XchatError('MALFORMED', 'session state sending chain key has the wrong length')
  return true
}

function skippedFromPb(entries: SessionStatePb['skipped']): SkippedKey[] {
  // skipped keys share a few ratchet keys: check each distinct point once
  const checked = new Set<string>()
  return entries.map((k) => {
    const hex = bytesToHex(k.ratchetKey)
    if (!checked.has(hex)) {
      if (!isValidPublicKey(k.ratchetKey)) throw new XchatError('INVALID_KEY', 'session state skipped key has an invalid ratchet key')
      checked.add(hex)
    }
    if (k.messageKey.length !== SYMMETRIC_KEY_LENGTH)
      throw new XchatError('MALFORMED', 'session state skipped message key has the wrong length')
    if (k.createdAt > BigInt(Number.MAX_SAFE_INTEGER)) throw new XchatError('MALFORMED', 'session state skipped key time is out of range')
    return { ratchetKey: k.ratchetKey, counter: k.counter, messageKey: k.messageKey, createdAt: Number(k.createdAt) }
  })
}

const EMPTY = new Uint8Array(0)

/** protons wants an ArrayBuffer-backed copy. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(bytes)
}
