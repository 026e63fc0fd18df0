/**
 * The browser's libp2p node (loaded on demand: libp2p is most of the bundle).
 * Connects to the relays, keeps reservations, makes sure the directory lists
 * this device's current relay addresses, and reports a {@link NetworkStatus}.
 */
import {
  createXchatNode,
  Directory,
  libp2pPrivateKey,
  parseBootstrapList,
  type DeviceKeys,
  type PublishResult,
  type XchatNode,
} from '@xchat/core'
import type { NetworkStatus, RelayState } from './network-status.js'
import { describeError } from './errors.js'

/** Options of {@link Network.start}. */
export interface NetworkInit {
  readonly keys: DeviceKeys
  readonly relays: readonly string[]
  /** Allow private addresses and `ws://` (a local relay). */
  readonly loopback: boolean
  /** WebRTC settings; `{ iceServers: [] }` keeps off public STUN servers. */
  readonly rtcConfiguration?: RTCConfiguration
  readonly onStatus: (status: NetworkStatus) => void
}

/** First and longest wait between attempts to reach any relay, or to publish. */
const RETRY_MIN_MS = 1_000
const RETRY_MAX_MS = 30_000

/** A running browser node. */
export class Network {
  readonly node: XchatNode
  /** Resolves accounts (never publishes: see {@link Network.publisher}). */
  readonly directory: Directory
  /**
   * Publishes this device's directory entry (core's client, which adds its
   * prekeys). Called whenever the relay addresses are not yet published, so
   * "online" means others can find this device, not only that a relay holds a slot.
   */
  publisher: (() => Promise<PublishResult>) | undefined
  readonly #relays: readonly { addr: string; peerId: string }[]
  readonly #onStatus: (status: NetworkStatus) => void
  #published: { stored: number; at: number; addrs: ReadonlySet<string> } | undefined
  #publishing = false
  #publishRetryMs = RETRY_MIN_MS
  #publishTimer: ReturnType<typeof setTimeout> | undefined
  #error: string | undefined
  #retryMs = RETRY_MIN_MS
  #retryTimer: ReturnType<typeof setTimeout> | undefined
  #scheduled = false
  #stopped = false

  private constructor(node: XchatNode, init: NetworkInit, relays: readonly { addr: string; peerId: string }[]) {
    this.node = node
    this.#relays = relays
    this.#onStatus = init.onStatus
    this.directory = new Directory({ node, keys: init.keys })
  }

  /**
   * Start the node and begin connecting; resolves before any relay answers.
   * Relay addresses that do not parse are left out and reported in the status.
   */
  static async start(init: NetworkInit): Promise<Network> {
    let relays: { addr: string; peerId: string }[] = []
    let error: string | undefined
    try {
      relays = parseBootstrapList(init.relays).map((p) => ({ addr: p.addr.toString(), peerId: p.id.toString() }))
    } catch (err) {
      error = `${describeError(err).title} Fix the relay list in Settings.`
    }
    const node = await createXchatNode({
      role: 'browser',
      privateKey: libp2pPrivateKey(init.keys.device.privateKey()),
      bootstrap: relays.map((r) => r.addr),
      loopback: init.loopback,
      ...(init.rtcConfiguration ? { rtcConfiguration: init.rtcConfiguration } : {}),
    })
    const network = new Network(node, init, relays)
    network.#error = error
    network.#listen()
    network.#update()
    network.#connect()
    return network
  }

