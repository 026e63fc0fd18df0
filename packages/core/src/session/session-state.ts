import { bytesToHex, concatBytes } from '@noble/hashes/utils.js'
import type { KeyPair } from '../crypto/index.js'

/** Which side of the handshake a session is on. */
export type SessionRole = 'initiator' | 'responder'

/** A symmetric chain: its current key and the number of the next message. */
export interface ChainState {
  readonly key: Uint8Array
  readonly counter: number
}

/** A message key kept for a message that has not arrived yet. */
export interface SkippedKey {
  /** The sender's ratchet key of the chain it belongs to. */
  readonly ratchetKey: Uint8Array
  readonly counter: number
  readonly messageKey: Uint8Array
  /** ms since the Unix epoch; the key expires MAX_SKIPPED_KEY_AGE_MS later */
  readonly createdAt: number
}

/** Which of the responder's prekeys the handshake used. */
export interface HandshakePrekeys {
  readonly signedPrekeyId: number
  readonly oneTimePrekeyId?: number
}

/** Every field of a {@link SessionState}; names follow the Double Ratchet spec §3.2. */
export interface SessionFields {
  readonly role: SessionRole
  readonly localIdentityKey: Uint8Array
  readonly remoteIdentityKey: Uint8Array
  /** The initiator's ephemeral public key EK: both sides name the session by it. */
  readonly baseKey: Uint8Array
  /** RK */
  readonly rootKey: Uint8Array
  /**
   * DHs; absent after a DH ratchet step made on receiving, until this side
   * next sends (the sending half of the step is lazy: see `ratchet.ts`).
   * Present exactly when `sendingChain` is.
   */
  readonly sendingRatchetKey?: KeyPair
  /** DHr (for a fresh initiator: the responder's signed prekey) */
  readonly remoteRatchetKey: Uint8Array
  /** CKs and Ns; absent while the sending half of the last DH ratchet step is still to be made */
  readonly sendingChain?: ChainState
  /** CKr and Nr; absent until the peer's first ratchet key arrives */
  readonly receivingChain?: ChainState
  /** PN */
  readonly previousCounter: number
  /** MKSKIPPED, oldest first */
  readonly skipped: readonly SkippedKey[]
  /** The prekey ids of the handshake; a repeated PreKeyMessage must name the same. */
  readonly handshakePrekeys: HandshakePrekeys
  /** True on an initiator until the responder's first message: messages go out as PreKeyMessages. */
  readonly pending: boolean
}

/** A summary of a session that is safe to log: no key material. */
export interface SessionSummary {
  readonly role: SessionRole
  readonly localIdentityKey: string
  readonly remoteIdentityKey: string
  readonly baseKey: string
  readonly sendingCounter: number
  readonly receivingCounter: number
  readonly skippedKeys: number
  readonly pending: boolean
}

const inspect = Symbol.for('nodejs.util.inspect.custom')

/**
 * The immutable state of one Double Ratchet session between two devices.
 * Every operation returns a new state, so a caller commits (persists) a new
 * state only when the operation succeeded. Holds secrets: `toJSON()` and
 * inspection show only a {@link SessionSummary}; persist it with `serializeSession`.
 */
export class SessionState implements SessionFields {
  readonly role: SessionRole
  readonly localIdentityKey: Uint8Array
  readonly remoteIdentityKey: Uint8Array
  readonly baseKey: Uint8Array
  readonly rootKey: Uint8Array
  readonly sendingRatchetKey?: KeyPair
  readonly remoteRatchetKey: Uint8Array
  readonly sendingChain?: ChainState
  readonly receivingChain?: ChainState
  readonly previousCounter: number
  readonly skipped: readonly SkippedKey[]
  readonly handshakePrekeys: HandshakePrekeys
  readonly pending: boolean

  constructor(f: SessionFields) {
    this.role = f.role
    this.localIdentityKey = f.localIdentityKey
    this.remoteIdentityKey = f.remoteIdentityKey
    this.baseKey = f.baseKey
    this.rootKey = f.rootKey
    if ((f.sendingRatchetKey === undefined) !== (f.sendingChain === undefined)) {
      throw new TypeError('"sendingRatchetKey" and "sendingChain" expected both present or both absent')
    }
    if (f.sendingRatchetKey !== undefined) this.sendingRatchetKey = f.sendingRatchetKey
    this.remoteRatchetKey = f.remoteRatchetKey
    if (f.sendingChain !== undefined) this.sendingChain = f.sendingChain
    if (f.receivingChain !== undefined) this.receivingChain = f.receivingChain
    this.previousCounter = f.previousCounter
    this.skipped = f.skipped
    this.handshakePrekeys = f.handshakePrekeys
    this.pending = f.pending
    Object.freeze(this)
  }

  /** A copy with some fields replaced (`undefined` clears an optional field). */
  with(changes: Partial<SessionFields>): SessionState {
    return new SessionState({ ...this, ...changes })
  }

  /** The initiator's identity key. */
  get initiatorIdentityKey(): Uint8Array {
    return this.role === 'initiator' ? this.localIdentityKey : this.remoteIdentityKey
  }

  /**
   * The X3DH associated data: initiator identity key ‖ responder identity key
   * (66 bytes). Every message's AEAD authenticates it.
   */
  associatedData(): Uint8Array {
    return this.role === 'initiator'
      ? concatBytes(this.localIdentityKey, this.remoteIdentityKey)
      : concatBytes(this.remoteIdentityKey, this.localIdentityKey)
  }

  summary(): SessionSummary {
    return {
      role: this.role,
      localIdentityKey: bytesToHex(this.localIdentityKey),
      remoteIdentityKey: bytesToHex(this.remoteIdentityKey),
      baseKey: bytesToHex(this.baseKey),
      sendingCounter: this.sendingChain?.counter ?? 0,
      receivingCounter: this.receivingChain?.counter ?? 0,
      skippedKeys: this.skipped.length,
      pending: this.pending,
    }
  }

  toJSON(): SessionSummary {
    return this.summary()
  }

  [inspect](): string {
    return `SessionState(${this.role}, base ${bytesToHex(this.baseKey).slice(0, 16)}…)`
  }
}
