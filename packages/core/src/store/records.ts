import type { AccountId } from '../identity/index.js'
import { jsonCodec, read, hex } from './codecs.js'

/** A contact: a name the user chose for an account. */
export interface Contact {
  readonly accountId: AccountId
  readonly name: string
  /** ms since the Unix epoch */
  readonly addedAt: number
}

/** A 1:1 conversation with an account. */
export interface Conversation {
  readonly accountId: AccountId
  /** The seq of this device's next ordered message in this conversation (from 1). */
  readonly nextSeq: number
  /** ms since the Unix epoch of the last message in or out */
  readonly lastActivityAt: number
  /** Incoming messages not yet marked read. */
  readonly unread: number
  /** The disappearing timer of new messages (ms); unset: off (ephemeral/). */
  readonly timerMs?: number
}

/** Where a message came from: this account (any of its devices) or the peer. */
export type MessageDirection = 'in' | 'out'

/**
 * Outgoing: pending (queued) → sent (stored by a device or ≥ 2 mailboxes) → delivered → read,
 * or failed. Incoming: received → read.
 */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'received'

/** One message of a conversation as stored (sealed). */
export interface StoredMessage {
  /** 16 bytes, hex */
  readonly id: string
  readonly conversation: AccountId
  readonly direction: MessageDirection
  /** The sending device's key, hex. */
  readonly senderDevice: string
  /** ms since the Unix epoch, the sender's clock */
  readonly sentAt: number
  /** ms since the Unix epoch, this device's clock */
  readonly receivedAt: number
  readonly seq: number
  readonly text: string
  readonly status: MessageStatus
  /** A file message: its encoded manifest (hex); `text` is then empty. */
  readonly file?: { readonly manifest: string }
  /** The message's disappearing timer (ms): its clock starts when sent (sender's devices) or read (recipient's). */
  readonly expireAfterMs?: number
  /** View once: deleted on the recipient's devices as soon as it is read, on the sender's once the read receipt comes. */
  readonly viewOnce?: boolean
  /** When this device deletes it (ms since the Unix epoch, this device's clock); set once its clock started. */
  readonly expiresAt?: number
  /** A system entry instead of a user message: the conversation timer was changed (ms, null: off); `text` describes it. */
  readonly system?: { readonly kind: 'timer'; readonly expireAfterMs: number | null }
  /** A call entry (calls/), local to this device: `text` is then empty and nothing was sent. */
  readonly call?: StoredCall
}

/** How a call went, as the chat history shows it. */
export interface StoredCall {
  /** 16 bytes, hex */
  readonly callId: string
  readonly media: 'audio' | 'video'
  /** How it ended: hangup | declined | busy | no-answer | cancelled | failed | answered-elsewhere */
  readonly outcome: string
  /** ms the media flowed (0 when it never did) */
  readonly durationMs: number
}

/** The devices of an account this device has seen, and an unaccepted change if any. */
export interface IdentityRecord {
  readonly accountId: AccountId
  /** Device index → device key (hex) as certified by the account key. */
  readonly devices: readonly { readonly index: number; readonly key: string }[]
  /** A device index that came back with another key: blocks the account until accepted. */
  readonly changed?: { readonly index: number; readonly key: string; readonly seenAt: number }
}

/** A prekey of this device with its private key. */
export interface PrekeyRecord {
  readonly kind: 'signed' | 'one-time'
  readonly id: number
  readonly publicKey: Uint8Array
  readonly privateKey: Uint8Array
  /** ms since the Unix epoch */
  readonly createdAt: number
  /** signed prekeys only */
  readonly signature?: Uint8Array
}

/** A device an envelope goes to. */
export interface OutboxTarget {
  readonly accountId: AccountId
  /** hex */
  readonly devicePublicKey: string
  readonly peerId: string
  /** Addresses from the directory (direct and relay circuits). */
  readonly addrs: readonly string[]
}

/** What kind of content an outbox entry carries. */
/** `call`: a call signal, short-lived, direct only (never to mailboxes), not retried. */
export type OutboxKind = 'text' | 'receipt' | 'resend' | 'call'

