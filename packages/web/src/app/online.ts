/**
 * Everything that needs libp2p, in one chunk loaded after onboarding: the
 * node, the directory and the chat backend on top of them.
 */
import type { DeviceKeys, ResolvedAccount } from '@xchat/core'
import type { ChatBackend } from './chat-backend.js'
import { CoreBackend } from './core-backend.js'
import { KeptFiles } from './kept-files.js'
import type { DeviceStore } from './device-store.js'
import { DirectConnector } from './direct-connect.js'
import { Network, connectionsOf, type ConnectionInfo } from './network.js'
import type { NetworkStatus } from './network-status.js'
import { relayNetworkMode } from './relays.js'
import { CallController, type CallSettings } from './calls/index.js'
import { installCallDebug } from './calls/debug.js'

/** Options of {@link goOnline}. */
export interface OnlineInit {
  readonly keys: DeviceKeys
  readonly store: DeviceStore
  readonly relays: readonly string[]
  readonly onStatus: (status: NetworkStatus) => void
  /** The call settings in force (read at each call). */
  readonly callSettings: () => CallSettings
}

/** This device on the network. */
export interface Online {
  readonly backend: ChatBackend
  /** Audio and video calls. */
  readonly calls: CallController
  status(): NetworkStatus
  /**
   * Look an account up in the directory and open direct (WebRTC) connections
   * to its devices where they publish a WebRTC address.
   */
  reach(accountId: string, options?: { readonly signal?: AbortSignal }): Promise<ResolvedAccount>
  connections(peerId?: string): ConnectionInfo[]
  stop(): Promise<void>
}

/** Start the node and the chat backend. */
export async function goOnline(init: OnlineInit): Promise<Online> {
  const mode = relayNetworkMode(init.relays)
  let onFirstOnline: (() => void) | undefined
  const network = await Network.start({
    keys: init.keys,
    relays: init.relays,
    loopback: mode.loopback,
    // a relay on this machine or LAN: host candidates are all there is (and tests must not reach STUN servers)
    ...(mode.privateOnly ? { rtcConfiguration: { iceServers: [] } } : {}),
    onStatus: (status) => {
      init.onStatus(status)
      if (status.state === 'online') onFirstOnline?.()
    },
  })
  const direct = new DirectConnector(network.node)
  const known = new Map<string, { account: ResolvedAccount; at: number }>()
  const reach = async (accountId: string, options?: { readonly signal?: AbortSignal }): Promise<ResolvedAccount> => {
    const account = await network.directory.resolve(accountId, options ?? {})
    known.set(accountId, { account, at: Date.now() })
    await direct.connect(account)
    return account
  }
  // a send to an account whose devices are all directly connected needs no directory lookup
  // (a DHT query would add tens of ms to every message); a recent entry is trusted for a while
  const connected = (accountId: string): boolean => {
    const entry = known.get(accountId)
    if (entry === undefined || Date.now() - entry.at > RESOLVED_FRESH_MS) return false
    const self = network.node.peerId.toString()
    return entry.account.devices.every((d) => d.peerId === self || direct.isDirect(d.peerId))
  }
  let backend: CoreBackend
  const kept = await KeptFiles.open(await init.store.sealer())
  try {
    backend = await CoreBackend.start({
      node: network.node,
      db: init.store.db,
      keys: init.keys,
      ...(kept === undefined ? {} : { kept }),
      // a direct connection first, so the message goes peer to peer; but never hold a send up for long
      beforeSend: async (accountId) =>
        connected(accountId) ? undefined : within(reach(accountId, { signal: AbortSignal.timeout(10_000) }), BEFORE_SEND_WAIT_MS),
    })
  } catch (err) {
    await network.stop()
    throw err
  }
  // core's client publishes this device with its prekeys; the network asks it to when addresses change
  network.publisher = () => backend.publish()
  network.poke()
  onFirstOnline = () => {
    onFirstOnline = undefined
    warmUp(backend, reach)
  }
  const calls = new CallController({
    service: backend.calls,
    settings: init.callSettings,
    privateNetwork: mode.privateOnly,
    reach: async (accountId) => within(reach(accountId, { signal: AbortSignal.timeout(10_000) }), BEFORE_SEND_WAIT_MS),
  })
  installCallDebug(calls)
  return {
    backend,
    calls,
    status: () => network.status(),
    reach,
    connections: (peerId) => connectionsOf(network.node, peerId),
    async stop() {
      calls.stop()
      await backend.stop()
      await network.stop()
    },
  }
}

/** How long a resolved directory entry is used without asking the DHT again (new devices show up after this). */
const RESOLVED_FRESH_MS = 60_000

/** How long a send waits for a direct connection before it goes ahead (core then uses what there is). */
const BEFORE_SEND_WAIT_MS = 3_000

/** Wait for `promise` at most `ms` (it goes on in the background); never rejects. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

/** Contacts to connect to when this device comes online. */
const WARM_UP_CONVERSATIONS = 5

/**
 * Right after start, connect directly to the most recent conversations'
 * devices: their outboxes retry at once when we connect (instead of at their
 * next back-off), and our first message needs no dial.
 */
function warmUp(backend: ChatBackend, reach: (accountId: string, options?: { readonly signal?: AbortSignal }) => Promise<unknown>): void {
  void backend
    .conversations()
    .then(async (all) => {
      await Promise.allSettled(
        all.slice(0, WARM_UP_CONVERSATIONS).map(async (c) => reach(c.accountId, { signal: AbortSignal.timeout(30_000) })),
      )
    })
    .catch(() => undefined)
}
