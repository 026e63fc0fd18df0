/**
 * Protocol IDs and resource limits of xchat's libp2p nodes. Changing a
 * protocol ID is a protocol change: update docs/protocol/ in the same commit.
 */
export { DIRECTORY_KEY_PREFIX } from '../directory/index.js'

/** The private Kademlia DHT: its own protocol, so xchat never mixes with the public IPFS DHT. */
export const DHT_PROTOCOL = '/xchat/kad/1.0.0'

/** The roles a node can play: a relay/bootstrap server, a Node CLI peer, a browser peer. */
export type NodeRole = 'relay' | 'peer' | 'browser'

/** Connection-manager limits of one role. */
export interface ConnectionLimits {
  /** Open connections before the manager prunes. */
  readonly maxConnections: number
  /** New inbound connections per second from one IP before it is refused. */
  readonly inboundConnectionThreshold: number
  /** Inbound connections still in the upgrade (Noise, yamux) at once. */
  readonly maxIncomingPendingConnections: number
}

/**
 * Per-role connection limits. libp2p's defaults (300 connections, 5 inbound
 * per second per IP) would turn users away from a relay: behind one carrier
 * NAT many users share an IP, and a relay is there to take connections.
 */
export const CONNECTION_LIMITS: Readonly<Record<NodeRole, ConnectionLimits>> = {
  // a small VPS: ~2000 peers (each a reservation, DHT queries, mail) at a few KiB of state each
  relay: { maxConnections: 2000, inboundConnectionThreshold: 500, maxIncomingPendingConnections: 256 },
  // a CLI peer: relays, DHT servers met during queries and the contacts it talks to
  peer: { maxConnections: 300, inboundConnectionThreshold: 100, maxIncomingPendingConnections: 32 },
  // a browser tab: browsers cap connections; relays and contacts only
  browser: { maxConnections: 100, inboundConnectionThreshold: 20, maxIncomingPendingConnections: 10 },
}

/** Circuit relay v2 server limits (the relay role). */
export interface RelayLimits {
  /** Reservations held at once (libp2p default: 15). */
  readonly maxReservations?: number
  /** Bytes, both directions together, per relayed connection before it is reset (libp2p default: 128 KiB). */
  readonly defaultDataLimit?: bigint | number
  /** ms a relayed connection may stay open (libp2p default: 2 min). */
  readonly defaultDurationLimit?: number
  /**
   * Reservations per peer. The circuit relay v2 server keys reservations by
   * PeerId, so a peer holds at most one per relay and a renewal replaces it:
   * any value ≥ 1 behaves as 1. Accepted so operators can state it.
   */
  readonly maxReservationsPerPeer?: number
}

/**
 * Relay defaults sized for a messenger, not for bulk data: a relayed connection
 * carries handshakes, messages, call signaling and small files while the peers
 * try a direct connection (DCUtR, WebRTC); large files go direct.
 */
export const DEFAULT_RELAY_LIMITS = {
  /** ~2000 connections, half of them peers holding a reservation. */
  maxReservations: 1024,
  /** 16 MiB: a burst of mailbox sync or a few photos; bulk data should go direct. */
  defaultDataLimit: 16n * 1024n * 1024n,
  /** 10 minutes; the relay server enforces this in ms. */
  defaultDurationLimit: 10 * 60 * 1000,
} as const satisfies RelayLimits

/**
 * Reservations a peer keeps (listening on `/p2p-circuit` once per reservation):
 * two relays, so losing one never leaves a peer unreachable.
 */
export const DEFAULT_RESERVATIONS = 2

/** Stream limits of one protocol handler, per connection. */
export interface AppProtocolLimits {
  readonly maxInboundStreams: number
  readonly maxOutboundStreams: number
}

/**
 * Stream limits for every app protocol handler xchat registers (pass to
 * `handle()`), per protocol per connection: a contact needs a few parallel
 * streams (messages, a file, call signaling), not libp2p's 32/64.
 */
export const APP_PROTOCOL_LIMITS: AppProtocolLimits = {
  maxInboundStreams: 8,
  maxOutboundStreams: 8,
}

/**
 * Direct messaging between devices (docs/protocol/messaging.md): the sender
 * writes length-prefixed Envelopes (several may be in flight), the receiver
 * answers one DeliveryAck per envelope, in order, each once it is stored.
 */
export const MSG_PROTOCOL = '/xchat/msg/1.0.0'
