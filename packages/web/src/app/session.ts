/**
 * One unlocked device: its keys, storage, settings and — once the network
 * chunk has loaded — its node and chat backend. The UI reads snapshots and
 * subscribes to changes; it never touches libp2p or storage directly.
 */
import type { DeviceKeys, KeystoreSecrets } from '@xchat/core/identity'
import type { ResolvedAccount } from '@xchat/core'
import { deviceKeys } from './account.js'
import type { ChatBackend } from './chat-backend.js'
import type { DeviceStore } from './device-store.js'
import { describeError } from './errors.js'
import { STARTING, type NetworkStatus } from './network-status.js'
import type { Online } from './online.js'
import { loadRelaySettings, saveRelays, fetchSiteRelays, type RelaySettings } from './relays.js'
import { loadVerified, setVerified, type VerifiedMap } from './verified.js'
import { loadCallSettings, saveCallSettings, type CallSettings } from './calls/call-settings.js'
import type { CallController } from './calls/call-controller.js'

/** This device as the UI shows it (public data only). */
export interface DeviceInfo {
  readonly accountId: string
  readonly accountPublicKey: Uint8Array
  readonly deviceIndex: number
  readonly devicePublicKey: string
  /** ms since the Unix epoch the device was set up */
  readonly createdAt: number
}

/** What the UI renders from. */
export interface SessionSnapshot {
  readonly device: DeviceInfo
  readonly status: NetworkStatus
  readonly relays: RelaySettings
  readonly verified: VerifiedMap
  /** Undefined while the network chunk loads. */
  readonly backend?: ChatBackend
  /** Calls; undefined while the network chunk loads. */
  readonly calls?: CallController
  readonly callSettings: CallSettings
  /** Loading the network failed; what to do. */
  readonly startError?: string
}

export class XchatSession {
  readonly store: DeviceStore
  readonly #keys: DeviceKeys
  readonly #listeners = new Set<() => void>()
  #snapshot: SessionSnapshot
  #online: Online | undefined
  #starting: Promise<void> | undefined
  #stopped = false

  private constructor(
    store: DeviceStore,
    keys: DeviceKeys,
    secrets: KeystoreSecrets,
    relays: RelaySettings,
    verified: VerifiedMap,
    callSettings: CallSettings,
  ) {
    this.store = store
    this.#keys = keys
    this.#snapshot = {
      device: {
        accountId: keys.accountId,
        accountPublicKey: keys.account.publicKey,
        deviceIndex: keys.deviceIndex,
        devicePublicKey: keys.identity().devicePublicKey,
        createdAt: secrets.createdAt,
      },
      status: STARTING,
      relays,
      verified,
      callSettings,
    }
  }

  /** Unlock the device stored in this browser; undefined when there is none. */
  static async open(store: DeviceStore): Promise<XchatSession | undefined> {
    const secrets = await store.loadAccount()
    if (secrets === undefined) return undefined
    return XchatSession.#make(store, secrets)
  }

  /** Store a new device's secrets (sealed) and unlock it. */
  static async create(store: DeviceStore, secrets: KeystoreSecrets): Promise<XchatSession> {
    const keys = deviceKeys(secrets) // validates the words before anything is written
    await store.saveAccount(secrets)
    return XchatSession.#make(store, secrets, keys)
  }

  static async #make(store: DeviceStore, secrets: KeystoreSecrets, keys = deviceKeys(secrets)): Promise<XchatSession> {
    const [relays, verified, calls] = await Promise.all([loadRelaySettings(store), loadVerified(store), loadCallSettings(store)])
    return new XchatSession(store, keys, secrets, relays, verified, calls)
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot
  }

  /** @returns unsubscribe */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Load the network chunk and go online (idempotent). */
  async start(): Promise<void> {
    this.#starting ??= this.#start()
    return this.#starting
  }

  async #start(): Promise<void> {
    try {
      const { goOnline } = await import('./online.js')
      if (this.#stopped) return
      const online = await goOnline({
        keys: this.#keys,
        store: this.store,
        relays: this.#snapshot.relays.relays,
        onStatus: (status) => this.#set({ status }),
        callSettings: () => this.#snapshot.callSettings,
      })
      if (this.#stopped) {
        await online.stop()
        return
      }
      this.#online = online
      this.#set({ backend: online.backend, calls: online.calls, status: online.status(), startError: undefined })
    } catch (err) {
      const e = describeError(err)
      this.#set({ startError: [e.title, e.hint].filter(Boolean).join(' ') })
    }
  }

  /** Save a relay list (`null`: the site's defaults) and reconnect with it. */
  async setRelays(relays: readonly string[] | null): Promise<void> {
    await saveRelays(this.store, relays)
    const settings: RelaySettings = relays === null ? { relays: await fetchSiteRelays(), source: 'site' } : { relays, source: 'user' }
    await this.#restart({ relays: settings })
  }

  /** Save the call settings (used from the next call on). */
  async setCallSettings(settings: CallSettings): Promise<void> {
    await saveCallSettings(this.store, settings)
    this.#set({ callSettings: settings })
  }

  async setVerified(accountId: string, verified: boolean): Promise<void> {
    this.#set({ verified: await setVerified(this.store, accountId, verified) })
  }

  /**
   * Look an account up in the directory and connect directly (WebRTC) to its devices where possible.
   * @throws Error while offline; XchatError NOT_FOUND | RECORD_* | ACCOUNT_ID_*
   */
  async reach(accountId: string, options?: { readonly signal?: AbortSignal }): Promise<ResolvedAccount> {
    if (this.#online === undefined) throw new Error('Not connected yet.')
    return this.#online.reach(accountId, options)
  }

  /** The running network, for the debug hook. */
  get online(): Online | undefined {
    return this.#online
  }

  async stop(): Promise<void> {
    this.#stopped = true
    await this.#starting
    await this.#online?.stop()
    this.#online = undefined
  }

  /** Stop and delete everything this browser holds for the account. */
  async forget(): Promise<void> {
    await this.stop()
    await this.store.destroy()
  }

  async #restart(change: Partial<SessionSnapshot>): Promise<void> {
    await this.#starting
    const old = this.#online
    this.#online = undefined
    this.#starting = undefined
    this.#set({ ...change, status: STARTING, backend: undefined, calls: undefined })
    await old?.stop()
    await this.start()
  }

  #set(change: Partial<SessionSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change }
    for (const l of this.#listeners) l()
  }
}
