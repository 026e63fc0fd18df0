/**
 * One device's groups: applies and signs membership ops, keeps sender chains,
 * encrypts a group message once and publishes it on the group's topic,
 * decrypts what arrives, orders it per sender and aggregates receipts. The
 * network is reached only through {@link GroupControlPort} and {@link GroupFanout}.
 */
import { TypedEventEmitter } from 'main-event'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { XchatError, isXchatError } from '../errors.js'
import { randomBytes } from '../crypto/index.js'
import { encodeAccountId, decodeAccountId, type AccountId, type DeviceKeys } from '../identity/index.js'
import { acceptSeq, missingSeqs } from '../messaging/ordering.js'
import type { LevelDatabase, StoreOp } from '../store/index.js'
import { limits } from '../wire/index.js'
import { checkTimer, describeTimer, expiryOnArrival, expiryOnRead, isExpired } from '../ephemeral/index.js'
import { chainFromRecord, chainToRecord } from './chain-record.js'
import {
  encodeControl,
  encodePayload,
  parseControl,
  parsePayload,
  type GroupControl,
  type GroupPayload,
  type GroupReceiptKind,
  type GroupTimerState,
} from './control.js'
import { GroupStore, type GroupMessageRecord, type GroupRecord } from './group-store.js'
import { GroupSweeper, groupExpiryOps, isGroupTombstoned, type ExpiredGroupMessage } from './group-sweeper.js'
import { parseInvite, parseOp, signInvite, signOp, type GroupOp, type Invite, type OpInit, type OpKind } from './op.js'
import type { ControlSender, GroupControlPort, GroupFanout } from './ports.js'
import {
  chainFromDistribution,
  createSenderChain,
  decryptOnChain,
  distributionOf,
  encryptOnChain,
  parseGroupMessage,
  type GroupMessage,
} from './sender-key.js'
import { isAdmin, isMember, type GroupState } from './state.js'
import { OpGraph } from './op-graph.js'
import {
  GROUP_ID_LENGTH,
  GROUP_RECEIPT_BATCH_MS,
  INVITE_NONCE_LENGTH,
  INVITE_TTL_MS,
  MAX_HELD_MESSAGES,
  MAX_OP_MEMBERS,
  MAX_OPS_PER_CONTROL,
  MAX_PENDING_KEYS,
  MAX_LAGGING_EPOCHS,
  MAX_PENDING_OPS,
  MAX_PENDING_GROUPS,
  TOPIC_DOMAIN,
  TOPIC_PREFIX,
} from './constants.js'

/** A group as the UI sees it. */
export interface GroupView {
  /** hex */
  readonly id: string
  readonly name: string
  readonly epoch: number
  readonly members: readonly { readonly accountId: AccountId; readonly admin: boolean }[]
  /** This account is a member (false after leaving or being removed). */
  readonly member: boolean
  readonly admin: boolean
}

/** Events of the group engine; only `group:message` carries text. */
export interface GroupEvents {
  'group:message': CustomEvent<GroupMessageRecord>
  /** An op was applied (by us or arriving). */
  'group:changed': CustomEvent<{ readonly group: string; readonly kind: OpKind; readonly epoch: number }>
  /** Seqs of a sender device are missing. */
  'group:gap': CustomEvent<{ readonly group: string; readonly device: string; readonly missing: readonly number[] }>
  /** Members confirmed messages of ours. */
  'group:receipt': CustomEvent<{
    readonly group: string
    readonly kind: GroupReceiptKind
    readonly ids: readonly string[]
    readonly from: AccountId
  }>
  /** A disappearing message was deleted on this device (never its text). */
  'group:expired': CustomEvent<ExpiredGroupMessage>
  /** A member changed the group's disappearing timer (ms, null: off); the system entry is in the history too. */
  'group:timer': CustomEvent<{ readonly group: string; readonly expireAfterMs: number | null; readonly by: AccountId }>
  /** Input was refused (a warning with an error code; never plaintext). */
  'group:rejected': CustomEvent<{ readonly reason: string; readonly where: 'op' | 'control' | 'message' }>
}

/** What {@link GroupEngine.create} needs. */
export interface GroupEngineInit {
  readonly db: LevelDatabase
  readonly keys: DeviceKeys
  readonly control: GroupControlPort
  readonly fanout: GroupFanout
  readonly now?: () => number
  /** Send delivered receipts (default true; the benchmark turns them off). */
  readonly receipts?: boolean
}

/** What a group message carries besides its text. */
export interface GroupSendOptions {
  /** A file offer: an encoded FileManifest. */
  readonly fileManifest?: Uint8Array
  /** The message's own disappearing timer (ms, 5 s … 4 weeks); default: the group's timer. */
  readonly expireAfterMs?: number
  /** Deleted on each member's devices as soon as it is read there. */
  readonly viewOnce?: boolean
}

/** The result of {@link GroupEngine.send}. */
export interface GroupSendResult {
  readonly id: string
  readonly seq: number
  /** Bytes of the one ciphertext published. */
  readonly bytes: number
  readonly uploadedBytes?: number
}

interface Runtime {
  state: GroupState | undefined
  record: GroupRecord
  /** the chain, encoded ops as hex (stored apart from the record: it changes rarely and can be large) */
  ops: string[]
  /** the ops as a graph (concurrent ops merged); its state is `state` */
  graph: OpGraph
}

/** The gossip topic of a group: relays learn neither the id nor the name. */
export function topicOf(groupId: string): string {
  return `${TOPIC_PREFIX}${bytesToHex(sha256(concatBytes(utf8ToBytes(TOPIC_DOMAIN), hexToBytes(groupId))))}`
}

/** A tiny FIFO mutex: every state change of the engine runs alone. */
class Queue {
  #tail: Promise<unknown> = Promise.resolve()
  async run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task)
    this.#tail = result.catch(() => undefined)
    return result
  }
}

