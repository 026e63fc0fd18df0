import { hexToBytes } from '@noble/hashes/utils.js'
import type { AbortOptions } from '@libp2p/interface'
import type { AccountId } from '../identity/index.js'
import type { DirectoryPort, RelayAddress } from './ports.js'
import { isXchatError } from '../errors.js'
import { delay } from '../delay.js'
import { DEVICE_CACHE_MS, DEVICE_LOOKUP_RETRY_MS } from './constants.js'

/** A verified device of some account, ready to send to. */
export interface PeerDevice {
  readonly accountId: AccountId
  readonly deviceIndex: number
  /** 33 bytes */
  readonly devicePublicKey: Uint8Array
  /** hex of `devicePublicKey` */
  readonly deviceKey: string
  readonly peerId: string
  readonly addrs: readonly string[]
  /** The encoded PrekeyBundle from the directory, if any. */
  readonly prekeys?: Uint8Array
  /** The relays whose circuits the device listed: where its mailboxes are. */
  readonly relays: readonly RelayAddress[]
}

/**
 * The relays named in a device's circuit addresses
 * (`<relay addr>/p2p/<relay id>/p2p-circuit/p2p/<device id>`), grouped by relay.
 */
export function relaysOf(addrs: readonly string[]): RelayAddress[] {
  const byId = new Map<string, string[]>()
  for (const addr of addrs) {
    const at = addr.indexOf('/p2p-circuit')
    if (at < 0) continue
    const relayAddr = addr.slice(0, at)
    const id = relayAddr.split('/p2p/').pop()
    if (id === undefined || id === relayAddr) continue
    const list = byId.get(id) ?? []
    if (!list.includes(relayAddr)) list.push(relayAddr)
    byId.set(id, list)
  }
  return [...byId].map(([peerId, relayAddrs]) => ({ peerId, addrs: relayAddrs }))
}

/** Resolves accounts to their devices through the directory, with a short cache. */
export class DeviceBook {
  readonly #directory: DirectoryPort
  readonly #now: () => number
  readonly #cache = new Map<string, { at: number; devices: readonly PeerDevice[] }>()
  /** The last verified answer per account, kept past the cache age (and `forget`) until its record expires. */
  readonly #lastKnown = new Map<string, { expiresAt: number; devices: readonly PeerDevice[] }>()
  /** One directory lookup per account at a time: concurrent sends share it. */
  readonly #pending = new Map<string, Promise<readonly PeerDevice[]>>()

  readonly #onRevoked: ((accountId: AccountId, deviceKeys: readonly string[]) => Promise<void>) | undefined

  /** @param onRevoked - told the device keys (hex) each resolved account revoked */
  constructor(
    directory: DirectoryPort,
    now: () => number,
    onRevoked?: (accountId: AccountId, deviceKeys: readonly string[]) => Promise<void>,
  ) {
    this.#directory = directory
    this.#now = now
    this.#onRevoked = onRevoked
  }

  /**
   * Every device the account's record lists (certificates already verified by the directory).
   * @param fresh - ask the directory even if a cached answer is young
   * @throws XchatError NOT_FOUND | RECORD_* from the directory
   */
  async devicesOf(accountId: AccountId, options: AbortOptions & { fresh?: boolean } = {}): Promise<readonly PeerDevice[]> {
    const cached = this.#cache.get(accountId)
    if (cached !== undefined && options.fresh !== true && this.#now() - cached.at < DEVICE_CACHE_MS) return cached.devices
    const pending = this.#pending.get(accountId)
    if (pending !== undefined) return pending
    const lookup = this.#lookup(accountId, options).finally(() => this.#pending.delete(accountId))
    this.#pending.set(accountId, lookup)
    return lookup
  }

  /**
   * Ask the directory, again after a short wait when it has nothing (a miss is
   * often transient); if it still has nothing, the last verified answer while
   * its record is unexpired — a known contact stays reachable through a DHT hiccup.
   */
  async #lookup(accountId: AccountId, options: AbortOptions): Promise<readonly PeerDevice[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#ask(accountId, options)
      } catch (err) {
        const transient = isXchatError(err) && (err.code === 'NOT_FOUND' || err.code === 'UNREACHABLE')
        const wait = DEVICE_LOOKUP_RETRY_MS[attempt]
        if (transient && wait !== undefined && options.signal?.aborted !== true) {
          await delay(wait, options.signal)
          continue
        }
        const known = this.#lastKnown.get(accountId)
        if (transient && known !== undefined && known.expiresAt > this.#now()) return known.devices
        throw err
      }
    }
  }

  async #ask(accountId: AccountId, options: AbortOptions): Promise<readonly PeerDevice[]> {
    const resolved = await this.#directory.resolve(accountId, options)
    if (resolved.revoked !== undefined && resolved.revoked.length > 0) await this.#onRevoked?.(accountId, resolved.revoked)
    const devices = resolved.devices.map((d): PeerDevice => ({
      accountId,
      deviceIndex: d.deviceIndex,
      devicePublicKey: hexToBytes(d.devicePublicKey),
      deviceKey: d.devicePublicKey,
      peerId: d.peerId,
      addrs: d.addrs,
      ...(d.prekeys === undefined ? {} : { prekeys: d.prekeys }),
      relays: relaysOf(d.addrs),
    }))
    this.#cache.set(accountId, { at: this.#now(), devices })
    if (resolved.expiresAt !== undefined) this.#lastKnown.set(accountId, { expiresAt: resolved.expiresAt, devices })
    return devices
  }

  /** A cached device by key, if any account resolved lately lists it. */
  cachedDevice(deviceKey: string): PeerDevice | undefined {
    for (const { devices } of this.#cache.values()) {
      const found = devices.find((d) => d.deviceKey === deviceKey)
      if (found !== undefined) return found
    }
    return undefined
  }

  /** Forget an account's devices (e.g. after a delivery failed). */
  forget(accountId: AccountId): void {
    this.#cache.delete(accountId)
  }
}
