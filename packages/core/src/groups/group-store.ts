/**
 * Groups at rest: one sealed record per group (its op chain, this device's
 * sender chain, the chains of other member devices, receive cursors) and its
 * messages, in their own sublevels of the device database. Identifiers in
 * level keys are blinded, values sealed, as in store/.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js'
import {
  Collection,
  Sealer,
  deriveStorageKey,
  pad,
  type LevelDatabase,
  type RecordCodec,
  type StoreOp,
  type ReceiveCursor,
} from '../store/index.js'

/** A sender chain as stored (bytes as hex). */
export interface ChainRecord {
  readonly chainId: string
  readonly iteration: number
  readonly chainKey: string
  readonly signingKey: string
  readonly signingPrivateKey?: string
  /** [iteration, message key hex] */
  readonly skipped: readonly (readonly [number, string])[]
}

/** Another member device's chain: whose it is and for which epoch. */
export interface PeerChainRecord {
  /** account key hex */
  readonly sender: string
  /** device key hex */
  readonly device: string
  readonly epoch: number
  readonly chain: ChainRecord
}

/** One group on this device. */
export interface GroupRecord {
  /** group id hex */
  readonly id: string
  /** This device's sending chain and the epoch it is for. */
  readonly own?: { readonly epoch: number; readonly chain: ChainRecord }
  /** The next seq this device's group messages take. */
  readonly nextSeq: number
  /** By chain id hex. */
  readonly chains: Readonly<Record<string, PeerChainRecord>>
  /** By sender device hex. */
  readonly cursors: Readonly<Record<string, ReceiveCursor>>
  /** An invite (hex) this device is joining with, until its join op is in the chain. */
  readonly joining?: string
  /** The group's disappearing timer (ms), set by any member; later messages without their own timer take it. */
  readonly timerMs?: number
  /** When (the setter's clock) and by which message id the timer was last set: the latest change wins everywhere. */
  readonly timerSet?: { readonly at: number; readonly id: string }
}

/** A group message as the UI sees it. */
export interface GroupMessageRecord {
  /** hex, 16 bytes */
  readonly id: string
  /** group id hex */
  readonly group: string
  readonly direction: 'in' | 'out'
  /** the sender's account ID */
  readonly sender: string
  /** the sender's device key hex */
  readonly senderDevice: string
  readonly sentAt: number
  readonly receivedAt: number
  readonly seq: number
  readonly text: string
  readonly file?: { readonly manifest: string }
  /** in: 'received' | 'read'; out: 'sent' */
  readonly status: 'sent' | 'received' | 'read'
  /** out: the account IDs that confirmed delivery / reading */
  readonly deliveredBy: readonly string[]
  readonly readBy: readonly string[]
  /** The message's disappearing timer (ms): its clock starts when sent (sender's devices) or read (each member's). */
  readonly expireAfterMs?: number
  /** View once: deleted on a member's devices as soon as it is read there. */
  readonly viewOnce?: boolean
  /** When this device deletes it (ms since the Unix epoch, this device's clock); set once its clock started. */
  readonly expiresAt?: number
  /** A system entry instead of a user message: the group timer was changed (ms, null: off); `text` describes it. */
  readonly system?: { readonly kind: 'timer'; readonly expireAfterMs: number | null }
}

const FORMAT = 1
const decoder = new TextDecoder('utf-8', { fatal: true })

/** JSON with a format byte; the record is sealed (authenticated), so the shape check is light. */
function json<V extends object>(check: (v: Record<string, unknown>) => boolean): RecordCodec<V> {
  return {
    encode: (v) => {
      const body = utf8ToBytes(JSON.stringify(v))
      const out = new Uint8Array(body.length + 1)
      out[0] = FORMAT
      out.set(body, 1)
      return out
    },
    decode: (bytes) => {
      if (bytes[0] !== FORMAT) throw new Error(`group record format ${String(bytes[0])} is not ${FORMAT}`)
      const v: unknown = JSON.parse(decoder.decode(bytes.subarray(1)))
      if (typeof v !== 'object' || v === null || !check(v as Record<string, unknown>)) throw new Error('group record has a wrong shape')
      return v as V
    },
  }
}

