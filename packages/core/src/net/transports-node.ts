/**
 * Transports of Node.js roles. A separate entry (`@xchat/core/transports/node`)
 * so browser bundles never load TCP.
 */
import { webSockets } from '@libp2p/websockets'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { coalescingTcp } from './tcp-coalesce.js'
import type { TransportFactory } from './transports.js'

/**
 * TCP and WebSockets for a relay; a peer also dials and listens through relay
 * circuits (so it is reachable without a public address). TCP writes each
 * send as one vectored write (tcp-coalesce.ts).
 * @example createXchatNode({ role: 'peer', privateKey, transports: nodeTransports('peer') })
 */
export function nodeTransports(role: 'relay' | 'peer'): TransportFactory[] {
  const direct: TransportFactory[] = [coalescingTcp(), webSockets()]
  return role === 'relay' ? direct : [...direct, circuitRelayTransport()]
}
