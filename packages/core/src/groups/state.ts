/**
 * A group's state as the fold of its ops. Every member applies the same ops
 * in the same order (op-graph.ts orders concurrent ones) and so holds the same
 * state; an op the state does not allow is refused with a typed error and
 * changes nothing.
 */
import { equalBytes } from '@noble/ciphers/utils.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { XchatError } from '../errors.js'
import type { GroupOp } from './op.js'
import { MAX_GROUP_MEMBERS } from './constants.js'

/** A member: its account key (hex) and whether it is an admin. */
export interface GroupMember {
  readonly key: string
  readonly admin: boolean
}

/** What the chain says now. */
export interface GroupState {
  /** hex of the 32-byte group id */
  readonly id: string
  readonly name: string
  /** By account key hex, in the order they joined (the order decides who inherits admin). */
  readonly members: ReadonlyMap<string, GroupMember>
  /** Hash of the last op in the merged order: the next op's `prev`. */
  readonly head: Uint8Array
  /** Ops applied. */
  readonly length: number
  /**
   * Counts membership changes: every add, join, leave and remove starts a new
   * epoch (fresh sender keys), and so does every merge of concurrent ops.
   */
  readonly epoch: number
  /** Invite nonces (hex) already used to join. */
  readonly usedInvites: ReadonlySet<string>
}

/** True when the account key (hex) is a member. */
export function isMember(state: GroupState, key: string): boolean {
  return state.members.has(key)
}

/** True when the account key (hex) is an admin. */
export function isAdmin(state: GroupState, key: string): boolean {
  return state.members.get(key)?.admin === true
}

/** Kinds that change who is in the group: each starts a new epoch (fresh sender keys). */
export const MEMBERSHIP_KINDS: ReadonlySet<GroupOp['kind']> = new Set(['create', 'add', 'join', 'leave', 'remove'])

/**
 * Apply one verified op (signature already checked by `parseOp`) on the head.
 * @throws XchatError GROUP_OUT_OF_ORDER (not linked to the head, or a second create) |
 *   GROUP_UNAUTHORISED (author may not do this) | GROUP_FULL | NOT_A_MEMBER | INVITE_INVALID | MALFORMED
 */
export function applyOp(state: GroupState | undefined, op: GroupOp): GroupState {
  if (state === undefined) return createState(op)
  if (op.kind === 'create' || !equalBytes(op.prev, state.head) || op.merged.length > 0)
    throw new XchatError('GROUP_OUT_OF_ORDER', 'the op does not follow the current head of the chain')
  return {
    ...effectOf(state, op, false),
    head: op.hash,
    length: state.length + 1,
    epoch: state.epoch + (MEMBERSHIP_KINDS.has(op.kind) ? 1 : 0),
  }
}

/** The state a create op starts. @throws XchatError GROUP_OUT_OF_ORDER | GROUP_FULL | MALFORMED */
export function createState(op: GroupOp): GroupState {
  if (op.kind !== 'create') throw new XchatError('GROUP_OUT_OF_ORDER', 'a group starts with its create op')
  const author = bytesToHex(op.author)
  const targets = op.members.map(bytesToHex)
  if (new Set(targets).size !== targets.length) throw new XchatError('MALFORMED', 'an op names a member twice')
  const members = new Map<string, GroupMember>([[author, { key: author, admin: true }]])
  for (const t of targets) if (t !== author) members.set(t, { key: t, admin: false })
  if (members.size > MAX_GROUP_MEMBERS) throw new XchatError('GROUP_FULL', `a group has at most ${MAX_GROUP_MEMBERS} members`)
  return { id: bytesToHex(op.groupId), name: op.name, members, head: op.hash, length: 1, epoch: 1, usedInvites: new Set() }
}

/** What an op changes: who is in, the name, used invites (head, length and epoch are the caller's). */
export type OpEffect = Pick<GroupState, 'id' | 'name' | 'members' | 'usedInvites'>

/**
 * What `op` does to `state` if its author may do it, not looking at links.
 * `lenient` is for ops merged from a concurrent branch (docs/protocol/groups.md
 * "Forks"): names that no longer apply (adding a member already in, removing,
 * promoting or demoting one already gone) are skipped, and the op is refused
 * only if nothing is left to do.
 * @throws XchatError GROUP_UNAUTHORISED | GROUP_FULL | NOT_A_MEMBER | INVITE_INVALID | MALFORMED | GROUP_OUT_OF_ORDER (create)
 */