/** One envelope waiting for a device's ack or ≥ 2 mailboxes. */
export interface OutboxEntry {
  /** 16 bytes, hex */
  readonly messageId: string
  readonly conversation: AccountId
  readonly kind: OutboxKind
  readonly target: OutboxTarget
  /** The encoded Envelope, sent again as-is on a retry (its session state already moved on). */
  readonly envelope: Uint8Array
  /** The encoded Content, to encrypt again if the device lost its session. */
  readonly content: Uint8Array
  readonly attempts: number
  /** ms since the Unix epoch */
  readonly nextAttemptAt: number
  readonly createdAt: number
  /** After this the entry is dropped and the message marked failed. */
  readonly expiresAt: number
  /** Times the envelope was encrypted again on a new session. */
  readonly resets: number
  /** A timed message: relays drop its mail at this time (ms since the Unix epoch) instead of the default. */
  readonly mailExpiresAt?: number
}

/** Which seqs of one (sender device → conversation) stream have arrived. */
export interface ReceiveCursor {
  /** The lowest seq not yet received; 0 until the first message sets the baseline. */
  readonly next: number
  /** Seqs received above `next`, ascending (a gap lies below the first). */
  readonly above: readonly number[]
  /** ms since the Unix epoch a resend was last asked for */
  readonly requestedAt?: number
}

/** An envelope held back until the user accepts a changed identity. */
export interface HeldEnvelope {
  readonly accountId: AccountId
  readonly envelope: Uint8Array
  readonly receivedAt: number
}

const accountId = (x: unknown): AccountId => read.string(x) as AccountId

/** `{ [name]: int }` when the field is present, else `{}` (optional fields stay absent, not undefined). */
function optionalInt<N extends string>(name: N, json: unknown): Partial<Record<N, number>> {
  const v = read.optional(json, read.int)
  return (v === undefined ? {} : { [name]: v }) as Partial<Record<N, number>>
}

function systemOf(json: unknown): NonNullable<StoredMessage['system']> {
  const o = read.object(json)
  if (o.kind !== 'timer') throw new TypeError('bad system entry kind')
  return { kind: 'timer', expireAfterMs: read.optional(o.expireAfterMs, read.int) ?? null }
}

export const contactCodec = jsonCodec<Contact>(
  (c) => c,
  (j) => {
    const o = read.object(j)
    return { accountId: accountId(o.accountId), name: read.string(o.name), addedAt: read.int(o.addedAt) }
  },
)

export const conversationCodec = jsonCodec<Conversation>(
  (c) => c,
  (j) => {
    const o = read.object(j)
    return {
      accountId: accountId(o.accountId),
      nextSeq: read.int(o.nextSeq),
      lastActivityAt: read.int(o.lastActivityAt),
      unread: read.int(o.unread),
      ...optionalInt('timerMs', o.timerMs),
    }
  },
)

const STATUSES: readonly MessageStatus[] = ['pending', 'sent', 'delivered', 'read', 'failed', 'received']

export const messageCodec = jsonCodec<StoredMessage>(
  (m) => m,
  (j) => {
    const o = read.object(j)
    const direction = read.string(o.direction)
    const status = read.string(o.status)
    if (direction !== 'in' && direction !== 'out') throw new TypeError('bad direction')
    if (!STATUSES.includes(status as MessageStatus)) throw new TypeError('bad status')
    return {
      id: read.string(o.id),
      conversation: accountId(o.conversation),
      direction,
      senderDevice: read.string(o.senderDevice),
      sentAt: read.int(o.sentAt),
      receivedAt: read.int(o.receivedAt),
      seq: read.int(o.seq),
      text: read.string(o.text),
      status: status as MessageStatus,
      ...(o.file === undefined ? {} : { file: { manifest: read.string(read.object(o.file).manifest) } }),
      ...optionalInt('expireAfterMs', o.expireAfterMs),
      ...optionalInt('expiresAt', o.expiresAt),
      ...(o.viewOnce === true ? { viewOnce: true } : {}),
      ...(o.system === undefined ? {} : { system: systemOf(o.system) }),
      ...(o.call === undefined ? {} : { call: callOf(o.call) }),
    }
  },
)

