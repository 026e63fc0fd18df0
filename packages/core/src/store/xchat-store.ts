import type { AbstractBatchOptions } from 'abstract-level'
import { equalBytes } from '@noble/ciphers/utils.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError, isXchatError } from '../errors.js'
import { serializeSessionRecord, deserializeSessionRecord, type SessionRecord } from '../session/index.js'
import type { AccountId } from '../identity/index.js'
import { Collection, type RecordCodec } from './collection.js'
import { KeyIndex } from './key-index.js'
import { bytesCodec, pad } from './codecs.js'
import type { LevelDatabase, StoreOp } from './level.js'
import { Sealer, deriveStorageKey } from './sealer.js'
import { StoreTxn } from './txn.js'
import {
  contactCodec,
  conversationCodec,
  messageCodec,
  identityCodec,
  prekeyCodec,
  outboxCodec,
  cursorCodec,
  heldCodec,
  seenCodec,
  keyCodec,
  type Contact,
  type Conversation,
  type StoredMessage,
  type IdentityRecord,
  type PrekeyRecord,
  type OutboxEntry,
  type ReceiveCursor,
  type HeldEnvelope,
} from './records.js'
import { fileOfferCodec, type FileOfferRecord } from './file-offer-record.js'
import { fileMailCodec, type FileMailRecord } from './file-mail-record.js'
import { groupFileOfferCodec, type GroupFileOfferRecord } from './group-file-offer-record.js'

/**
 * How long a seen message id is remembered: 31 days, one more than relays
 * keep mail (MAX_MAIL_AGE_MS), so a copy that waited the longest is still recognised.
 */
export const SEEN_RETENTION_MS = 31 * 24 * 60 * 60 * 1000

/** Decoded session records kept in memory (by stored bytes): loading one checks every key in it. */
const SESSION_CACHE_SIZE = 256

/**
 * Decoded messages (and id → key entries) kept in memory, by stored bytes: a
 * sent message is read back when its delivery ends and when its delivered
 * receipt comes (≈ 200 ms later, a few hundred messages at full speed).
 */
const MESSAGE_CACHE_SIZE = 1024

/** Decoded conversations, identities and receive cursors kept in memory (by stored bytes): every group reads them. */
const RECORD_CACHE_SIZE = 256

/** Batch options of every write; other backends than classic-level ignore `sync`. */
const SYNC_WRITE: AbstractBatchOptions<string, Uint8Array> & { readonly sync: boolean } = { sync: true }

const CHECK_NAME = 'storage-key-check'
const FLUSH_NAME = 'flush'
const CHECK_VALUE = utf8ToBytes('xchat store v1')
const sessionCodec: RecordCodec<SessionRecord> = bytesCodec(serializeSessionRecord, deserializeSessionRecord)
const checkCodec: RecordCodec<Uint8Array> = bytesCodec(
  (b) => b,
  (b) => b,
)

/** Options of {@link openStore}. */
export interface OpenStoreInit {
  /** An open (or opening) level database; the store never closes it. */
  readonly db: LevelDatabase
  /** The device private key; the storage key is derived from it (HKDF, info "xchat/store/v1"). */
  readonly devicePrivateKey: Uint8Array
}

/**
 * Open xchat's typed, encrypted store in a level database. A database written
 * under another device key is refused.
 * @throws XchatError WRONG_STORAGE_KEY
 * @example const store = await openStore({ db: new Level(dir), devicePrivateKey: keys.device.privateKey() })
 */
export async function openStore(init: OpenStoreInit): Promise<XchatStore> {
  const store = new XchatStore(init.db, new Sealer(deriveStorageKey(init.devicePrivateKey)))
  await store.checkKey()
  await store.loadCounters()
  return store
}

/**
 * Every collection of one device's data. Values are sealed (XChaCha20-Poly1305,
 * key name as associated data); identifiers inside level keys are blinded.
 * Writes are {@link StoreOp}s committed together by {@link XchatStore.write}.
 */
