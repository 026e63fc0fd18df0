/**
 * Which relays this browser uses: the serving site's defaults (its
 * `bootstrap.json`, `{"relays": [multiaddr…]}`) unless the user saved a list.
 */
import type { DeviceStore } from './device-store.js'

const RELAYS_RECORD = 'relays'
/** Longest relay list kept (libp2p dials them all at start). */
export const MAX_RELAYS = 16

/** The relay list in force and where it came from. */
export interface RelaySettings {
  readonly relays: readonly string[]
  readonly source: 'site' | 'user'
}

/** A line of a typed relay list that is not a relay address. */
export interface RelayLineError {
  readonly line: number
  readonly text: string
  readonly reason: string
}

/**
 * The site's default relays from `bootstrap.json` next to the page.
 * @returns [] when the site has none or the file is unreadable
 */
export async function fetchSiteRelays(base: string = document.baseURI, signal?: AbortSignal): Promise<string[]> {
  try {
    const res = await fetch(new URL('bootstrap.json', base), { cache: 'no-store', ...(signal ? { signal } : {}) })
    if (!res.ok) return []
    const body = (await res.json()) as unknown
    const relays = typeof body === 'object' && body !== null ? (body as { relays?: unknown }).relays : undefined
    if (!Array.isArray(relays)) return []
    return parseRelayList(relays.filter((r): r is string => typeof r === 'string').join('\n')).relays
  } catch {
    return []
  }
}

/**
 * Parse a relay list typed one address per line (blank lines and `#` comments ignored).
 * Each must be a multiaddr reached over WebSockets and end in `/p2p/<PeerId>`.
 */
export function parseRelayList(text: string): { relays: string[]; errors: RelayLineError[] } {
  const relays: string[] = []
  const errors: RelayLineError[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const reason = relayProblem(line)
    if (reason !== undefined) errors.push({ line: i + 1, text: line, reason })
    else if (!relays.includes(line)) relays.push(line)
  })
  if (relays.length > MAX_RELAYS) errors.push({ line: 0, text: '', reason: `at most ${MAX_RELAYS} relays` })
  return { relays: relays.slice(0, MAX_RELAYS), errors }
}

function relayProblem(addr: string): string | undefined {
  if (!addr.startsWith('/')) return 'a relay address is a multiaddr starting with “/”'
  if (!/\/p2p\/[1-9A-HJ-NP-Za-km-z]{32,}$/u.test(addr)) return 'it must end in /p2p/<relay PeerId>'
  if (!/\/(ws|wss|tls\/ws)\//u.test(addr)) return 'browsers reach relays over WebSockets: the address needs /ws or /wss'
  return undefined
}

/** True when a relay's address is on this machine or a private network. */
export function isPrivateRelay(addr: string): boolean {
  const ip = /^\/ip4\/([\d.]+)\//u.exec(addr)?.[1]
  if (ip !== undefined) return /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/u.test(ip)
  if (/^\/ip6\/(::1|f[cd][0-9a-f]*:|fe80:)/iu.test(addr)) return true
  return /^\/dns[46]?\/localhost\//u.test(addr)
}

/** How the browser node must be set up for a relay list. */
export interface RelayNetworkMode {
  /**
   * Let the browser dial private addresses and plain `ws://` (libp2p's browser
   * gater refuses both by default) and keep private addresses in the DHT.
   */
  readonly loopback: boolean
  /** Every relay is private: public STUN servers are of no use, so none are asked. */
  readonly privateOnly: boolean
}

/** {@link RelayNetworkMode} of a relay list. */
export function relayNetworkMode(relays: readonly string[]): RelayNetworkMode {
  const loopback = relays.some((r) => isPrivateRelay(r) || /\/ws\//u.test(r))
  return { loopback, privateOnly: relays.length > 0 && relays.every(isPrivateRelay) }
}

/** The relays in force: the user's saved list, else the site's. */
export async function loadRelaySettings(store: DeviceStore, siteRelays: () => Promise<string[]> = fetchSiteRelays): Promise<RelaySettings> {
  const saved = await store.getJson<string[] | null>(RELAYS_RECORD, null)
  if (saved !== null) return { relays: saved, source: 'user' }
  return { relays: await siteRelays(), source: 'site' }
}

/** Save the user's relay list; `null` goes back to the site's defaults. */
export async function saveRelays(store: DeviceStore, relays: readonly string[] | null): Promise<void> {
  await store.putJson(RELAYS_RECORD, relays)
}
