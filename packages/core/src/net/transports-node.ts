/**
 * Transports of Node.js roles. A separate entry (`@xchat/core/transports/node`)
 * so browser bundles never load TCP.
 */
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import type { TransportFactory } from './transports.js'

/**
 * TCP and WebSockets for a relay; a peer also dials and listens through relay
 * circuits (so it is reachable without a public address).
 * @example createXchatNode({ role: 'peer', privateKey, transports: nodeTransports('peer') })
 */
export function nodeTransports(role: 'relay' | 'peer'): TransportFactory[] {
  const direct: TransportFactory[] = [tcp(), webSockets()]
  return role === 'relay' ? direct : [...direct, circuitRelayTransport()]
}