export class XchatStore {
  readonly #db: LevelDatabase
  readonly #sealer: Sealer
  readonly meta: Collection<Uint8Array>
  /** blind(accountId) → contact */
  readonly contacts: Collection<Contact>
  /** blind(lower-case name) → accountId */
  readonly contactNames: Collection<string>
  /** blind(accountId) → conversation */
  readonly conversations: Collection<Conversation>
  /** {@link XchatStore.messageKey} → message, in display order per conversation */
  readonly messages: Collection<StoredMessage>
  /** message id (hex) → key in `messages` */
  readonly messageIds: Collection<string>
  /** blind(conversation) ! seq → message id, for this device's own ordered messages (resends) */
  readonly sentSeqs: Collection<string>
  /** blind(device key hex) → session record */
  readonly sessions: Collection<SessionRecord>
  /** blind(accountId) → known devices */
  readonly identities: Collection<IdentityRecord>
  /** 'signed!' | 'one-time!' + padded id → prekey with private key */
  readonly prekeys: Collection<PrekeyRecord>
  /** message id (hex) → first stored at */
  readonly seen: Collection<number>
  /** padded time ! message id (keys only): the order in which `seen` expires */
  readonly seenExpiry: KeyIndex
  /** padded counter → pending envelope */
  readonly outbox: Collection<OutboxEntry>
  /** blind(conversation) ! blind(device) → receive cursor */
  readonly cursors: Collection<ReceiveCursor>
  /** padded counter → envelope held for an identity change */
  readonly held: Collection<HeldEnvelope>
  /** file id (hex) → a file this device offers (files/) */
  readonly fileOffers: Collection<FileOfferRecord>
  /** file id (hex) → a file this device offers to a group (client-files.ts) */
  readonly groupFileOffers: Collection<GroupFileOfferRecord>
  /** file id ! kind ! chunk ! offset → a piece of a file from this device's mailboxes (client-file-mail.ts) */
  readonly fileMail: Collection<FileMailRecord>
  /** padded expiresAt ! message id → key in `messages`: the order in which disappearing messages go (ephemeral/) */
  readonly expiry: Collection<string>
  /** message id (hex) → expired at: an expired message's id, so a copy arriving later is never shown (ephemeral/) */
  readonly tombstones: Collection<number>
  /** padded expired-at ! message id → message id: the order in which tombstones are forgotten */
  readonly tombstoneExpiry: Collection<string>
  #outboxCounter = 0
  #heldCounter = 0
  /** Writes completed, and how many of them are known durable. */
  #written = 0
  #synced = 0
  #flushing: Promise<void> | undefined

  constructor(db: LevelDatabase, sealer: Sealer) {
    this.#db = db
    this.#sealer = sealer
    const c = <V>(name: string, codec: RecordCodec<V>, cacheSize = 0): Collection<V> => new Collection(db, name, sealer, codec, cacheSize)
    this.meta = c('meta', checkCodec)
    this.contacts = c('contacts', contactCodec)
    this.contactNames = c('contact-names', keyCodec)
    // read once per message group (and per receipt): the busy ones stay decoded
    this.conversations = c('conversations', conversationCodec, RECORD_CACHE_SIZE)
    // a message is read back for its status changes (sent, then delivered, read): keep the latest decoded
    this.messages = c('messages', messageCodec, MESSAGE_CACHE_SIZE)
    this.messageIds = c('message-ids', keyCodec, MESSAGE_CACHE_SIZE)
    this.sentSeqs = c('sent-seqs', keyCodec)
    // a session record checks every key when it loads: keep the busiest decoded
    this.sessions = c('sessions', sessionCodec, SESSION_CACHE_SIZE)
    this.identities = c('identities', identityCodec, RECORD_CACHE_SIZE)
    this.prekeys = c('prekeys', prekeyCodec)
    this.seen = c('seen', seenCodec)
    this.seenExpiry = new KeyIndex(db, 'seen-expiry')
    this.outbox = c('outbox', outboxCodec)
    this.cursors = c('cursors', cursorCodec, RECORD_CACHE_SIZE)
    this.held = c('held', heldCodec)
    this.fileOffers = c('file-offers', fileOfferCodec)
    this.groupFileOffers = c('group-file-offers', groupFileOfferCodec)
    this.fileMail = c('file-mail', fileMailCodec)
    this.expiry = c('expiry', keyCodec)
    this.tombstones = c('tombstones', seenCodec)
    this.tombstoneExpiry = c('tombstone-expiry', keyCodec)
  }

