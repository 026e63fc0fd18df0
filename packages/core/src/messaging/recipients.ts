import { bytesToHex } from '@noble/hashes/utils.js'
import type { AbortOptions } from '@libp2p/interface'
import { XchatError } from '../errors.js'
import type { AccountId, DeviceKeys } from '../identity/index.js'
import type { StoreTxn, XchatStore } from '../store/index.js'
import type { DeviceBook, PeerDevice } from './devices.js'
import { checkDevice } from './identity-guard.js'
import type { Mutex } from './lock.js'
import type { SenderDevice } from './receiver.js'

/** What {@link Recipients} needs. */
export interface RecipientsInit {
  readonly store: XchatStore
  readonly keys: DeviceKeys
  readonly devices: DeviceBook
  readonly lock: Mutex
  readonly now: () => number
  readonly peerIdOf: (devicePublicKey: Uint8Array) => string
  /** A known device index came back with another key. */
  readonly onIdentityChanged: (accountId: AccountId, deviceIndex: number) => void
}

/**
 * Who gets a copy: an account's devices from the directory, with the
 * identity rule applied (a changed key blocks the account; new devices are
 * recorded), and this account's other devices.
 */
export class Recipients {
  readonly #init: RecipientsInit
  readonly #ourDevice: string

  constructor(init: RecipientsInit) {
    this.#init = init
    this.#ourDevice = bytesToHex(init.keys.device.publicKey)
  }

  /**
   * The account's devices that may be written to.
   * @param strict - throw IDENTITY_CHANGED for a blocked account (else: no devices)
   * @throws XchatError NOT_FOUND | RECORD_* (directory) | IDENTITY_CHANGED (strict)
   */
  async of(accountId: AccountId, strict: boolean, options: AbortOptions = {}): Promise<PeerDevice[]> {
    const devices = await this.#init.devices.devicesOf(accountId, options)
    return this.#init.lock.run(async () => {
      const { store } = this.#init
      const txn = store.txn()
      const after: (() => void)[] = []
      try {
        return await this.allowed(accountId, devices, strict, txn, after)
      } finally {
        await store.write(txn.ops())
        for (const f of after) f()
      }
    })
  }

  /**
   * Of an account's listed devices, those that may be written to, with the
   * identity rule applied; the identity record it changes is staged in `txn`
   * (`after` gets the hooks to run once it is written). Run under the mutex.
   * @param strict - throw IDENTITY_CHANGED for a blocked account (else: no devices)
   * @throws XchatError IDENTITY_CHANGED (strict)
   */
  async allowed(
    accountId: AccountId,
    devices: readonly PeerDevice[],
    strict: boolean,
    txn: StoreTxn,
    after: (() => void)[],
  ): Promise<PeerDevice[]> {
    const { store } = this.#init
    const key = store.blind(accountId)
    let record = await txn.get(store.identities, key)
    let dirty = false
    const allowed: PeerDevice[] = []
    for (const d of devices) {
      const verdict = checkDevice(record, accountId, { index: d.deviceIndex, key: d.deviceKey }, this.#init.now())
      record = verdict.record
      if (verdict.kind === 'blocked') {
        if (verdict.newlyChanged) {
          txn.put(store.identities, key, verdict.record)
          after.push(() => this.#init.onIdentityChanged(accountId, d.deviceIndex))
        }
        if (strict) {
          throw new XchatError('IDENTITY_CHANGED', 'a device of this account changed its key; accept it first', {
            details: { accountId },
          })
        }
        return []
      }
      dirty ||= verdict.changedRecord
      allowed.push(d)
    }
    if (dirty && record !== undefined) txn.put(store.identities, key, record)
    return allowed
  }

  /** Whether a device is one of ours other than this one. */
  isOwnOther(device: PeerDevice): boolean {
    return device.deviceKey !== this.#ourDevice
  }

  /** This account's other devices (for copies); none when the directory does not answer. */
  async ownOthers(options: AbortOptions = {}): Promise<PeerDevice[]> {
    try {
      const own = await this.of(this.#init.keys.accountId, false, options)
      return own.filter((d) => d.deviceKey !== this.#ourDevice)
    } catch {
      return []
    }
  }

  /**
   * The devices of a sender's account (for receipts), or at least the sender
   * device itself when the directory does not list it (we hold a session with it).
   */
  async ofSender(from: SenderDevice): Promise<PeerDevice[]> {
    let listed: PeerDevice[]
    try {
      listed = from.accountId === this.#init.keys.accountId ? await this.ownOthers() : await this.of(from.accountId, false)
    } catch {
      listed = []
    }
    if (listed.some((d) => d.deviceKey === from.deviceKey)) return listed
    return [...listed, { ...from, peerId: this.#init.peerIdOf(from.devicePublicKey), addrs: [], relays: [] }]
  }

  /** Just the sender device (for a resend request or its answer). */
  async sender(from: SenderDevice): Promise<PeerDevice[]> {
    return (await this.ofSender(from)).filter((d) => d.deviceKey === from.deviceKey)
  }
}
