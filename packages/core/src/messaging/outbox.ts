import { hexToBytes } from '@noble/hashes/utils.js'
import { isXchatError } from '../errors.js'
import type { XchatStore, OutboxEntry, StoreTxn } from '../store/index.js'
import { parseDeliveryAck, type DeliveryAnswer } from './envelope.js'
import { relaysOf } from './devices.js'
import type { Mutex } from './lock.js'
import { GroupCommit } from './group-commit.js'
import type { Sessions } from './sessions.js'
import type { DirectPort, MailboxPort } from './ports.js'
import type { DeliveryPath } from './events.js'
import {
  DIRECT_WINDOW,
  DIRECT_BACKOFF_MS,
  DIRECT_TIMEOUT_MS,
  MAIL_TTL_MS,
  MAILBOX_TIMEOUT_MS,
  MAX_GROUP_ITEMS,
  MAX_SESSION_RESETS,
  MIN_MAILBOX_ACKS,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
} from './constants.js'

/** The outcome of one delivery attempt of one outbox entry. */
export type AttemptResult =
  { readonly ok: true; readonly via: DeliveryPath } | { readonly ok: false; readonly reason: string; readonly final: boolean }

/** What the deliverer reports back to the messenger. */
export interface DelivererEvents {
  sent(entry: OutboxEntry, via: DeliveryPath): void
  failed(entry: OutboxEntry, reason: string): void
}

/** Rejections a new session can cure: the device lost or never had our session. */
const RESETTABLE = new Set(['NO_SESSION', 'BAD_PREKEY', 'DECRYPT_FAILED', 'TOO_MANY_SKIPPED'])

/** What {@link Deliverer} needs. */
export interface DelivererInit {
  readonly store: XchatStore
  readonly sessions: Sessions
  readonly lock: Mutex
  readonly direct: DirectPort
  readonly mailbox?: MailboxPort
  readonly now: () => number
  readonly events: DelivererEvents
  /** The device's current prekey bundle from the directory, to start a new session with it. */
  readonly prekeysOf: (target: OutboxEntry['target']) => Promise<Uint8Array | undefined>
}

/**
 * Delivers outbox entries: per device in outbox order (up to DIRECT_WINDOW
 * awaiting their acks), first over a direct stream (the device acks after
 * storing), else to ≥ 2 of its relay mailboxes (all, if it names fewer). An
 * entry leaves the outbox only then; otherwise it is retried with exponential
 * backoff until it expires (at-least-once).
 */
export class Deliverer {
  readonly #init: DelivererInit
  readonly #queues = new Map<string, string[]>()
  readonly #running = new Set<string>()
  /** PeerIds the outbox holds entries for (rebuilt by every full scan). */
  #mailFor = new Set<string>()
  /** Entries queued or being attempted: asked again, they only get another waiter. */
  readonly #pending = new Set<string>()
  readonly #waiting = new Map<string, ((r: AttemptResult) => void)[]>()
  readonly #directDownUntil = new Map<string, number>()
  /** device key → outbox high key when its session was last restarted */
  readonly #restartedAt = new Map<string, string>()
  /** Entries just composed (written, not yet attempted): their first attempt need not read them back. */
  readonly #fresh = new Map<string, OutboxEntry>()
  /** Attempts that ended ('sent' / 'failed'): their outbox deletes and status changes share one batch. */
  readonly #ends: GroupCommit<{ key: string; entry: OutboxEntry; status: 'sent' | 'failed' }, void>
  #controller = new AbortController()
  #timer: ReturnType<typeof setTimeout> | undefined
  #stopped = true

