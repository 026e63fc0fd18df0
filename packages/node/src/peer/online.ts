import { generateKeyPair } from '@libp2p/crypto/keys'
import { createXchatNode, libp2pPrivateKey, XchatError, type DeviceKeys, type XchatNode } from '@xchat/core'

/** How a CLI peer goes online. */
export interface OnlineOptions {
  /** This device's keys; without them the peer is anonymous (e.g. `xchat resolve` before `init`). */
  readonly keys?: DeviceKeys
  readonly bootstrap: readonly string[]
  /** Relay reservations to keep; 0 for a short-lived client. */
  readonly reservations: number
  readonly listen?: readonly string[]
  readonly loopback: boolean
  /** How long to wait for reservations before going on with fewer. */
  readonly reservationTimeoutMs?: number
  readonly onStatus?: (text: string) => void
}

/** A peer that is online. */
export interface OnlinePeer {
  readonly node: XchatNode
  /** Relays this peer holds a reservation on. */
  relays(): string[]
  stop(): Promise<void>
}

/**
 * Start a peer node, connect to the bootstrap relays, wait for reservations
 * (up to a timeout, going on with what it has). Publishing this device in
 * the directory is the client's job (it adds the prekey bundle).
 * @throws XchatError NO_BOOTSTRAP when no relay is given or none answers
 */
export async function goOnline(options: OnlineOptions): Promise<OnlinePeer> {
  if (options.bootstrap.length === 0) {
    throw new XchatError(
      'NO_BOOTSTRAP',
      'no bootstrap relay: pass --bootstrap <multiaddr> or set XCHAT_BOOTSTRAP (a relay prints its addresses at start)',
    )
  }
  const privateKey = options.keys ? libp2pPrivateKey(options.keys.device.privateKey()) : await generateKeyPair('secp256k1')
  options.onStatus?.('Connecting to relays…')
  const node = await createXchatNode({
    role: 'peer',
    privateKey,
    bootstrap: options.bootstrap,
    reservations: options.reservations,
    loopback: options.loopback,
    ...(options.listen ? { listen: options.listen } : {}),
  })
  try {
    await node.services.bootstrap.connect()
    if (options.reservations > 0) {
      options.onStatus?.('Reserving relay slots…')
      await waitForReservations(node, Math.min(options.reservations, options.bootstrap.length), options.reservationTimeoutMs ?? 10_000)
    }
  } catch (err) {
    await node.stop()
    throw err
  }
  return {
    node,
    relays: () => relaysOf(node),
    async stop() {
      await node.stop()
    },
  }
}

/** PeerIds of the relays in this node's circuit addresses. */
export function relaysOf(node: XchatNode): string[] {
  const relays = new Set<string>()
  for (const ma of node.getMultiaddrs()) {
    const text = ma.toString()
    const i = text.indexOf('/p2p-circuit')
    if (i < 0) continue
    const m = /\/p2p\/([^/]+)$/u.exec(text.slice(0, i))
    if (m?.[1]) relays.add(m[1])
  }
  return [...relays]
}

async function waitForReservations(node: XchatNode, want: number, timeoutMs: number): Promise<void> {
  if (relaysOf(node).length >= want) return
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      node.removeEventListener('transport:listening', check)
      node.removeEventListener('self:peer:update', check)
      resolve()
    }
    const check = (): void => {
      if (relaysOf(node).length >= want) done()
    }
    // going on with fewer reservations is better than not starting: libp2p keeps trying
    const timer = setTimeout(done, timeoutMs)
    // a reservation shows first as a new circuit listener; self:peer:update comes ~1 s later (debounced)
    node.addEventListener('transport:listening', check)
    node.addEventListener('self:peer:update', check)
  })
}
