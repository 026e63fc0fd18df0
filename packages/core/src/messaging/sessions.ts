import { bytesToHex } from '@noble/hashes/utils.js'
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
  type IdentityKeyPair,
  type OneTimePrekey,
} from '../session/index.js'
import type { StoreOp, XchatStore } from '../store/index.js'
import { encodeEnvelope, envelopeAd, type Envelope } from './envelope.js'
import type { OwnPrekeys } from './own-prekeys.js'
import type { PeerDevice } from './devices.js'
import type { MailboxPort } from './ports.js'
import { MAILBOX_TIMEOUT_MS } from './constants.js'

/** A device to encrypt to: its key and, to start a session, its published bundle. */
export type SessionTarget = Pick<PeerDevice, 'devicePublicKey' | 'deviceKey' | 'prekeys' | 'relays'>

/** The result of {@link Sessions.encrypt}: write `op` (the new session record) before `envelope` leaves. */
export interface Encrypted {
  readonly op: StoreOp
  readonly envelope: Uint8Array
}

/** The result of {@link Sessions.decrypt}: write `ops` together with whatever the plaintext changes. */
export interface Decrypted {
  readonly ops: StoreOp[]
  readonly plaintext: Uint8Array
  readonly usedOneTimePrekeyId?: number
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

  constructor(store: XchatStore, keys: DeviceKeys, prekeys: OwnPrekeys, mailbox?: MailboxPort) {
    this.#store = store
    this.#keys = keys
    this.#prekeys = prekeys
    this.#mailbox = mailbox
    this.#identity = { publicKey: keys.device.publicKey, privateKey: keys.device.privateKey() }
  }

  async has(deviceKey: string): Promise<boolean> {
    const record = await this.#store.sessions.get(this.#store.blind(deviceKey))
    return record !== undefined && activeSession(record) !== undefined
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
   * @throws XchatError NO_PREKEYS (no session and no bundle) | BAD_SIGNATURE | INVALID_KEY | MALFORMED (bad bundle) | TOO_LARGE
   */
  async encrypt(
    device: SessionTarget,
    content: Uint8Array,
    options: { oneTimePrekey?: OneTimePrekey; restart?: boolean } = {},
  ): Promise<Encrypted> {
    const key = this.#store.blind(device.deviceKey)
    let record = (await this.#store.sessions.get(key)) ?? EMPTY_SESSION_RECORD
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
    const { record: next, message } = encryptWithRecord(record, content, ad)
    const envelope = encodeEnvelope({
      senderAccountKey: this.#keys.account.publicKey,
      senderDeviceKey: this.#keys.device.publicKey,
      senderCertificate: this.#keys.certificate,
      recipientDeviceKey: device.devicePublicKey,
      message,
    })
    return { op: this.#store.sessions.put(key, next), envelope }
  }

  /**
   * Decrypt an envelope with the record of its sender device (a PreKeyMessage
   * naming another identity than the certified sender device is refused).
   * @throws XchatError from `decryptWithRecord` (DUPLICATE_MESSAGE: already decrypted, i.e. already stored)
   */
  async decrypt(envelope: Envelope, now: number): Promise<Decrypted> {
    const key = this.#store.blind(bytesToHex(envelope.senderDeviceKey))
    const record = (await this.#store.sessions.get(key)) ?? EMPTY_SESSION_RECORD
    const ad = envelopeAd(envelope.senderAccountKey, envelope.senderDeviceKey, this.#keys.device.publicKey)
    const result = decryptWithRecord(record, envelope.message, {
      ourIdentity: this.#identity,
      theirIdentity: envelope.senderDeviceKey,
      prekeys: this.#prekeys.lookup(),
      now,
      ad,
    })
    const ops = [this.#store.sessions.put(key, result.record)]
    if (result.usedOneTimePrekeyId !== undefined) ops.push(this.#prekeys.consumeOp(result.usedOneTimePrekeyId))
    return {
      ops,
      plaintext: result.plaintext,
      ...(result.usedOneTimePrekeyId === undefined ? {} : { usedOneTimePrekeyId: result.usedOneTimePrekeyId }),
    }
  }

  /** The operation forgetting every session with a device (its identity changed). */
  dropOp(deviceKey: string): StoreOp {
    return this.#store.sessions.del(this.#store.blind(deviceKey))
  }
}
