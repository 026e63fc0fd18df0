import { equalBytes } from '@noble/ciphers/utils.js'
import { concatBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { ecdh, generateKeyPair, type KeyPair } from '../crypto/index.js'
import type { SessionState, ChainState, SkippedKey } from './session-state.js'
import { kdfRoot, kdfChain, sealMessage, openMessage } from './kdf.js'
import {
  encodeRatchetHeader,
  encodeRatchetMessage,
  encodePreKeyMessage,
  parseRatchetMessage,
  parsePreKeyMessage,
  type ParsedRatchetMessage,
  type ParsedPreKeyMessage,
  type SessionCiphertext,
} from './messages.js'
import { SESSION_VERSION } from './constants.js'
import { MAX_SKIP, MAX_SKIPPED_KEYS, MAX_SKIPPED_KEY_AGE_MS, MAX_PLAINTEXT_BYTES, MAX_COUNTER } from './limits.js'

const EMPTY = new Uint8Array(0)

/** The result of {@link encrypt}: persist `state` before sending `message`. */
export interface EncryptResult {
  readonly state: SessionState
  readonly message: SessionCiphertext
}

/** The result of {@link decrypt}: persist `state` before acting on `plaintext`. */
export interface DecryptResult {
  readonly state: SessionState
  readonly plaintext: Uint8Array
}

/**
 * The sending half of a DH ratchet step computed ahead of time (off the
 * message path, e.g. when the event loop is idle): a fresh ratchet key pair
 * and its DH output with the peer's ratchet key. Holds secrets; memory only.
 */
export interface PreparedSendingStep {
  /** The peer ratchet key (DHr) it was made for: it applies to no other state. */
  readonly theirRatchetKey: Uint8Array
  readonly keyPair: KeyPair
  readonly dhOutput: Uint8Array
}

/**
 * RatchetEncrypt (Double Ratchet §3.4). Pure: `state` is untouched and the
 * returned state must be persisted before the message is sent. While an
 * initiator has had no answer, the message is a PreKeyMessage. After a DH
 * ratchet step made on receiving, the first message makes the step's
 * sending half ({@link completeSendingStep}), with `prepared` if it fits.
 * @param ad - extra associated data the receiver must pass to {@link decrypt} too
 * @param prepared - from {@link prepareSendingStep}; ignored unless made for this state's DHr
 * @throws XchatError TOO_LARGE (plaintext over MAX_PLAINTEXT_BYTES, or the chain's counter is exhausted)
 * @example
 * const { state: next, message } = encrypt(state, utf8ToBytes('hi'))
 * await store.put(peer, serializeSession(next)); send(message)
 */
export function encrypt(state: SessionState, plaintext: Uint8Array, ad: Uint8Array = EMPTY, prepared?: PreparedSendingStep): EncryptResult {
  if (plaintext.length > MAX_PLAINTEXT_BYTES) {
    throw new XchatError('TOO_LARGE', `plaintext is ${plaintext.length} bytes, the limit is ${MAX_PLAINTEXT_BYTES}`)
  }
  const sending = completeSendingStep(state, prepared)
  const chain = sending.sendingChain as ChainState
  const ratchetKey = sending.sendingRatchetKey as KeyPair
  const { counter } = chain
  if (counter >= MAX_COUNTER) throw new XchatError('TOO_LARGE', 'sending chain is exhausted; wait for a reply')
  const { chainKey, messageKey } = kdfChain(chain.key)
  const headerBytes = encodeRatchetHeader({
    ratchetKey: ratchetKey.publicKey,
    previousCounter: state.previousCounter,
    counter,
  })
  const ciphertext = sealMessage(messageKey, plaintext, messageAd(state, SESSION_VERSION, headerBytes, ad))
  const ratchetBytes = encodeRatchetMessage(headerBytes, ciphertext)
  const next = sending.with({ sendingChain: { key: chainKey, counter: counter + 1 } })
  if (!state.pending) return { state: next, message: { type: 'ratchet', bytes: ratchetBytes } }
  const bytes = encodePreKeyMessage(
    { identityKey: state.localIdentityKey, baseKey: state.baseKey, ...state.handshakePrekeys },
    ratchetBytes,
  )
  return { state: next, message: { type: 'prekey', bytes } }
}

/**
 * RatchetDecrypt (Double Ratchet §3.5) on a copy of `state`: on any failure
 * the error is thrown and `state` stays valid as it was. A 'prekey' message
 * must belong to this session (the same base key); new sessions start with
 * `respondToPrekeyMessage`.
 * @param now - ms since the Unix epoch; stamps new skipped keys and expires old ones
 * @throws XchatError MALFORMED | TOO_LARGE | VERSION_* | INVALID_KEY (bad bytes);
 *   DUPLICATE_MESSAGE (already decrypted); TOO_MANY_SKIPPED (gap over MAX_SKIP);
 *   DECRYPT_FAILED (wrong session, tampered, expired key)
 */
export function decrypt(state: SessionState, message: SessionCiphertext, now: number, ad: Uint8Array = EMPTY): DecryptResult {
  assertNow(now)
  if (message.type === 'ratchet') return decryptParsed(state, parseRatchetMessage(message.bytes), now, ad)
  if (message.type !== 'prekey') throw new XchatError('MALFORMED', 'session message type must be "prekey" or "ratchet"')
  return decryptRepeatedPrekey(state, parsePreKeyMessage(message.bytes), now, ad)
}

/**
 * Decrypt a PreKeyMessage on the session it started: the initiator repeats
 * the handshake fields until it has an answer, and they must be exactly those
 * the session was made from.
 * @throws XchatError DECRYPT_FAILED (another session) and as {@link decrypt}
 */
export function decryptRepeatedPrekey(state: SessionState, msg: ParsedPreKeyMessage, now: number, ad: Uint8Array = EMPTY): DecryptResult {
  const ids = state.handshakePrekeys
  if (
    state.role !== 'responder' ||
    !equalBytes(msg.baseKey, state.baseKey) ||
    !equalBytes(msg.identityKey, state.remoteIdentityKey) ||
    msg.signedPrekeyId !== ids.signedPrekeyId ||
    msg.oneTimePrekeyId !== ids.oneTimePrekeyId
  ) {
    throw new XchatError('DECRYPT_FAILED', 'prekey message belongs to another session', { details: { reason: 'other-session' } })
  }
  return decryptParsed(state, msg.message, now, ad)
}

/** Drop skipped message keys older than MAX_SKIPPED_KEY_AGE_MS (e.g. on a timer, then persist). */
export function pruneSkippedKeys(state: SessionState, now: number): SessionState {
  assertNow(now)
  const kept = state.skipped.filter((k) => !isExpired(k, now))
  return kept.length === state.skipped.length ? state : state.with({ skipped: kept })
}

/** True if `ratchetKey` is the session's current receiving key or has kept skipped keys: the message is ours to decrypt. */
export function knowsRatchetKey(state: SessionState, ratchetKey: Uint8Array): boolean {
  return (
    (state.receivingChain !== undefined && equalBytes(state.remoteRatchetKey, ratchetKey)) ||
    state.skipped.some((k) => equalBytes(k.ratchetKey, ratchetKey))
  )
}

/** {@link decrypt} for an already parsed ratchet message. */
export function decryptParsed(state: SessionState, msg: ParsedRatchetMessage, now: number, ad: Uint8Array = EMPTY): DecryptResult {
  const { ratchetKey, previousCounter, counter } = msg.header
  const aad = messageAd(state, msg.version, msg.headerBytes, ad)

  // 1. a key kept for a skipped message (TrySkippedMessageKeys)
  const index = state.skipped.findIndex((k) => k.counter === counter && equalBytes(k.ratchetKey, ratchetKey))
  const kept = state.skipped[index]
  if (kept !== undefined) {
    if (isExpired(kept, now)) {
      throw new XchatError('DECRYPT_FAILED', 'the key of this late message has expired', { details: { reason: 'expired' } })
    }
    const plaintext = openOrThrow(kept.messageKey, msg.ciphertext, aad)
    const skipped = state.skipped.filter((_, i) => i !== index)
    return { state: commit(state.with({ skipped }), now), plaintext }
  }

  // 2. a new ratchet key from the peer: finish the current chain, then a DH ratchet step
  let working = state
  const newSkipped: SkippedKey[] = []
  const current = state.receivingChain
  if (current === undefined || !equalBytes(ratchetKey, state.remoteRatchetKey)) {
    // check both gaps before any work: a forged header must cost little
    if (current !== undefined) assertGap(current, previousCounter)
    assertGap({ key: EMPTY, counter: 0 }, counter)
    if (state.sendingRatchetKey === undefined) {
      // Our last DH ratchet key was already used for the current receiving chain
      // and we have sent no new one since: an honest peer steps only on a new key
      // of ours, so this header is forged or from another session. Refused before any ECDH.
      throw new XchatError('DECRYPT_FAILED', 'a new ratchet key before we sent one of ours', {
        details: { reason: 'unexpected-ratchet-key' },
      })
    }
    if (current !== undefined) skipKeys(current, state.remoteRatchetKey, previousCounter, now, newSkipped)
    working = ratchetStep(state, ratchetKey)
  }

  // 3. the message in the (now) current receiving chain
  const chain = working.receivingChain as ChainState
  if (counter < chain.counter) {
    throw new XchatError('DUPLICATE_MESSAGE', 'this message was already decrypted')
  }
  assertGap(chain, counter)
  const advanced = skipKeys(chain, ratchetKey, counter, now, newSkipped)
  const { chainKey, messageKey } = kdfChain(advanced.key)
  const plaintext = openOrThrow(messageKey, msg.ciphertext, aad)
  const skipped = [...working.skipped, ...newSkipped]
  const next = working.with({ receivingChain: { key: chainKey, counter: counter + 1 }, skipped })
  return { state: commit(next, now), plaintext }
}

/**
 * The receiving half of DHRatchet (Double Ratchet §3.5): the peer's new
 * ratchet key and our current one start a new receiving chain. The sending
 * half (a fresh key pair of ours, a second ECDH and a new sending chain) is
 * left to {@link completeSendingStep} when this side next sends: a receive
 * costs one ECDH instead of two plus a key generation, and our key pair
 * leaves the returned state at once (it has done its work; the caller's copy
 * of the old state is left as it was, so a failed decrypt still changes nothing).
 * @throws XchatError INVALID_KEY (not a curve point)
 */
export function ratchetStep(state: SessionState, theirRatchetKey: Uint8Array): SessionState {
  const ours = state.sendingRatchetKey
  if (ours === undefined) throw new XchatError('DECRYPT_FAILED', 'no ratchet key of ours to step with')
  const receiving = kdfRoot(state.rootKey, ecdh(ours.privateKey, theirRatchetKey, 'ratchet key'))
  return state.with({
    previousCounter: state.sendingChain?.counter ?? 0,
    remoteRatchetKey: theirRatchetKey,
    receivingChain: { key: receiving.chainKey, counter: 0 },
    sendingRatchetKey: undefined,
    rootKey: receiving.rootKey,
    sendingChain: undefined,
  })
}

/**
 * The sending half of a DH ratchet step (Double Ratchet §3.5, deferred):
 * DHs = a fresh pair (or `prepared`'s), (RK, CKs) = KDF_RK(RK, DH(DHs, DHr)), Ns = 0.
 * The state unchanged when it already has a sending chain.
 */
export function completeSendingStep(state: SessionState, prepared?: PreparedSendingStep): SessionState {
  if (state.sendingChain !== undefined) return state
  const fits = prepared !== undefined && equalBytes(prepared.theirRatchetKey, state.remoteRatchetKey)
  const step = fits ? prepared : prepareSendingStep(state)
  if (step === undefined) return state
  const sending = kdfRoot(state.rootKey, step.dhOutput)
  return state.with({
    sendingRatchetKey: step.keyPair,
    rootKey: sending.rootKey,
    sendingChain: { key: sending.chainKey, counter: 0 },
  })
}

/**
 * The expensive part of {@link completeSendingStep} (a key generation and an
 * ECDH), for a caller that has idle time before the next send; undefined when
 * `state` already has a sending chain. Pure apart from the CSPRNG.
 */
export function prepareSendingStep(state: SessionState): PreparedSendingStep | undefined {
  if (state.sendingChain !== undefined) return undefined
  const keyPair = generateKeyPair()
  return { theirRatchetKey: state.remoteRatchetKey, keyPair, dhOutput: ecdh(keyPair.privateKey, state.remoteRatchetKey, 'ratchet key') }
}

/**
 * AEAD associated data of one message: the session AD (both identity keys),
 * then u32 version ‖ u32 header length ‖ header bytes, then the caller's `ad`.
 * The lengths keep the parts from sliding into each other.
 */
function messageAd(state: SessionState, version: number, headerBytes: Uint8Array, ad: Uint8Array): Uint8Array {
  const lengths = new Uint8Array(8)
  const view = new DataView(lengths.buffer)
  view.setUint32(0, version)
  view.setUint32(4, headerBytes.length)
  return concatBytes(state.associatedData(), lengths, headerBytes, ad)
}

/** What every successful decrypt commits: the initiator has an answer; old and excess skipped keys go. */
function commit(state: SessionState, now: number): SessionState {
  let skipped = state.skipped.filter((k) => !isExpired(k, now))
  if (skipped.length > MAX_SKIPPED_KEYS) skipped = skipped.slice(skipped.length - MAX_SKIPPED_KEYS)
  return state.with({ skipped, pending: false })
}

/** SkipMessageKeys: keep the keys of messages `chain.counter .. until-1` of this chain. */
function skipKeys(chain: ChainState, ratchetKey: Uint8Array, until: number, now: number, out: SkippedKey[]): ChainState {
  let { key, counter } = chain
  while (counter < until) {
    const step = kdfChain(key)
    out.push({ ratchetKey, counter, messageKey: step.messageKey, createdAt: now })
    key = step.chainKey
    counter++
  }
  return { key, counter }
}

function assertGap(chain: ChainState, until: number): void {
  if (until - chain.counter > MAX_SKIP) {
    throw new XchatError('TOO_MANY_SKIPPED', `message is ${until - chain.counter} ahead of its chain; at most ${MAX_SKIP} may be skipped`)
  }
}

function openOrThrow(messageKey: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array): Uint8Array {
  const plaintext = openMessage(messageKey, ciphertext, aad)
  if (plaintext === undefined) {
    throw new XchatError('DECRYPT_FAILED', 'message does not decrypt in this session (tampered, or for another session)')
  }
  return plaintext
}

function isExpired(key: SkippedKey, now: number): boolean {
  return now - key.createdAt > MAX_SKIPPED_KEY_AGE_MS
}

function assertNow(now: number): void {
  if (!Number.isSafeInteger(now) || now < 0) throw new RangeError(`"now" expected a non-negative integer of ms, got ${String(now)}`)
}