/** See the file comment. */
export class GroupEngine extends TypedEventEmitter<GroupEvents> {
  readonly #init: GroupEngineInit
  readonly #store: GroupStore
  readonly #now: () => number
  readonly #me: string
  readonly #myDevice: string
  readonly #lock = new Queue()
  readonly #groups = new Map<string, Runtime>()
  /** chain id hex → group id hex */
  readonly #chainGroups = new Map<string, string>()
  /** ops waiting for their predecessor: group id → ops */
  readonly #pendingOps = new Map<string, GroupOp[]>()
  /** sender keys for an epoch not reached yet */
  readonly #pendingKeys: { control: GroupControl; from: ControlSender }[] = []
  /** messages whose chain is not known yet: chain id hex → bytes */
  readonly #held = new Map<string, Uint8Array[]>()
  #heldCount = 0
  readonly #receipts = new Map<string, { group: string; to: AccountId; ids: Set<string> }>()
  readonly #timers = new Set<ReturnType<typeof setTimeout>>()
  readonly #sweeper: GroupSweeper
  #running = false

  private constructor(init: GroupEngineInit) {
    super()
    this.#init = init
    this.#store = new GroupStore(init.db, init.keys.device.privateKey())
    this.#now = init.now ?? Date.now
    this.#me = bytesToHex(init.keys.account.publicKey)
    this.#myDevice = bytesToHex(init.keys.device.publicKey)
    this.#sweeper = new GroupSweeper({
      store: this.#store,
      now: this.#now,
      lock: this.#lock,
      onExpired: (gone) => {
        for (const m of gone) this.safeDispatchEvent('group:expired', { detail: m })
      },
    })
  }

  /** Load every stored group (each chain verified again) and build the engine (not started). */
  static async create(init: GroupEngineInit): Promise<GroupEngine> {
    const engine = new GroupEngine(init)
    await engine.#load()
    return engine
  }

  async #load(): Promise<void> {
    for await (const [key, record] of this.#store.groups.entries()) {
      const graph = new OpGraph()
      const ops = [...((await this.#store.ops.get(key))?.ops ?? [])]
      for (const hex of ops) graph.add(parseOp(hexToBytes(hex)))
      this.#groups.set(record.id, { state: graph.state, record, graph, ops })
      for (const chainId of Object.keys(record.chains)) this.#chainGroups.set(chainId, record.id)
    }
  }

  /** Subscribe to the topic of every group this account is in and fetch what relays hold. */
  async start(): Promise<void> {
    if (this.#running) return
    // what expired while this device was off goes before anything is shown
    await this.#sweeper.start()
    this.#running = true
    for (const [id, rt] of this.#groups) if (rt.state !== undefined && isMember(rt.state, this.#me)) this.#subscribe(id)
    // relays may be slow or gone: catching up runs in the background
    this.catchUp().catch(() => undefined)
  }

  async stop(): Promise<void> {
    if (!this.#running) return
    this.#running = false
    await this.#sweeper.stop()
    for (const t of this.#timers) clearTimeout(t)
    this.#timers.clear()
    for (const id of this.#groups.keys()) this.#init.fanout.unsubscribe(topicOf(id))
    await this.#lock.run(async () => Promise.resolve())
  }

  /** Fetch what relays still hold for every group (after being offline); duplicates are dropped. */
  async catchUp(): Promise<void> {
    const fetch = this.#init.fanout.fetch?.bind(this.#init.fanout)
    if (fetch === undefined) return
    for (const [id, rt] of this.#groups) {
      if (rt.state === undefined || !isMember(rt.state, this.#me)) continue
      let held: readonly Uint8Array[] = []
      try {
        held = await fetch(topicOf(id))
      } catch {
        continue // relays unreachable: the next catch-up tries again
      }
      for (const bytes of held) await this.receiveMessage(bytes, id)
    }
  }

  // ── the public API ──

  /**
   * Create a group with this account as its admin and send the chain to every member.
   * @throws XchatError ACCOUNT_ID_* | GROUP_FULL | TOO_LARGE (name)
   */
  async createGroup(name: string, members: readonly string[]): Promise<GroupView> {
    const keys = unique(members.map((m) => decodeAccountId(m))).filter((k) => bytesToHex(k) !== this.#me)
    const groupId = randomBytes(GROUP_ID_LENGTH)
    const id = bytesToHex(groupId)
    const first = keys.slice(0, MAX_OP_MEMBERS - 1)
    const inits: Omit<OpInit, 'prev' | 'groupId'>[] = [{ kind: 'create', at: this.#now(), members: first, name }]
    for (let i = first.length; i < keys.length; i += MAX_OP_MEMBERS)
      inits.push({ kind: 'add', at: this.#now(), members: keys.slice(i, i + MAX_OP_MEMBERS) })
    await this.#lock.run(async () => {
      this.#groups.set(id, { state: undefined, record: emptyRecord(id), graph: new OpGraph(), ops: [] })
      await this.#appendLocked(id, inits)
    })
    return this.group(id)
  }

  /** Add members (admins only). @throws XchatError GROUP_NOT_FOUND | GROUP_UNAUTHORISED | GROUP_FULL | ACCOUNT_ID_* */
  async add(group: string, members: readonly string[]): Promise<GroupView> {
    const keys = unique(members.map((m) => decodeAccountId(m)))
    const inits: Omit<OpInit, 'prev' | 'groupId'>[] = []
    for (let i = 0; i < keys.length; i += MAX_OP_MEMBERS)
      inits.push({ kind: 'add', at: this.#now(), members: keys.slice(i, i + MAX_OP_MEMBERS) })
    return this.#append(group, inits)
  }

  /** Remove members (admins only): a new epoch; they read nothing sent after. */
  async remove(group: string, members: readonly string[]): Promise<GroupView> {
    return this.#append(group, [{ kind: 'remove', at: this.#now(), members: members.map((m) => decodeAccountId(m)) }])
  }

  async promote(group: string, members: readonly string[]): Promise<GroupView> {
    return this.#append(group, [{ kind: 'promote', at: this.#now(), members: members.map((m) => decodeAccountId(m)) }])
  }

  async demote(group: string, members: readonly string[]): Promise<GroupView> {
    return this.#append(group, [{ kind: 'demote', at: this.#now(), members: members.map((m) => decodeAccountId(m)) }])
  }

  async rename(group: string, name: string): Promise<GroupView> {
    return this.#append(group, [{ kind: 'rename', at: this.#now(), name }])
  }

  /** Leave the group: the others move to a new epoch without us. */
  async leave(group: string): Promise<GroupView> {
    return this.#append(group, [{ kind: 'leave', at: this.#now() }])
  }

  /**
   * An invite link (admins only): whoever holds it may join once before it expires.
   * @returns the link text `xchat-group:<hex>`
   */
  invite(group: string, ttlMs = INVITE_TTL_MS): Promise<string> {
    const rt = this.#runtime(group)
    if (rt.state === undefined || !isAdmin(rt.state, this.#me)) throw new XchatError('GROUP_UNAUTHORISED', 'only an admin makes invites')
    const invite = signInvite(
      { groupId: hexToBytes(group), expiresAt: this.#now() + ttlMs, nonce: randomBytes(INVITE_NONCE_LENGTH), name: rt.state.name },
      this.#init.keys.account.privateKey(),
    )
    return Promise.resolve(`xchat-group:${bytesToHex(invite.bytes)}`)
  }

  /**
   * Join with an invite link: asks the inviter for the chain; the join op is
   * signed and sent once it arrives (`group:changed` with kind 'join').
   * @throws XchatError INVITE_INVALID | MALFORMED
   */
  async join(link: string): Promise<{ readonly group: string; readonly name: string }> {
    const hex = link.startsWith('xchat-group:') ? link.slice('xchat-group:'.length) : link
    let invite: Invite
    try {
      invite = parseInvite(hexToBytes(hex))
    } catch (err) {
      if (isXchatError(err)) throw err
      throw new XchatError('INVITE_INVALID', 'not an invite link', { cause: err })
    }
    if (invite.expiresAt < this.#now()) throw new XchatError('INVITE_INVALID', 'the invite expired')
    const id = bytesToHex(invite.groupId)
    await this.#lock.run(async () => {
      const rt = this.#groups.get(id)
      if (rt?.state !== undefined && isMember(rt.state, this.#me)) return
      const record: GroupRecord = { ...(rt?.record ?? emptyRecord(id)), joining: bytesToHex(invite.bytes) }
      this.#groups.set(id, { state: rt?.state, record, graph: rt?.graph ?? new OpGraph(), ops: rt?.ops ?? [] })
      await this.#store.write([this.#store.groups.put(this.#store.groupKey(id), record)])
    })
    await this.#init.control.send([encodeAccountId(invite.inviter)], encodeControl({ groupId: invite.groupId, join: invite.bytes }))
    return { group: id, name: invite.name }
  }

  /**
   * Send a text (and/or a file offer) to the group: encrypted once on this
   * device's sender chain of the current epoch, published once on the topic.
   * @throws XchatError GROUP_NOT_FOUND | NOT_A_MEMBER | TOO_LARGE
   */
  async send(group: string, text: string, options: GroupSendOptions = {}): Promise<GroupSendResult> {
    if (options.expireAfterMs !== undefined) checkTimer(options.expireAfterMs)
    return this.#publish(group, {
      text,
      ...(options.fileManifest === undefined ? {} : { fileManifest: options.fileManifest }),
      ...(options.expireAfterMs === undefined ? {} : { expireAfterMs: options.expireAfterMs }),
      ...(options.viewOnce === true ? { viewOnce: true } : {}),
    })
  }

  /**
   * Set the group's disappearing timer (ms, 5 s … 4 weeks; null: off). Any member may,
   * as in 1:1 chats: every member sees it as a system entry, and later messages
   * without their own timer take it. Concurrent changes: the latest (sender's clock) wins everywhere.
   * @throws RangeError for a timer out of range; XchatError as {@link send}
   */
  async setTimer(group: string, expireAfterMs: number | null): Promise<GroupSendResult> {
    if (expireAfterMs !== null) checkTimer(expireAfterMs)
    return this.#publish(group, { text: '', timer: { expireAfterMs } })
  }

  /** The group's disappearing timer (ms), or null when off. @throws XchatError GROUP_NOT_FOUND */
  timer(group: string): number | null {
    return this.#runtime(group).record.timerMs ?? null
  }

  /** Delete disappearing group messages whose time has come now (the sweeper also runs on its own). @returns how many */
  async sweep(): Promise<number> {
    return this.#sweeper.sweep()
  }

  async #publish(group: string, body: Omit<GroupPayload, 'id' | 'sentAt' | 'seq'>): Promise<GroupSendResult> {
    const { bytes, result, distribute } = await this.#lock.run(async () => {
      const rt = this.#runtime(group)
      const state = rt.state
      if (state === undefined || !isMember(state, this.#me))
        throw new XchatError('NOT_A_MEMBER', 'this account is not a member of the group')
      let distribute: Uint8Array | undefined
      let own = rt.record.own
      if (own === undefined || own.epoch !== state.epoch) {
        // a new epoch: a fresh chain, sent to exactly the members of this epoch
        const chain = createSenderChain()
        own = { epoch: state.epoch, chain: chainToRecord(chain) }
        distribute = encodeControl({ groupId: hexToBytes(group), senderKey: { ...distributionOf(chain), epoch: state.epoch } })
      }
      const now = this.#now()
      const id = randomBytes(16)
      const seq = rt.record.nextSeq
      // a message without a timer of its own takes the group's (a timer change itself does not disappear)
      const timed =
        body.timer === undefined && body.expireAfterMs === undefined && rt.record.timerMs !== undefined
          ? { ...body, expireAfterMs: rt.record.timerMs }
          : body
      const payload: GroupPayload = { ...timed, id, sentAt: now, seq }
      // the sender's clock starts now; relays drop their copy when it is gone here
      const expiresAt = expiryOnArrival({ direction: 'out', ...timerFields(payload) }, now)
      const sealed = encryptOnChain(chainFromRecord(own.chain), encodePayload(payload), hexToBytes(group), {
        ...(expiresAt === undefined ? {} : { keepUntil: expiresAt }),
      })
      let record: GroupRecord = { ...rt.record, own: { epoch: own.epoch, chain: chainToRecord(sealed.chain) }, nextSeq: seq + 1 }
      if (payload.timer !== undefined) record = withGroupTimer(record, payload.timer.expireAfterMs, { at: now, id: bytesToHex(id) })
      const message: GroupMessageRecord = {
        ...messageFields(payload),
        group,
        direction: 'out',
        sender: this.#init.keys.accountId,
        senderDevice: this.#myDevice,
        receivedAt: now,
        status: 'sent',
        deliveredBy: [],
        readBy: [],
        ...(expiresAt === undefined ? {} : { expiresAt }),
      }
      const key = this.#store.messageKey(message, now)
      await this.#store.write([
        this.#store.groups.put(this.#store.groupKey(group), record),
        this.#store.messages.put(key, message),
        this.#store.messageIds.put(message.id, { key }),
        ...groupExpiryOps(this.#store, key, message),
      ])
      rt.record = record
      if (expiresAt !== undefined) this.#sweeper.poke()
      if (payload.timer !== undefined)
        this.safeDispatchEvent('group:timer', {
          detail: { group, expireAfterMs: payload.timer.expireAfterMs, by: this.#init.keys.accountId },
        })
      return { bytes: sealed.bytes, result: { id: message.id, seq }, distribute }
    })
    // the sender key goes over the 1:1 sessions while the message goes out: members that get the message first hold it until the key comes
    const [published] = await Promise.all([
      this.#init.fanout.publish(topicOf(group), bytes),
      distribute === undefined ? Promise.resolve() : this.#init.control.send(this.#others(group), distribute),
    ])
    return { ...result, bytes: bytes.length, ...(published.uploadedBytes === undefined ? {} : { uploadedBytes: published.uploadedBytes }) }
  }

  /** A group's messages, oldest first; `limit` keeps the newest. */
  async history(group: string, options: { limit?: number } = {}): Promise<GroupMessageRecord[]> {
    this.#runtime(group)
    const prefix = this.#store.messagePrefix(group)
    const out: GroupMessageRecord[] = []
    const range = { gte: prefix, lt: `${prefix}~`, reverse: true, ...(options.limit === undefined ? {} : { limit: options.limit }) }
    const now = this.#now()
    // nothing expired shows between two sweeps
    for await (const [, m] of this.#store.messages.entries(range)) if (!isExpired(m, now)) out.push(m)
    return out.reverse()
  }

  /** Mark a group's received messages read and tell their senders. @returns how many were marked */
  async markRead(group: string): Promise<number> {
    const bySender = await this.#lock.run(async () => {
      const prefix = this.#store.messagePrefix(group)
      const ops: StoreOp[] = []
      const by = new Map<AccountId, Uint8Array[]>()
      const now = this.#now()
      let timed = false
      for await (const [key, m] of this.#store.messages.entries({ gte: prefix, lt: `${prefix}~` })) {
        if (m.direction !== 'in' || m.status === 'read') continue
        // a disappearing message's clock starts here when it is read (view once: it goes now)
        const expiresAt = expiryOnRead({ direction: m.direction, ...timerFields(m) }, now)
        const read: GroupMessageRecord = { ...m, status: 'read', ...(expiresAt === undefined ? {} : { expiresAt }) }
        ops.push(this.#store.messages.put(key, read), ...groupExpiryOps(this.#store, key, read, m.expiresAt))
        timed ||= expiresAt !== undefined
        const list = by.get(m.sender as AccountId) ?? []
        list.push(hexToBytes(m.id))
        by.set(m.sender as AccountId, list)
      }
      await this.#store.write(ops)
      if (timed) this.#sweeper.poke()
      return by
    })
    let marked = 0
    for (const [sender, ids] of bySender) {
      marked += ids.length
      for (let i = 0; i < ids.length; i += limits.MAX_RECEIPT_IDS)
        await this.#init.control.send(
          [sender],
          encodeControl({ groupId: hexToBytes(group), receipt: { kind: 'read', ids: ids.slice(i, i + limits.MAX_RECEIPT_IDS) } }),
        )
    }
    return marked
  }

  /** Every group this device knows (also ones it left), by name. */
  groups(): GroupView[] {
    return [...this.#groups.keys()]
      .filter((id) => this.#groups.get(id)?.state !== undefined)
      .map((id) => this.group(id))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** One group. @throws XchatError GROUP_NOT_FOUND */
  group(id: string): GroupView {
    const state = this.#runtime(id).state
    if (state === undefined) throw new XchatError('GROUP_NOT_FOUND', 'the group chain has not arrived yet')
    return {
      id,
      name: state.name,
      epoch: state.epoch,
      members: [...state.members.values()].map((m) => ({ accountId: accountIdOfHex(m.key), admin: m.admin })),
      member: isMember(state, this.#me),
      admin: isAdmin(state, this.#me),
    }
  }

  /** A group by id or unique id prefix or exact name. @throws XchatError GROUP_NOT_FOUND */
  resolve(idOrName: string): string {
    const lower = idOrName.toLowerCase()
    if (this.#groups.has(lower)) return lower
    const matches = [...this.#groups].filter(([id, rt]) => id.startsWith(lower) || rt.state?.name === idOrName).map(([id]) => id)
    if (matches.length === 1) return matches[0] as string
    throw new XchatError('GROUP_NOT_FOUND', matches.length === 0 ? 'no such group' : 'the name matches several groups; use the id')
  }

  // ── input from the network ──

  /** A GroupControl from a 1:1 session (messaging Content 18). Never throws on bad input: it is reported and dropped. */
  async receiveControl(bytes: Uint8Array, from: ControlSender): Promise<void> {
    let control: GroupControl
    try {
      control = parseControl(bytes)
    } catch (err) {
      this.#reject(err, 'control')
      return
    }
    const followUps = await this.#lock.run(async () => this.#controlLocked(control, from))
    for (const f of followUps) await f().catch((err: unknown) => this.#reject(err, 'control'))
  }

  /**
   * A GroupMessage from the fan-out (`group`: the group whose topic it came on, when known). Never throws on bad input.
   * A message whose sender key has not arrived waits (bounded); in a group this account is not in, it is refused NO_SENDER_KEY.
   */
  async receiveMessage(bytes: Uint8Array, group?: string): Promise<void> {
    let m: GroupMessage
    try {
      m = parseGroupMessage(bytes)
    } catch (err) {
      this.#reject(err, 'message')
      return
    }
    const delivered = await this.#lock.run(async () => this.#messageLocked(m, bytes, group))
    if (delivered !== undefined) this.#queueReceipt(delivered.group, delivered.sender as AccountId, delivered.id)
  }

  // ── internals (run under the lock) ──

  async #append(group: string, inits: Omit<OpInit, 'prev' | 'groupId'>[]): Promise<GroupView> {
    await this.#lock.run(async () => this.#appendLocked(group, inits))
    return this.group(group)
  }

  /** Sign ops on the head, apply them (refused here if not allowed), store, then send them to everyone concerned. */
  async #appendLocked(group: string, inits: readonly Omit<OpInit, 'prev' | 'groupId'>[]): Promise<void> {
    const rt = this.#runtime(group)
    const before = rt.state
    // on a copy: nothing changes if any op is refused
    const graph = rt.graph.copy()
    const ops: GroupOp[] = []
    for (const init of inits) {
      // the first op also names the tips of a fork we hold, so our view is what it was made in
      const op = signOp(
        { ...init, groupId: hexToBytes(group), prev: graph.state?.head ?? new Uint8Array(0), merged: graph.otherTips() },
        this.#init.keys.account.privateKey(),
      )
      graph.add(op)
      ops.push(op)
    }
    const state = graph.state
    if (state === undefined) return
    await this.#commitOps(rt, graph, ops)
    await this.#distributeOps(group, before, state, ops)
  }

  async #commitOps(rt: Runtime, graph: OpGraph, ops: readonly GroupOp[]): Promise<void> {
    const state = graph.state as GroupState
    const wasMember = rt.state !== undefined && isMember(rt.state, this.#me)
    const joined = ops.some((op) => op.kind === 'join' && bytesToHex(op.author) === this.#me)
    const rest: GroupRecord = { ...rt.record }
    if (joined) delete (rest as { joining?: string }).joining
    const record: GroupRecord = rest
    const chain = [...rt.ops, ...ops.map((op) => bytesToHex(op.bytes))]
    const key = this.#store.groupKey(state.id)
    await this.#store.write([this.#store.groups.put(key, record), this.#store.ops.put(key, { ops: chain })])
    rt.record = record
    rt.ops = chain
    rt.state = state
    rt.graph = graph
    const member = isMember(state, this.#me)
    if (this.#running && member && !wasMember) this.#subscribe(state.id)
    if (this.#running && !member && wasMember) this.#init.fanout.unsubscribe(topicOf(state.id))
    for (const op of ops) this.safeDispatchEvent('group:changed', { detail: { group: state.id, kind: op.kind, epoch: state.epoch } })
  }

  /** New ops to every member before and after them (a removed member learns it); the whole chain to new members. */
  async #distributeOps(group: string, before: GroupState | undefined, after: GroupState, ops: readonly GroupOp[]): Promise<void> {
    const known = new Set([...(before?.members.keys() ?? [])])
    const fresh = [...after.members.keys()].filter((k) => !known.has(k) && k !== this.#me)
    const old = [...new Set([...known, ...after.members.keys()])].filter((k) => known.has(k) && k !== this.#me)
    const rt = this.#runtime(group)
    const groupId = hexToBytes(group)
    for (const control of chunkOps(
      groupId,
      ops.map((o) => o.bytes),
    ))
      await this.#init.control.send(old.map(accountIdOfHex), control)
    if (fresh.length > 0)
      for (const control of chunkOps(
        groupId,
        rt.ops.map((h) => hexToBytes(h)),
      ))
        await this.#init.control.send(fresh.map(accountIdOfHex), control)
    // a newcomer learns the group's disappearing timer now, not at its next change
    const set = rt.record.timerSet
    if (fresh.length > 0 && set !== undefined)
      await this.#init.control.send(
        fresh.map(accountIdOfHex),
        encodeControl({ groupId, timer: { expireAfterMs: rt.record.timerMs ?? null, at: set.at, id: hexToBytes(set.id) } }),
      )
  }

  async #controlLocked(control: GroupControl, from: ControlSender): Promise<(() => Promise<void>)[]> {
    const group = bytesToHex(control.groupId)
    const followUps: (() => Promise<void>)[] = []
    if (control.ops.length > 0) followUps.push(...(await this.#receiveOps(group, control.ops)))
    if (control.senderKey !== undefined) await this.#receiveSenderKey(group, control, from)
    if (control.join !== undefined) followUps.push(...this.#answerJoin(group, control.join, from))
    if (control.receipt !== undefined) await this.#receiveReceipt(group, control.receipt.kind, control.receipt.ids.map(bytesToHex), from)
    if (control.timer !== undefined) await this.#receiveTimerState(group, control.timer, from)
    return followUps
  }

  /**
   * Add arriving ops to the group's op graph once their parents are here
   * (ops ahead wait, bounded); concurrent ops are merged (op-graph.ts).
   */
  async #receiveOps(group: string, incoming: readonly GroupOp[]): Promise<(() => Promise<void>)[]> {
    let rt = this.#groups.get(group)
    const pending = [...(this.#pendingOps.get(group) ?? []), ...incoming]
    const applied: { op: GroupOp; view: GroupState }[] = []
    const graph = rt?.graph.copy() ?? new OpGraph()
    // a chain we do not hold yet is taken only if it adds this account (or we are joining it by invite)
    const wanted = rt?.state !== undefined || rt?.record.joining !== undefined || pending.some((op) => this.#names(op))
    let progress = true
    while (progress) {
      progress = false
      for (let i = 0; i < pending.length; i++) {
        const op = pending[i] as GroupOp
        if (graph.has(op.hash)) {
          pending.splice(i--, 1)
          continue
        }
        const linked = graph.state === undefined ? op.kind === 'create' && wanted : graph.linked(op)
        // not linked yet (or a chain that does not name us yet): it waits for the rest
        if (!linked) continue
        pending.splice(i--, 1)
        try {
          applied.push({ op, view: graph.add(op) })
          progress = true
        } catch (err) {
          this.#reject(err, 'op')
        }
      }
    }
    // what still waits is bounded: the oldest is dropped first
    this.#pendingOps.delete(group)
    if (pending.length > 0) this.#pendingOps.set(group, pending.slice(-MAX_PENDING_OPS))
    // chains of many groups that never complete: the oldest group's go first
    while (this.#pendingOps.size > MAX_PENDING_GROUPS) this.#pendingOps.delete(this.#pendingOps.keys().next().value as string)
    const state = graph.state
    if (applied.length === 0 || state === undefined) return []
    if (rt === undefined) {
      rt = { state: undefined, record: emptyRecord(group), graph, ops: [] }
      this.#groups.set(group, rt)
    }
    const joiningWith = rt.record.joining
    await this.#commitOps(
      rt,
      graph,
      applied.map((a) => a.op),
    )
    const followUps: (() => Promise<void>)[] = []
    const forward = this.#forwardMerged(group, state, graph, applied)
    if (forward !== undefined) followUps.push(forward)
    // joining: the chain is here and we are not in it yet: sign our join on its head
    if (joiningWith !== undefined && !isMember(state, this.#me)) {
      const invite = hexToBytes(joiningWith)
      followUps.push(async () => this.#lock.run(async () => this.#appendLocked(group, [{ kind: 'join', at: this.#now(), invite }])))
    }
    // a pending sender key may belong to the epoch we just reached
    const waiting = this.#pendingKeys.splice(0)
    for (const k of waiting) await this.#receiveSenderKey(bytesToHex(k.control.groupId), k.control, k.from)
    return followUps
  }

  /**
   * A concurrent op's author did not know the members added on our side of
   * the fork, so it did not send them its op: whoever brought a member in
   * (the admin that added it, the inviter of a joiner) forwards it.
   */
  #forwardMerged(
    group: string,
    state: GroupState,
    graph: OpGraph,
    applied: readonly { op: GroupOp; view: GroupState }[],
  ): (() => Promise<void>) | undefined {
    const sponsored = new Set<string>()
    for (const op of graph.ops) {
      if (op.kind === 'add' && bytesToHex(op.author) === this.#me) for (const m of op.members) sponsored.add(bytesToHex(m))
      if (op.kind === 'join' && op.invite !== undefined && bytesToHex(op.invite.inviter) === this.#me) sponsored.add(bytesToHex(op.author))
    }
    if (sponsored.size === 0) return undefined
    const targets = new Map<string, Uint8Array[]>()
    for (const { op, view } of applied)
      for (const m of sponsored)
        if (isMember(state, m) && !isMember(view, m) && bytesToHex(op.author) !== m) {
          const list = targets.get(m) ?? []
          list.push(op.bytes)
          targets.set(m, list)
        }
    if (targets.size === 0) return undefined
    return async () => {
      for (const [m, ops] of targets)
        for (const control of chunkOps(hexToBytes(group), ops)) await this.#init.control.send([accountIdOfHex(m)], control)
    }
  }

  /** The op is by this account or adds it. */
  #names(op: GroupOp): boolean {
    return bytesToHex(op.author) === this.#me || op.members.some((m) => bytesToHex(m) === this.#me)
  }

  /** The group's timer as a member holds it (sent when we joined): taken if it is later than ours, as a timer change in a message. */
  async #receiveTimerState(group: string, timer: GroupTimerState, from: ControlSender): Promise<void> {
    const rt = this.#groups.get(group)
    const state = rt?.state
    // a joiner is told the timer with the chain, before its own join op is in
    if (rt === undefined || state === undefined || (!isMember(state, this.#me) && rt.record.joining === undefined)) return
    if (!isMember(state, bytesToHex(decodeAccountId(from.accountId))))
      return this.#reject(new XchatError('NOT_A_MEMBER', 'a group timer from a non-member'), 'control')
    const id = bytesToHex(timer.id)
    if (rt.record.timerSet?.id === id) return // this change is in already
    // a clock running ahead cannot pin the timer
    const next = withGroupTimer(rt.record, timer.expireAfterMs, { at: Math.min(timer.at, this.#now()), id })
    if (next === rt.record) return
    await this.#store.write([this.#store.groups.put(this.#store.groupKey(group), next)])
    rt.record = next
    this.safeDispatchEvent('group:timer', { detail: { group, expireAfterMs: timer.expireAfterMs, by: from.accountId } })
  }

  async #receiveSenderKey(group: string, control: GroupControl, from: ControlSender): Promise<void> {
    const sk = control.senderKey
    if (sk === undefined) return
    const rt = this.#groups.get(group)
    const state = rt?.state
    if (rt === undefined || state === undefined || sk.epoch > state.epoch) {
      // the op starting this epoch has not arrived yet
      this.#pendingKeys.push({ control, from })
      if (this.#pendingKeys.length > MAX_PENDING_KEYS) this.#pendingKeys.shift()
      return
    }
    const sender = bytesToHex(decodeAccountId(from.accountId))
    if (!isMember(state, sender)) return this.#reject(new XchatError('NOT_A_MEMBER', 'a sender key from a non-member'), 'control')
    if (!isMember(state, this.#me)) return
    // a member that had not seen the latest changes when it sent still reaches us (bounded: older keys are of no use)
    if (sk.epoch + MAX_LAGGING_EPOCHS < state.epoch) return
    let chain
    try {
      chain = chainFromDistribution(sk)
    } catch (err) {
      return this.#reject(err, 'control')
    }
    const chainId = bytesToHex(sk.chainId)
    if (rt.record.chains[chainId] !== undefined || this.#chainGroups.has(chainId)) return // a repeat: keep the state we have
    const record: GroupRecord = {
      ...rt.record,
      chains: { ...rt.record.chains, [chainId]: { sender, device: from.deviceKey, epoch: sk.epoch, chain: chainToRecord(chain) } },
    }
    await this.#store.write([this.#store.groups.put(this.#store.groupKey(group), record)])
    rt.record = record
    this.#chainGroups.set(chainId, group)
    const held = this.#held.get(chainId)
    if (held !== undefined) {
      this.#held.delete(chainId)
      this.#heldCount -= held.length
      // now, in the order they came, before anything that arrives later
      for (const bytes of held) {
        const delivered = await this.#messageLocked(parseGroupMessage(bytes), bytes, group)
        if (delivered !== undefined) this.#queueReceipt(group, delivered.sender as AccountId, delivered.id)
      }
    }
  }

  /** An admin answers a valid invite with the chain, so the joiner can sign its join op on the head. */
  #answerJoin(group: string, invite: Invite, from: ControlSender): (() => Promise<void>)[] {
    const rt = this.#groups.get(group)
    const state = rt?.state
    if (rt === undefined || state === undefined || !isAdmin(state, this.#me)) return []
    const valid =
      bytesToHex(invite.groupId) === group &&
      isAdmin(state, bytesToHex(invite.inviter)) &&
      invite.expiresAt >= this.#now() &&
      !state.usedInvites.has(bytesToHex(invite.nonce))
    if (!valid) {
      this.#reject(new XchatError('INVITE_INVALID', 'a join request with an invalid invite'), 'control')
      return []
    }
    const ops = rt.ops.map((h) => hexToBytes(h))
    return [
      async () => {
        for (const control of chunkOps(hexToBytes(group), ops)) await this.#init.control.send([from.accountId], control)
        // the joiner learns the group's disappearing timer with the chain
        const set = rt.record.timerSet
        if (set !== undefined)
          await this.#init.control.send(
            [from.accountId],
            encodeControl({
              groupId: hexToBytes(group),
              timer: { expireAfterMs: rt.record.timerMs ?? null, at: set.at, id: hexToBytes(set.id) },
            }),
          )
      },
    ]
  }

  async #receiveReceipt(group: string, kind: GroupReceiptKind, ids: readonly string[], from: ControlSender): Promise<void> {
    const ops: StoreOp[] = []
    const matched: string[] = []
    for (const id of new Set(ids)) {
      const ref = await this.#store.messageIds.get(id)
      const m = ref === undefined ? undefined : await this.#store.messages.get(ref.key)
      if (ref === undefined || m === undefined || m.group !== group || m.direction !== 'out') continue
      const field = kind === 'delivered' ? 'deliveredBy' : 'readBy'
      if (m[field].includes(from.accountId)) continue
      const next = { ...m, [field]: [...m[field], from.accountId] }
      // read implies delivered
      if (kind === 'read' && !next.deliveredBy.includes(from.accountId)) next.deliveredBy = [...next.deliveredBy, from.accountId]
      ops.push(this.#store.messages.put(ref.key, next))
      matched.push(id)
    }
    await this.#store.write(ops)
    if (matched.length > 0) this.safeDispatchEvent('group:receipt', { detail: { group, kind, ids: matched, from: from.accountId } })
  }

  async #messageLocked(m: GroupMessage, bytes: Uint8Array, topicGroup: string | undefined): Promise<GroupMessageRecord | undefined> {
    const chainId = bytesToHex(m.chainId)
    const group = this.#chainGroups.get(chainId)
    if (group === undefined) {
      const state = topicGroup === undefined ? undefined : this.#groups.get(topicGroup)?.state
      if (topicGroup !== undefined && (state === undefined || !isMember(state, this.#me))) {
        this.#reject(new XchatError('NO_SENDER_KEY', 'no sender key for this message: not a member of the group'), 'message')
        return undefined
      }
      // the sender key is on its way over the 1:1 session (or we may never get it: bounded)
      const list = this.#held.get(chainId) ?? []
      if (list.length === 0) this.#held.set(chainId, list)
      list.push(bytes)
      this.#heldCount++
      while (this.#heldCount > MAX_HELD_MESSAGES) {
        const oldest = this.#held.keys().next()
        if (oldest.done === true) break
        this.#heldCount -= this.#held.get(oldest.value)?.length ?? 0
        this.#held.delete(oldest.value)
      }
      return undefined
    }
    const rt = this.#runtime(group)
    const peer = rt.record.chains[chainId]
    if (peer === undefined || rt.state === undefined) return undefined
    try {
      // a removed member's old chain is dead: nothing from it is accepted after the removal
      if (!isMember(rt.state, peer.sender)) throw new XchatError('NOT_A_MEMBER', 'a message from an account that is no longer a member')
      if (!isMember(rt.state, this.#me)) throw new XchatError('NOT_A_MEMBER', 'this account is no longer a member')
      const { chain, plaintext } = decryptOnChain(chainFromRecord(peer.chain), m, hexToBytes(group))
      const payload = parsePayload(plaintext)
      const id = bytesToHex(payload.id)
      const now = this.#now()
      const record: GroupRecord = {
        ...rt.record,
        chains: { ...rt.record.chains, [chainId]: { ...peer, chain: chainToRecord(chain) } },
        cursors: { ...rt.record.cursors, [peer.device]: acceptSeq(rt.record.cursors[peer.device], payload.seq).cursor },
      }
      // an expired message's copy (a relay's, a catch-up) never comes back
      const duplicate = (await this.#store.messageIds.get(id)) !== undefined || (await isGroupTombstoned(this.#store, id))
      const fromSelf = peer.sender === this.#me
      const direction = fromSelf ? 'out' : 'in'
      // ours (another device of this account): the clock started when sent; a member's: when read here
      const expiresAt = expiryOnArrival({ direction, ...timerFields(payload) }, now)
      const message: GroupMessageRecord = {
        ...messageFields(payload),
        group,
        direction,
        sender: accountIdOfHex(peer.sender),
        senderDevice: peer.device,
        receivedAt: now,
        status: fromSelf ? 'sent' : 'received',
        deliveredBy: [],
        readBy: [],
        ...(expiresAt === undefined ? {} : { expiresAt }),
      }
      const timer = duplicate ? undefined : payload.timer
      // a clock running ahead cannot pin the timer: a change counts from when it arrived at the latest
      const next = timer === undefined ? record : withGroupTimer(record, timer.expireAfterMs, { at: Math.min(payload.sentAt, now), id })
      const ops: StoreOp[] = [this.#store.groups.put(this.#store.groupKey(group), next)]
      if (!duplicate) {
        const key = this.#store.messageKey(message, Math.min(payload.sentAt, now))
        ops.push(
          this.#store.messages.put(key, message),
          this.#store.messageIds.put(id, { key }),
          ...groupExpiryOps(this.#store, key, message),
        )
      }
      await this.#store.write(ops)
      rt.record = next
      if (duplicate) return undefined
      if (expiresAt !== undefined) this.#sweeper.poke()
      this.safeDispatchEvent('group:message', { detail: message })
      if (timer !== undefined)
        this.safeDispatchEvent('group:timer', { detail: { group, expireAfterMs: timer.expireAfterMs, by: message.sender as AccountId } })
      const cursor = record.cursors[peer.device]
      if (cursor !== undefined && cursor.above.length > 0)
        this.safeDispatchEvent('group:gap', { detail: { group, device: peer.device, missing: missingSeqs(cursor) } })
      return fromSelf ? undefined : message
    } catch (err) {
      if (isXchatError(err, 'DUPLICATE_MESSAGE')) return undefined
      this.#reject(err, 'message')
      return undefined
    }
  }

  #queueReceipt(group: string, to: AccountId, id: string): void {
    if (this.#init.receipts === false || !this.#running) return
    const key = `${group}|${to}`
    const pending = this.#receipts.get(key) ?? { group, to, ids: new Set<string>() }
    pending.ids.add(id)
    this.#receipts.set(key, pending)
    if (pending.ids.size !== 1) return
    const t = setTimeout(() => {
      this.#timers.delete(t)
      this.#receipts.delete(key)
      const ids = [...pending.ids].slice(0, limits.MAX_RECEIPT_IDS).map((i) => hexToBytes(i))
      const control = encodeControl({ groupId: hexToBytes(group), receipt: { kind: 'delivered', ids } })
      void this.#init.control.send([to], control).catch(() => undefined)
    }, GROUP_RECEIPT_BATCH_MS)
    this.#timers.add(t)
  }

  #subscribe(group: string): void {
    this.#init.fanout.subscribe(topicOf(group), (bytes) => void this.receiveMessage(bytes, group))
  }

  /** The other members' account IDs. */
  #others(group: string): AccountId[] {
    const state = this.#runtime(group).state
    return state === undefined ? [] : [...state.members.keys()].filter((k) => k !== this.#me).map(accountIdOfHex)
  }

  #runtime(group: string): Runtime {
    const rt = this.#groups.get(group)
    if (rt === undefined) throw new XchatError('GROUP_NOT_FOUND', 'no such group on this device')
    return rt
  }

  #reject(err: unknown, where: 'op' | 'control' | 'message'): void {
    if (!isXchatError(err)) throw err
    this.safeDispatchEvent('group:rejected', { detail: { reason: err.code, where } })
  }
}

/** The timer fields of a payload or a stored message (only those that are set). */
function timerFields(p: Pick<GroupPayload, 'expireAfterMs' | 'viewOnce'>): { expireAfterMs?: number; viewOnce?: boolean } {
  return {
    ...(p.expireAfterMs === undefined ? {} : { expireAfterMs: p.expireAfterMs }),
    ...(p.viewOnce === true ? { viewOnce: true } : {}),
  }
}

/** What a stored message takes from its payload; a timer change is a system entry with a text describing it. */
function messageFields(
  p: GroupPayload,
): Pick<GroupMessageRecord, 'id' | 'sentAt' | 'seq' | 'text' | 'file' | 'expireAfterMs' | 'viewOnce' | 'system'> {
  return {
    id: bytesToHex(p.id),
    sentAt: p.sentAt,
    seq: p.seq,
    text: p.timer === undefined ? p.text : describeTimer(p.timer.expireAfterMs),
    ...(p.fileManifest === undefined ? {} : { file: { manifest: bytesToHex(p.fileManifest) } }),
    ...(p.timer === undefined ? timerFields(p) : { system: { kind: 'timer' as const, expireAfterMs: p.timer.expireAfterMs } }),
  }
}

/**
 * The group record with a timer change applied, unless a later change is
 * already in (the setter's clock, then the message id): every member ends on the same timer.
 */
function withGroupTimer(record: GroupRecord, expireAfterMs: number | null, set: { at: number; id: string }): GroupRecord {
  const last = record.timerSet
  if (last !== undefined && (last.at > set.at || (last.at === set.at && last.id > set.id))) return record
  const copy: { -readonly [K in keyof GroupRecord]: GroupRecord[K] } = { ...record, timerSet: set }
  delete copy.timerMs
  return expireAfterMs === null ? copy : { ...copy, timerMs: expireAfterMs }
}

function emptyRecord(id: string): GroupRecord {
  return { id, nextSeq: 1, chains: {}, cursors: {} }
}

/** Account IDs of member keys, remembered: a view of a 1,024-member group encodes every one (bech32m with a checksum). */
const accountIds = new Map<string, AccountId>()
function accountIdOfHex(key: string): AccountId {
  let id = accountIds.get(key)
  if (id === undefined) {
    id = encodeAccountId(hexToBytes(key))
    if (accountIds.size >= 8192) accountIds.clear()
    accountIds.set(key, id)
  }
  return id
}

function unique(keys: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>()
  return keys.filter((k) => {
    const h = bytesToHex(k)
    return !seen.has(h) && seen.add(h)
  })
}

/** Split a run of ops into controls that each fit one message. */
function chunkOps(groupId: Uint8Array, ops: readonly Uint8Array[]): Uint8Array[] {
  const budget = limits.MAX_GROUP_CONTROL_BYTES - 512
  const out: Uint8Array[] = []
  let batch: Uint8Array[] = []
  let size = 0
  for (const op of ops) {
    if (batch.length > 0 && (size + op.length + 8 > budget || batch.length >= MAX_OPS_PER_CONTROL)) {
      out.push(encodeControl({ groupId, ops: batch }))
      batch = []
      size = 0
    }
    batch.push(op)
    size += op.length + 8
  }
  if (batch.length > 0) out.push(encodeControl({ groupId, ops: batch }))
  return out
}
