import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { AbstractSublevel } from 'abstract-level'
import { SYNC_WRITE, type MailboxDatabase } from '../mailbox/index.js'
import { VaultUsagePb, decodeBounded } from '../wire/index.js'

type ByteSublevel = AbstractSublevel<MailboxDatabase, string | Uint8Array, string, Uint8Array>

/** The caps an append must fit in. */
export interface AppendQuota {
  readonly maxVaultBytes: number
  readonly maxVaultBlobs: number
  readonly maxTotalBytes: number
}

/** The outcome of {@link BlobStore.append}. */
export type AppendOutcome = { readonly usedBytes: number } | 'vault-full' | 'relay-full'

/** Totals for metrics. */
export interface VaultTotals {
  readonly vaults: number
  readonly blobs: number
  readonly bytes: number
}

/**
 * A relay's vault blobs in level, under the sublevel `vault`:
 * `b!<vault id hex>!<blob id hex>` → sealed blob, `u!<vault id hex>` → usage.
 * Writes of one vault run one at a time (usage stays exact) and are fsynced
 * before they are acknowledged.
 */
export class BlobStore {
  readonly #root: ByteSublevel
  readonly #locks = new Map<string, Promise<unknown>>()
  #totals = { vaults: 0, blobs: 0, bytes: 0 }

  constructor(db: MailboxDatabase) {
    this.#root = db.sublevel<string, Uint8Array>('vault', { keyEncoding: 'utf8', valueEncoding: 'view' })
  }

  get totals(): VaultTotals {
    return { ...this.#totals }
  }

  /** Count what is stored (at start). */
  async load(): Promise<void> {
    const totals = { vaults: 0, blobs: 0, bytes: 0 }
    for await (const [, value] of this.#root.iterator({ gte: 'u!', lt: 'u"' })) {
      const usage = decodeUsage(value)
      totals.vaults++
      totals.blobs += usage.blobs
      totals.bytes += Number(usage.bytes)
    }
    this.#totals = totals
  }

  /** Store a blob unless it is there already (appends are idempotent: clients retry and replicate). */
  async append(vaultId: Uint8Array, blobId: Uint8Array, blob: Uint8Array, quota: AppendQuota): Promise<AppendOutcome> {
    const vault = bytesToHex(vaultId)
    return this.#locked(vault, async () => {
      const usageKey = `u!${vault}`
      const blobKey = `b!${vault}!${bytesToHex(blobId)}`
      const stored = await this.#root.get(usageKey)
      const usage = stored === undefined ? { bytes: 0n, blobs: 0 } : decodeUsage(stored)
      if ((await this.#root.get(blobKey)) !== undefined) return { usedBytes: Number(usage.bytes) }
      const bytes = Number(usage.bytes) + blob.length
      if (bytes > quota.maxVaultBytes || usage.blobs + 1 > quota.maxVaultBlobs) return 'vault-full'
      if (this.#totals.bytes + blob.length > quota.maxTotalBytes) return 'relay-full'
      await this.#root.batch(
        [
          { type: 'put', key: blobKey, value: blob },
          { type: 'put', key: usageKey, value: VaultUsagePb.encode({ bytes: BigInt(bytes), blobs: usage.blobs + 1 }) },
        ],
        SYNC_WRITE,
      )
      if (stored === undefined) this.#totals.vaults++
      this.#totals.blobs++
      this.#totals.bytes += blob.length
      return { usedBytes: bytes }
    })
  }

  /** Blob ids (and sizes) of a vault after `after`, in id order. */
  async list(vaultId: Uint8Array, after: Uint8Array, max: number): Promise<{ ids: { id: Uint8Array; size: number }[]; more: boolean }> {
    const prefix = `b!${bytesToHex(vaultId)}!`
    const from = after.length === 0 ? { gte: prefix } : { gt: `${prefix}${bytesToHex(after)}` }
    const ids: { id: Uint8Array; size: number }[] = []
    for await (const [key, value] of this.#root.iterator({ ...from, lt: `${prefix}~`, limit: max + 1 })) {
      ids.push({ id: hexToBytes(key.slice(prefix.length)), size: value.length })
    }
    const more = ids.length > max
    return { ids: ids.slice(0, max), more }
  }

  /** The blobs of a vault with these ids that exist, up to `maxBytes` (at least one). */
  async fetch(vaultId: Uint8Array, blobIds: readonly Uint8Array[], maxBytes: number): Promise<{ id: Uint8Array; blob: Uint8Array }[]> {
    const prefix = `b!${bytesToHex(vaultId)}!`
    const out: { id: Uint8Array; blob: Uint8Array }[] = []
    let bytes = 0
    for (const id of blobIds) {
      const blob = await this.#root.get(`${prefix}${bytesToHex(id)}`)
      if (blob === undefined) continue
      if (out.length > 0 && bytes + blob.length > maxBytes) break
      out.push({ id, blob })
      bytes += blob.length
    }
    return out
  }

  async #locked<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve()
    const run = previous.then(task, task)
    const tail = run.catch(() => undefined)
    this.#locks.set(key, tail)
    try {
      return await run
    } finally {
      if (this.#locks.get(key) === tail) this.#locks.delete(key)
    }
  }
}

function decodeUsage(bytes: Uint8Array): { bytes: bigint; blobs: number } {
  return decodeBounded('vault usage', bytes, 64, (b) => VaultUsagePb.decode(b))
}
