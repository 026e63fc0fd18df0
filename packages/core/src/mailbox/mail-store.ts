import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js'
import type { AbstractBatchOperation } from 'abstract-level'
import { randomBytes } from '../crypto/index.js'
import { MailboxUsagePb, StoredMailPb, checkVersion, decodeBounded, limits } from '../wire/index.js'
import { MAILBOX_ID_LENGTH, MAIL_ID_LENGTH, STORED_MAIL_VERSION } from './constants.js'
import { BYTE_ENCODINGS, SYNC_WRITE, hex64, prefixRange, type ByteSublevel, type MailboxDatabase } from './database.js'
import { KeyedLock } from './keyed-lock.js'

/** One envelope as the relay holds it. */
export interface StoredMailItem {
  /** mailbox id (32) ‖ u64be(receivedAt) ‖ 8 random bytes */
  readonly id: Uint8Array
  readonly mailboxId: Uint8Array
  readonly envelope: Uint8Array
  readonly receivedAt: number
  readonly expiresAt: number
}

/** Per-mailbox and relay-wide caps a deposit must fit in. */
export interface DepositQuota {
  readonly maxCount: number
  readonly maxBytes: number
  /**
   * The batch this envelope opens (it included): refused unless all of it fits
   * now. Absent (or smaller than the envelope alone): the envelope alone.
   */
  readonly batch?: { readonly count: number; readonly bytes: number }
  readonly maxTotalBytes: number
}

/** Totals over every mailbox, for metrics. */
export interface MailTotals {
  readonly mailboxes: number
  readonly envelopes: number
  readonly bytes: number
}

type Db = MailboxDatabase
type Root = ByteSublevel<Db>

/** Most expired mails one sweep step reads; a sweep repeats steps until none are left. */
const SWEEP_STEP = 500

/**
 * Mail on a relay, in level. Layout under the caller's sublevel:
 * `mail/<hex mail id>` → StoredMail; `expiry/<hex64 expiresAt><hex mail id>` → empty
 * (for the sweep); `usage/<hex mailbox id>` → MailboxUsage (for quotas). Every
 * change is one atomic, synced batch, so the three always agree.
 */
export class MailStore {
  readonly #root: Root
  readonly #mail: ByteSublevel<Root>
  readonly #expiry: ByteSublevel<Root>
  readonly #usage: ByteSublevel<Root>
  readonly #lock = new KeyedLock()
  #mailboxes = 0
  #envelopes = 0
  #bytes = 0
  /** Bytes of deposits being written: counted against the relay-wide cap before they land. */
  #reserved = 0

  constructor(root: Root) {
    this.#root = root
    this.#mail = root.sublevel<string, Uint8Array>('mail', BYTE_ENCODINGS)
    this.#expiry = root.sublevel<string, Uint8Array>('expiry', BYTE_ENCODINGS)
    this.#usage = root.sublevel<string, Uint8Array>('usage', BYTE_ENCODINGS)
  }

  /** Recount the totals from the usage records (at start). */
  async load(): Promise<void> {
    let mailboxes = 0
    let envelopes = 0
    let bytes = 0
    for await (const value of this.#usage.values()) {
      const usage = decodeUsage(value)
      mailboxes++
      envelopes += usage.count
      bytes += usage.bytes
    }
    this.#mailboxes = mailboxes
    this.#envelopes = envelopes
    this.#bytes = bytes
  }