  constructor(init: DelivererInit) {
    this.#init = init
    this.#ends = new GroupCommit<{ key: string; entry: OutboxEntry; status: 'sent' | 'failed' }, void>(
      init.lock,
      MAX_GROUP_ITEMS,
      async (ends) => {
        const txn = init.store.txn()
        // the messages whose status may change, read together
        const ids = ends.filter((e) => this.#changesStatus(e.entry)).map((e) => e.entry.messageId)
        const keys = (await txn.getMany(init.store.messageIds, ids)).filter((k): k is string => k !== undefined)
        await txn.getMany(init.store.messages, keys)
        for (const end of ends) {
          txn.del(init.store.outbox, end.key)
          await this.#statusOps(end.entry, end.status, txn)
        }
        await init.store.write(txn.ops())
        return ends.map(() => ({ ok: true, value: undefined }))
      },
    )
  }

  start(): void {
    this.#stopped = false
    this.#controller = new AbortController()
    void this.retryDue().catch(() => undefined) // a closed store: the next start retries
  }

  stop(): void {
    this.#stopped = true
    this.#controller.abort()
    clearTimeout(this.#timer)
    this.#timer = undefined
    for (const waiters of this.#waiting.values()) for (const w of waiters) w({ ok: false, reason: 'CLIENT_STOPPED', final: false })
    this.#waiting.clear()
    this.#queues.clear()
    this.#pending.clear()
    this.#fresh.clear()
  }

  /**
   * Queue an entry for its device; resolves with the outcome of this attempt.
   * @param entry - the entry as just written (saves reading it back); omitted, it is read from the outbox
   */
  async deliver(key: string, peerId: string, entry?: OutboxEntry): Promise<AttemptResult> {
    if (entry !== undefined && !this.#pending.has(key)) this.#fresh.set(key, entry)
    const result = new Promise<AttemptResult>((resolve) => {
      this.#waiting.set(key, [...(this.#waiting.get(key) ?? []), resolve])
    })
    this.#mailFor.add(peerId)
    if (!this.#pending.has(key)) {
      this.#pending.add(key)
      this.#queues.set(peerId, [...(this.#queues.get(peerId) ?? []), key])
      void this.#drain(peerId)
    }
    return result
  }

  /** A device just connected: try its entries now, direct first. */
  retryPeer(peerId: string): void {
    // most connections are relays and DHT servers: scan the outbox only for a device it holds mail for
    if (!this.#mailFor.has(peerId)) return
    this.#directDownUntil.delete(peerId)
    void this.retryDue(peerId).catch(() => undefined)
  }

  /** Queue every entry whose retry time has come (or all of one device's). */
  async retryDue(onlyPeer?: string): Promise<void> {
    if (this.#stopped) return
    const now = this.#init.now()
    let earliest = Infinity
    const mailFor = new Set<string>()
    for await (const [key, entry] of this.#init.store.outbox.entries()) {
      const peer = entry.target.peerId
      mailFor.add(peer)
      if (onlyPeer !== undefined ? peer === onlyPeer : entry.nextAttemptAt <= now) void this.deliver(key, peer)
      else earliest = Math.min(earliest, entry.nextAttemptAt)
    }
    if (onlyPeer === undefined) this.#mailFor = mailFor
    this.#schedule(earliest)
  }

  #schedule(at: number): void {
    if (this.#stopped || at === Infinity) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.retryDue().catch(() => undefined), Math.max(0, at - this.#init.now()))
  }

  /**
   * Work through a device's queue in order. The first part of each attempt
   * (reading the entry, making its session state durable, writing it to the
   * direct stream) runs strictly in queue order; up to DIRECT_WINDOW attempts
   * then wait for their answers at once.
   */
  async #drain(peerId: string): Promise<void> {
    if (this.#running.has(peerId)) return
    this.#running.add(peerId)
    const inFlight: Promise<void>[] = []
    try {
      for (let key = this.#queues.get(peerId)?.shift(); key !== undefined && !this.#stopped; key = this.#queues.get(peerId)?.shift()) {
        const k = key
        const started = await this.#start(k).catch((err: unknown) => ({ result: Promise.resolve(failure(err)) }))
        inFlight.push(started.result.catch(failure).then((r) => this.#settle(k, r)))
        if (inFlight.length >= DIRECT_WINDOW) await inFlight.shift()
      }
      await Promise.all(inFlight)
    } finally {
      this.#running.delete(peerId)
      if ((this.#queues.get(peerId)?.length ?? 0) === 0) this.#queues.delete(peerId)
      else void this.#drain(peerId)
    }
  }

  #settle(key: string, result: AttemptResult): void {
    this.#pending.delete(key)
    for (const resolve of this.#waiting.get(key) ?? []) resolve(result)
    this.#waiting.delete(key)
  }

  /** The in-order part of an attempt; the returned promise finishes it. */
  async #start(key: string): Promise<{ result: Promise<AttemptResult> }> {
    const { store, now } = this.#init
    const fresh = this.#fresh.get(key)
    this.#fresh.delete(key)
    const entry = fresh ?? (await store.outbox.get(key))
    if (entry === undefined) return { result: Promise.resolve({ ok: true, via: 'direct' }) } // delivered meanwhile
    if (now() > entry.expiresAt) return { result: this.#giveUp(key, entry, 'EXPIRED') }
    // the session state this envelope was made with must be on disk before the envelope leaves
    await store.flush()
    return { result: this.#finish(key, entry, this.#tryDirect(entry, this.#controller.signal)) }
  }

  async #finish(key: string, first: OutboxEntry, firstAnswer: Promise<DeliveryAnswer | undefined>): Promise<AttemptResult> {
    const signal = this.#controller.signal
    let entry = first
    let answer = await firstAnswer
    let reason = 'UNREACHABLE'
    // a rejected envelope may be encrypted again on a new session, then sent again at once
    while (answer !== undefined) {
      if (answer.status !== 'rejected') return this.#done(key, entry, 'direct')
      reason = answer.reason
      if (!RESETTABLE.has(reason) || entry.resets >= MAX_SESSION_RESETS) return this.#giveUp(key, entry, reason)
      entry = await this.#reencrypt(key, entry)
      answer = await this.#tryDirect(entry, signal)
    }
    // a call signal is for a device online now: a mailbox would hand it over when the call is long over;
    // it is retried directly until it expires (seconds)
    if (entry.kind === 'call') {
      await this.#reschedule(key, entry)
      return { ok: false, reason, final: false }
    }
    const viaMailbox = await this.#tryMailbox(entry, signal)
    if (viaMailbox === true) return this.#done(key, entry, 'mailbox')
    if (typeof viaMailbox === 'string') reason = viaMailbox
    await this.#reschedule(key, entry)
    return { ok: false, reason, final: false }
  }

  /** Send on the direct stream (the request is written before the first await); undefined when it failed. */
  async #tryDirect(entry: OutboxEntry, signal: AbortSignal): Promise<DeliveryAnswer | undefined> {
    const peerId = entry.target.peerId
    // a call signal has no mailbox to fall back on: it always tries the device itself
    if (entry.kind !== 'call' && (this.#directDownUntil.get(peerId) ?? 0) > this.#init.now()) return undefined
    try {
      const answer = await this.#init.direct.request(entry.target, entry.envelope, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(DIRECT_TIMEOUT_MS)]),
      })
      this.#directDownUntil.delete(peerId)
      return parseDeliveryAck(answer)
    } catch {
      this.#directDownUntil.set(peerId, this.#init.now() + DIRECT_BACKOFF_MS)
      return undefined
    }
  }

  /**
   * true: stored on ≥ 2 mailboxes (on every one, when the device names fewer);
   * a string: why not; undefined: no mailbox to try.
   */
  async #tryMailbox(entry: OutboxEntry, signal: AbortSignal): Promise<true | string | undefined> {
    const mailbox = this.#init.mailbox
    const relays = relaysOf(entry.target.addrs)
    if (mailbox === undefined) return undefined
    // a device on a single relay fetches only that relay's mailbox: refusing it would hold the
    // envelope back until sender and device happen to be online together (files do the same)
    if (relays.length === 0) return 'NO_MAILBOXES'
    try {
      await mailbox.deposit(
        { devicePublicKey: hexToBytes(entry.target.devicePublicKey), relays },
        entry.envelope,
        // a disappearing message's mail goes at its expiry: relays drop it then (ephemeral/)
        Math.min(this.#init.now() + MAIL_TTL_MS, entry.mailExpiresAt ?? Infinity),
        {
          minAcks: Math.min(MIN_MAILBOX_ACKS, relays.length),
          signal: AbortSignal.any([signal, AbortSignal.timeout(MAILBOX_TIMEOUT_MS)]),
        },
      )
      return true
    } catch (err) {
      return codeOf(err)
    }
  }

  /** Encrypt the entry's content again: on a new session, unless the device's session was restarted after this entry was made. */
  async #reencrypt(key: string, entry: OutboxEntry): Promise<OutboxEntry> {
    const { store, sessions, lock } = this.#init
    const device = entry.target.devicePublicKey
    const prekeys = await this.#init.prekeysOf(entry.target).catch(() => undefined)
    return lock.run(async () => {
      const restartedAt = this.#restartedAt.get(device)
      const restart = restartedAt === undefined || key > restartedAt
      const target = { devicePublicKey: hexToBytes(device), deviceKey: device, relays: [], ...(prekeys === undefined ? {} : { prekeys }) }
      const txn = store.txn()
      const envelope = await sessions.encrypt(target, entry.content, txn, { restart })
      if (restart) this.#restartedAt.set(device, store.outboxHighKey)
      const next: OutboxEntry = { ...entry, envelope, resets: entry.resets + 1 }
      txn.put(store.outbox, key, next)
      await store.write(txn.ops())
      await store.flush()
      return next
    })
  }

  async #done(key: string, entry: OutboxEntry, via: DeliveryPath): Promise<AttemptResult> {
    await this.#ends.run({ key, entry, status: 'sent' })
    this.#init.events.sent(entry, via)
    return { ok: true, via }
  }

  async #giveUp(key: string, entry: OutboxEntry, reason: string): Promise<AttemptResult> {
    await this.#ends.run({ key, entry, status: 'failed' })
    this.#init.events.failed(entry, reason)
    return { ok: false, reason, final: true }
  }

  async #reschedule(key: string, entry: OutboxEntry): Promise<void> {
    const attempts = entry.attempts + 1
    const nextAttemptAt = this.#init.now() + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempts - 1, 20))
    await this.#init.lock.run(async () => {
      if ((await this.#init.store.outbox.get(key)) === undefined) return
      await this.#init.store.write([this.#init.store.outbox.put(key, { ...entry, attempts, nextAttemptAt })])
    })
    this.#schedule(nextAttemptAt)
  }

  /** Whether the end of this entry's delivery may change its message's status. */
  #changesStatus(entry: OutboxEntry): boolean {
    // a copy to one of this account's own devices says nothing about the recipient
    return entry.kind === 'text' && entry.target.accountId === entry.conversation
  }

  /** A pending text becomes sent (or failed) when the first recipient device takes it; later states are not undone. */
  async #statusOps(entry: OutboxEntry, status: 'sent' | 'failed', txn: StoreTxn): Promise<void> {
    if (!this.#changesStatus(entry)) return
    const { store } = this.#init
    const key = await txn.get(store.messageIds, entry.messageId)
    const message = key === undefined ? undefined : await txn.get(store.messages, key)
    if (key === undefined || message === undefined || message.status !== 'pending') return
    txn.put(store.messages, key, { ...message, status })
  }
}

function failure(err: unknown): AttemptResult {
  return { ok: false, reason: codeOf(err), final: false }
}

function codeOf(err: unknown): string {
  return isXchatError(err) ? err.code : 'UNREACHABLE'
}
