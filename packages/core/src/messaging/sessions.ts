import { bytesToHex } from '@noble/hashes/utils.js'
import { equalBytes } from '@noble/ciphers/utils.js'
import type { AbortOptions } from '@libp2p/interface'
import { XchatError } from '../errors.js'
import type { DeviceKeys } from '../identity/index.js'
import {
  EMPTY_SESSION_RECORD,
  activeSession,
  addInitiatedSession,
  decodePrekeyBundle,
  decryptWithRecord,
  encryptWithRecord,
  initiateSession,
  prepareSendingStep,
  type IdentityKeyPair,
  type OneTimePrekey,
  type PreparedSendingStep,
  type SessionState,
} from '../session/index.js'
import type { StoreOp, StoreTxn, XchatStore } from '../store/index.js'
import { encodeEnvelope, envelopeAd, type Envelope } from './envelope.js'
import type { OwnPrekeys } from './own-prekeys.js'
import type { PeerDevice } from './devices.js'
import type { MailboxPort } from './ports.js'
import { MAILBOX_TIMEOUT_MS } from './constants.js'

/** A device to encrypt to: its key and, to start a session, its published bundle. */
export type SessionTarget = Pick<PeerDevice, 'devicePublicKey' | 'deviceKey' | 'prekeys' | 'relays'>

/** How many device keys with a session are remembered by {@link Sessions.has}. */
const MAX_ACTIVE_CACHE = 4096

/**
 * How many peer devices may have a sending ratchet step made ahead of time.
 * Each entry is a key pair and a DH output (~100 bytes); a step is made only
 * after a receive, and used (or dropped) at the next send to that device.
 */
const MAX_PREPARED_STEPS = 256

/** The result of {@link Sessions.decrypt}; the new session state is staged in the txn with whatever the plaintext changes. */
export interface Decrypted {
  readonly plaintext: Uint8Array
  readonly usedOneTimePrekeyId?: number
  /**
   * Set while the session waits for the sending half of a ratchet step: call it
   * once the batch is written; it sets a timer that makes the half ahead.
   */
  readonly prepareSending?: () => void
}

/**
 * Session records per peer device, read from and written to the store. Call
 * only under the messaging mutex: every method is a read-modify-write.
 */
export class Sessions {
  readonly #store: XchatStore
  readonly #keys: DeviceKeys
  readonly #prekeys: OwnPrekeys
  readonly #mailbox: MailboxPort | undefined
  readonly #identity: IdentityKeyPair
  /** Device keys known to have an active session with us. */
  readonly #active = new Set<string>()
  /** Sending halves of DH ratchet steps made ahead, by blinded device key (memory only: lost on restart, then made at the send). */
  readonly #prepared = new Map<string, PreparedSendingStep>()
  /** Blinded device keys whose step is scheduled and still wanted (no message went to them since). */
  readonly #toPrepare = new Set<string>()

  constructor(store: XchatStore, keys: DeviceKeys, prekeys: OwnPrekeys, mailbox?: MailboxPort) {
    this.#store = store
    this.#keys = keys
    this.#prekeys = prekeys
    this.#mailbox = mailbox
    this.#identity = { publicKey: keys.device.publicKey, privateKey: keys.device.privateKey() }
  }

