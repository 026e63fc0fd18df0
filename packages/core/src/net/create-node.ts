import { createLibp2p } from 'libp2p'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify, identifyPush, type Identify, type IdentifyPush } from '@libp2p/identify'
import { ping, type Ping } from '@libp2p/ping'
import { autoNAT } from '@libp2p/autonat'
import { dcutr } from '@libp2p/dcutr'
import { circuitRelayServer, type CircuitRelayService } from '@libp2p/circuit-relay-v2'
import { MemoryDatastore } from 'datastore-core'
import type { ConnectionGater, Libp2p, PrivateKey } from '@libp2p/interface'
import type { KadDHT } from '@libp2p/kad-dht'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Datastore } from 'interface-datastore'
import type { Libp2pOptions, ServiceFactoryMap } from 'libp2p'
import { bootstrap, type Bootstrap } from './bootstrap.js'
import { CONNECTION_LIMITS, DEFAULT_RELAY_LIMITS, DEFAULT_RESERVATIONS, type NodeRole, type RelayLimits } from './constants.js'
import { xchatDht } from './dht.js'
import { xchatPubsub } from './group-pubsub.js'
import type { TransportFactory } from './transports.js'

/** Services of an xchat node; `relay` only on relays, `autonat`/`dcutr` where they apply. */
export type XchatServices = {
  identify: Identify
  identifyPush: IdentifyPush
  ping: Ping
  dht: KadDHT
  bootstrap: Bootstrap
  /** Gossipsub for group fan-out (docs/protocol/groups.md). */
  pubsub: GossipSub
  /** The circuit relay v2 server (role `relay`). */
  relay?: CircuitRelayService
  /** AutoNAT: relays answer dial-back requests, peers learn whether they are reachable. */
  autonat?: unknown
  /** Hole punching of relayed connections (role `peer`). */
  dcutr?: unknown
}

/** A started libp2p node with xchat's services. */
export type XchatNode = Libp2p<XchatServices>

/** Options of {@link createXchatNode}. */
export interface XchatNodeOptions {
  readonly role: NodeRole
  /** The node's key; for a device, `libp2pPrivateKey(device key)` so its PeerId is its certified key. */
  readonly privateKey: PrivateKey
  /**
   * Direct listen addresses. Defaults: relay TCP + WebSockets on all interfaces
   * (port 0), peer TCP, browser none. Peers and browsers also listen on
   * `/p2p-circuit` (see `reservations`); a browser also on `/webrtc`.
   */
  readonly listen?: readonly string[]
  /** Relays to connect to first (`…/p2p/<PeerId>`); redialled when they drop. */
  readonly bootstrap?: readonly string[]
  /** Addresses to advertise instead of the listen addresses (e.g. a relay's public DNS name). */
  readonly announce?: readonly string[]
  /** Circuit relay server limits (role `relay`); defaults {@link DEFAULT_RELAY_LIMITS}. */
  readonly relay?: RelayLimits
  /** Relay reservations to keep (roles `peer`/`browser`); default {@link DEFAULT_RESERVATIONS}, 0 for none. */
  readonly reservations?: number
  /** Where the peer store and DHT records live; in memory by default. */
  readonly datastore?: Datastore
  /**
   * Tests and LANs: keep loopback/private addresses in the DHT and let
   * browsers dial `ws://` and private addresses.
   */
  readonly loopback?: boolean
  readonly connectionGater?: ConnectionGater
  /**
   * Transports to use. Defaults to `nodeTransports(role)` for relay/peer and
   * `browserTransports({ rtcConfiguration })` for browsers, loaded on demand so
   * a browser bundle never runs TCP code.
   */
  readonly transports?: readonly TransportFactory[]
  /** WebRTC configuration of the default browser transports; tests pass `{ iceServers: [] }`. */
  readonly rtcConfiguration?: RTCConfiguration
  /** The clock of the DHT record validator, ms since the Unix epoch; defaults to `Date.now`. */
  readonly now?: () => number
}

/**
 * Build and start an xchat libp2p node for a role.
 * @throws XchatError NO_BOOTSTRAP for a bootstrap address without `/p2p/<PeerId>`; libp2p errors when a listen address is unusable
 * @example
 * const relay = await createXchatNode({ role: 'relay', privateKey, listen: ['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws'] })
 * const peer = await createXchatNode({ role: 'peer', privateKey: libp2pPrivateKey(keys.device.privateKey()), bootstrap: relay.getMultiaddrs().map(String) })
 */
