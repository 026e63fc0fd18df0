import { pad, type StoreOp, type StoredMessage, type XchatStore } from '../store/index.js'
import type { AccountId } from '../identity/index.js'
import { SWEEP_BATCH } from './constants.js'
import { pruneTombstones, tombstoneOps } from './expiry-store.js'
import { SweepLoop, firstKey } from './sweep-loop.js'

/** What the sweeper tells its owner about one deleted message (never its text). */
export interface ExpiredMessage {
  readonly id: string
  readonly conversation: AccountId
  readonly direction: 'in' | 'out'
  /** A file message: its encoded manifest (hex), so the app can delete the file it saved. */
  readonly file?: { readonly manifest: string }
  /** ms since the Unix epoch, this device's clock */
  readonly expiredAt: number
}

/** What {@link Sweeper} needs. */
export interface SweeperInit {
  readonly store: XchatStore
  readonly now: () => number
  /** This device's key (hex): its own sent messages also have a resend index entry to delete. */
  readonly ourDeviceKey: string
  /** The messaging mutex: a sweep batch never interleaves with a receive or a send. */
  readonly lock: { run<T>(fn: () => Promise<T>): Promise<T> }
  /** Called after the deletions are written (and compacted). */
  readonly onExpired: (messages: readonly ExpiredMessage[]) => void
}

/** Collections an expiry deletes from: compacted after a sweep so the bytes do not linger. */
const COMPACTED = ['messages', 'message-ids', 'sent-seqs', 'outbox', 'expiry']

/**
 * Deletes disappearing messages when their time comes: everything the
 * message left in the store (message, id index, resend index, queued
 * envelopes), leaving a tombstone, then compacts. The expiry index is
 * persisted, so a device that was off sweeps at start what expired meanwhile.
 */
export class Sweeper {
  readonly #init: SweeperInit
  readonly #loop: SweepLoop<ExpiredMessage>

  constructor(init: SweeperInit) {
    this.#init = init
    const { store, now } = init
    this.#loop = new SweepLoop({
      now,
      lock: init.lock,
      firstExpiryKey: async () => firstKey(store.expiry.keys({ limit: 1 })),
      batch: async () => this.#batch(),
      // compaction only makes the deletion physical sooner: the deletions are written either way, so a failure is not the sweep's
      compact: async () => void (await store.compact(COMPACTED).catch(() => false)),
      pruneTombstones: async () => void (await pruneTombstones(store, now())),
      onExpired: (items) => init.onExpired(items),
    })
  }

  /** Sweep what expired while this device was off, forget old tombstones, then keep sweeping on time. */
  async start(): Promise<void> {
    await this.#loop.start()
  }

  /** Stop sweeping on time; resolves once a sweep in progress (and its compaction) is done. */
  async stop(): Promise<void> {
    await this.#loop.stop()
  }

  /** An expiry was added or moved: re-arm the timer for the earliest. */
  poke(): void {
    this.#loop.poke()
  }

  /**
   * Delete every message whose time has come, now. Concurrent calls share one sweep.
   * @returns how many messages were deleted
   */
  async sweep(): Promise<number> {
    return this.#loop.sweep()
  }

  async #batch(): Promise<{ expired: ExpiredMessage[]; more: boolean }> {
    const { store, ourDeviceKey } = this.#init
    const now = this.#init.now()
    const ops: StoreOp[] = []
    const gone: StoredMessage[] = []
    let seen = 0
    for await (const [indexKey, messageKey] of store.expiry.entries({ lt: pad(now + 1), limit: SWEEP_BATCH })) {
      seen++
      ops.push(store.expiry.del(indexKey))
      const m = await store.messages.get(messageKey)
      // an index entry left by a moved expiry, or a message already gone
      if (m === undefined || m.expiresAt === undefined || m.expiresAt > now) continue
      ops.push(store.messages.del(messageKey), store.messageIds.del(m.id), ...tombstoneOps(store, m.id, now))
      if (m.senderDevice === ourDeviceKey) ops.push(store.sentSeqs.del(store.sentSeqKey(m.conversation, m.seq)))
      gone.push(m)
    }
    if (gone.length > 0) {
      const ids = new Set(gone.map((m) => m.id))
      for await (const [key, entry] of store.outbox.entries()) if (ids.has(entry.messageId)) ops.push(store.outbox.del(key))
      ops.push(...(await unreadOps(store, gone)))
    }
    await store.write(ops)
    const expired = gone.map((m) => ({
      id: m.id,
      conversation: m.conversation,
      direction: m.direction,
      ...(m.file === undefined ? {} : { file: m.file }),
      expiredAt: now,
    }))
    return { expired, more: seen >= SWEEP_BATCH }
  }
}

/** Unread messages that go no longer count as unread. */
async function unreadOps(store: XchatStore, gone: readonly StoredMessage[]): Promise<StoreOp[]> {
  const counts = new Map<AccountId, number>()
  for (const m of gone) if (m.direction === 'in' && m.status !== 'read') counts.set(m.conversation, (counts.get(m.conversation) ?? 0) + 1)
  const ops: StoreOp[] = []
  for (const [conversation, n] of counts) {
    const key = store.blind(conversation)
    const conv = await store.conversations.get(key)
    if (conv !== undefined) ops.push(store.conversations.put(key, { ...conv, unread: Math.max(0, conv.unread - n) }))
  }
  return ops
}
