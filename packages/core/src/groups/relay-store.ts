/**
 * What a relay keeps of each group topic it follows: the newest messages,
 * bounded per topic, in total and in age. Relays cannot read or check them
 * (they hold no keys): members drop what does not verify.
 *
 * Held in memory for answering fetches and, when given a level database,
 * written through to its sublevel `group-store` (synced writes, as mailbox
 * deposits), so a relay restart keeps them. Layout:
 * `<64 hex of the topic hash>!<hex64 seq>` → u64be(received at) ‖ message.
 */
import type { AbstractBatchOperation } from 'abstract-level'
import { BYTE_ENCODINGS, SYNC_WRITE, hex64, type ByteSublevel, type MailboxDatabase } from '../mailbox/database.js'
import {
  MAX_GROUP_FETCH_BYTES,
  MAX_GROUP_MESSAGE_BYTES,
  RELAY_MAX_BYTES,
  RELAY_MAX_TOPICS,
  RELAY_MESSAGES_PER_TOPIC,
  RELAY_MESSAGE_TTL_MS,
  TOPIC_PREFIX,
} from './constants.js'
import { keepUntilOf } from './sender-key.js'

interface Held {
  readonly bytes: Uint8Array
  readonly at: number
  /** when it goes: 30 days after `at`, or the message's keep_until (a disappearing message) if sooner */
  readonly until: number
  /** level key, when persisted */
  readonly key: string
}

/** Counts for metrics. */
export interface RelayGroupStats {
  readonly topics: number
  readonly messages: number
  readonly bytes: number
  /** messages written since start */
  readonly stored: number
  /** messages dropped (bounds, expiry) since start */
  readonly dropped: number
  /** writes that failed since start (the message stays in memory only) */
  readonly writeErrors: number
}

type Root = ByteSublevel<MailboxDatabase>
type Op = AbstractBatchOperation<Root, string, Uint8Array>

const TOPIC_HEX = /^[0-9a-f]{64}$/

/** See the file comment. */
export class RelayGroupStore {
  readonly #topics = new Map<string, Held[]>()
  readonly #now: () => number
  readonly #db: Root | undefined
  #bytes = 0
  #messages = 0
  #seq = 0
  #stored = 0
  #dropped = 0
  #writeErrors = 0
  /** ops waiting for the write in flight: each write takes all of them (one fsync for a burst) */
  #queue: Op[] = []
  #writing: Promise<void> | undefined

  /** In memory only (tests, in-process use); use {@link RelayGroupStore.open} on a relay. */
  constructor(now: () => number = Date.now, db?: MailboxDatabase) {
    this.#now = now
    this.#db = db?.sublevel<string, Uint8Array>('group-store', BYTE_ENCODINGS)
  }

  /**
   * A store written through to `db` (sublevel `group-store`), loaded from it:
   * expired and unreadable entries are deleted, bounds applied again.
   */
  static async open(db: MailboxDatabase, now: () => number = Date.now): Promise<RelayGroupStore> {
    const store = new RelayGroupStore(now, db)
    await store.#load()
    return store
  }

  get bytes(): number {
    return this.#bytes
  }

  get topics(): number {
    return this.#topics.size
  }

  stats(): RelayGroupStats {
    return {
      topics: this.#topics.size,
      messages: this.#messages,
      bytes: this.#bytes,
      stored: this.#stored,
      dropped: this.#dropped,
      writeErrors: this.#writeErrors,
    }
  }