export async function createXchatNode(options: XchatNodeOptions): Promise<XchatNode> {
  const { role } = options
  const loopback = options.loopback ?? false
  const datastore = options.datastore ?? new MemoryDatastore()
  const limits = CONNECTION_LIMITS[role]
  const init: Libp2pOptions<XchatServices> = {
    privateKey: options.privateKey,
    datastore,
    addresses: {
      listen: listenAddrs(options, loopback),
      ...(options.announce !== undefined && { announce: [...options.announce] }),
    },
    transports: options.transports !== undefined ? [...options.transports] : await defaultTransports(options),
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { ...limits },
    connectionGater: options.connectionGater ?? (loopback ? { denyDialMultiaddr: () => false } : undefined),
    services: services(options, datastore, loopback),
  }
  return createLibp2p(init)
}

function services(options: XchatNodeOptions, datastore: Datastore, loopback: boolean): ServiceFactoryMap<XchatServices> {
  const common: ServiceFactoryMap<XchatServices> = {
    identify: identify(),
    identifyPush: identifyPush(),
    ping: ping(),
    dht: xchatDht({ role: options.role, datastore, loopback, now: options.now ?? Date.now }),
    bootstrap: bootstrap(options.bootstrap),
    pubsub: xchatPubsub(options.role),
  }
  switch (options.role) {
    case 'relay':
      return { ...common, relay: circuitRelayServer({ reservations: relayReservations(options.relay) }), autonat: autoNAT() }
    case 'peer':
      return { ...common, autonat: autoNAT(), dcutr: dcutr() }
    case 'browser':
      return common
  }
}

function relayReservations(limits: RelayLimits = {}): NonNullable<Parameters<typeof circuitRelayServer>[0]>['reservations'] {
  const maxReservations = limits.maxReservations ?? DEFAULT_RELAY_LIMITS.maxReservations
  const dataLimit = limits.defaultDataLimit ?? DEFAULT_RELAY_LIMITS.defaultDataLimit
  const durationLimit = limits.defaultDurationLimit ?? DEFAULT_RELAY_LIMITS.defaultDurationLimit
  positive('relay.maxReservations', maxReservations)
  positive('relay.defaultDurationLimit', durationLimit)
  if (BigInt(dataLimit) <= 0n)
    throw new RangeError(`"relay.defaultDataLimit" expected a positive number of bytes, got ${String(dataLimit)}`)
  if (limits.maxReservationsPerPeer !== undefined) positive('relay.maxReservationsPerPeer', limits.maxReservationsPerPeer)
  return {
    maxReservations,
    defaultDataLimit: BigInt(dataLimit),
    defaultDurationLimit: durationLimit,
    applyDefaultLimit: true,
  }
}

function listenAddrs(options: XchatNodeOptions, loopback: boolean): string[] {
  const host = loopback ? '127.0.0.1' : '0.0.0.0'
  const direct = options.listen ?? defaultListen(options.role, host)
  const reservations = options.role === 'relay' ? 0 : (options.reservations ?? DEFAULT_RESERVATIONS)
  if (!Number.isInteger(reservations) || reservations < 0) {
    throw new RangeError(`"reservations" expected a non-negative integer, got ${String(reservations)}`)
  }
  // each '/p2p-circuit' listener asks the circuit relay transport for one more reservation
  const circuits = Array.from({ length: reservations }, () => '/p2p-circuit')
  const webrtc = options.role === 'browser' ? ['/webrtc'] : []
  return [...direct, ...circuits, ...webrtc]
}

function defaultListen(role: NodeRole, host: string): string[] {
  switch (role) {
    case 'relay':
      return [`/ip4/${host}/tcp/0`, `/ip4/${host}/tcp/0/ws`]
    case 'peer':
      return [`/ip4/${host}/tcp/0`]
    case 'browser':
      return []
  }
}

async function defaultTransports(options: XchatNodeOptions): Promise<TransportFactory[]> {
  if (options.role === 'browser') {
    const { browserTransports } = await import('./transports-browser.js')
    return browserTransports({ rtcConfiguration: options.rtcConfiguration })
  }
  const { nodeTransports } = await import('./transports-node.js')
  return nodeTransports(options.role)
}

function positive(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`"${name}" expected a positive integer, got ${String(value)}`)
}