function callOf(j: unknown): StoredCall {
  const c = read.object(j)
  const media = read.string(c.media)
  if (media !== 'audio' && media !== 'video') throw new TypeError('bad call media')
  return { callId: read.string(c.callId), media, outcome: read.string(c.outcome), durationMs: read.int(c.durationMs) }
}

export const identityCodec = jsonCodec<IdentityRecord>(
  (r) => r,
  (j) => {
    const o = read.object(j)
    const changed = read.optional(o.changed, (c) => {
      const x = read.object(c)
      return { index: read.int(x.index), key: read.string(x.key), seenAt: read.int(x.seenAt) }
    })
    return {
      accountId: accountId(o.accountId),
      devices: read.array(o.devices, (d) => {
        const x = read.object(d)
        return { index: read.int(x.index), key: read.string(x.key) }
      }),
      ...(changed === undefined ? {} : { changed }),
    }
  },
)

export const prekeyCodec = jsonCodec<PrekeyRecord>(
  (p) => ({
    kind: p.kind,
    id: p.id,
    publicKey: hex(p.publicKey),
    privateKey: hex(p.privateKey),
    createdAt: p.createdAt,
    ...(p.signature === undefined ? {} : { signature: hex(p.signature) }),
  }),
  (j) => {
    const o = read.object(j)
    const kind = read.string(o.kind)
    if (kind !== 'signed' && kind !== 'one-time') throw new TypeError('bad prekey kind')
    const signature = read.optional(o.signature, read.bytes)
    return {
      kind,
      id: read.int(o.id),
      publicKey: read.bytes(o.publicKey),
      privateKey: read.bytes(o.privateKey),
      createdAt: read.int(o.createdAt),
      ...(signature === undefined ? {} : { signature }),
    }
  },
)

const KINDS: readonly OutboxKind[] = ['text', 'receipt', 'resend', 'call']

export const outboxCodec = jsonCodec<OutboxEntry>(
  (e) => ({ ...e, envelope: hex(e.envelope), content: hex(e.content) }),
  (j) => {
    const o = read.object(j)
    const t = read.object(o.target)
    const kind = read.string(o.kind) as OutboxKind
    if (!KINDS.includes(kind)) throw new TypeError('bad outbox kind')
    return {
      messageId: read.string(o.messageId),
      conversation: accountId(o.conversation),
      kind,
      target: {
        accountId: accountId(t.accountId),
        devicePublicKey: read.string(t.devicePublicKey),
        peerId: read.string(t.peerId),
        addrs: read.array(t.addrs, read.string),
      },
      envelope: read.bytes(o.envelope),
      content: read.bytes(o.content),
      attempts: read.int(o.attempts),
      nextAttemptAt: read.int(o.nextAttemptAt),
      createdAt: read.int(o.createdAt),
      expiresAt: read.int(o.expiresAt),
      resets: read.int(o.resets),
      ...optionalInt('mailExpiresAt', o.mailExpiresAt),
    }
  },
)

export const cursorCodec = jsonCodec<ReceiveCursor>(
  (c) => c,
  (j) => {
    const o = read.object(j)
    const requestedAt = read.optional(o.requestedAt, read.int)
    return {
      next: read.int(o.next),
      above: read.array(o.above, read.int),
      ...(requestedAt === undefined ? {} : { requestedAt }),
    }
  },
)

export const heldCodec = jsonCodec<HeldEnvelope>(
  (h) => ({ ...h, envelope: hex(h.envelope) }),
  (j) => {
    const o = read.object(j)
    return { accountId: accountId(o.accountId), envelope: read.bytes(o.envelope), receivedAt: read.int(o.receivedAt) }
  },
)

/** A seen message id: when it was first stored. */
export const seenCodec = jsonCodec<number>(
  (at) => at,
  (j) => read.int(j),
)

/** Index values: a key of another collection. */
export const keyCodec = jsonCodec<string>(
  (k) => k,
  (j) => read.string(j),
)
