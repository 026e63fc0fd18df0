import { equalBytes } from '@noble/ciphers/utils.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { XchatError, isXchatError } from '../errors.js'
import type { AccountId, DeviceKeys } from '../identity/index.js'
import type { AccountIds } from './account-ids.js'
import type { XchatStore, StoreTxn, StoredMessage, MessageStatus, IdentityRecord } from '../store/index.js'
import { parseEnvelope, VerifiedCertificates, type DeliveryAnswer, type Envelope } from './envelope.js'
import { parseContent, type FileControlKind, type MessageContent, type MessageTimer, type ReceiptKind } from './content.js'
import { checkDevice } from './identity-guard.js'
import { acceptSeq } from './ordering.js'
import type { Mutex } from './lock.js'
import type { OwnPrekeys } from './own-prekeys.js'
import type { Sessions } from './sessions.js'
import type { DeliveryPath } from './events.js'
import { GroupCommit, type ItemResult } from './group-commit.js'
import { MAX_GROUP_ITEMS, MAX_HELD_ENVELOPES } from './constants.js'
import {
  describeTimer,
  expiryOnArrival,
  expiryOnPeerRead,
  expiryOnRead,
  indexOps,
  isTombstoned,
  withExpiry,
  withTimerMs,
} from '../ephemeral/index.js'

/** The device an envelope came from. */
export interface SenderDevice {
  readonly accountId: AccountId
  readonly deviceIndex: number
  readonly devicePublicKey: Uint8Array
  readonly deviceKey: string
}

/** What the receiver tells the messenger, after the batch is written. */
export interface ReceiverHooks {
  text(message: StoredMessage, from: SenderDevice, gap: boolean): void
  receipt(conversation: AccountId, kind: ReceiptKind, ids: readonly string[], from: SenderDevice): void
  resend(conversation: AccountId, messages: readonly StoredMessage[], from: SenderDevice): void
  identityChanged(accountId: AccountId, deviceIndex: number): void
  /** A peer's file control (complete / cancelled) about a file id (hex). */
  fileControl(conversation: AccountId, fileId: string, control: FileControlKind, from: SenderDevice): void
  rejected(reason: string, via: DeliveryPath): void
  /** A call signal (its bytes unparsed: calls/ owns them); `conversation` is the peer account. */
  call(signal: Uint8Array, from: SenderDevice, conversation: AccountId, fromSelf: boolean, sentAt: number): void
  /** A group control (Content 18) from a peer or from one of our own devices. */
  group?(control: Uint8Array, from: SenderDevice): void
}

/** What {@link Receiver} needs. */
export interface ReceiverInit {
  readonly store: XchatStore
  readonly sessions: Sessions
  readonly prekeys: OwnPrekeys
  readonly lock: Mutex
  readonly keys: DeviceKeys
  readonly now: () => number
  readonly accountIds: AccountIds
  /** The PeerId text of a device key (the direct stream's remote peer must be the sender device). */
  readonly peerIdOf: (devicePublicKey: Uint8Array) => string
  readonly hooks: ReceiverHooks
  /** Whether the sender's account revoked this device key (hex): its envelopes are refused. */
  readonly isRevoked?: (deviceKey: string) => Promise<boolean>
}

/** How an envelope arrived. */
export type Arrival = { readonly path: 'direct'; readonly fromPeerId: string } | { readonly path: 'mailbox' }

/** A parsed envelope waiting for its group. */
interface Incoming {
  readonly bytes: Uint8Array
  readonly env: Envelope
  readonly arrival: Arrival
}

/** What the envelopes of one group share: the staged writes, and what runs once they are written. */
interface Group {
  readonly txn: StoreTxn
  readonly after: (() => void)[]
  /** One-time prekeys the group used: forgotten in memory once their deletion is written. */
  readonly usedPrekeys: number[]
  /** Envelopes the group holds for an identity change (counted against MAX_HELD_ENVELOPES with the stored ones). */
  held: number
  /** Whether the store holds any tombstone (ephemeral/), looked up once per group: tombstones are written under the mutex. */
  anyTombstone?: boolean
}

const STATUS_RANK: Readonly<Record<MessageStatus, number>> = { pending: 0, failed: 0, sent: 1, received: 1, delivered: 2, read: 3 }

/**
 * Takes envelopes from direct streams and mailboxes: checks, decrypts, and
 * stores everything one envelope changes (session record, used prekey,
 * message, dedup id, cursor, statuses) in one batch, then answers. A
 * duplicate (same session message, or a seen message id) is answered
 * `duplicate` and shown nowhere; bad input is answered `rejected` with an error code.
 */
