import { equalBytes } from '@noble/ciphers/utils.js'
import { XchatError, isXchatError } from '../errors.js'
import type { SessionState } from './session-state.js'
import { encrypt, decryptParsed, decryptRepeatedPrekey, knowsRatchetKey, type EncryptResult, type PreparedSendingStep } from './ratchet.js'
import { respondToParsed, type IdentityKeyPair, type PrekeyLookup } from './handshake.js'
import { parseRatchetMessage, parsePreKeyMessage, type SessionCiphertext, type ParsedRatchetMessage } from './messages.js'
import { MAX_SESSIONS_PER_RECORD } from './limits.js'

/**
 * Every session with one peer device, newest first. `sessions[0]` is the one
 * we send on; the others still decrypt messages that were in flight.
 *
 * Which session we send on (both devices reach the same answer):
 * - A session we start becomes the one we send on.
 * - A session the peer starts (a PreKeyMessage with a new base key) becomes
 *   the one we send on, because the peer may have lost its old sessions
 *   (a reinstall) — except when both sides started at once: if our current
 *   session is one we initiated and the peer has never answered it, the two
 *   handshakes crossed, and both sides keep the session whose initiator has the
 *   lexicographically smaller identity key (bytewise). The other stays in the
 *   record to decrypt what was already sent on it.
 * - The first answer on a session we initiated that is no longer the one we
 *   send on makes it the one we send on again. This only happens when the
 *   crossing was noticed late on the other side (our handshake reached the
 *   peer after it had already settled on another session, so it took ours for
 *   a restart): the peer now sends on ours, and we follow.
 * - Otherwise, decrypting with an older session does not change which one we send on.
 */
export interface SessionRecord {
  readonly sessions: readonly SessionState[]
}

/** A record with no session yet. */
export const EMPTY_SESSION_RECORD: SessionRecord = Object.freeze({ sessions: Object.freeze([]) })

/** What {@link decryptWithRecord} needs. */
export interface RecordDecryptInit {
  readonly ourIdentity: IdentityKeyPair
  /** The peer device this record belongs to: a PreKeyMessage naming another identity is refused. */
  readonly theirIdentity: Uint8Array
  readonly prekeys: PrekeyLookup
  /** ms since the Unix epoch */
  readonly now: number
  readonly ad?: Uint8Array
}

/** The result of {@link decryptWithRecord}: persist `record`, then delete `usedOneTimePrekeyId` if set. */
export interface RecordDecryptResult {
  readonly record: SessionRecord
  readonly plaintext: Uint8Array
  readonly usedOneTimePrekeyId?: number
}

/** The result of {@link encryptWithRecord}: persist `record` before sending `message`. */
export interface RecordEncryptResult {
  readonly record: SessionRecord
  readonly message: SessionCiphertext
}

/** The session messages go out on, if any. */
export function activeSession(record: SessionRecord): SessionState | undefined {
  return record.sessions[0]
}

/**
 * Add a session we just started with `initiateSession`; it becomes the one we send on.
 * @throws XchatError IDENTITY_MISMATCH if it is with another device than the record's sessions
 */
export function addInitiatedSession(record: SessionRecord, state: SessionState): SessionRecord {
  assertSamePeer(record, state)
  return trim([state, ...record.sessions])
}

/**
 * Encrypt on the session we send on. Pure, like `encrypt`.
 * @param prepared - the sending half of the active session's last DH ratchet step, made ahead (`prepareSendingStep`); ignored if it does not fit
 * @throws XchatError NO_SESSION | TOO_LARGE
 */
export function encryptWithRecord(
  record: SessionRecord,
  plaintext: Uint8Array,
  ad?: Uint8Array,
  prepared?: PreparedSendingStep,
): RecordEncryptResult {
  const active = activeSession(record)
  if (active === undefined) throw new XchatError('NO_SESSION', 'no session with this device yet; start one with initiateSession')
  const { state, message }: EncryptResult = encrypt(active, plaintext, ad, prepared)
  return { record: replaceAt(record, 0, state), message }
}

/**
 * Decrypt any message from the record's peer device: a ratchet message with
 * whichever session it belongs to, a PreKeyMessage with its existing session
 * or by accepting a new one. Nothing changes unless it decrypts.
 * @throws XchatError MALFORMED | TOO_LARGE | VERSION_* | INVALID_KEY | IDENTITY_MISMATCH | NO_SESSION |
 *   BAD_PREKEY | DUPLICATE_MESSAGE | TOO_MANY_SKIPPED | DECRYPT_FAILED
 */
