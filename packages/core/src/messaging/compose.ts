import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { isXchatError } from '../errors.js'
import type { AccountId } from '../identity/index.js'
import { randomBytes } from '../crypto/index.js'
import type { OneTimePrekey } from '../session/index.js'
import type { XchatStore, StoreTxn, StoredMessage, OutboxEntry, OutboxKind, Conversation } from '../store/index.js'
import { describeTimer, expiryOnArrival, indexOps, withTimerMs } from '../ephemeral/index.js'
import { encodeContent, isOrdered, type ContentBody, type MessageTimer } from './content.js'
import type { PeerDevice } from './devices.js'
import type { Sessions } from './sessions.js'
import { MESSAGE_ID_LENGTH, OUTBOX_TTL_MS } from './constants.js'

/** What to send. */
export interface ComposeInit {
  readonly conversation: AccountId
  readonly body: ContentBody
  /** Every device that gets a copy (the peer's and this account's other devices). */
  readonly targets: readonly PeerDevice[]
  /** One-time prekeys taken for targets without a session, by device key. */
  readonly oneTimePrekeys?: ReadonlyMap<string, OneTimePrekey>
  /** Send an already stored message of ours again (same id, seq and time). */
  readonly again?: StoredMessage
  /** How long the outbox may try (default OUTBOX_TTL_MS); call signals are useless after seconds. */
  readonly ttlMs?: number
}

/** A device that got no envelope, and why (an XchatErrorCode). */
export interface Skipped {
  readonly device: PeerDevice
  readonly reason: string
}

/** The result of {@link compose}: everything is staged; once written, the outbox keys are ready to deliver. */
export interface Composed {
  readonly id: string
  readonly message?: StoredMessage
  /** Outbox entries by key (the entry as staged, so delivery need not read it back). */
  readonly queued: readonly { readonly key: string; readonly device: PeerDevice; readonly entry: OutboxEntry }[]
  readonly skipped: readonly Skipped[]
}

/**
 * Build a message, encrypt it for every target device and stage, in `txn`,
 * the new session records, the outbox entries, and for a text the message and
 * its conversation's next seq. Nothing leaves before the txn is written (the
 * caller writes it, for a group of messages at once). Run under the messaging mutex.
 */
export async function compose(
  store: XchatStore,
  sessions: Sessions,
  txn: StoreTxn,
  ourDeviceKey: string,
  now: number,
  conversationKey: Uint8Array,
  init: ComposeInit,
): Promise<Composed> {
  const { conversation } = init
  const convKey = store.blind(conversation)
  const existing = await txn.get(store.conversations, convKey)
  const again = init.again
  // a new text or file without its own timer takes the conversation's
  const body = again === undefined ? withConversationTimer(init.body, existing?.timerMs) : init.body
  const ordered = isOrdered(body)
  const id = again?.id ?? bytesToHex(randomBytes(MESSAGE_ID_LENGTH))
  const seq = again?.seq ?? (ordered ? (existing?.nextSeq ?? 1) : 0)
  const sentAt = again?.sentAt ?? now
  const content = encodeContent({ id: hexToBytes(id), conversation: conversationKey, sentAt, seq, body })
  const timer: MessageTimer = body.kind === 'text' || body.kind === 'file' ? body : {}
  // the sender's clock starts now; a resend keeps the expiry the message has
  const expiresAt = again !== undefined ? again.expiresAt : expiryOnArrival({ direction: 'out', ...timer }, now)

  const queued: { key: string; device: PeerDevice; entry: OutboxEntry }[] = []
  const skipped: Skipped[] = []
  for (const device of uniqueDevices(init.targets)) {
    try {
      const oneTimePrekey = init.oneTimePrekeys?.get(device.deviceKey)
      const envelope = await sessions.encrypt(device, content, txn, oneTimePrekey === undefined ? {} : { oneTimePrekey })
      const entry = outboxEntry(
        id,
        conversation,
        kindOf(body, again),
        device,
        envelope,
        content,
        now,
        init.ttlMs ?? OUTBOX_TTL_MS,
        expiresAt,
      )
      const added = store.outboxAdd(entry)
      txn.push(added.op)
      queued.push({ key: added.key, device, entry })
    } catch (err) {
      if (!isXchatError(err)) throw err
      skipped.push({ device, reason: err.code })
    }
  }

  let message: StoredMessage | undefined
  if (isOrdered(body) && again === undefined) {
    message = {
      id,
      conversation,
      direction: 'out',
      senderDevice: ourDeviceKey,
      sentAt,
      receivedAt: now,
      seq,
      text: body.kind === 'text' ? body.text : body.kind === 'timer' ? describeTimer(body.expireAfterMs) : '',
      status: 'pending',
      ...(body.kind === 'file' ? { file: { manifest: bytesToHex(body.manifest) } } : {}),
      ...(timer.expireAfterMs === undefined ? {} : { expireAfterMs: timer.expireAfterMs }),
      ...(timer.viewOnce === true ? { viewOnce: true } : {}),
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...(body.kind === 'timer' ? { system: { kind: 'timer' as const, expireAfterMs: body.expireAfterMs } } : {}),
    }
    const key = store.messageKey(message, sentAt)
    const timerMs = body.kind === 'timer' ? (body.expireAfterMs ?? undefined) : existing?.timerMs
    const conv: Conversation = withTimerMs(
      { ...existing, accountId: conversation, nextSeq: seq + 1, lastActivityAt: now, unread: existing?.unread ?? 0 },
      timerMs,
    )
    txn.push(
      store.messages.put(key, message),
      ...indexOps(store, key, message),
      store.messageIds.put(id, key),
      store.sentSeqs.put(store.sentSeqKey(conversation, seq), id),
      ...store.seenAdd(id, now),
    )
    txn.put(store.conversations, convKey, conv)
  }
  return { id, ...(message === undefined ? {} : { message }), queued, skipped }
}

function outboxEntry(
  messageId: string,
  conversation: AccountId,
  kind: OutboxKind,
  device: PeerDevice,
  envelope: Uint8Array,
  content: Uint8Array,
  now: number,
  ttlMs: number,
  messageExpiresAt: number | undefined,
): OutboxEntry {
  return {
    messageId,
    conversation,
    kind,
    target: { accountId: device.accountId, devicePublicKey: device.deviceKey, peerId: device.peerId, addrs: device.addrs },
    envelope,
    content,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    // a timed message is not delivered after it has gone here: retries and relays stop at its expiry
    expiresAt: Math.min(now + ttlMs, messageExpiresAt ?? Infinity),
    resets: 0,
    ...(messageExpiresAt === undefined ? {} : { mailExpiresAt: messageExpiresAt }),
  }
}

/** A text or file without a timer of its own gets the conversation's. */
function withConversationTimer(body: ContentBody, timerMs: number | undefined): ContentBody {
  if ((body.kind !== 'text' && body.kind !== 'file') || body.expireAfterMs !== undefined || timerMs === undefined) return body
  return { ...body, expireAfterMs: timerMs }
}

function kindOf(body: ContentBody, again: StoredMessage | undefined): OutboxKind {
  if (again !== undefined) return 'resend'
  if (body.kind === 'call') return 'call'
  return body.kind === 'receipt' || body.kind === 'file-control' ? 'receipt' : body.kind === 'resend' ? 'resend' : 'text'
}

function uniqueDevices(devices: readonly PeerDevice[]): PeerDevice[] {
  const seen = new Set<string>()
  return devices.filter((d) => !seen.has(d.deviceKey) && seen.add(d.deviceKey))
}