  /** Whether we hold a session with a device (advisory: it decides whether to fetch a one-time prekey). */
  async has(deviceKey: string): Promise<boolean> {
    if (this.#active.has(deviceKey)) return true
    const record = await this.#store.sessions.get(this.#store.blind(deviceKey))
    const active = record !== undefined && activeSession(record) !== undefined
    // a session, once there, stays until dropOp(): asked before every send, the answer is kept
    if (active && this.#active.size < MAX_ACTIVE_CACHE) this.#active.add(deviceKey)
    return active
  }

  /**
   * One of the device's one-time prekeys from one of its relays, for a new
   * session; undefined when none answers (the handshake then uses the signed prekey only).
   */
  async takeOneTimePrekey(device: SessionTarget, options: AbortOptions = {}): Promise<OneTimePrekey | undefined> {
    const mailbox = this.#mailbox
    if (mailbox === undefined) return undefined
    for (const relay of device.relays) {
      try {
        const signal = AbortSignal.any([AbortSignal.timeout(MAILBOX_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])])
        const prekey = await mailbox.takePrekey(relay, device.devicePublicKey, { signal })
        if (prekey !== undefined) return prekey
      } catch {
        // try the next relay; none left means signed prekey only
      }
    }
    return undefined
  }

  /**
   * Encrypt content for a device on its current session, starting one from its
   * published signed prekey (and `oneTimePrekey`) when there is none or `restart` is set.
   * The new session record is staged in `txn` (read back by the next encrypt of
   * the group): it must be written before the envelope leaves.
   * @returns the envelope
   * @throws XchatError NO_PREKEYS (no session and no bundle) | BAD_SIGNATURE | INVALID_KEY | MALFORMED (bad bundle) | TOO_LARGE
   */
  async encrypt(
    device: SessionTarget,
    content: Uint8Array,
    txn: StoreTxn,
    options: { oneTimePrekey?: OneTimePrekey; restart?: boolean } = {},
  ): Promise<Uint8Array> {
    const key = this.#store.blind(device.deviceKey)
    let record = (await txn.get(this.#store.sessions, key)) ?? EMPTY_SESSION_RECORD
    if (options.restart === true || activeSession(record) === undefined) {
      if (device.prekeys === undefined) throw new XchatError('NO_PREKEYS', 'the device published no prekeys and has no session with us')
      const bundle = decodePrekeyBundle(device.prekeys, device.devicePublicKey)
      const { state } = initiateSession({
        ourIdentity: this.#identity,
        theirIdentity: device.devicePublicKey,
        theirSignedPrekey: bundle.signedPrekey,
        ...(options.oneTimePrekey === undefined ? {} : { theirOneTimePrekey: options.oneTimePrekey }),
      })
      record = addInitiatedSession(record, state)
    }
    const ad = envelopeAd(this.#keys.account.publicKey, this.#keys.device.publicKey, device.devicePublicKey)
    const prepared = this.#prepared.get(key)
    this.#prepared.delete(key)
    this.#toPrepare.delete(key)
    const { record: next, message } = encryptWithRecord(record, content, ad, prepared)
    const envelope = encodeEnvelope({
      senderAccountKey: this.#keys.account.publicKey,
      senderDeviceKey: this.#keys.device.publicKey,
      senderCertificate: this.#keys.certificate,
      recipientDeviceKey: device.devicePublicKey,
      message,
    })
    txn.put(this.#store.sessions, key, next)
    return envelope
  }

  /**
   * Decrypt an envelope with the record of its sender device (a PreKeyMessage
   * naming another identity than the certified sender device is refused); the
   * new record (and a used one-time prekey's deletion) is staged in `txn`.
   * @throws XchatError from `decryptWithRecord` (DUPLICATE_MESSAGE: already decrypted, i.e. already stored)
   */
  async decrypt(envelope: Envelope, now: number, txn: StoreTxn): Promise<Decrypted> {
    const key = this.#store.blind(bytesToHex(envelope.senderDeviceKey))
    const record = (await txn.get(this.#store.sessions, key)) ?? EMPTY_SESSION_RECORD
    const ad = envelopeAd(envelope.senderAccountKey, envelope.senderDeviceKey, this.#keys.device.publicKey)
    const result = decryptWithRecord(record, envelope.message, {
      ourIdentity: this.#identity,
      theirIdentity: envelope.senderDeviceKey,
      prekeys: this.#prekeys.lookup(),
      now,
      ad,
    })
    txn.put(this.#store.sessions, key, result.record)
    if (result.usedOneTimePrekeyId !== undefined) txn.push(this.#prekeys.consumeOp(result.usedOneTimePrekeyId))
    const active = activeSession(result.record)
    return {
      plaintext: result.plaintext,
      ...(result.usedOneTimePrekeyId === undefined ? {} : { usedOneTimePrekeyId: result.usedOneTimePrekeyId }),
      ...(active !== undefined && active.sendingChain === undefined ? { prepareSending: () => this.#prepareLater(key, active) } : {}),
    }
  }

  /**
   * A decrypt that made a DH ratchet step left its sending half (a key
   * generation and an ECDH) to our next message to that device. Make it on a
   * timer, after the message that stepped was stored and handed on, so neither
   * that message nor the next one out — often a receipt, or the reply — pays
   * for it on its path. It is keyed by the peer ratchet key it was made for,
   * so a stale one (another step came, the batch was not written) is ignored.
   */
  #prepareLater(key: string, active: SessionState): void {
    if (active.sendingChain !== undefined) return
    // one step per peer ratchet key: later messages of the same chain find it scheduled or made
    if (this.#toPrepare.has(key) || this.#toPrepare.size >= MAX_PREPARED_STEPS) return
    const made = this.#prepared.get(key)
    if (made !== undefined && equalBytes(made.theirRatchetKey, active.remoteRatchetKey)) return
    this.#toPrepare.add(key)
    setTimeout(() => {
      // a message sent to the device meanwhile made the step itself
      if (!this.#toPrepare.delete(key)) return
      const step = prepareSendingStep(active)
      if (step === undefined) return
      this.#prepared.delete(key)
      if (this.#prepared.size >= MAX_PREPARED_STEPS) this.#prepared.delete(this.#prepared.keys().next().value as string)
      this.#prepared.set(key, step)
    }, 0)
  }

  /** The operation forgetting every session with a device (its identity changed). */
  dropOp(deviceKey: string): StoreOp {
    this.#active.delete(deviceKey)
    this.#prepared.delete(this.#store.blind(deviceKey))
    this.#toPrepare.delete(this.#store.blind(deviceKey))
    return this.#store.sessions.del(this.#store.blind(deviceKey))
  }
}
