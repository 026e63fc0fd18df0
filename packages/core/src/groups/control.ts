/**
 * GroupControl (Content field 18 over the 1:1 sessions) and GroupPayload
 * (the plaintext of a GroupMessage): encoding and bounded, checked parsing.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { GroupControlPb, GroupOpPb, GroupPayloadPb, GroupInvitePb, decodeBounded, checkVersion, limits } from '../wire/index.js'
import { clampTimer } from '../ephemeral/index.js'
import { parseOp, parseInvite, type GroupOp, type Invite } from './op.js'
import type { SenderKeyDistribution } from './sender-key.js'
import { GROUP_CONTROL_VERSION, GROUP_ID_LENGTH, GROUP_MESSAGE_VERSION, MAX_OPS_PER_CONTROL, MAX_GROUP_MESSAGE_BYTES } from './constants.js'

/** A receipt kind, as in 1:1 messaging. */
export type GroupReceiptKind = 'delivered' | 'read'

/** A parsed GroupControl. Ops are verified (signatures); their authority is checked when applied. */
export interface GroupControl {
  readonly groupId: Uint8Array
  readonly ops: readonly GroupOp[]
  readonly senderKey?: SenderKeyDistribution & { readonly epoch: number }
  readonly join?: Invite
  readonly receipt?: { readonly kind: GroupReceiptKind; readonly ids: readonly Uint8Array[] }
  readonly timer?: GroupTimerState
}

/** A group's disappearing timer and the change that set it, as a member tells a newcomer. */
export interface GroupTimerState {
  /** null: off */
  readonly expireAfterMs: number | null
  readonly at: number
  /** 16 bytes */
  readonly id: Uint8Array
}

/** What a control carries, to encode. */
export interface GroupControlInit {
  readonly groupId: Uint8Array
  readonly ops?: readonly Uint8Array[]
  readonly senderKey?: SenderKeyDistribution & { readonly epoch: number }
  readonly join?: Uint8Array
  readonly receipt?: { readonly kind: GroupReceiptKind; readonly ids: readonly Uint8Array[] }
  readonly timer?: GroupTimerState
}

export function encodeControl(c: GroupControlInit): Uint8Array {
  const bytes = GroupControlPb.encode({
    version: GROUP_CONTROL_VERSION,
    groupId: Uint8Array.from(c.groupId),
    ops: (c.ops ?? []).map((op) => decodeOpPb(op)),
    ...(c.senderKey === undefined
      ? {}
      : {
          senderKey: {
            epoch: BigInt(c.senderKey.epoch),
            chainId: Uint8Array.from(c.senderKey.chainId),
            iteration: c.senderKey.iteration,
            chainKey: Uint8Array.from(c.senderKey.chainKey),
            signingKey: Uint8Array.from(c.senderKey.signingKey),
          },
        }),
    ...(c.join === undefined ? {} : { join: { invite: GroupInvitePb.decode(c.join) } }),
    ...(c.receipt === undefined
      ? {}
      : { receipt: { kind: c.receipt.kind === 'delivered' ? 1 : 2, messageIds: c.receipt.ids.map((id) => Uint8Array.from(id)) } }),
    ...(c.timer === undefined
      ? {}
      : {
          timer: { expireAfterMs: BigInt(c.timer.expireAfterMs ?? 0), setAt: BigInt(c.timer.at), setId: Uint8Array.from(c.timer.id) },
        }),
  })
  if (bytes.length > limits.MAX_GROUP_CONTROL_BYTES) throw new XchatError('TOO_LARGE', 'the group control does not fit one message')
  return bytes
}

/**
 * Parse a control from a peer.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_* | INVALID_KEY | BAD_SIGNATURE | INVITE_INVALID
 */
export function parseControl(bytes: Uint8Array): GroupControl {
  const pb = decodeBounded('group control', bytes, limits.MAX_GROUP_CONTROL_BYTES, (b) =>
    GroupControlPb.decode(b, {
      limits: { ops: MAX_OPS_PER_CONTROL, receipt$: { messageIds: limits.MAX_RECEIPT_IDS } },
    }),
  )
  checkVersion('group control', pb.version, { min: GROUP_CONTROL_VERSION, max: GROUP_CONTROL_VERSION })
  if (pb.groupId.length !== GROUP_ID_LENGTH) throw new XchatError('MALFORMED', 'group id must be 32 bytes')
  const ops = pb.ops.map((op) => parseOp(encodeOpPb(op)))
  const sk = pb.senderKey
  const receipt = pb.receipt
  if (receipt !== undefined && receipt.messageIds.some((id) => id.length !== 16))
    throw new XchatError('MALFORMED', 'a receipt names a bad id')
  const timer = pb.timer
  if (timer !== undefined && (timer.setId.length !== 16 || timer.setAt > BigInt(Number.MAX_SAFE_INTEGER)))
    throw new XchatError('MALFORMED', 'a group timer state has a bad id or time')
  return {
    groupId: pb.groupId,
    ops,
    ...(sk === undefined
      ? {}
      : {
          senderKey: {
            epoch: Number(sk.epoch),
            chainId: sk.chainId,
            iteration: sk.iteration,
            chainKey: sk.chainKey,
            signingKey: sk.signingKey,
          },
        }),
    ...(pb.join?.invite === undefined ? {} : { join: parseInvite(GroupInvitePb.encode(pb.join.invite)) }),
    ...(receipt === undefined || (receipt.kind !== 1 && receipt.kind !== 2)
      ? {}
      : { receipt: { kind: receipt.kind === 1 ? 'delivered' : 'read', ids: receipt.messageIds } }),
    ...(timer === undefined
      ? {}
      : {
          timer: {
            // a timer off the allowed range is brought into it, as for a timer change in a message
            expireAfterMs: timer.expireAfterMs === 0n ? null : (clampTimer(Number(timer.expireAfterMs)) ?? null),
            at: Number(timer.setAt),
            id: timer.setId,
          },
        }),
  }
}

