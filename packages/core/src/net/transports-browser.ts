/**
 * Transports of the browser role. A separate entry (`@xchat/core/transports/browser`)
 * so Node-only code never loads WebRTC's native module by accident.
 */
import { webSockets } from '@libp2p/websockets'
import { webRTC } from '@libp2p/webrtc'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import type { TransportFactory } from './transports.js'

/** Options of {@link browserTransports}. */
export interface BrowserTransportOptions {
  /** ICE servers etc.; tests pass `{ iceServers: [] }` to keep off public STUN servers. */
  readonly rtcConfiguration?: RTCConfiguration
}

/**
 * WebSockets to relays, circuit relay to reach and be reached, WebRTC for direct
 * browser-to-browser connections after a relay introduces the peers.
 */
export function browserTransports(options: BrowserTransportOptions = {}): TransportFactory[] {
  return [
    webSockets(),
    // 64 KiB data-channel messages were ~2× faster than the 16 KiB default (PLATFORM.md)
    webRTC({ rtcConfiguration: options.rtcConfiguration, dataChannel: { maxMessageSize: 64 * 1024 } }),
    circuitRelayTransport(),
  ]
}