export class Receiver {
  readonly #init: ReceiverInit
  readonly #ourAccount: Uint8Array
  readonly #ourDevice: Uint8Array
  readonly #certificates = new VerifiedCertificates()
  readonly #group: GroupCommit<Incoming, DeliveryAnswer>

  constructor(init: ReceiverInit) {
    this.#init = init
    this.#group = new GroupCommit(init.lock, MAX_GROUP_ITEMS, async (items) => this.#receiveGroup(items))
    this.#ourAccount = init.keys.account.publicKey
    this.#ourDevice = init.keys.device.publicKey
  }

  /**
   * Process one envelope. Resolves once everything is stored (then, and only
   * then, may the sender be acked); throws only when the store fails.
   * Envelopes arriving while others are worked on are processed together
   * with them (group commit: one batch, one sync), each answered on its own.
   */
  async receive(bytes: Uint8Array, arrival: Arrival): Promise<DeliveryAnswer> {
    let envelope: Envelope
    try {
      envelope = parseEnvelope(bytes, this.#ourDevice, this.#certificates)
      if (arrival.path === 'direct' && arrival.fromPeerId !== this.#init.peerIdOf(envelope.senderDeviceKey)) {
        throw new XchatError('IDENTITY_MISMATCH', 'the direct stream comes from another device than the envelope names')
      }
      if (equalBytes(envelope.senderDeviceKey, this.#ourDevice)) throw new XchatError('INVALID_KEY', 'an envelope from this very device')
    } catch (err) {
      return this.#reject(err, arrival)
    }
    return this.#group.run({ bytes, env: envelope, arrival })
  }

  /**
   * A group of parsed envelopes, in arrival order, under the mutex: each is
   * worked on against the state the ones before it staged; all of it is
   * written in one batch, then the hooks run. A store failure fails the
   * whole group (nothing written, nothing acked).
   */
  async #receiveGroup(items: readonly Incoming[]): Promise<ItemResult<DeliveryAnswer>[]> {
    const txn = this.#init.store.txn()
    const group: Group = { txn, after: [], usedPrekeys: [], held: 0 }
    const answers: ItemResult<DeliveryAnswer>[] = []
    for (const item of items) answers.push({ ok: true, value: await this.#locked(item.bytes, item.env, item.arrival, group) })
    await this.#init.store.write(txn.ops())
    for (const id of group.usedPrekeys) this.#init.prekeys.forget(id)
    for (const f of group.after) f()
    return answers
  }

  async #locked(bytes: Uint8Array, env: Envelope, arrival: Arrival, group: Group): Promise<DeliveryAnswer> {
    const { store, sessions, now: clock } = this.#init
    const { txn } = group
    const now = clock()
    const from: SenderDevice = {
      accountId: this.#accountId(env.senderAccountKey),
      deviceIndex: env.senderCertificate.deviceIndex,
      devicePublicKey: env.senderDeviceKey,
      deviceKey: bytesToHex(env.senderDeviceKey),
    }
    if ((await this.#init.isRevoked?.(from.deviceKey)) === true) {
      return this.#reject(new XchatError('DEVICE_REVOKED', 'the sender device was revoked by its account'), arrival)
    }
    const identityKey = store.blind(from.accountId)
    const verdict = checkDevice(
      await txn.get(store.identities, identityKey),
      from.accountId,
      { index: from.deviceIndex, key: from.deviceKey },
      now,
    )
    if (verdict.kind === 'blocked') return this.#hold(bytes, from, verdict.newlyChanged ? verdict.record : undefined, arrival, group)
    if (verdict.changedRecord) txn.put(store.identities, identityKey, verdict.record)

    let decrypted
    try {
      decrypted = await sessions.decrypt(env, now, txn)
    } catch (err) {
      // the session already took this message: it was stored with everything it changed
      if (isXchatError(err, 'DUPLICATE_MESSAGE')) return { status: 'duplicate' }
      return this.#reject(err, arrival)
    }
    if (decrypted.usedOneTimePrekeyId !== undefined) group.usedPrekeys.push(decrypted.usedOneTimePrekeyId)
    const { after } = group
    // after the write; it only sets a timer, so this message's own hooks (pushed below) run first
    if (decrypted.prepareSending !== undefined) after.push(decrypted.prepareSending)

    const fromSelf = equalBytes(env.senderAccountKey, this.#ourAccount)
    let content: MessageContent
    try {
      content = parseContent(decrypted.plaintext)
      const toSelf = equalBytes(content.conversation, this.#ourAccount)
      // a peer writes to us; our own devices copy what they wrote to a peer
      if (fromSelf === toSelf) throw new XchatError('MALFORMED', 'content names a conversation that does not match its sender')
    } catch (err) {
      // the session took the message (its new state is staged): it is answered, and never taken again
      const reason = codeOf(err)
      after.push(() => this.#init.hooks.rejected(reason, arrival.path))
      return { status: 'rejected', reason }
    }
    const id = bytesToHex(content.id)
    if (await txn.has(store.seen, id)) return { status: 'duplicate' }
    // expired here: a late copy (a resend, a session reset, mail) must not bring it back
    // (most devices hold no tombstone at all: one look per group then, not one per envelope)
    group.anyTombstone ??= (await store.tombstones.count(1)) > 0
    if (group.anyTombstone && (await isTombstoned(store, id))) return { status: 'duplicate' }
    txn.push(...store.seenAdd(id, now))
    const conversation = fromSelf ? this.#accountId(content.conversation) : from.accountId

    const body = content.body
    if (body.kind === 'text' || body.kind === 'file' || body.kind === 'timer') {
      const direction = fromSelf ? 'out' : 'in'
      const timer: MessageTimer = body.kind === 'timer' ? {} : body
      // the clock policy (ephemeral/) uses this device's time only, never the sender's sent_at
      const expiresAt = expiryOnArrival({ direction, ...timer }, now)
      const message: StoredMessage = {
        id,
        conversation,
        direction,
        senderDevice: from.deviceKey,
        sentAt: content.sentAt,
        receivedAt: now,
        seq: content.seq,
        text: body.kind === 'text' ? body.text : body.kind === 'timer' ? describeTimer(body.expireAfterMs) : '',
        status: fromSelf ? 'sent' : 'received',
        ...(body.kind === 'file' ? { file: { manifest: bytesToHex(body.manifest) } } : {}),
        ...(timer.expireAfterMs === undefined ? {} : { expireAfterMs: timer.expireAfterMs }),
        ...(timer.viewOnce === true ? { viewOnce: true } : {}),
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(body.kind === 'timer' ? { system: { kind: 'timer' as const, expireAfterMs: body.expireAfterMs } } : {}),
      }
      const gap = await this.#storeText(message, txn, now, body.kind === 'timer' ? { timerMs: body.expireAfterMs } : undefined)
      after.push(() => this.#init.hooks.text(message, from, gap))
    } else if (body.kind === 'receipt') {
      const ids = await this.#applyReceipt(conversation, fromSelf, body.receipt, body.ids.map(bytesToHex), txn)
      if (ids.length > 0) after.push(() => this.#init.hooks.receipt(conversation, body.receipt, ids, from))
    } else if (body.kind === 'group') {
      after.push(() => this.#init.hooks.group?.(body.control, from))
    } else if (body.kind === 'unknown' && content.seq > 0) {
      // an ordered kind from a newer client: its seq counts, so it leaves no gap
      const cursorKey = store.cursorKey(conversation, from.deviceKey)
      txn.put(store.cursors, cursorKey, acceptSeq(await txn.get(store.cursors, cursorKey), content.seq).cursor)
    } else if (body.kind === 'file-control' && !fromSelf) {
      after.push(() => this.#init.hooks.fileControl(conversation, bytesToHex(body.fileId), body.control, from))
    } else if (body.kind === 'call') {
      after.push(() => this.#init.hooks.call(body.signal, from, conversation, fromSelf, content.sentAt))
    } else if (body.kind === 'resend' && !fromSelf) {
      const messages = await this.#ownSent(conversation, body.seqs, txn)
      if (messages.length > 0) after.push(() => this.#init.hooks.resend(conversation, messages, from))
    }
    return { status: 'stored' }
  }

  /** Ops storing a text, its conversation (with a new timer) and its stream cursor; true when the stream has a gap. */
  async #storeText(message: StoredMessage, txn: StoreTxn, now: number, change?: { timerMs: number | null }): Promise<boolean> {
    const { store } = this.#init
    // display order: the sender's time, but never in our future (a wrong clock cannot pin a message last)
    const key = store.messageKey(message, Math.min(message.sentAt, now))
    const convKey = store.blind(message.conversation)
    const conv = (await txn.get(store.conversations, convKey)) ?? {
      accountId: message.conversation,
      nextSeq: 1,
      lastActivityAt: now,
      unread: 0,
    }
    const cursorKey = store.cursorKey(message.conversation, message.senderDevice)
    const { cursor } = acceptSeq(await txn.get(store.cursors, cursorKey), message.seq)
    const timerMs = change === undefined ? conv.timerMs : (change.timerMs ?? undefined)
    txn.push(store.messages.put(key, message), store.messageIds.put(message.id, key), ...indexOps(store, key, message))
    txn.put(
      store.conversations,
      convKey,
      withTimerMs({ ...conv, lastActivityAt: now, unread: conv.unread + (message.direction === 'in' ? 1 : 0) }, timerMs),
    )
    txn.put(store.cursors, cursorKey, cursor)
    return cursor.above.length > 0
  }

  /**
   * Ops raising the status of our messages a peer's receipt names (never
   * lowering it), or — a read receipt from our own other device — marking
   * the peer's messages read here too. @returns the ids that matched
   */
  async #applyReceipt(
    conversation: AccountId,
    fromSelf: boolean,
    kind: ReceiptKind,
    ids: readonly string[],
    txn: StoreTxn,
  ): Promise<string[]> {
    const { store } = this.#init
    const direction = fromSelf ? 'in' : 'out'
    if (fromSelf && kind !== 'read') return []
    const matched: string[] = []
    const unique = [...new Set(ids)]
    // up to MAX_RECEIPT_IDS ids: two reads for all of them, not two per id
    const keys = await txn.getMany(store.messageIds, unique)
    const messages = await txn.getMany(
      store.messages,
      keys.filter((k): k is string => k !== undefined),
    )
    const byKey = new Map(keys.filter((k): k is string => k !== undefined).map((k, i) => [k, messages[i]]))
    for (const [i, id] of unique.entries()) {
      const key = keys[i]
      const message = key === undefined ? undefined : byKey.get(key)
      if (key === undefined || message === undefined || message.conversation !== conversation || message.direction !== direction) continue
      matched.push(id)
      if (STATUS_RANK[message.status] >= STATUS_RANK[kind]) continue
      const updated = { ...message, status: kind }
      // read on our other device: the clock starts here too; our view-once read by the peer: it goes
      const now = this.#init.now()
      const expiresAt = kind !== 'read' ? undefined : fromSelf ? expiryOnRead(message, now) : expiryOnPeerRead(message, now)
      txn.push(...withExpiry(store, key, updated, expiresAt).ops)
    }
    if (fromSelf && matched.length > 0) {
      const convKey = store.blind(conversation)
      const conv = await txn.get(store.conversations, convKey)
      if (conv !== undefined) txn.put(store.conversations, convKey, { ...conv, unread: Math.max(0, conv.unread - matched.length) })
    }
    return matched
  }

  /** This device's own messages of a conversation with the given seqs (for a resend request). */
  async #ownSent(conversation: AccountId, seqs: readonly number[], txn: StoreTxn): Promise<StoredMessage[]> {
    const { store } = this.#init
    const found: StoredMessage[] = []
    for (const seq of new Set(seqs)) {
      const id = await txn.get(store.sentSeqs, store.sentSeqKey(conversation, seq))
      const key = id === undefined ? undefined : await txn.get(store.messageIds, id)
      const message = key === undefined ? undefined : await txn.get(store.messages, key)
      if (message !== undefined) found.push(message)
    }
    return found
  }

  /** Keep an envelope from a blocked account until the user accepts the change (stored: the sender stops retrying). */
  async #hold(
    bytes: Uint8Array,
    from: SenderDevice,
    changed: IdentityRecord | undefined,
    arrival: Arrival,
    group: Group,
  ): Promise<DeliveryAnswer> {
    const { store } = this.#init
    if ((await store.held.count(MAX_HELD_ENVELOPES)) + group.held >= MAX_HELD_ENVELOPES) {
      return this.#reject(new XchatError('IDENTITY_CHANGED', 'too many envelopes wait for an identity change to be accepted'), arrival)
    }
    group.held++
    group.txn.push(store.heldAdd({ accountId: from.accountId, envelope: bytes, receivedAt: this.#init.now() }))
    if (changed !== undefined) {
      group.txn.put(store.identities, store.blind(from.accountId), changed)
      group.after.push(() => this.#init.hooks.identityChanged(from.accountId, from.deviceIndex))
    }
    return { status: 'stored' }
  }

  #accountId(key: Uint8Array): AccountId {
    return this.#init.accountIds.of(key)
  }

  #reject(err: unknown, arrival: Arrival): DeliveryAnswer {
    if (!isXchatError(err)) throw err
    this.#init.hooks.rejected(err.code, arrival.path)
    return { status: 'rejected', reason: err.code }
  }
}

function codeOf(err: unknown): string {
  if (isXchatError(err)) return err.code
  throw err
}