  /** The current status. */
  status(): NetworkStatus {
    const reservedOn = this.#reservedOn()
    const relays: RelayState[] = this.#relays.map(({ addr, peerId }) => ({
      addr,
      peerId,
      connected: this.node.getConnections().some((c) => c.remotePeer.toString() === peerId && c.status === 'open'),
      reserved: reservedOn.has(peerId),
    }))
    const offline = typeof navigator !== 'undefined' && !navigator.onLine
    const reachable = relays.some((r) => r.reserved) && this.#addressesPublished()
    const state = relays.length === 0 ? 'no-relays' : reachable ? 'online' : offline || this.#error !== undefined ? 'offline' : 'connecting'
    return {
      state,
      peerId: this.node.peerId.toString(),
      relays,
      ...(this.#published ? { published: { stored: this.#published.stored, at: this.#published.at } } : {}),
      ...(this.#error !== undefined && state !== 'online' ? { error: this.#error } : {}),
    }
  }

  /** Re-check (e.g. once {@link Network.publisher} is set). */
  poke(): void {
    this.#schedule()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#retryTimer)
    clearTimeout(this.#publishTimer)
    window.removeEventListener('online', this.#onBrowserOnline)
    window.removeEventListener('offline', this.#schedule)
    await this.node.stop()
  }

  /** This node's relay circuit addresses (`…/p2p/<relay>/p2p-circuit[/webrtc]/p2p/<self>`). */
  #circuitAddrs(): string[] {
    return this.node
      .getMultiaddrs()
      .map((ma) => ma.toString())
      .filter((a) => a.includes('/p2p-circuit'))
  }

  /** PeerIds of relays holding a reservation for us. */
  #reservedOn(): Set<string> {
    const relays = new Set<string>()
    for (const text of this.#circuitAddrs()) {
      const m = /\/p2p\/([^/]+)$/u.exec(text.slice(0, text.indexOf('/p2p-circuit')))
      if (m?.[1]) relays.add(m[1])
    }
    return relays
  }

  /** Every current circuit address is in a record some DHT server stored. */
  #addressesPublished(): boolean {
    const published = this.#published
    if (published === undefined || published.stored === 0) return false
    return this.#circuitAddrs().every((a) => published.addrs.has(a))
  }

  #listen(): void {
    for (const event of ['connection:open', 'connection:close', 'self:peer:update', 'transport:listening', 'transport:close'] as const) {
      this.node.addEventListener(event, this.#schedule)
    }
    window.addEventListener('online', this.#onBrowserOnline)
    window.addEventListener('offline', this.#schedule)
  }

  /** Dial the relays; on failure, again after a growing pause (libp2p redials relays that were connected). */
  #connect(): void {
    if (this.#stopped || this.#relays.length === 0) return
    clearTimeout(this.#retryTimer)
    this.node.services.bootstrap.connect().then(
      () => {
        this.#error = undefined
        this.#retryMs = RETRY_MIN_MS
        this.#schedule()
      },
      (err: unknown) => {
        if (this.#stopped) return
        this.#error = `${describeError(err).title} Retrying… (check the relay list in Settings if this persists)`
        this.#schedule()
        this.#retryTimer = setTimeout(() => this.#connect(), this.#retryMs)
        this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS)
      },
    )
  }

  /** Publish when a reservation's addresses are not in the directory yet; retry while no server stores them. */
  #publishIfNeeded(): void {
    const publish = this.publisher
    if (publish === undefined || this.#publishing || this.#publishTimer !== undefined || this.#stopped) return
    if (this.#reservedOn().size === 0 || this.#addressesPublished()) return
    this.#publishing = true
    publish().then(
      (result) => {
        this.#publishing = false
        this.#published = { stored: result.stored, at: Date.now(), addrs: new Set(result.addrs) }
        if (result.stored > 0) this.#publishRetryMs = RETRY_MIN_MS
        else this.#publishLater()
        this.#schedule()
      },
      () => {
        this.#publishing = false
        this.#publishLater()
      },
    )
  }

  #publishLater(): void {
    if (this.#stopped) return
    this.#publishTimer = setTimeout(() => {
      this.#publishTimer = undefined
      this.#schedule()
    }, this.#publishRetryMs)
    this.#publishRetryMs = Math.min(this.#publishRetryMs * 2, RETRY_MAX_MS)
  }

  readonly #onBrowserOnline = (): void => {
    this.#retryMs = RETRY_MIN_MS
    this.#connect()
  }

  readonly #schedule = (): void => {
    if (this.#scheduled || this.#stopped) return
    this.#scheduled = true
    queueMicrotask(() => {
      this.#scheduled = false
      this.#update()
    })
  }

  #update(): void {
    if (this.#stopped) return
    this.#publishIfNeeded()
    this.#onStatus(this.status())
  }
}

/** A connection as the debug hook reports it. */
export interface ConnectionInfo {
  readonly remotePeer: string
  readonly remoteAddr: string
  readonly direction: string
  readonly multiplexer: string | undefined
  /** A relayed (limited) connection: data and time limits apply. */
  readonly limited: boolean
  readonly status: string
  /** Protocols of the streams open on it now (e.g. '/xchat/msg/1.0.0'). */
  readonly protocols: readonly string[]
}

/** This node's connections (to one peer, or all). */
export function connectionsOf(node: XchatNode, peerId?: string): ConnectionInfo[] {
  return node
    .getConnections()
    .filter((c) => peerId === undefined || c.remotePeer.toString() === peerId)
    .map((c) => ({
      remotePeer: c.remotePeer.toString(),
      remoteAddr: c.remoteAddr.toString(),
      direction: c.direction,
      multiplexer: c.multiplexer,
      limited: c.limits !== undefined,
      status: c.status,
      protocols: c.streams.map((s) => s.protocol ?? '').filter((p) => p !== ''),
    }))
}
