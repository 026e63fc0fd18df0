/** How this device is connected, as the settings screen and status badge show it. */

/** One configured relay. */
export interface RelayState {
  readonly addr: string
  readonly peerId: string
  /** A libp2p connection to it is open. */
  readonly connected: boolean
  /** It holds a circuit relay reservation for us: others can reach us through it. */
  readonly reserved: boolean
}

/**
 * - `starting`: the network code is loading
 * - `connecting`: relays configured, no reservation yet
 * - `online`: at least one relay reservation — reachable by others
 * - `no-relays`: nothing to connect to (Settings → Relays)
 * - `offline`: the browser has no network, or no relay answered (retrying)
 */
export type NetworkState = 'starting' | 'connecting' | 'online' | 'no-relays' | 'offline'

export interface NetworkStatus {
  readonly state: NetworkState
  /** This device's libp2p PeerId. */
  readonly peerId?: string
  readonly relays: readonly RelayState[]
  /** The last directory publish: how many DHT servers stored this device's record. */
  readonly published?: { readonly stored: number; readonly at: number }
  /** The last failure worth showing (e.g. no relay answered), with what to do. */
  readonly error?: string
}

export const STARTING: NetworkStatus = { state: 'starting', relays: [] }