  get totals(): MailTotals {
    return { mailboxes: this.#mailboxes, envelopes: this.#envelopes, bytes: this.#bytes }
  }

  /**
   * Store one envelope if its mailbox and the relay have room; resolves after
   * the synced write.
   * @returns the stored item, or 'mailbox-full' / 'relay-full'
   */
  async deposit(
    mailboxId: Uint8Array,
    envelope: Uint8Array,
    receivedAt: number,
    expiresAt: number,
    quota: DepositQuota,
  ): Promise<StoredMailItem | 'mailbox-full' | 'relay-full'> {
    const box = bytesToHex(mailboxId)
    return this.#lock.run(box, async () => {
      const usage = decodeUsage(await this.#usage.get(box))
      const count = Math.max(1, quota.batch?.count ?? 0)
      const bytes = Math.max(envelope.length, quota.batch?.bytes ?? 0)
      if (usage.count + count > quota.maxCount || usage.bytes + bytes > quota.maxBytes) return 'mailbox-full'
      if (this.#bytes + this.#reserved + bytes > quota.maxTotalBytes) return 'relay-full'
      const stamp = new Uint8Array(8)
      new DataView(stamp.buffer).setBigUint64(0, BigInt(receivedAt))
      const id = concatBytes(mailboxId, stamp, randomBytes(8))
      const key = bytesToHex(id)
      const stored = StoredMailPb.encode({
        version: STORED_MAIL_VERSION,
        envelope: Uint8Array.from(envelope),
        receivedAt: BigInt(receivedAt),
        expiresAt: BigInt(expiresAt),
      })
      this.#reserved += envelope.length
      try {
        await this.#root.batch(
          [
            { type: 'put', sublevel: this.#mail, key, value: stored },
            { type: 'put', sublevel: this.#expiry, key: hex64(expiresAt) + key, value: new Uint8Array(0) },
            { type: 'put', sublevel: this.#usage, key: box, value: encodeUsage(usage.count + 1, usage.bytes + envelope.length) },
          ],
          SYNC_WRITE,
        )
      } finally {
        this.#reserved -= envelope.length
      }
      if (usage.count === 0) this.#mailboxes++
      this.#envelopes++
      this.#bytes += envelope.length
      return { id, mailboxId, envelope, receivedAt, expiresAt }
    })
  }

  /**
   * Unexpired mail of the given mailboxes, oldest first per mailbox, until a
   * batch limit is reached (at least one item when there is any).
   */
  async list(
    mailboxIds: readonly Uint8Array[],
    now: number,
    batch: { maxCount: number; maxBytes: number },
  ): Promise<{ items: StoredMailItem[]; more: boolean }> {
    const items: StoredMailItem[] = []
    let bytes = 0
    for (const mailboxId of mailboxIds) {
      for await (const [key, value] of this.#mail.iterator(prefixRange(bytesToHex(mailboxId)))) {
        const item = parseStored(key, value)
        if (item === undefined || item.expiresAt <= now) continue
        if (items.length >= batch.maxCount || (items.length > 0 && bytes + item.envelope.length > batch.maxBytes)) {
          return { items, more: true }
        }
        items.push(item)
        bytes += item.envelope.length
      }
    }
    return { items, more: false }
  }

  /**
   * Delete mail by id (ids of other mailboxes are the caller's to refuse first).
   * @returns how many existed and were deleted
   */
  async delete(ids: readonly Uint8Array[]): Promise<number> {
    const byBox = new Map<string, string[]>()
    for (const id of ids) {
      if (id.length !== MAIL_ID_LENGTH) continue
      const key = bytesToHex(id)
      const box = key.slice(0, MAILBOX_ID_LENGTH * 2)
      byBox.set(box, [...(byBox.get(box) ?? []), key])
    }
    let deleted = 0
    for (const [box, keys] of byBox) deleted += await this.#deleteInBox(box, [...new Set(keys)])
    return deleted
  }

  /**
   * Drop every mail whose expiry is at or before `now`.
   * @returns how many were dropped
   */
  async sweep(now: number): Promise<number> {
    let dropped = 0
    for (;;) {
      const keys = await this.#expiry.keys({ lt: hex64(now + 1), limit: SWEEP_STEP }).all()
      if (keys.length === 0) return dropped
      const byBox = new Map<string, string[]>()
      for (const k of keys) {
        const key = k.slice(16)
        const box = key.slice(0, MAILBOX_ID_LENGTH * 2)
        byBox.set(box, [...(byBox.get(box) ?? []), key])
      }
      let step = 0
      for (const [box, mailKeys] of byBox)
        step += await this.#deleteInBox(
          box,
          mailKeys,
          keys.filter((k) => k.slice(16, 16 + box.length) === box),
        )
      dropped += step
      if (keys.length < SWEEP_STEP) return dropped
    }
  }

  /** Delete mails of one mailbox (under its lock) with their index entries and usage. */
  async #deleteInBox(box: string, keys: readonly string[], extraExpiryKeys: readonly string[] = []): Promise<number> {
    return this.#lock.run(box, async () => {
      const values = await this.#mail.getMany([...keys])
      const usage = decodeUsage(await this.#usage.get(box))
      const ops: AbstractBatchOperation<Root, string, Uint8Array>[] = extraExpiryKeys.map((key) => ({
        type: 'del' as const,
        sublevel: this.#expiry,
        key,
      }))
      let count = 0
      let bytes = 0
      keys.forEach((key, i) => {
        const value = values[i]
        if (value === undefined) return
        const item = parseStored(key, value)
        ops.push({ type: 'del', sublevel: this.#mail, key })
        if (item === undefined) return // unreadable: deleted, nothing to count
        ops.push({ type: 'del', sublevel: this.#expiry, key: hex64(item.expiresAt) + key })
        count++
        bytes += item.envelope.length
      })
      if (ops.length === 0) return 0
      const left = { count: Math.max(0, usage.count - count), bytes: Math.max(0, usage.bytes - bytes) }
      ops.push(
        left.count === 0
          ? { type: 'del', sublevel: this.#usage, key: box }
          : { type: 'put', sublevel: this.#usage, key: box, value: encodeUsage(left.count, left.bytes) },
      )
      await this.#root.batch(ops, SYNC_WRITE)
      if (usage.count > 0 && left.count === 0) this.#mailboxes--
      this.#envelopes -= usage.count - left.count
      this.#bytes -= usage.bytes - left.bytes
      return count
    })
  }
}

function parseStored(key: string, value: Uint8Array): StoredMailItem | undefined {
  try {
    const pb = decodeBounded('stored mail', value, limits.MAX_ENVELOPE_BYTES + 64, (b) => StoredMailPb.decode(b))
    checkVersion('stored mail', pb.version, { min: STORED_MAIL_VERSION, max: STORED_MAIL_VERSION })
    const id = hexToBytes(key)
    return {
      id,
      mailboxId: id.slice(0, MAILBOX_ID_LENGTH),
      envelope: pb.envelope,
      receivedAt: Number(pb.receivedAt),
      expiresAt: Number(pb.expiresAt),
    }
  } catch {
    return undefined
  }
}

function decodeUsage(value: Uint8Array | undefined): { count: number; bytes: number } {
  if (value === undefined) return { count: 0, bytes: 0 }
  const pb = MailboxUsagePb.decode(value)
  return { count: pb.count, bytes: Number(pb.bytes) }
}

function encodeUsage(count: number, bytes: number): Uint8Array {
  return MailboxUsagePb.encode({ count, bytes: BigInt(bytes) })
}
