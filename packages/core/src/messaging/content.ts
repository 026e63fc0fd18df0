import { utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { isValidPublicKey } from '../crypto/index.js'
import { ContentPb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { clampTimer } from '../ephemeral/index.js'
import { CONTENT_VERSION, FILE_CONTROL_KIND, FILE_ID_LENGTH, MESSAGE_ID_LENGTH, RECEIPT_KIND } from './constants.js'

/** A receipt's meaning. */
export type ReceiptKind = keyof typeof RECEIPT_KIND

/** What a file control says: the receiver holds the whole file, or either side cancelled it. */
export type FileControlKind = keyof typeof FILE_CONTROL_KIND
/** A disappearing timer of one message (ephemeral/): ms, and view once. */
export interface MessageTimer {
  readonly expireAfterMs?: number
  readonly viewOnce?: boolean
}

/** What a Content carries. `unknown`: a kind from a newer client, acknowledged and skipped. */
export type ContentBody =
  | ({ readonly kind: 'text'; readonly text: string } & MessageTimer)
  | { readonly kind: 'receipt'; readonly receipt: ReceiptKind; readonly ids: readonly Uint8Array[] }
  | { readonly kind: 'resend'; readonly seqs: readonly number[] }
  /** A file offer: an encoded manifest (files/), opaque to messaging; ordered like a text. */
  | ({ readonly kind: 'file'; readonly manifest: Uint8Array } & MessageTimer)
  /** A file transfer's state (complete / cancelled), about a file id (32 bytes); unordered. */
  | { readonly kind: 'file-control'; readonly fileId: Uint8Array; readonly control: FileControlKind }
  /** The conversation timer changed (ms; null: off); ordered like a text. */
  | { readonly kind: 'timer'; readonly expireAfterMs: number | null }
  /** Call signaling: an encoded CallSignal (calls/), opaque to messaging; unordered and never stored as a message. */
  | { readonly kind: 'call'; readonly signal: Uint8Array }
  /** Group control (groups/): an encoded GroupControl, opaque to messaging; unordered. */
  | { readonly kind: 'group'; readonly control: Uint8Array }
  | { readonly kind: 'unknown' }

/** The decrypted content of one envelope. */
export interface MessageContent {
  /** 16 random bytes */
  readonly id: Uint8Array
  /** The account the message is addressed to (33 bytes). */
  readonly conversation: Uint8Array
  /** ms since the Unix epoch, the sender's clock */
  readonly sentAt: number
  /** per (sender device → conversation), from 1; 0 for receipts and resend requests */
  readonly seq: number
  readonly body: ContentBody
}

/**
 * Content bytes.
 * @throws XchatError TOO_LARGE for a text over MAX_TEXT_BYTES or too many ids/seqs
 */
export function encodeContent(c: MessageContent): Uint8Array {
  checkBody(c.body)
  return ContentPb.encode({
    version: CONTENT_VERSION,
    messageId: Uint8Array.from(c.id),
    conversation: Uint8Array.from(c.conversation),
    sentAt: BigInt(c.sentAt),
    seq: BigInt(c.seq),
    ...bodyPb(c.body),
  })
}

/**
 * Parse decrypted content bytes (they came from a peer, so every field is checked).
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_* | INVALID_KEY
 */
export function parseContent(bytes: Uint8Array): MessageContent {
  const pb = decodeBounded('content', bytes, limits.MAX_CONTENT_BYTES, (b) =>
    ContentPb.decode(b, { limits: { receipt$: { messageIds: limits.MAX_RECEIPT_IDS }, resend$: { seqs: limits.MAX_RESEND_SEQS } } }),
  )
  checkVersion('content', pb.version, { min: CONTENT_VERSION, max: CONTENT_VERSION })
  if (pb.messageId.length !== MESSAGE_ID_LENGTH) throw new XchatError('MALFORMED', `message id must be ${MESSAGE_ID_LENGTH} bytes`)
  if (!isValidPublicKey(pb.conversation)) throw new XchatError('INVALID_KEY', 'content conversation is not an account key')
  const sentAt = safe('sent_at', pb.sentAt)
  const seq = safe('seq', pb.seq)
  const body = bodyOf(pb)
  checkBody(body)
  // kinds this client does not know may be ordered or not: their seq is taken as it comes
  if (body.kind !== 'unknown' && isOrdered(body) !== seq > 0) {
    throw new XchatError('MALFORMED', 'a text, file or timer change has a seq ≥ 1, receipts and resend requests have seq 0')
  }
  return { id: pb.messageId, conversation: pb.conversation, sentAt, seq, body }
}

/** Texts, files and timer changes take a seq in their conversation; receipts and resend requests do not. */
export function isOrdered(body: ContentBody): body is Extract<ContentBody, { kind: 'text' | 'file' | 'timer' }> {
  return body.kind === 'text' || body.kind === 'file' || body.kind === 'timer'
}

/** A timer from the wire: 0 is none, anything else clamped into range (ephemeral/). */
function timerOf(pb: { expireAfterMs: bigint; viewOnce: boolean }): MessageTimer {
  const ms = clampTimer(wireMs(pb.expireAfterMs))
  return { ...(ms === undefined ? {} : { expireAfterMs: ms }), ...(pb.viewOnce ? { viewOnce: true } : {}) }
}

/** A uint64 of ms as a number; anything beyond safe integers is "very long" (clamped later). */
function wireMs(ms: bigint): number {
  return ms > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(ms)
}

function timerPb(t: MessageTimer): { expireAfterMs: bigint; viewOnce: boolean } {
  return { expireAfterMs: BigInt(t.expireAfterMs ?? 0), viewOnce: t.viewOnce === true }
}

function bodyOf(pb: ContentPb): ContentBody {
  if (pb.text !== undefined) return { kind: 'text', text: pb.text.body, ...timerOf(pb.text) }
  if (pb.file !== undefined) return { kind: 'file', manifest: pb.file.manifest, ...timerOf(pb.file) }
  if (pb.timer !== undefined) {
    return { kind: 'timer', expireAfterMs: clampTimer(wireMs(pb.timer.expireAfterMs)) ?? null }
  }
  if (pb.group !== undefined) return { kind: 'group', control: pb.group.control }
  if (pb.receipt !== undefined) {
    const kind = (Object.keys(RECEIPT_KIND) as ReceiptKind[]).find((k) => RECEIPT_KIND[k] === pb.receipt?.kind)
    return kind === undefined ? { kind: 'unknown' } : { kind: 'receipt', receipt: kind, ids: pb.receipt.messageIds }
  }
  if (pb.fileControl !== undefined) {
    const fc = pb.fileControl
    const control = (Object.keys(FILE_CONTROL_KIND) as FileControlKind[]).find((k) => FILE_CONTROL_KIND[k] === fc.kind)
    return control === undefined ? { kind: 'unknown' } : { kind: 'file-control', fileId: fc.fileId, control }
  }
  if (pb.call !== undefined) return { kind: 'call', signal: pb.call.signal }
  if (pb.resend !== undefined) return { kind: 'resend', seqs: pb.resend.seqs.map((s) => safe('resend seq', s)) }
  return { kind: 'unknown' }
}

function bodyPb(body: ContentBody): Partial<ContentPb> {
  switch (body.kind) {
    case 'text':
      return { text: { body: body.text, ...timerPb(body) } }
    case 'receipt':
      return { receipt: { kind: RECEIPT_KIND[body.receipt], messageIds: body.ids.map((id) => Uint8Array.from(id)) } }
    case 'resend':
      return { resend: { seqs: body.seqs.map((s) => BigInt(s)) } }
    case 'file':
      return { file: { manifest: Uint8Array.from(body.manifest), ...timerPb(body) } }
    case 'file-control':
      return { fileControl: { fileId: Uint8Array.from(body.fileId), kind: FILE_CONTROL_KIND[body.control] } }
    case 'timer':
      return { timer: { expireAfterMs: BigInt(body.expireAfterMs ?? 0) } }
    case 'call':
      return { call: { signal: Uint8Array.from(body.signal) } }
    case 'group':
      return { group: { control: Uint8Array.from(body.control) } }
    case 'unknown':
      throw new TypeError('cannot encode content of an unknown kind')
  }
}

function checkBody(body: ContentBody): void {
  if (body.kind === 'text') {
    const size = utf8ToBytes(body.text).length
    if (size > limits.MAX_TEXT_BYTES) throw new XchatError('TOO_LARGE', `text is ${size} bytes, the limit is ${limits.MAX_TEXT_BYTES}`)
  } else if (body.kind === 'receipt') {
    if (body.ids.length > limits.MAX_RECEIPT_IDS) throw new XchatError('TOO_LARGE', `a receipt holds at most ${limits.MAX_RECEIPT_IDS} ids`)
    if (body.ids.some((id) => id.length !== MESSAGE_ID_LENGTH)) throw new XchatError('MALFORMED', 'a receipt names a malformed message id')
  } else if (body.kind === 'file') {
    if (body.manifest.length === 0) throw new XchatError('MALFORMED', 'a file offer has no manifest')
    if (body.manifest.length > limits.MAX_FILE_MANIFEST_BYTES)
      throw new XchatError('TOO_LARGE', `a file manifest is at most ${limits.MAX_FILE_MANIFEST_BYTES} bytes`)
  } else if (body.kind === 'file-control') {
    if (body.fileId.length !== FILE_ID_LENGTH) throw new XchatError('MALFORMED', `a file id must be ${FILE_ID_LENGTH} bytes`)
  } else if (body.kind === 'call') {
    if (body.signal.length === 0) throw new XchatError('MALFORMED', 'a call signal is empty')
    if (body.signal.length > limits.MAX_CALL_SIGNAL_BYTES)
      throw new XchatError('TOO_LARGE', `a call signal is at most ${limits.MAX_CALL_SIGNAL_BYTES} bytes`)
  } else if (body.kind === 'group') {
    if (body.control.length === 0) throw new XchatError('MALFORMED', 'a group control is empty')
    if (body.control.length > limits.MAX_GROUP_CONTROL_BYTES)
      throw new XchatError('TOO_LARGE', `a group control is at most ${limits.MAX_GROUP_CONTROL_BYTES} bytes`)
  } else if (body.kind === 'resend' && body.seqs.length > limits.MAX_RESEND_SEQS) {
    throw new XchatError('TOO_LARGE', `a resend request holds at most ${limits.MAX_RESEND_SEQS} seqs`)
  }
}

function safe(what: string, n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new XchatError('MALFORMED', `content ${what} is out of range`)
  return Number(n)
}
