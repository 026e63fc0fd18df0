/**
 * Disappearing group messages (docs/protocol/groups.md#disappearing-messages):
 * the persisted expiry index with tombstones and the sweeper, as in 1:1
 * chats (ephemeral/) but over the group sublevels. A message and its index
 * entry are written in one batch; a sweep deletes the message, its id index
 * and its index entry, leaves a tombstone, then compacts.
 */
import { pad, type StoreOp } from '../store/index.js'
import { SWEEP_BATCH, SweepLoop, TOMBSTONE_RETENTION_MS, expiryKey, firstKey } from '../ephemeral/index.js'
import type { GroupMessageRecord, GroupStore } from './group-store.js'

/** What the sweeper tells its owner about one deleted group message (never its text). */
export interface ExpiredGroupMessage {
  readonly id: string
  readonly group: string
  readonly direction: 'in' | 'out'
  /** A file message: its encoded manifest (hex), so the app can delete the file it saved and the sender stops serving it. */
  readonly file?: { readonly manifest: string }
  /** ms since the Unix epoch, this device's clock */
  readonly expiredAt: number
}

/** Collections an expiry deletes from: compacted after a sweep so the bytes do not linger. */
const COMPACTED = ['group-messages', 'group-message-ids', 'group-expiry']

/** The index ops for a message stored (or moved) with `expiresAt` set; the old entry goes when it moved. */
export function groupExpiryOps(store: GroupStore, key: string, message: GroupMessageRecord, before?: number): StoreOp[] {
  const ops: StoreOp[] = []
  if (before !== undefined && before !== message.expiresAt) ops.push(store.expiry.del(expiryKey(before, message.id)))
  if (message.expiresAt !== undefined && message.expiresAt !== before)
    ops.push(store.expiry.put(expiryKey(message.expiresAt, message.id), { key }))
  return ops
}

/** Whether a group message id expired here. */
export async function isGroupTombstoned(store: GroupStore, id: string): Promise<boolean> {
  return store.tombstones.has(id)
}

/** What {@link GroupSweeper} needs. */
export interface GroupSweeperInit {
  readonly store: GroupStore
  readonly now: () => number
  /** The engine's mutex: a sweep batch never interleaves with a receive or a send. */
  readonly lock: { run<T>(fn: () => Promise<T>): Promise<T> }
  /** Called after the deletions are written (and compacted). */
  readonly onExpired: (messages: readonly ExpiredGroupMessage[]) => void
}

/**
 * Deletes disappearing group messages when their time comes. The expiry
 * index is persisted, so a device that was off sweeps at start what expired meanwhile.
 */
export class GroupSweeper {
  readonly #init: GroupSweeperInit
  readonly #loop: SweepLoop<ExpiredGroupMessage>

  constructor(init: GroupSweeperInit) {
    this.#init = init
    const { store } = init
    this.#loop = new SweepLoop({
      now: init.now,
      lock: init.lock,
      firstExpiryKey: async () => firstKey(store.expiry.keys({ limit: 1 })),
      batch: async () => this.#batch(),
      // compaction only makes the deletion physical sooner: the deletions are written either way
      compact: async () => void (await store.compact(COMPACTED).catch(() => false)),
      pruneTombstones: async () => this.#pruneTombstones(),
      onExpired: (items) => init.onExpired(items),
    })
  }

  /** Sweep what expired while this device was off, forget old tombstones, then keep sweeping on time. */
  async start(): Promise<void> {
    await this.#loop.start()
  }

  /** Stop sweeping on time; resolves once a sweep in progress is done. */
  async stop(): Promise<void> {
    await this.#loop.stop()
  }

  /** An expiry was added or moved: re-arm the timer for the earliest. */
  poke(): void {
    this.#loop.poke()
  }

  /** Delete every group message whose time has come, now. Concurrent calls share one sweep. @returns how many */
  async sweep(): Promise<number> {
    return this.#loop.sweep()
  }

  async #batch(): Promise<{ expired: ExpiredGroupMessage[]; more: boolean }> {
    const { store } = this.#init
    const now = this.#init.now()
    const ops: StoreOp[] = []
    const expired: ExpiredGroupMessage[] = []
    let seen = 0
    for await (const [indexKey, { key }] of store.expiry.entries({ lt: pad(now + 1), limit: SWEEP_BATCH })) {
      seen++
      ops.push(store.expiry.del(indexKey))
      const m = await store.messages.get(key)
      // an index entry left by a moved expiry, or a message already gone
      if (m === undefined || m.expiresAt === undefined || m.expiresAt > now) continue
      ops.push(
        store.messages.del(key),
        store.messageIds.del(m.id),
        store.tombstones.put(m.id, { at: now }),
        store.tombstoneExpiry.put(`${pad(now)}!${m.id}`, { id: m.id }),
      )
      expired.push({ id: m.id, group: m.group, direction: m.direction, ...(m.file === undefined ? {} : { file: m.file }), expiredAt: now })
    }
    await store.write(ops)
    return { expired, more: seen >= SWEEP_BATCH }
  }

  /** Forget tombstones older than TOMBSTONE_RETENTION_MS (no copy can arrive any more). */
  async #pruneTombstones(): Promise<void> {
    const { store } = this.#init
    const ops: StoreOp[] = []
    const cutoff = pad(Math.max(0, this.#init.now() - TOMBSTONE_RETENTION_MS))
    for await (const [key, { id }] of store.tombstoneExpiry.entries({ lt: cutoff }))
      ops.push(store.tombstoneExpiry.del(key), store.tombstones.del(id))
    await store.write(ops)
  }
}
