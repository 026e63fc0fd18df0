/**
 * Membership operations: encode and sign, parse and verify. An op is
 * self-authenticating (its author's signature) and names its predecessor by
 * hash; whether the author may do it is decided by the state (state.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import { sign, verify, isValidPublicKey, publicKeyOf } from '../crypto/index.js'
import { GroupOpPb, GroupOpBodyPb, GroupInvitePb, GroupInviteBodyPb, decodeBounded, checkVersion } from '../wire/index.js'
import {
  OP_KIND,
  OP_DOMAIN,
  INVITE_DOMAIN,
  GROUP_OP_VERSION,
  GROUP_ID_LENGTH,
  MAX_GROUP_OP_BYTES,
  MAX_OP_MEMBERS,
  MAX_GROUP_NAME_BYTES,
  INVITE_NONCE_LENGTH,
  MAX_FORK_WIDTH,
} from './constants.js'

/** What an op does. */
export type OpKind = keyof typeof OP_KIND

/** A signed invite link's content. */
export interface Invite {
  readonly groupId: Uint8Array
  readonly inviter: Uint8Array
  readonly expiresAt: number
  readonly nonce: Uint8Array
  readonly name: string
  /** The encoded GroupInvite (body + signature), as it travels. */
  readonly bytes: Uint8Array
}

/** A verified op: its signature holds; its authority is checked when applied. */
export interface GroupOp {
  readonly kind: OpKind
  readonly groupId: Uint8Array
  /** empty for create */
  readonly prev: Uint8Array
  /** The other tips this op merges (its author saw a fork): with `prev`, the op's parents in the op graph. */
  readonly merged: readonly Uint8Array[]
  readonly author: Uint8Array
  readonly at: number
  readonly members: readonly Uint8Array[]
  readonly name: string
  readonly invite?: Invite
  /** SHA-256 of `bytes`: what the next op names as `prev`. */
  readonly hash: Uint8Array
  /** The encoded GroupOp. */
  readonly bytes: Uint8Array
}

/** The fields an author fills in. */
export interface OpInit {
  readonly kind: OpKind
  readonly groupId: Uint8Array
  readonly prev: Uint8Array
  /** The other tips of the op graph (fork branches this op merges). */
  readonly merged?: readonly Uint8Array[]
  readonly at: number
  readonly members?: readonly Uint8Array[]
  readonly name?: string
  readonly invite?: Uint8Array
}

/**
 * Encode and sign an op with the author's account key.
 * @example signOp({ kind: 'rename', groupId, prev: state.head, at: Date.now(), name: 'x' }, accountPrivateKey)
 */
export function signOp(init: OpInit, accountPrivateKey: Uint8Array): GroupOp {
  const body = GroupOpBodyPb.encode({
    version: GROUP_OP_VERSION,
    groupId: Uint8Array.from(init.groupId),
    prev: Uint8Array.from(init.prev),
    kind: OP_KIND[init.kind],
    author: Uint8Array.from(publicKeyOf(accountPrivateKey)),
    at: BigInt(init.at),
    members: (init.members ?? []).map((m) => Uint8Array.from(m)),
    name: init.name ?? '',
    ...(init.invite === undefined ? {} : { invite: GroupInvitePb.decode(Uint8Array.from(init.invite)) }),
    merged: (init.merged ?? []).map((h) => Uint8Array.from(h)),
  })
  const bytes = GroupOpPb.encode({ body, signature: Uint8Array.from(sign(OP_DOMAIN, body, accountPrivateKey)) })
  return parseOp(bytes)
}

/**
 * Parse an op from the network and check its signature and fields.
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_* | INVALID_KEY | BAD_SIGNATURE
 */