export function decryptWithRecord(record: SessionRecord, message: SessionCiphertext, init: RecordDecryptInit): RecordDecryptResult {
  const { now, ad } = init
  if (message.type === 'ratchet') return decryptRatchet(record, parseRatchetMessage(message.bytes), now, ad)
  if (message.type !== 'prekey') throw new XchatError('MALFORMED', 'session message type must be "prekey" or "ratchet"')

  const parsed = parsePreKeyMessage(message.bytes)
  if (!equalBytes(parsed.identityKey, init.theirIdentity)) {
    throw new XchatError('IDENTITY_MISMATCH', 'prekey message comes from another device than this session record')
  }
  // a repeat of the handshake we already accepted: decrypt on that session
  const index = record.sessions.findIndex((s) => s.role === 'responder' && equalBytes(s.baseKey, parsed.baseKey))
  const existing = record.sessions[index]
  if (existing !== undefined) {
    const { state, plaintext } = decryptRepeatedPrekey(existing, parsed, now, ad)
    return { record: replaceAt(record, index, state), plaintext }
  }
  const { state, plaintext, usedOneTimePrekeyId } = respondToParsed(init, parsed)
  assertSamePeer(record, state)
  return {
    record: adoptResponderSession(record, state),
    plaintext,
    ...(usedOneTimePrekeyId === undefined ? {} : { usedOneTimePrekeyId }),
  }
}

/**
 * Ratchet keys are random, so a session that already knows the sender's
 * ratchet key is the only one that can decrypt; otherwise (the sender's next
 * DH ratchet step) each session is tried, newest first.
 */
function decryptRatchet(record: SessionRecord, msg: ParsedRatchetMessage, now: number, ad?: Uint8Array): RecordDecryptResult {
  if (record.sessions.length === 0) throw new XchatError('NO_SESSION', 'no session with this device')
  const all = record.sessions.map((s, i) => ({ s, i }))
  const knowing = all.filter(({ s }) => knowsRatchetKey(s, msg.header.ratchetKey))
  let first: unknown
  for (const { s, i } of knowing.length > 0 ? knowing : all) {
    try {
      const { state, plaintext } = decryptParsed(s, msg, now, ad)
      const adoptedByPeer = i > 0 && s.role === 'initiator' && s.pending
      return { record: adoptedByPeer ? moveToFront(record, i, state) : replaceAt(record, i, state), plaintext }
    } catch (err) {
      if (!isXchatError(err)) throw err
      first ??= err
    }
  }
  throw first
}

/** The rule in {@link SessionRecord}'s comment for a session the peer started. */
function adoptResponderSession(record: SessionRecord, incoming: SessionState): SessionRecord {
  const active = activeSession(record)
  const crossed = active !== undefined && active.role === 'initiator' && active.pending
  if (crossed && compareBytes(active.initiatorIdentityKey, incoming.initiatorIdentityKey) < 0) {
    return trim([active, incoming, ...record.sessions.slice(1)])
  }
  return trim([incoming, ...record.sessions])
}

function assertSamePeer(record: SessionRecord, state: SessionState): void {
  const other = record.sessions[0]
  if (other === undefined) return
  if (!equalBytes(other.localIdentityKey, state.localIdentityKey) || !equalBytes(other.remoteIdentityKey, state.remoteIdentityKey)) {
    throw new XchatError('IDENTITY_MISMATCH', 'session is with another device than this session record')
  }
}

function replaceAt(record: SessionRecord, index: number, state: SessionState): SessionRecord {
  return { sessions: record.sessions.map((s, i) => (i === index ? state : s)) }
}

function moveToFront(record: SessionRecord, index: number, state: SessionState): SessionRecord {
  return { sessions: [state, ...record.sessions.filter((_, i) => i !== index)] }
}

function trim(sessions: readonly SessionState[]): SessionRecord {
  return { sessions: sessions.slice(0, MAX_SESSIONS_PER_RECORD) }
}

/** Bytewise lexicographic order; a shorter prefix sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number)
    if (d !== 0) return d
  }
  return a.length - b.length
}
