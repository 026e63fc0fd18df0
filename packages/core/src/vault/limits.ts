/**
 * A relay's vault policy: quotas and rate limits with the reason for each.
 * Wire bounds are in wire/limits.ts.
 */
import type { RateLimit } from '../mailbox/index.js'
import { limits as wire } from '../wire/index.js'

/** What a relay's vault service allows; every field has a default in {@link DEFAULT_VAULT_LIMITS}. */
export interface VaultLimits {
  /** Largest blob accepted (≤ MAX_VAULT_BLOB_BYTES). */
  readonly maxBlobBytes: number
  /** Blob bytes kept per vault. */
  readonly maxVaultBytes: number
  /** Blobs kept per vault. */
  readonly maxVaultBlobs: number
  /** Blob bytes kept by the whole relay: its disk budget for vaults. */
  readonly maxTotalBytes: number
  /** Appends per peer. */
  readonly appendRate: RateLimit
  /** Lists and fetches per peer. */
  readonly readRate: RateLimit
  /** How long a peer may take to send its request. */
  readonly requestTimeoutMs: number
}

export const DEFAULT_VAULT_LIMITS: VaultLimits = {
  maxBlobBytes: wire.MAX_VAULT_BLOB_BYTES,
  // 64 MiB: years of text history (~100 bytes sealed per message → ~600,000 messages);
  // file bytes never go into a vault, only their manifests
  maxVaultBytes: 64 * 1024 * 1024,
  // 20,000 blobs: a device flushing a small blob every few seconds for weeks; compaction (later) keeps it lower
  maxVaultBlobs: 20_000,
  // 2 GiB: a small VPS's spare disk, next to the mailbox's 1 GiB
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  // a device flushes a blob every few seconds while busy; a recovery pushes nothing
  appendRate: { burst: 60, perMinute: 120 },
  // a recovery lists and fetches 10,000 messages in ~10 requests; live sync polls every ~30 s per device
  readRate: { burst: 200, perMinute: 600 },
  // 30 s: 256 KiB takes far less on any link; a dribbling peer is cut off
  requestTimeoutMs: 30_000,
}

/**
 * Merge caller limits over the defaults, checking each.
 * @throws RangeError naming the bad limit
 */
export function resolveVaultLimits(given: Partial<VaultLimits> = {}): VaultLimits {
  const l = { ...DEFAULT_VAULT_LIMITS, ...given }
  for (const name of ['maxBlobBytes', 'maxVaultBytes', 'maxVaultBlobs', 'maxTotalBytes', 'requestTimeoutMs'] as const) {
    const value = l[name]
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`"limits.${name}" expected a positive integer, got ${String(value)}`)
  }
  if (l.maxBlobBytes > wire.MAX_VAULT_BLOB_BYTES) {
    throw new RangeError(`"limits.maxBlobBytes" expected at most ${wire.MAX_VAULT_BLOB_BYTES}, got ${l.maxBlobBytes}`)
  }
  return l
}