export function parseOp(bytes: Uint8Array): GroupOp {
  const pb = decodeBounded('group op', bytes, MAX_GROUP_OP_BYTES, (b) => GroupOpPb.decode(b))
  const body = decodeBounded('group op body', pb.body, MAX_GROUP_OP_BYTES, (b) =>
    GroupOpBodyPb.decode(b, { limits: { members: MAX_OP_MEMBERS, merged: MAX_FORK_WIDTH } }),
  )
  checkVersion('group op', body.version, { min: GROUP_OP_VERSION, max: GROUP_OP_VERSION })
  const kind = (Object.keys(OP_KIND) as OpKind[]).find((k) => OP_KIND[k] === body.kind)
  if (kind === undefined) throw new XchatError('MALFORMED', `unknown group op kind ${body.kind}`)
  if (body.groupId.length !== GROUP_ID_LENGTH) throw new XchatError('MALFORMED', 'group id must be 32 bytes')
  if (kind === 'create' ? body.prev.length !== 0 : body.prev.length !== 32) throw new XchatError('MALFORMED', 'op prev hash is malformed')
  if (body.merged.length > 0 && kind === 'create') throw new XchatError('MALFORMED', 'a create op merges nothing')
  const parents = new Set([body.prev, ...body.merged].map(bytesToHex))
  if (body.merged.some((h) => h.length !== 32) || parents.size !== body.merged.length + 1)
    throw new XchatError('MALFORMED', 'op merged hashes are malformed or repeated')
  if (!isValidPublicKey(body.author)) throw new XchatError('INVALID_KEY', 'op author is not an account key')
  if (body.members.some((m) => !isValidPublicKey(m))) throw new XchatError('INVALID_KEY', 'op names a member that is not an account key')
  if (utf8ToBytes(body.name).length > MAX_GROUP_NAME_BYTES) throw new XchatError('TOO_LARGE', 'group name is too long')
  if (!verify(OP_DOMAIN, pb.body, pb.signature, body.author)) throw new XchatError('BAD_SIGNATURE', 'group op signature does not verify')
  const invite = body.invite === undefined ? undefined : parseInvite(GroupInvitePb.encode(body.invite))
  return {
    kind,
    groupId: body.groupId,
    prev: body.prev,
    merged: body.merged,
    author: body.author,
    at: Number(body.at),
    members: body.members,
    name: body.name,
    ...(invite === undefined ? {} : { invite }),
    hash: sha256(bytes),
    bytes,
  }
}

/** Make an invite link's signed bytes (the inviter must be an admin when it is used). */
export function signInvite(
  init: { groupId: Uint8Array; expiresAt: number; nonce: Uint8Array; name: string },
  accountPrivateKey: Uint8Array,
): Invite {
  const body = GroupInviteBodyPb.encode({
    version: GROUP_OP_VERSION,
    groupId: Uint8Array.from(init.groupId),
    inviter: Uint8Array.from(publicKeyOf(accountPrivateKey)),
    expiresAt: BigInt(init.expiresAt),
    nonce: Uint8Array.from(init.nonce),
    name: init.name,
  })
  return parseInvite(GroupInvitePb.encode({ body, signature: Uint8Array.from(sign(INVITE_DOMAIN, body, accountPrivateKey)) }))
}

/**
 * Parse an invite and check its signature (not its expiry nor the inviter's rights).
 * @throws XchatError TOO_LARGE | MALFORMED | VERSION_* | INVALID_KEY | INVITE_INVALID
 */
export function parseInvite(bytes: Uint8Array): Invite {
  const pb = decodeBounded('group invite', bytes, 1024, (b) => GroupInvitePb.decode(b))
  const body = decodeBounded('group invite body', pb.body, 1024, (b) => GroupInviteBodyPb.decode(b))
  checkVersion('group invite', body.version, { min: GROUP_OP_VERSION, max: GROUP_OP_VERSION })
  if (body.groupId.length !== GROUP_ID_LENGTH || body.nonce.length !== INVITE_NONCE_LENGTH)
    throw new XchatError('MALFORMED', 'invite group id or nonce is malformed')
  if (!isValidPublicKey(body.inviter)) throw new XchatError('INVALID_KEY', 'invite inviter is not an account key')
  if (utf8ToBytes(body.name).length > MAX_GROUP_NAME_BYTES) throw new XchatError('TOO_LARGE', 'group name is too long')
  if (!verify(INVITE_DOMAIN, pb.body, pb.signature, body.inviter))
    throw new XchatError('INVITE_INVALID', 'invite signature does not verify')
  return { groupId: body.groupId, inviter: body.inviter, expiresAt: Number(body.expiresAt), nonce: body.nonce, name: body.name, bytes }
}
