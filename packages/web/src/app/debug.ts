/**
 * `window.__xchat`: a read-mostly hook for tests, benchmarks and curious
 * users (the page's own scripts can reach all of this anyway). Never exposes
 * the words or private keys.
 */
import type { ConnectionInfo } from './network.js'
import type { NetworkStatus } from './network-status.js'
import type { XchatSession } from './session.js'

export interface XchatDebugHook {
  /** Milliseconds from navigation start to the first `online` status (a reservation, published), once reached. */
  readyAt?: number
  /** Milliseconds from navigation start to the first open relay connection. */
  connectedAt?: number
  accountId(): string | undefined
  deviceIndex(): number | undefined
  status(): NetworkStatus | undefined
  /** Resolve an account in the directory: its devices' PeerIds and addresses. */
  resolve(accountId: string): Promise<{ devices: { peerId: string; deviceIndex: number; addrs: readonly string[] }[] }>
  /** Open libp2p connections (to one PeerId, or all); `multiplexer === '/webrtc'` and `!limited` is direct WebRTC. */
  connections(peerId?: string): ConnectionInfo[]
}

declare global {
  interface Window {
    __xchat?: XchatDebugHook
  }
}

/** Install the hook for the current session (or none, before onboarding). */
export function installDebugHook(getSession: () => XchatSession | undefined): void {
  const hook: XchatDebugHook = {
    accountId: () => getSession()?.snapshot.device.accountId,
    deviceIndex: () => getSession()?.snapshot.device.deviceIndex,
    status: () => getSession()?.snapshot.status,
    async resolve(accountId) {
      const session = getSession()
      if (session === undefined) throw new Error('no account on this page')
      const account = await session.reach(accountId)
      return { devices: account.devices.map((d) => ({ peerId: d.peerId, deviceIndex: d.deviceIndex, addrs: d.addrs })) }
    },
    connections: (peerId) => getSession()?.online?.connections(peerId) ?? [],
  }
  window.__xchat = hook
}

/** Record when the device first reached a relay and first came online (for the page-load → ready benchmark). */
export function noteReady(status: NetworkStatus): void {
  const hook = window.__xchat
  if (hook === undefined) return
  if (hook.connectedAt === undefined && status.relays.some((r) => r.connected)) hook.connectedAt = performance.now()
  if (hook.readyAt === undefined && status.state === 'online') hook.readyAt = performance.now()
}
