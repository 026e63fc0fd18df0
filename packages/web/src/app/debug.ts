/**
 * `window.__xchat`: a read-mostly hook for tests, benchmarks and curious
 * users (the page's own scripts can reach all of this anyway). Never exposes
 * the words or private keys.
 */
import type { ChatBackend } from './chat-backend.js'
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
  /** Send a text as the composer does; resolves with its id once queued. */
  send(accountId: string, text: string): Promise<string>
  /** Messages that arrived since the page loaded: id, text and arrival (ms since the epoch, sub-ms). */
  readonly arrivals: { id: string; text: string; at: number }[]
  /** Send `bytes` random bytes as a file named `name`; resolves with the message id once queued. */
  sendRandomFile(accountId: string, name: string, bytes: number): Promise<string>
  /** Download a received file message and resolve with its SHA-256 (hex) once verified. */
  download(messageId: string, accountId: string): Promise<string>
}

declare global {
  interface Window {
    __xchat?: XchatDebugHook
  }
}

/** Random bytes are made in pieces: getRandomValues fills at most 64 KiB at once. */
const RANDOM_PART = 65_536

const arrivals: XchatDebugHook['arrivals'] = []

async function backendOf(getSession: () => XchatSession | undefined): Promise<ChatBackend> {
  for (let i = 0; i < 300; i++) {
    const backend = getSession()?.snapshot.backend
    if (backend !== undefined) return backend
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the chat backend did not start')
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
    arrivals,
    send: async (accountId, text) => (await backendOf(getSession)).send(accountId, text).then((m) => m.id),
    async sendRandomFile(accountId, name, bytes) {
      const parts: Uint8Array[] = []
      for (let left = bytes; left > 0; left -= RANDOM_PART) {
        parts.push(crypto.getRandomValues(new Uint8Array(Math.min(RANDOM_PART, left))))
      }
      const file = new File(parts as BlobPart[], name, { type: 'application/octet-stream' })
      return (await (await backendOf(getSession)).sendFile(accountId, file)).id
    },
    async download(messageId, accountId) {
      const backend = await backendOf(getSession)
      const message = (await backend.history(accountId, { limit: 500 })).find((m) => m.id === messageId)
      if (message === undefined) throw new Error(`no message ${messageId}`)
      await backend.download(message)
      const t = backend.transfer(messageId)
      if (t?.url === undefined) throw new Error(t?.error ?? `download ended ${t?.state ?? 'without a file'}`)
      const data = await (await fetch(t.url)).arrayBuffer()
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data))
      return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
    },
  }
  window.__xchat = hook
}

/** The backend whose incoming messages go into `arrivals` (a relay change starts a new one). */
let watched: ChatBackend | undefined

/**
 * Called on every session change: record when the device first reached a relay and first came
 * online (page-load → ready benchmark), and note arrivals from the backend once it exists.
 */
export function noteSession(snapshot: { readonly status: NetworkStatus; readonly backend?: ChatBackend }): void {
  noteReady(snapshot.status)
  const { backend } = snapshot
  if (backend === undefined || backend === watched) return
  watched = backend
  backend.subscribe((e) => {
    if (e.type === 'message' && e.message.direction === 'in' && !arrivals.some((a) => a.id === e.message.id)) {
      arrivals.push({ id: e.message.id, text: e.message.text, at: performance.timeOrigin + performance.now() })
    }
  })
}

/** Record when the device first reached a relay and first came online (for the page-load → ready benchmark). */
function noteReady(status: NetworkStatus): void {
  const hook = window.__xchat
  if (hook === undefined) return
  if (hook.connectedAt === undefined && status.relays.some((r) => r.connected)) hook.connectedAt = performance.now()
  if (hook.readyAt === undefined && status.state === 'online') hook.readyAt = performance.now()
}
