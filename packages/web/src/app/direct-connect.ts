/**
 * Prefer a direct browser-to-browser connection: once a contact's directory
 * entry is known, dial its `/webrtc` addresses (the relay only carries the
 * WebRTC signaling), so messages flow peer to peer instead of through the
 * relay's limited circuit.
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { ResolvedAccount, XchatNode } from '@xchat/core'

/** A WebRTC dial gives up after this long (set-up is ~0.5 s on a LAN). */
const DIAL_TIMEOUT_MS = 8_000
/** After a failed dial, wait this long before trying that device again (Chromium caps RTCPeerConnections per tab). */
const RETRY_AFTER_MS = 30_000

export class DirectConnector {
  readonly #node: XchatNode
  readonly #failedAt = new Map<string, number>()
  readonly #inFlight = new Map<string, Promise<boolean>>()

  constructor(node: XchatNode) {
    this.#node = node
  }

  /** True when an open, unlimited (not relayed) connection to the peer exists. */
  isDirect(peerId: string): boolean {
    return this.#node.getConnections().some((c) => c.remotePeer.toString() === peerId && c.status === 'open' && c.limits === undefined)
  }

  /**
   * Open direct connections to every device of an account that publishes a
   * WebRTC address and is not directly connected yet.
   * @returns how many devices are directly connected afterwards
   */
  async connect(account: ResolvedAccount): Promise<number> {
    const self = this.#node.peerId.toString()
    const devices = account.devices.filter((d) => d.peerId !== self)
    const results = await Promise.all(devices.map(async (d) => this.#connectDevice(d.peerId, d.addrs)))
    return results.filter(Boolean).length
  }

  async #connectDevice(peerId: string, addrs: readonly string[]): Promise<boolean> {
    if (this.isDirect(peerId)) return true
    const webrtc = addrs.filter((a) => a.includes('/webrtc/') && !a.includes('/webrtc-direct'))
    if (webrtc.length === 0) return false
    if (Date.now() - (this.#failedAt.get(peerId) ?? 0) < RETRY_AFTER_MS) return false
    const running = this.#inFlight.get(peerId)
    if (running) return running
    const attempt = this.#node
      .dial(
        webrtc.map((a) => multiaddr(a)),
        { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) },
      )
      .then(
        (conn) => conn.limits === undefined,
        () => {
          this.#failedAt.set(peerId, Date.now())
          return false
        },
      )
      .finally(() => this.#inFlight.delete(peerId))
    this.#inFlight.set(peerId, attempt)
    return attempt
  }
}
