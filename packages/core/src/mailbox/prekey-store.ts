import { bytesToHex } from '@noble/hashes/utils.js'
import { isValidPublicKey } from '../crypto/index.js'
import type { OneTimePrekey } from '../session/index.js'
import { BYTE_ENCODINGS, SYNC_WRITE, prefixRange, type ByteSublevel, type MailboxDatabase } from './database.js'
import { KeyedLock } from './keyed-lock.js'

type Root = ByteSublevel<MailboxDatabase>

/**
 * One-time prekeys a relay hands out for offline devices. Layout under the
 * caller's sublevel: `prekeys/<hex device key><8 hex id>` → 33-byte public key.
 * A take reads and deletes under the device's lock, and the delete is synced
 * before the key is handed out, so each prekey goes to one taker only.
 */
export class PrekeyStore {
  readonly #prekeys: ByteSublevel<Root>
  readonly #lock = new KeyedLock()
  #total = 0

  constructor(root: Root) {
    this.#prekeys = root.sublevel<string, Uint8Array>('prekeys', BYTE_ENCODINGS)
  }

  /** Recount the prekeys held (at start). */
  async load(): Promise<void> {
    let total = 0
    const keys = this.#prekeys.keys()
    try {
      for (let batch = await keys.nextv(1000); batch.length > 0; batch = await keys.nextv(1000)) total += batch.length
    } finally {
      await keys.close()
    }
    this.#total = total
  }

  /** One-time prekeys held for all devices. */
  get total(): number {
    return this.#total
  }

  /**
   * Add prekeys of a device (an id already held is replaced).
   * @returns how many the device now has, or 'full' when that would pass `max` (nothing stored)
   */
  async upload(deviceKey: Uint8Array, prekeys: readonly OneTimePrekey[], max: number): Promise<number | 'full'> {
    const device = bytesToHex(deviceKey)
    return this.#lock.run(device, async () => {
      const held = new Set(await this.#prekeys.keys({ ...prefixRange(device), limit: max + 1 }).all())
      const fresh = new Map(prekeys.map((p) => [prekeyKey(device, p.id), p.publicKey]))
      const after = new Set([...held, ...fresh.keys()]).size
      if (after > max) return 'full'
      if (fresh.size > 0) {
        await this.#prekeys.batch(
          [...fresh].map(([key, value]) => ({ type: 'put' as const, key, value: Uint8Array.from(value) })),
          SYNC_WRITE,
        )
      }
      this.#total += after - held.size
      return after
    })
  }

  /** Take (and delete) the device's lowest-id prekey; undefined when none is left. */
  async take(deviceKey: Uint8Array): Promise<OneTimePrekey | undefined> {
    const device = bytesToHex(deviceKey)
    return this.#lock.run(device, async () => {
      for (;;) {
        const [entry] = await this.#prekeys.iterator({ ...prefixRange(device), limit: 1 }).all()
        if (entry === undefined) return undefined
        const [key, publicKey] = entry
        await this.#prekeys.batch([{ type: 'del', key }], SYNC_WRITE)
        this.#total--
        const id = Number.parseInt(key.slice(device.length), 16)
        // a stored key is checked on upload; skip one that is somehow unusable
        if (Number.isInteger(id) && isValidPublicKey(publicKey)) return { id, publicKey }
      }
    })
  }
}

function prekeyKey(device: string, id: number): string {
  return device + id.toString(16).padStart(8, '0')
}
