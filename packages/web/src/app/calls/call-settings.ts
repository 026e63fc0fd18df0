/**
 * How calls reach the other side: STUN/TURN servers, "relay only" (media
 * only through TURN, so the other side never learns this device's IP) and
 * how long an outgoing call rings. Kept sealed in the device store.
 */
import type { DeviceStore } from '../device-store.js'

const CALLS_RECORD = 'calls'

/** Shortest and longest ring time the user may pick (seconds). */
export const RING_SECONDS = { min: 3, max: 120, default: 45 } as const

/** One STUN or TURN server (RTCIceServer). */
export interface IceServerSetting {
  readonly urls: string
  readonly username?: string
  readonly credential?: string
}

/** The call settings of this device. */
export interface CallSettings {
  /** null: the site's default (none on a private network, a public STUN server otherwise). */
  readonly iceServers: readonly IceServerSetting[] | null
  /** Media only through TURN: hides this device's IP from the other side (needs a TURN server). */
  readonly relayOnly: boolean
  readonly ringSeconds: number
}

export const DEFAULT_CALL_SETTINGS: CallSettings = { iceServers: null, relayOnly: false, ringSeconds: RING_SECONDS.default }

/** The public STUN server used when the user set none and the relays are public. */
export const DEFAULT_STUN: readonly IceServerSetting[] = [{ urls: 'stun:stun.l.google.com:19302' }]

export async function loadCallSettings(store: DeviceStore): Promise<CallSettings> {
  const saved = await store.getJson<Partial<CallSettings>>(CALLS_RECORD, {})
  return { ...DEFAULT_CALL_SETTINGS, ...saved }
}

export async function saveCallSettings(store: DeviceStore, settings: CallSettings): Promise<void> {
  await store.putJson(CALLS_RECORD, settings)
}

/**
 * The RTCConfiguration for a call.
 * @param privateNetwork - every relay is on this machine or LAN: no public STUN by default
 */
export function rtcConfigOf(settings: CallSettings, privateNetwork: boolean): RTCConfiguration {
  const servers = settings.iceServers ?? (privateNetwork ? [] : DEFAULT_STUN)
  return {
    iceServers: servers.map((s) => ({ ...s })),
    iceTransportPolicy: settings.relayOnly ? 'relay' : 'all',
  }
}

/**
 * Parse a server list typed one per line: `stun:host:port` or
 * `turn:host:port?transport=udp username credential` (also turns:).
 */
export function parseIceServers(text: string): { servers: IceServerSetting[]; errors: string[] } {
  const servers: IceServerSetting[] = []
  const errors: string[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const [urls = '', username, credential] = line.split(/\s+/u)
    if (!/^(stun|turn|turns):[^\s]+$/u.test(urls)) errors.push(`Line ${i + 1}: a server starts with stun:, turn: or turns:`)
    else if (urls.startsWith('turn') && (username === undefined || credential === undefined))
      errors.push(`Line ${i + 1}: a TURN server needs a username and a credential after its address`)
    else servers.push({ urls, ...(username === undefined ? {} : { username }), ...(credential === undefined ? {} : { credential }) })
  })
  return { servers, errors }
}

/** The server list as the settings form shows it. */
export function formatIceServers(servers: readonly IceServerSetting[]): string {
  return servers.map((s) => [s.urls, s.username, s.credential].filter((x) => x !== undefined).join(' ')).join('\n')
}