  async #load(): Promise<void> {
    const db = this.#db as Root
    const cutoff = this.#now() - RELAY_MESSAGE_TTL_MS
    const stale: Op[] = []
    const loaded: { topic: string; held: Held }[] = []
    for await (const [key, value] of db.iterator()) {
      const [hex, seqHex] = key.split('!')
      const seq = seqHex === undefined ? NaN : parseInt(seqHex, 16)
      if (
        hex === undefined ||
        !TOPIC_HEX.test(hex) ||
        !Number.isSafeInteger(seq) ||
        value.length < 9 ||
        value.length > MAX_GROUP_MESSAGE_BYTES + 8
      ) {
        stale.push({ type: 'del', key })
        continue
      }
      const at = Number(new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0))
      this.#seq = Math.max(this.#seq, seq + 1)
      const bytes = Uint8Array.from(value.subarray(8))
      const until = untilOf(bytes, at)
      if (at < cutoff || until <= this.#now()) stale.push({ type: 'del', key })
      else loaded.push({ topic: `${TOPIC_PREFIX}${hex}`, held: { bytes, at, until, key } })
    }
    // keys sort by topic then seq; topics used most recently go last (the least recently used is dropped first)
    loaded.sort((a, b) => (a.held.key.slice(65) < b.held.key.slice(65) ? -1 : 1))
    for (const { topic, held } of loaded) this.#hold(topic, held)
    this.#queue.push(...stale)
    this.#dropped = 0
    await this.flush()
  }

  /** Keep a message published on `topic` (written to disk in the background: {@link flush} waits for it). */
  add(topic: string, bytes: Uint8Array): void {
    const at = this.#now()
    const hex = topic.slice(TOPIC_PREFIX.length)
    const persist = this.#db !== undefined && topic.startsWith(TOPIC_PREFIX) && TOPIC_HEX.test(hex)
    const key = persist ? `${hex}!${hex64(this.#seq++)}` : ''
    if (persist) {
      const value = new Uint8Array(8 + bytes.length)
      new DataView(value.buffer).setBigUint64(0, BigInt(at))
      value.set(bytes, 8)
      this.#queue.push({ type: 'put', key, value })
      this.#stored++
    }
    this.#hold(topic, { bytes, at, until: untilOf(bytes, at), key })
    this.#write()
  }

  /** The newest unexpired messages of a topic, oldest first, at most MAX_GROUP_FETCH_BYTES. */
  get(topic: string): Uint8Array[] {
    const list = this.#expire(topic, this.#now())
    this.#write()
    const out: Uint8Array[] = []
    let size = 0
    for (let i = list.length - 1; i >= 0; i--) {
      const h = list[i] as Held
      if (size + h.bytes.length + 8 > MAX_GROUP_FETCH_BYTES) break
      size += h.bytes.length + 8
      out.push(h.bytes)
    }
    return out.reverse()
  }

  /** Drop every expired message (a relay runs this now and then). @returns how many */
  sweep(): number {
    const now = this.#now()
    const before = this.#messages
    for (const topic of [...this.#topics.keys()]) this.#expire(topic, now)
    this.#write()
    return before - this.#messages
  }

  /** Resolves once everything added so far is on disk (synced). */
  async flush(): Promise<void> {
    this.#write()
    while (this.#writing !== undefined) await this.#writing
  }

  #hold(topic: string, held: Held): void {
    let list = this.#topics.get(topic)
    if (list === undefined) {
      list = []
      this.#topics.set(topic, list)
    } else {
      // most recently used topics last: the oldest topic is dropped first
      this.#topics.delete(topic)
      this.#topics.set(topic, list)
    }
    list.push(held)
    this.#bytes += held.bytes.length
    this.#messages++
    while (list.length > RELAY_MESSAGES_PER_TOPIC) this.#drop(list.shift() as Held)
    while (this.#topics.size > RELAY_MAX_TOPICS || this.#bytes > RELAY_MAX_BYTES) {
      const oldest = this.#topics.keys().next()
      if (oldest.done === true) break
      for (const h of this.#topics.get(oldest.value) ?? []) this.#drop(h)
      this.#topics.delete(oldest.value)
    }
  }

  /** Drop a topic's messages whose time has come (anywhere in the list: keep_until is not in arrival order); @returns what is left */
  #expire(topic: string, now: number): Held[] {
    const list = this.#topics.get(topic)
    if (list === undefined) return []
    const kept = list.filter((h) => h.until > now)
    if (kept.length !== list.length) {
      for (const h of list) if (h.until <= now) this.#drop(h)
      if (kept.length === 0) this.#topics.delete(topic)
      else this.#topics.set(topic, kept)
    }
    return kept
  }

  #drop(held: Held): void {
    this.#bytes -= held.bytes.length
    this.#messages--
    this.#dropped++
    if (held.key !== '') this.#queue.push({ type: 'del', key: held.key })
  }

  /** One synced batch at a time, taking every op queued meanwhile. */
  #write(): void {
    const db = this.#db
    if (db === undefined || this.#writing !== undefined || this.#queue.length === 0) return
    const ops = this.#queue
    this.#queue = []
    this.#writing = db
      .batch(ops, SYNC_WRITE)
      .catch(() => {
        // the disk failed or the database closed: messages stay in memory; a later write may succeed
        this.#writeErrors++
      })
      .finally(() => {
        this.#writing = undefined
        this.#write()
      })
  }
}

/** When a held message goes: after the relay's TTL, or at its keep_until if that is sooner (unsigned, so only ever sooner). */
function untilOf(bytes: Uint8Array, at: number): number {
  return Math.min(at + RELAY_MESSAGE_TTL_MS, keepUntilOf(bytes) ?? Infinity)
}