export function effectOf(state: GroupState, op: GroupOp, lenient: boolean): OpEffect {
  const author = bytesToHex(op.author)
  let targets = op.members.map(bytesToHex)
  if (new Set(targets).size !== targets.length) throw new XchatError('MALFORMED', 'an op names a member twice')
  if (bytesToHex(op.groupId) !== state.id) throw new XchatError('MALFORMED', 'the op belongs to another group')
  if (op.kind === 'create') throw new XchatError('GROUP_OUT_OF_ORDER', 'a group has one create op')
  const members = new Map(state.members)
  let { name } = state
  let usedInvites = state.usedInvites
  if (lenient && op.kind === 'add') targets = targets.filter((t) => !members.has(t))
  if (lenient && (op.kind === 'remove' || op.kind === 'promote' || op.kind === 'demote')) targets = targets.filter((t) => members.has(t))
  const needAdmin = (): void => {
    if (!isAdmin(state, author)) throw new XchatError('GROUP_UNAUTHORISED', `only an admin may ${op.kind}`)
  }
  const needMembers = (): void => {
    if (targets.length === 0) throw new XchatError('MALFORMED', `${op.kind} names no member`)
    for (const t of targets) if (!members.has(t)) throw new XchatError('NOT_A_MEMBER', `${op.kind} names an account that is not a member`)
  }
  switch (op.kind) {
    case 'add':
      needAdmin()
      if (targets.length === 0) throw new XchatError('MALFORMED', 'add names no member')
      for (const t of targets) {
        if (members.has(t)) throw new XchatError('MALFORMED', 'add names an account that is already a member')
        members.set(t, { key: t, admin: false })
      }
      break
    case 'join': {
      const invite = op.invite
      if (invite === undefined) throw new XchatError('INVITE_INVALID', 'a join op carries no invite')
      if (members.has(author)) throw new XchatError('MALFORMED', 'the joiner is already a member')
      if (targets.length > 0 && (targets.length !== 1 || targets[0] !== author))
        throw new XchatError('GROUP_UNAUTHORISED', 'a join op adds its author only')
      if (bytesToHex(invite.groupId) !== state.id) throw new XchatError('INVITE_INVALID', 'the invite is for another group')
      if (!isAdmin(state, bytesToHex(invite.inviter))) throw new XchatError('INVITE_INVALID', 'the inviter is not an admin')
      if (op.at > invite.expiresAt) throw new XchatError('INVITE_INVALID', 'the invite expired')
      const nonce = bytesToHex(invite.nonce)
      if (usedInvites.has(nonce)) throw new XchatError('INVITE_INVALID', 'the invite was used already')
      usedInvites = new Set([...usedInvites, nonce])
      members.set(author, { key: author, admin: false })
      break
    }
    case 'leave':
      if (!members.has(author)) throw new XchatError('NOT_A_MEMBER', 'only a member can leave')
      if (targets.length > 0) throw new XchatError('GROUP_UNAUTHORISED', 'a leave op removes its author only')
      members.delete(author)
      inheritAdmin(members)
      break
    case 'remove':
      needAdmin()
      needMembers()
      if (targets.includes(author)) throw new XchatError('MALFORMED', 'an admin leaves with a leave op, not remove')
      for (const t of targets) members.delete(t)
      break
    case 'promote':
      needAdmin()
      needMembers()
      for (const t of targets) members.set(t, { key: t, admin: true })
      break
    case 'demote':
      needAdmin()
      needMembers()
      for (const t of targets) members.set(t, { key: t, admin: false })
      if (![...members.values()].some((m) => m.admin)) throw new XchatError('GROUP_UNAUTHORISED', 'a group keeps at least one admin')
      break
    case 'rename':
      needAdmin()
      name = op.name
      break
  }
  if (members.size > MAX_GROUP_MEMBERS) throw new XchatError('GROUP_FULL', `a group has at most ${MAX_GROUP_MEMBERS} members`)
  return { id: state.id, name, members, usedInvites }
}

/** The last admin left: the longest-standing member becomes admin, the same on every device. */
function inheritAdmin(members: Map<string, GroupMember>): void {
  if ([...members.values()].some((m) => m.admin)) return
  const first = members.values().next()
  if (first.done !== true) members.set(first.value.key, { key: first.value.key, admin: true })
}

/**
 * Fold a whole chain.
 * @throws as {@link applyOp}
 */
export function foldChain(ops: readonly GroupOp[]): GroupState {
  let state: GroupState | undefined
  for (const op of ops) state = applyOp(state, op)
  if (state === undefined) throw new XchatError('MALFORMED', 'an empty op chain')
  return state
}