/** The group sublevels of one device database. */
export class GroupStore {
  readonly #db: LevelDatabase
  readonly #sealer: Sealer
  /** blind(group id) → record */
  readonly groups: Collection<GroupRecord>
  /** blind(group id) → the op chain (encoded ops, hex, in order): written only when it grows */
  readonly ops: Collection<{ readonly ops: readonly string[] }>
  /** blind(group id) ! pad(sentAt) ! blind(device) ! pad(seq) ! id → message */
  readonly messages: Collection<GroupMessageRecord>
  /** message id → its key in `messages` */
  readonly messageIds: Collection<{ readonly key: string }>
  /** pad(expiresAt) ! message id → its key in `messages`: the sweeper's index (ephemeral/) */
  readonly expiry: Collection<{ readonly key: string }>
  /** message id → when it expired here: a copy arriving later (relay store, resend) does not bring it back */
  readonly tombstones: Collection<{ readonly at: number }>
  /** pad(expired at) ! message id → message id: the order in which tombstones are forgotten */
  readonly tombstoneExpiry: Collection<{ readonly id: string }>

  constructor(db: LevelDatabase, devicePrivateKey: Uint8Array) {
    this.#db = db
    this.#sealer = new Sealer(deriveStorageKey(devicePrivateKey))
    this.groups = new Collection(
      db,
      'groups',
      this.#sealer,
      json((v) => typeof v.id === 'string' && typeof v.nextSeq === 'number'),
    )
    this.ops = new Collection(
      db,
      'group-ops',
      this.#sealer,
      json((v) => Array.isArray(v.ops)),
    )
    this.messages = new Collection(
      db,
      'group-messages',
      this.#sealer,
      json((v) => typeof v.id === 'string' && typeof v.group === 'string'),
    )
    this.messageIds = new Collection(
      db,
      'group-message-ids',
      this.#sealer,
      json((v) => typeof v.key === 'string'),
    )
    this.expiry = new Collection(
      db,
      'group-expiry',
      this.#sealer,
      json((v) => typeof v.key === 'string'),
    )
    this.tombstones = new Collection(
      db,
      'group-tombstones',
      this.#sealer,
      json((v) => typeof v.at === 'number'),
    )
    this.tombstoneExpiry = new Collection(
      db,
      'group-tombstone-expiry',
      this.#sealer,
      json((v) => typeof v.id === 'string'),
    )
  }

  groupKey(id: string): string {
    return this.#sealer.blind(`group:${id}`)
  }

  messagePrefix(group: string): string {
    return `${this.#sealer.blind(`group:${group}`)}!`
  }

  /** Display order: time, then per sender device its seq (two messages of one millisecond stay in order). */
  messageKey(m: Pick<GroupMessageRecord, 'group' | 'id' | 'senderDevice' | 'seq'>, orderTime: number): string {
    return `${this.messagePrefix(m.group)}${pad(orderTime)}!${this.#sealer.blind(m.senderDevice).slice(0, 16)}!${pad(m.seq, 20)}!${m.id}`
  }

  /**
   * Ask the database to compact the named collections, so deleted values do
   * not linger in its log and tables (as XchatStore.compact). Only backends
   * with `compactRange` (classic-level) can; others answer false.
   */
  async compact(names: readonly string[]): Promise<boolean> {
    const db = this.#db as unknown as {
      compactRange?: (start: string, end: string, options: { keyEncoding: 'utf8' }) => Promise<void>
    }
    if (typeof db.compactRange !== 'function') return false
    for (const name of names) await db.compactRange(`!${name}!`, `!${name}"`, { keyEncoding: 'utf8' })
    return true
  }

  /** Commit ops together (all or nothing). */
  async write(ops: readonly StoreOp[]): Promise<void> {
    if (ops.length === 0) return
    await this.#db.batch(ops.map((op) => ({ ...op })))
  }
}
