import { bytesToHex } from '@noble/hashes/utils.js'
import { bytesCodec, jsonCodec, read, type Collection, type XchatStore } from '../store/index.js'

/** A last-writer-wins clock: the higher lamport wins, then the higher device index. */
export interface LwwClock {
  readonly lamport: number
  readonly device: number
}

/** True when `a` is later than `b` (deterministic on every device). */
export function later(a: LwwClock, b: LwwClock | undefined): boolean {
  return b === undefined || a.lamport > b.lamport || (a.lamport === b.lamport && a.device > b.device)
}

/** This device's vault bookkeeping. */
export interface VaultMeta {
  /** The Lamport clock: above every entry written or applied here. */
  readonly lamport: number
  /** Highest blob id (hex) applied; live sync lists from a little before it. */
  readonly newestBlob: string
}

/** A conversation setting as the vault last set it. */
export interface VaultSettingRecord extends LwwClock {
  readonly value: Uint8Array
}

const clockCodec = jsonCodec<LwwClock>(
  (c) => c,
  (j) => {
    const o = read.object(j)
    return { lamport: read.int(o.lamport), device: read.int(o.device) }
  },
)

/**
 * The vault's collections in the device database (sealed like the rest):
 * entries not yet on relays, blobs already applied, LWW clocks, tombstones,
 * settings and the Lamport clock.
 */
export class VaultState {
  /** pad(lamport) → encoded VaultEntry waiting for the next blob */
  readonly pending: Collection<Uint8Array>
  /** blob id hex → 1: blobs already applied here (or written from here) */
  readonly applied: Collection<number>
  /** 'contact:' + blind(account) or 'setting:' … → clock of the value in force */
  readonly clocks: Collection<LwwClock>
  /** message id hex → deleted at: tombstones win over any message entry */
  readonly tombstones: Collection<number>
  /** blind(conversation) + '!' + key → setting */
  readonly settings: Collection<VaultSettingRecord>
  /** blind(conversation) → read up to (ms) */
  readonly readUpTo: Collection<number>
  readonly meta: Collection<VaultMeta>

  constructor(store: XchatStore) {
    const int = jsonCodec<number>(
      (n) => n,
      (j) => read.int(j),
    )
    this.pending = store.collection(
      'vault-pending',
      bytesCodec(
        (b: Uint8Array) => b,
        (b) => b,
      ),
    )
    this.applied = store.collection('vault-applied', int)
    this.clocks = store.collection('vault-clocks', clockCodec)
    this.tombstones = store.collection('vault-tombstones', int)
    this.settings = store.collection(
      'vault-settings',
      jsonCodec<VaultSettingRecord>(
        (s) => ({ lamport: s.lamport, device: s.device, value: bytesToHex(s.value) }),
        (j) => {
          const o = read.object(j)
          return { lamport: read.int(o.lamport), device: read.int(o.device), value: read.bytes(o.value) }
        },
      ),
    )
    this.readUpTo = store.collection('vault-read', int)
    this.meta = store.collection(
      'vault-meta',
      jsonCodec<VaultMeta>(
        (m) => m,
        (j) => {
          const o = read.object(j)
          return { lamport: read.int(o.lamport), newestBlob: read.string(o.newestBlob) }
        },
      ),
    )
  }
}
