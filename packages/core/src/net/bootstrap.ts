import { KEEP_ALIVE } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import type { AbortOptions, Connection, PeerId, PeerStore, Startable } from '@libp2p/interface'
import { XchatError } from '../errors.js'

/** What the bootstrap service needs from libp2p. */
export interface BootstrapComponents {
  readonly peerStore: PeerStore
  readonly connectionManager: { openConnection(peer: PeerId, options?: AbortOptions): Promise<Connection> }
}

/** A bootstrap relay: its PeerId and address. */
export interface BootstrapPeer {
  readonly id: PeerId
  readonly addr: Multiaddr
}

/** Peer-store tag that makes libp2p's reconnect queue redial a bootstrap relay after a disconnect. */
export const BOOTSTRAP_TAG = `${KEEP_ALIVE}-xchat-bootstrap`

/**
 * Parse bootstrap addresses; each must end in `/p2p/<PeerId>`.
 * @throws XchatError NO_BOOTSTRAP naming the first bad address
 */
export function parseBootstrapList(addrs: readonly string[]): BootstrapPeer[] {
  return addrs.map((text) => {
    try {
      const addr = multiaddr(text)
      const p2p = addr.getComponents().findLast((c) => c.name === 'p2p')
      if (p2p?.value === undefined) throw new Error('no /p2p/<PeerId> component')
      return { id: peerIdFromString(p2p.value), addr }
    } catch (cause) {
      throw new XchatError('NO_BOOTSTRAP', `bootstrap address "${text.slice(0, 120)}" must be a multiaddr ending in /p2p/<PeerId>`, {
        cause,
      })
    }
  })
}

/**
 * Keeps a node connected to its bootstrap relays: on start it stores them in
 * the peer store with a keep-alive tag (libp2p then redials them whenever they
 * drop) and dials them all. Once connected, the DHT learns the rest of the network.
 */
export class Bootstrap implements Startable {
  readonly #components: BootstrapComponents
  readonly #peers: readonly BootstrapPeer[]
  #controller = new AbortController()

  constructor(components: BootstrapComponents, peers: readonly BootstrapPeer[]) {
    this.#components = components
    this.#peers = peers
  }

  /** The configured bootstrap relays. */
  get peers(): readonly BootstrapPeer[] {
    return this.#peers
  }

  start(): void {
    this.#controller = new AbortController()
  }

  /** Tag and dial in the background once libp2p (and its transports) are up. */
  afterStart(): void {
    void this.connect({ signal: this.#controller.signal }).catch(() => undefined)
  }

  stop(): void {
    this.#controller.abort()
  }

  /**
   * Dial every bootstrap relay (already connected ones are reused).
   * @returns how many are connected
   * @throws XchatError NO_BOOTSTRAP when relays are configured and none answers
   */
  async connect(options: AbortOptions = {}): Promise<number> {
    if (this.#peers.length === 0) return 0
    const results = await Promise.allSettled(
      this.#peers.map(async ({ id, addr }) => {
        await this.#components.peerStore.merge(id, { multiaddrs: [addr], tags: { [BOOTSTRAP_TAG]: { value: 50 } } }, options)
        return this.#components.connectionManager.openConnection(id, options)
      }),
    )
    const connected = results.filter((r) => r.status === 'fulfilled').length
    if (connected === 0) {
      const causes = results.map((r): unknown => (r.status === 'rejected' ? (r.reason as unknown) : undefined))
      throw new XchatError('NO_BOOTSTRAP', `none of the ${this.#peers.length} bootstrap relays answered`, {
        cause: new AggregateError(causes),
      })
    }
    return connected
  }
}

/**
 * The bootstrap service factory for `createLibp2p({ services: { bootstrap: bootstrap(list) } })`.
 * @throws XchatError NO_BOOTSTRAP for an address without `/p2p/<PeerId>`
 */
export function bootstrap(addrs: readonly string[] = []): (components: BootstrapComponents) => Bootstrap {
  const peers = parseBootstrapList(addrs)
  return (components) => new Bootstrap(components, peers)
}