  /**
   * Ask the database to compact the named collections, so deleted values do
   * not linger in its log and tables. Only backends with `compactRange`
   * (classic-level) can; others (browser-level) are left as they are.
   * @returns whether the backend compacted
   */
  async compact(names: readonly string[]): Promise<boolean> {
    const db = this.#db as LevelDatabase & {
      compactRange?: (start: string, end: string, options: { keyEncoding: 'utf8' }) => Promise<void>
    }
    if (typeof db.compactRange !== 'function') return false
    // a sublevel's keys are '!name!…' in the root database: '!name"' is just past them
    for (const name of names) await db.compactRange(`!${name}!`, `!${name}"`, { keyEncoding: 'utf8' })
    return true
  }

  /**
   * Commit operations atomically (one level batch): all or nothing.
   * Build the operations first — a value that fails to encode throws before anything is written.
   * The write is not yet durable against a power loss: call {@link XchatStore.flush} before
   * anything that relies on it leaves the device.
   */
  async write(ops: readonly StoreOp[]): Promise<void> {
    if (ops.length === 0) return
    await this.#db.batch(ops.map((op) => ({ ...op })))
    this.#written++
  }

  /** A new {@link StoreTxn}: staged writes read back before one {@link XchatStore.write} commits them. */
  txn(): StoreTxn {
    return new StoreTxn()
  }

  /**
   * Make every write that completed before this call durable (LevelDB fsyncs
   * its log, which holds all earlier writes). Concurrent calls share one
   * sync. Call before a message leaves (its session state must survive a power
   * loss, or the next message would reuse its message key) and before a received
   * message is acked.
   */
  async flush(): Promise<void> {
    const target = this.#written
    while (this.#synced < target) {
      if (this.#flushing === undefined) {
        const upTo = this.#written
        this.#flushing = this.#db
          // a synced batch syncs the log with every earlier write; a delete carries no value to seal
          // (databases written before 2026-12-08 hold a sealed empty marker here: this removes it)
          .batch([{ ...this.meta.del(FLUSH_NAME) }], SYNC_WRITE)
          .then(() => {
            this.#synced = Math.max(this.#synced, upTo)
          })
          .finally(() => {
            this.#flushing = undefined
          })
      }
      await this.#flushing
    }
  }

  /**
   * A further sealed collection in this database, for a module that keeps its
   * own records (e.g. vault/). Names must not clash with the ones above.
   */
  collection<V>(name: string, codec: RecordCodec<V>): Collection<V> {
    return new Collection(this.#db, name, this.#sealer, codec)
  }

  /** A stable, keyed stand-in for an account or device identifier inside level keys. */
  blind(id: string): string {
    return this.#sealer.blind(id)
  }

  /** The key of a message: conversation, then display order (time, device, seq), so a range read is the history. */
  messageKey(m: Pick<StoredMessage, 'conversation' | 'senderDevice' | 'seq' | 'id'>, orderTime: number): string {
    return `${this.conversationPrefix(m.conversation)}${pad(orderTime)}!${this.blind(m.senderDevice).slice(0, 16)}!${pad(m.seq, 20)}!${m.id}`
  }

  /** Every message key of a conversation starts with this. */
  conversationPrefix(conversation: AccountId): string {
    return `${this.blind(conversation)}!`
  }

  sentSeqKey(conversation: AccountId, seq: number): string {
    return `${this.blind(conversation)}!${pad(seq, 20)}`
  }

  cursorKey(conversation: AccountId, device: string): string {
    return `${this.blind(conversation)}!${this.blind(device)}`
  }

  /** The operation adding an outbox entry under the next counter key. */
  outboxAdd(entry: OutboxEntry): { key: string; op: StoreOp } {
    const key = pad(++this.#outboxCounter)
    return { key, op: this.outbox.put(key, entry) }
  }

  /** The key the last {@link XchatStore.outboxAdd} used: entries with a key above it were added later. */
  get outboxHighKey(): string {
    return pad(this.#outboxCounter)
  }

  heldAdd(entry: HeldEnvelope): StoreOp {
    return this.held.put(pad(++this.#heldCounter), entry)
  }

  /** Operations that remember a message id as seen at `at`. */
  seenAdd(id: string, at: number): StoreOp[] {
    return [this.seen.put(id, at), this.seenExpiry.put(`${pad(at)}!${id}`)]
  }

  /** Forget seen ids older than {@link SEEN_RETENTION_MS}. @returns how many */
  async pruneSeen(now: number): Promise<number> {
    const ops: StoreOp[] = []
    // the id is in the key (also in entries of layout 1, whose sealed value repeated it)
    for await (const key of this.seenExpiry.keys({ lt: pad(Math.max(0, now - SEEN_RETENTION_MS)) })) {
      ops.push(this.seenExpiry.del(key), this.seen.del(key.slice(key.indexOf('!') + 1)))
    }
    await this.write(ops)
    return ops.length / 2
  }

  /** @internal refuse a database sealed under another key */
  async checkKey(): Promise<void> {
    let stored: Uint8Array | undefined
    try {
      stored = await this.meta.get(CHECK_NAME)
    } catch (cause) {
      if (isXchatError(cause, 'STORE_CORRUPT')) {
        throw new XchatError('WRONG_STORAGE_KEY', 'this database was written by another device key', { cause })
      }
      throw cause
    }
    if (stored === undefined) await this.write([this.meta.put(CHECK_NAME, CHECK_VALUE)])
    else if (!equalBytes(stored, CHECK_VALUE)) throw new XchatError('WRONG_STORAGE_KEY', 'this database was written by another device key')
  }

  /** @internal continue counters after the highest stored key */
  async loadCounters(): Promise<void> {
    for await (const key of this.outbox.keys({ reverse: true, limit: 1 })) this.#outboxCounter = Number(key)
    for await (const key of this.held.keys({ reverse: true, limit: 1 })) this.#heldCounter = Number(key)
  }
}