/** The plaintext of one group message. */
export interface GroupPayload {
  readonly id: Uint8Array
  readonly sentAt: number
  readonly seq: number
  readonly text: string
  /** An encoded FileManifest when the message offers a file. */
  readonly fileManifest?: Uint8Array
  /** The message's disappearing timer (ms); from a peer it is clamped to 5 s … 4 weeks. */
  readonly expireAfterMs?: number
  readonly viewOnce?: boolean
  /** A system entry: the group's disappearing timer changed (ms, null: off); `text` is then empty. */
  readonly timer?: { readonly expireAfterMs: number | null }
}

export function encodePayload(p: GroupPayload): Uint8Array {
  if (utf8ToBytes(p.text).length > limits.MAX_TEXT_BYTES) throw new XchatError('TOO_LARGE', `text is over ${limits.MAX_TEXT_BYTES} bytes`)
  if (p.fileManifest !== undefined && p.fileManifest.length > limits.MAX_FILE_MANIFEST_BYTES)
    throw new XchatError('TOO_LARGE', 'the file manifest is too large')
  return GroupPayloadPb.encode({
    version: GROUP_MESSAGE_VERSION,
    messageId: Uint8Array.from(p.id),
    sentAt: BigInt(p.sentAt),
    seq: BigInt(p.seq),
    text: p.text,
    fileManifest: Uint8Array.from(p.fileManifest ?? new Uint8Array(0)),
    expireAfterMs: BigInt(p.expireAfterMs ?? 0),
    viewOnce: p.viewOnce === true,
    ...(p.timer === undefined ? {} : { timer: { expireAfterMs: BigInt(p.timer.expireAfterMs ?? 0) } }),
  })
}

/** @throws XchatError TOO_LARGE | MALFORMED | VERSION_* */
export function parsePayload(bytes: Uint8Array): GroupPayload {
  const pb = decodeBounded('group payload', bytes, MAX_GROUP_MESSAGE_BYTES, (b) => GroupPayloadPb.decode(b))
  checkVersion('group payload', pb.version, { min: GROUP_MESSAGE_VERSION, max: GROUP_MESSAGE_VERSION })
  if (pb.messageId.length !== 16) throw new XchatError('MALFORMED', 'message id must be 16 bytes')
  if (pb.seq < 1n || pb.seq > BigInt(Number.MAX_SAFE_INTEGER) || pb.sentAt > BigInt(Number.MAX_SAFE_INTEGER))
    throw new XchatError('MALFORMED', 'group payload seq or time out of range')
  if (utf8ToBytes(pb.text).length > limits.MAX_TEXT_BYTES) throw new XchatError('TOO_LARGE', 'group text is too long')
  // a hostile timer can neither make a message vanish before it can be read nor keep it forever
  const expireAfterMs = clampTimer(wireMs(pb.expireAfterMs))
  return {
    id: pb.messageId,
    sentAt: Number(pb.sentAt),
    seq: Number(pb.seq),
    text: pb.text,
    ...(pb.fileManifest.length > 0 ? { fileManifest: pb.fileManifest } : {}),
    ...(expireAfterMs === undefined ? {} : { expireAfterMs }),
    ...(pb.viewOnce ? { viewOnce: true } : {}),
    ...(pb.timer === undefined ? {} : { timer: { expireAfterMs: clampTimer(wireMs(pb.timer.expireAfterMs)) ?? null } }),
  }
}

/** A uint64 of ms as a number (anything beyond 2^53 is "very long", clamped later). */
function wireMs(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v)
}

function decodeOpPb(bytes: Uint8Array): GroupOpPb {
  return GroupOpPb.decode(bytes)
}
function encodeOpPb(op: GroupOpPb): Uint8Array {
  return GroupOpPb.encode(op)
}
