import { TypedEventEmitter } from 'main-event'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { AbortOptions } from '@libp2p/interface'
import { XchatError, isXchatError } from '../errors.js'
import type { AccountId, DeviceKeys } from '../identity/index.js'
import type { OneTimePrekey } from '../session/index.js'
import { limits } from '../wire/index.js'
import type { XchatStore, StoredMessage, StoredCall, Conversation, StoreOp, StoreTxn } from '../store/index.js'
import { randomBytes } from '../crypto/index.js'
import { compose, type ComposeInit, type Composed } from './compose.js'
import { GroupCommit, type ItemResult } from './group-commit.js'
import type { ContentBody, FileControlKind, MessageTimer, ReceiptKind } from './content.js'
import { DeviceBook, type PeerDevice } from './devices.js'
import { encodeDeliveryAck } from './envelope.js'
import type { DeliveryPath, MessageView, MessengerEvents } from './events.js'
import { acceptChange } from './identity-guard.js'
import { Mutex } from './lock.js'
import { MailboxSync } from './mailbox-sync.js'
import { missingSeqs } from './ordering.js'
import { Deliverer, type AttemptResult } from './outbox.js'
import { OwnPrekeys } from './own-prekeys.js'
import type { DirectoryPort, DirectPort, MailboxPort, RelayAddress } from './ports.js'
import { Receiver, type SenderDevice } from './receiver.js'
import { Sessions } from './sessions.js'
import { AccountIds } from './account-ids.js'
import { Recipients } from './recipients.js'
import { Sweeper, checkTimer, expiryOnRead, isExpired, withExpiry } from '../ephemeral/index.js'
import { Revocations } from './revocations.js'
import { GAP_GRACE_MS, MAILBOX_POLL_MS, MAX_GROUP_ITEMS, MESSAGE_ID_LENGTH, RECEIPT_BATCH_MS, RESEND_INTERVAL_MS } from './constants.js'

/** What {@link Messenger.create} needs. */
export interface MessengerInit {
  readonly store: XchatStore
  readonly keys: DeviceKeys
  readonly directory: DirectoryPort
  readonly direct: DirectPort
  /** Relay mailboxes; without them only direct delivery works. */
  readonly mailbox?: MailboxPort
  readonly now: () => number
  /** The PeerId text of a device key. */
  readonly peerIdOf: (devicePublicKey: Uint8Array) => string
  /** The relays holding this device's mailboxes (those its circuit addresses name). */
  readonly ownRelays: () => readonly RelayAddress[]
  /** The account a name stands for (a contact), for `send` to a name. */
  readonly resolveName?: (name: string) => Promise<AccountId | undefined>
}

/** Which devices a call signal goes to. */
export interface CallSignalRoute {
  /** 'all' devices of the peer account, one (its device key, hex), or 'none'. */
  readonly peer: string
  /** Copies to this account's other devices (they stop ringing when one answers). */
  readonly ownCopies: boolean
  /** How long delivery may be tried. */
  readonly ttlMs: number
}

/** How one recipient device fared. */
export interface DeviceDelivery {
  readonly peerId: string
  readonly deviceIndex: number
  /** Set when the device (or ≥ 2 of its mailboxes) took the message. */
  readonly via?: DeliveryPath
  /** Set otherwise: an error code; the outbox keeps retrying unless it is final. */
  readonly error?: string
}

/** Options of {@link Messenger.send} and {@link Messenger.sendFile}: a timer of this message (else the conversation's). */
export interface SendOptions extends AbortOptions, MessageTimer {}

/** The result of {@link Messenger.send}. */
export interface SendResult {
  /** The message id, hex. */
  readonly id: string
  /** 'direct' when every device that took it acked over a direct stream. */
  readonly delivered: DeliveryPath
  /** Every device of the recipient account. */
  readonly devices: readonly DeviceDelivery[]
}

/**
 * 1:1 messaging: send to every device of an account (and copies to this
 * account's other devices), receive from direct streams and mailboxes,
 * receipts, ordering and gaps. State lives in the store; the network is
 * reached only through the ports.
 */
export class Messenger extends TypedEventEmitter<MessengerEvents> {
  readonly #init: MessengerInit
  readonly #lock = new Mutex()
  /** Sends take their seqs in call order: resolving and composing run one send at a time. */
  readonly #sendOrder = new Mutex()
  readonly #accountIds = new AccountIds()
  readonly #prekeys: OwnPrekeys
  readonly #sessions: Sessions
  readonly #devices: DeviceBook
  readonly #recipients: Recipients
  readonly #receiver: Receiver
  readonly #deliverer: Deliverer
  /** Messages to compose: queued in send order, composed and written in groups. */
  readonly #composer: GroupCommit<ComposeRequest, ComposedFor>
  readonly #sync: MailboxSync | undefined
  readonly #sweeper: Sweeper
  readonly #receipts = new Map<AccountId, { ids: Set<string>; from: SenderDevice }>()
  readonly #timers = new Set<ReturnType<typeof setTimeout>>()
  #controller = new AbortController()
  #poll: ReturnType<typeof setInterval> | undefined
  #running = false

  private constructor(init: MessengerInit, prekeys: OwnPrekeys) {
    super()
    this.#init = init
    this.#prekeys = prekeys
    this.#sessions = new Sessions(init.store, init.keys, prekeys, init.mailbox)
    const revocations = new Revocations(init.store)
    this.#devices = new DeviceBook(init.directory, init.now, async (accountId, keys) => revocations.learn(accountId, keys))
    this.#recipients = new Recipients({
      store: init.store,
      keys: init.keys,
      devices: this.#devices,
      lock: this.#lock,
      now: init.now,
      peerIdOf: init.peerIdOf,
      onIdentityChanged: (accountId, deviceIndex) => this.safeDispatchEvent('identity:changed', { detail: { accountId, deviceIndex } }),
    })
    this.#receiver = new Receiver({
      store: init.store,
      sessions: this.#sessions,
      prekeys,
      lock: this.#lock,
      keys: init.keys,
      now: init.now,
      accountIds: this.#accountIds,
      peerIdOf: init.peerIdOf,
      isRevoked: async (deviceKey) => revocations.has(deviceKey),
      hooks: {
        text: (m, from, gap) => this.#onText(m, from, gap),
        receipt: (conversation, kind, ids, from) => {
          // a read receipt may have started clocks (or ended a view-once)
          if (kind === 'read') this.#sweeper.poke()
          this.safeDispatchEvent('receipt:received', { detail: { conversation, kind, ids, device: init.peerIdOf(from.devicePublicKey) } })
        },
        resend: (conversation, messages, from) => void this.#resend(conversation, messages, from).catch(() => undefined),
        identityChanged: (accountId, deviceIndex) => this.safeDispatchEvent('identity:changed', { detail: { accountId, deviceIndex } }),
        fileControl: (conversation, fileId, control, from) =>
          this.safeDispatchEvent(control === 'complete' ? 'file:complete' : 'file:cancelled', {
            detail: { conversation, fileId, device: init.peerIdOf(from.devicePublicKey) },
          }),
        rejected: (reason, via) => this.safeDispatchEvent('envelope:rejected', { detail: { reason, via } }),
        call: (signal, from, conversation, fromSelf, sentAt) =>
          this.safeDispatchEvent('call:signal', {
            detail: { signal, conversation, fromAccount: from.accountId, fromDevice: from.deviceKey, fromSelf, sentAt },
          }),
        group: (control, from) => this.safeDispatchEvent('group:control', { detail: { control, from } }),
      },
    })
    this.#deliverer = new Deliverer({
      store: init.store,
      sessions: this.#sessions,
      lock: this.#lock,
      direct: init.direct,
      ...(init.mailbox === undefined ? {} : { mailbox: init.mailbox }),
      now: init.now,
      prekeysOf: async (target) =>
        (await this.#devices.devicesOf(target.accountId, { fresh: true })).find((d) => d.deviceKey === target.devicePublicKey)?.prekeys,
      events: {
        sent: (e, via) =>
          e.kind !== 'call' &&
          this.safeDispatchEvent('message:sent', {
            detail: { id: e.messageId, conversation: e.conversation, device: e.target.peerId, via },
          }),
        failed: (e, reason) =>
          e.kind !== 'call' &&
          this.safeDispatchEvent('message:failed', {
            detail: { id: e.messageId, conversation: e.conversation, device: e.target.peerId, reason },
          }),
      },
    })
    this.#sweeper = new Sweeper({
      store: init.store,
      now: init.now,
      ourDeviceKey: bytesToHex(init.keys.device.publicKey),
      lock: this.#lock,
      onExpired: (expired) => {
        for (const detail of expired) this.safeDispatchEvent('message:expired', { detail })
      },
    })
    this.#composer = new GroupCommit(this.#lock, MAX_GROUP_ITEMS, async (requests) => this.#composeGroup(requests))
    this.#sync =
      init.mailbox === undefined ? undefined : new MailboxSync(init.mailbox, this.#receiver, init.ownRelays, async () => init.store.flush())
  }

  /** Load this device's prekeys and build the messenger (not started). */
  static async create(init: MessengerInit): Promise<Messenger> {
    const prekeys = new OwnPrekeys(init.store)
    await prekeys.load()
    return new Messenger(init, prekeys)
  }

  /** This device's encoded PrekeyBundle (its newest signed prekey), for the directory. */
  prekeyBundle(): Uint8Array | undefined {
    return this.#prekeys.bundle()
  }

  /**
   * Make or rotate the signed prekey, answer '/xchat/msg/1.0.0', retry the
   * outbox, and fetch mail now and every {@link MAILBOX_POLL_MS}.
   */
  async start(): Promise<void> {
    if (this.#running) return
    // what expired while this device was off goes before anything is received or shown
    await this.#sweeper.start()
    await this.#prekeys.rotate(this.#init.keys.device.privateKey(), this.#init.now())
    await this.#init.store.pruneSeen(this.#init.now())
    this.#controller = new AbortController()
    await this.#init.direct.handle(async (frame, fromPeerId) => {
      const answer = await this.#receiver.receive(frame, { path: 'direct', fromPeerId })
      await this.#init.store.flush() // acked only once it is on disk
      return encodeDeliveryAck(answer)
    })
    this.#running = true
    this.#deliverer.start()
    this.#poll = setInterval(() => this.#syncSoon(), MAILBOX_POLL_MS)
    this.#syncSoon()
  }

  /** Stop answering and retrying; what is stored stays for the next start. */
  async stop(): Promise<void> {
    if (!this.#running) return
    this.#running = false
    this.#controller.abort()
    clearInterval(this.#poll)
    for (const t of this.#timers) clearTimeout(t)
    this.#timers.clear()
    this.#deliverer.stop()
    await this.#init.direct.unhandle()
    await this.#lock.run(async () => Promise.resolve()) // let a receive in progress finish its batch
    await this.#sweeper.stop() // and a sweep its compaction
  }

  /** Fetch this device's mail from its relays and top up its one-time prekeys there. */
  async syncMailboxes(): Promise<void> {
    if (!this.#running || this.#sync === undefined) return
    const signal = this.#controller.signal
    await this.#sync.sync(signal)
    await this.#sync.topUpPrekeys(this.#prekeys, this.#init.now, signal)
  }

  /** {@link Messenger.syncMailboxes} in the background: a failure waits for the next trigger. */
  #syncSoon(): void {
    this.syncMailboxes().catch(() => undefined)
  }

  /** Forget an account's cached devices, so the next send asks the directory (e.g. after a device was revoked). */
  forgetDevices(accountId: AccountId): void {
    this.#devices.forget(accountId)
  }

  /** A peer connected (a device back online, or a relay): retry what waits for it, fetch mail. */
  peerConnected(peerId: string): void {
    if (!this.#running) return
    this.#deliverer.retryPeer(peerId)
    if (this.#init.ownRelays().some((r) => r.peerId === peerId)) this.#syncSoon()
  }

  /**
   * Send a text to an account (an account ID, or a contact name): to every device it lists, plus copies to this
   * account's other devices. The message, session states and outbox are
   * stored before anything leaves. Resolves once at least one of the
   * recipient's devices took it (directly, or ≥ 2 of its mailboxes did);
   * devices that did not are retried from the outbox.
   * @throws XchatError ACCOUNT_ID_* | NOT_FOUND (no directory record) | IDENTITY_CHANGED (blocked until accepted) |
   *   TOO_LARGE | NO_PREKEYS | UNDELIVERED (`details.devices`: why each device failed; `details.queued`: still retried)
   */
  async send(to: string, text: string, options: SendOptions = {}): Promise<SendResult> {
    return this.#send(to, { kind: 'text', text, ...timerOf(options) }, options)
  }

  /**
   * Send a file offer (an encoded manifest, files/) like a text: stored, ordered, delivered the same way.
   * @throws as {@link send}
   */
  async sendFile(to: string, manifest: Uint8Array, options: SendOptions = {}): Promise<SendResult> {
    return this.#send(to, { kind: 'file', manifest, ...timerOf(options) }, options)
  }

  /**
   * Set a conversation's disappearing timer (ms, 5 s … 4 weeks) or turn it off (null):
   * sent as a message to the peer's devices and ours, shown in history as a system entry.
   * Later messages without a timer of their own take it.
   * @throws RangeError for a timer out of range; as {@link send}
   */
  async setTimer(to: string, expireAfterMs: number | null, options: AbortOptions = {}): Promise<SendResult> {
    if (expireAfterMs !== null) checkTimer(expireAfterMs)
    const sent = await this.#send(to, { kind: 'timer', expireAfterMs }, options)
    return sent
  }

  /** A conversation's disappearing timer (ms), or null when off. */
  async timer(accountId: string): Promise<number | null> {
    const { store } = this.#init
    const conv = await store.conversations.get(store.blind(this.#accountIds.parse(accountId)))
    return conv?.timerMs ?? null
  }

  /** Delete disappearing messages whose time has come now (the sweeper also runs on its own). @returns how many */
  async sweep(): Promise<number> {
    return this.#sweeper.sweep()
  }

  /**
   * Tell every device of a peer account about a file transfer: `complete`
   * (this device holds the whole verified file) or `cancelled`. Unordered,
   * like a receipt; resolves once each device took it or the outbox holds it.
   */
  async sendFileControl(accountId: string, fileId: string, control: FileControlKind, options: AbortOptions = {}): Promise<void> {
    this.#assertRunning()
    const conversation = this.#accountIds.parse(accountId)
    const targets = await this.#recipients.of(conversation, false, options)
    if (targets.length === 0) return
    const composed = await this.#compose(
      { conversation, body: { kind: 'file-control', fileId: hexToBytes(fileId), control }, targets },
      options,
    )
    await Promise.all(composed.queued.map(async (q) => this.#deliverer.deliver(q.key, q.device.peerId, q.entry)))
  }

  /**
   * The addresses the directory lists for one device of an account (a sender
   * to fetch a file from); empty when the directory does not list it.
   */
  async deviceAddrs(accountId: AccountId, deviceKey: string, options: AbortOptions = {}): Promise<readonly string[]> {
    try {
      return (await this.#devices.devicesOf(accountId, { ...options, fresh: true })).find((d) => d.deviceKey === deviceKey)?.addrs ?? []
    } catch {
      return []
    }
  }

  /** Whether a PeerId is a device this device has verified for the account (from the directory, as stored). */
  async isDeviceOf(accountId: AccountId, peerId: string): Promise<boolean> {
    const { store, peerIdOf } = this.#init
    if (accountId === this.#init.keys.accountId && peerId === peerIdOf(this.#init.keys.device.publicKey)) return true
    const record = await store.identities.get(store.blind(accountId))
    if (record?.devices.some((d) => peerIdOf(hexToBytes(d.key)) === peerId) === true) return true
    // a device we have not seen yet (e.g. one just recovered from the words): its verified directory entry decides
    const devices = await this.#devices.devicesOf(accountId, { fresh: true }).catch(() => [])
    return devices.some((d) => d.peerId === peerId)
  }

  async #send(to: string, body: ContentBody, options: AbortOptions): Promise<SendResult> {
    this.#assertRunning()
    const self = this.#init.keys.accountId
    // in call order from here on: the seqs, the outbox and so the receiver's order follow it. The order is fixed
    // when the message joins the compose queue: sends behind it need not wait for its batch to be written
    const { conversation, pending } = await this.#sendOrder.run(async () => {
      const conversation = await this.#conversationOf(to)
      if (conversation === self) throw new RangeError('"accountId" is this account; send to another account')
      const listed = await this.#devices.devicesOf(conversation, options)
      const ownListed = await this.#devices.devicesOf(self, options).catch(() => [])
      const oneTimePrekeys = await this.#oneTimePrekeys([...listed, ...ownListed.filter((d) => this.#recipients.isOwnOther(d))], options)
      const pending = this.#composer.run({
        init: { conversation, body, targets: [], oneTimePrekeys },
        // the identity rule is applied under the mutex, in the group, against the identity records as staged
        targets: async (txn, after) => {
          const recipients = await this.#recipients.allowed(conversation, listed, true, txn, after)
          if (recipients.length === 0) throw new XchatError('NOT_FOUND', 'the account lists no devices')
          const own = await this.#recipients.allowed(self, ownListed, false, txn, after)
          return [...recipients, ...own.filter((d) => this.#recipients.isOwnOther(d))]
        },
      })
      pending.catch(() => undefined) // awaited below, outside the send order
      return { conversation, pending }
    })
    const composed = await pending
    const recipients = composed.targets.filter((d) => d.accountId === conversation)
    this.safeDispatchEvent('message:queued', {
      detail: {
        id: composed.id,
        conversation,
        devices: composed.queued.length,
        ...(composed.message === undefined ? {} : { message: composed.message }),
      },
    })
    const recipientKeys = new Set(recipients.map((d) => d.deviceKey))
    const attempts = composed.queued.map((q) => ({ device: q.device, result: this.#deliverer.deliver(q.key, q.device.peerId, q.entry) }))
    const outcomes: DeviceDelivery[] = await Promise.all(
      attempts.filter((a) => recipientKeys.has(a.device.deviceKey)).map(async (a) => deliveryOf(a.device, await a.result)),
    )
    for (const s of composed.skipped)
      if (recipientKeys.has(s.device.deviceKey))
        outcomes.push({ peerId: s.device.peerId, deviceIndex: s.device.deviceIndex, error: s.reason })
    const took = outcomes.filter((o) => o.via !== undefined)
    if (!composed.queued.some((q) => recipientKeys.has(q.device.deviceKey))) await this.#markFailed(composed.id)
    if (composed.message?.expiresAt !== undefined) this.#sweeper.poke()
    if (body.kind === 'timer') {
      this.safeDispatchEvent('timer:changed', { detail: { conversation, expireAfterMs: body.expireAfterMs, direction: 'out' } })
    }
    if (took.length === 0) {
      throw new XchatError('UNDELIVERED', 'no device of the account took the message; it stays queued where it can be retried', {
        details: { id: composed.id, devices: outcomes, queued: composed.queued.length > 0 },
      })
    }
    return { id: composed.id, delivered: took.every((o) => o.via === 'direct') ? 'direct' : 'mailbox', devices: outcomes }
  }

  /**
   * Send a call signal (calls/) to devices of `to` and/or copies to this account's other devices.
   * Unordered and short-lived: it goes directly to online devices, never to mailboxes, and is not
   * retried after `ttlMs`. Resolves after the first attempt at every target device.
   * @returns how many devices took it or are still being tried (0: none can be reached)
   */
  async sendCallSignal(to: AccountId, signal: Uint8Array, route: CallSignalRoute, options: AbortOptions = {}): Promise<number> {
    this.#assertRunning()
    const peer =
      route.peer === 'none'
        ? []
        : (await this.#recipients.of(to, true, options)).filter((d) => route.peer === 'all' || d.deviceKey === route.peer)
    const own = route.ownCopies ? await this.#recipients.ownOthers(options) : []
    if (peer.length + own.length === 0) return 0
    const composed = await this.#compose(
      { conversation: to, body: { kind: 'call', signal }, targets: [...peer, ...own], ttlMs: route.ttlMs },
      options,
    )
    const results = await Promise.all(composed.queued.map(async (q) => this.#deliverer.deliver(q.key, q.device.peerId, q.entry)))
    return results.filter((r) => r.ok || !r.final).length
  }

  /**
   * Add a call entry (missed, declined, finished…) to a conversation's history on this device only.
   * @returns the entry's message id (hex)
   */
  async recordCall(conversation: AccountId, entry: { direction: 'in' | 'out'; at: number; call: StoredCall }): Promise<MessageView> {
    const { store, now, keys } = this.#init
    return this.#lock.run(async () => {
      const id = bytesToHex(randomBytes(MESSAGE_ID_LENGTH))
      // a missed call counts as unread, like a message
      const missed = entry.direction === 'in' && entry.call.durationMs === 0
      const message: StoredMessage = {
        id,
        conversation,
        direction: entry.direction,
        senderDevice: bytesToHex(keys.device.publicKey),
        sentAt: entry.at,
        receivedAt: now(),
        seq: 0,
        text: '',
        status: entry.direction === 'out' ? 'sent' : missed ? 'received' : 'read',
        call: entry.call,
      }
      const convKey = store.blind(conversation)
      const conv = (await store.conversations.get(convKey)) ?? { accountId: conversation, nextSeq: 1, lastActivityAt: now(), unread: 0 }
      const key = store.messageKey(message, entry.at)
      await store.write([
        store.messages.put(key, message),
        store.messageIds.put(id, key),
        store.conversations.put(convKey, { ...conv, lastActivityAt: now(), unread: conv.unread + (missed ? 1 : 0) }),
      ])
      this.safeDispatchEvent('message:received', { detail: message })
      return message
    })
  }

  /**
   * Send a group control (groups/, Content 18) to every device of each account
   * (and a copy to this account's other devices), in the background from the outbox.
   * Accounts whose devices cannot be resolved are skipped (returned).
   * @returns the accounts nothing could be queued for
   */
  async sendGroupControl(accounts: readonly AccountId[], control: Uint8Array, options: AbortOptions = {}): Promise<AccountId[]> {
    this.#assertRunning()
    const failed: AccountId[] = []
    let own: PeerDevice[] | undefined = await this.#recipients.ownOthers(options)
    const body: ContentBody = { kind: 'group', control }
    for (const account of accounts) {
      if (account === this.#init.keys.accountId) continue
      const targets = await this.#recipients.of(account, false, options).catch(() => [])
      if (targets.length === 0) {
        failed.push(account)
        continue
      }
      await this.#sendControl(account, body, own === undefined ? targets : [...targets, ...own], options)
      own = undefined
    }
    return failed
  }

  /** A conversation's messages in display order (oldest first); `limit` keeps the newest. */
  async history(accountId: string, options: { limit?: number } = {}): Promise<MessageView[]> {
    const conversation = this.#accountIds.parse(accountId)
    const prefix = this.#init.store.conversationPrefix(conversation)
    const range = { gte: prefix, lt: `${prefix}~`, reverse: true, ...(options.limit === undefined ? {} : { limit: options.limit }) }
    const out: MessageView[] = []
    // what expired since the last sweep is never shown
    const now = this.#init.now()
    for await (const [, m] of this.#init.store.messages.entries(range)) if (!isExpired(m, now)) out.push(m)
    return out.reverse()
  }

  /** Every conversation, most recent first. */
  async conversations(): Promise<Conversation[]> {
    const out: Conversation[] = []
    for await (const [, c] of this.#init.store.conversations.entries()) out.push(c)
    return out.sort((a, b) => b.lastActivityAt - a.lastActivityAt)
  }

  /**
   * Mark every received message of a conversation read and send read
   * receipts to the peer (and to this account's other devices).
   * @returns how many messages were marked
   */
  async markRead(accountId: string, options: AbortOptions = {}): Promise<number> {
    this.#assertRunning()
    const conversation = this.#accountIds.parse(accountId)
    const ids = await this.#lock.run(async () => {
      const { store } = this.#init
      const prefix = store.conversationPrefix(conversation)
      const ops: StoreOp[] = []
      const marked: string[] = []
      const now = this.#init.now()
      for await (const [key, m] of store.messages.entries({ gte: prefix, lt: `${prefix}~` })) {
        if (m.direction !== 'in' || m.status === 'read' || isExpired(m, now)) continue
        // a recipient's clock starts when read (ephemeral/)
        ops.push(...withExpiry(store, key, { ...m, status: 'read' }, expiryOnRead(m, now)).ops)
        marked.push(m.id)
      }
      const conv = await store.conversations.get(store.blind(conversation))
      if (conv !== undefined) ops.push(store.conversations.put(store.blind(conversation), { ...conv, unread: 0 }))
      await store.write(ops)
      return marked
    })
    if (ids.length > 0) {
      // a view-once read now goes now; other clocks are armed
      await this.#sweeper.sweep()
      this.#sweeper.poke()
      const peer = await this.#recipients.of(conversation, false, options).catch(() => [])
      const own = await this.#recipients.ownOthers(options)
      await this.#sendReceipt(conversation, 'read', ids, [...peer, ...own], options)
    }
    return ids.length
  }

  /**
   * Accept a changed device key of an account: the new key replaces the old,
   * old sessions with it are dropped, and envelopes held meanwhile are processed.
   */
  async acceptIdentity(accountId: string): Promise<void> {
    const id = this.#accountIds.parse(accountId)
    const { store } = this.#init
    const held = await this.#lock.run(async () => {
      const key = store.blind(id)
      const record = await store.identities.get(key)
      if (record?.changed === undefined) return []
      const { record: accepted, replacedKey } = acceptChange(record)
      const ops: StoreOp[] = [store.identities.put(key, accepted)]
      if (replacedKey !== undefined) ops.push(this.#sessions.dropOp(replacedKey))
      const envelopes: { key: string; envelope: Uint8Array }[] = []
      for await (const [k, h] of store.held.entries()) if (h.accountId === id) envelopes.push({ key: k, envelope: h.envelope })
      await store.write(ops)
      return envelopes
    })
    this.#devices.forget(id)
    for (const h of held) {
      await this.#receiver.receive(h.envelope, { path: 'mailbox' })
      await store.write([store.held.del(h.key)])
    }
  }

  /** An account ID, or a contact name when {@link MessengerInit.resolveName} knows it. */
  async #conversationOf(to: string): Promise<AccountId> {
    try {
      return this.#accountIds.parse(to)
    } catch (err) {
      const named = await this.#init.resolveName?.(to)
      if (named === undefined) throw err
      return named
    }
  }

  /** A text no recipient device could be encrypted to will never leave: it is failed, not pending. */
  async #markFailed(id: string): Promise<void> {
    const { store } = this.#init
    await this.#lock.run(async () => {
      const key = await store.messageIds.get(id)
      const message = key === undefined ? undefined : await store.messages.get(key)
      if (key !== undefined && message?.status === 'pending') await store.write([store.messages.put(key, { ...message, status: 'failed' })])
    })
  }

  /** Take one-time prekeys for devices without a session (outside the mutex: it is network), then compose in the next group. */
  async #compose(init: ComposeInit, options: AbortOptions): Promise<ComposedFor> {
    const oneTimePrekeys = await this.#oneTimePrekeys(init.targets, options)
    return this.#composer.run({ init: { ...init, oneTimePrekeys } })
  }

  /** One-time prekeys, from their relays, for the devices we hold no session with (network: outside the mutex). */
  async #oneTimePrekeys(targets: readonly PeerDevice[], options: AbortOptions): Promise<Map<string, OneTimePrekey>> {
    const oneTimePrekeys = new Map<string, OneTimePrekey>()
    await Promise.all(
      targets.map(async (d) => {
        if (await this.#sessions.has(d.deviceKey)) return
        const prekey = await this.#sessions.takeOneTimePrekey(d, options)
        if (prekey !== undefined) oneTimePrekeys.set(d.deviceKey, prekey)
      }),
    )
    return oneTimePrekeys
  }

  /**
   * A group of queued messages, under the mutex, in queue order: each composed
   * against the state the ones before it staged (seqs, session records), all
   * written in one batch. A message that cannot be sent (its recipient is
   * blocked, it is too large) fails alone; a store failure fails the group.
   */
  async #composeGroup(requests: readonly ComposeRequest[]): Promise<ItemResult<ComposedFor>[]> {
    const { store, keys, now } = this.#init
    const txn = store.txn()
    const after: (() => void)[] = []
    const ourDeviceKey = bytesToHex(keys.device.publicKey)
    const results: ItemResult<ComposedFor>[] = []
    for (const r of requests) {
      try {
        const targets = r.targets === undefined ? r.init.targets : await r.targets(txn, after)
        const conversationKey = this.#accountIds.keyOf(r.init.conversation)
        const composed = await compose(store, this.#sessions, txn, ourDeviceKey, now(), conversationKey, { ...r.init, targets })
        results.push({ ok: true, value: { ...composed, targets } })
      } catch (err) {
        if (!isXchatError(err) && !(err instanceof RangeError)) throw err
        results.push({ ok: false, error: err })
      }
    }
    await store.write(txn.ops())
    for (const f of after) f()
    return results
  }

  /** Compose a control message (receipt, resend request) and deliver it in the background. */
  async #sendControl(
    conversation: AccountId,
    body: ContentBody,
    targets: readonly PeerDevice[],
    options: AbortOptions = {},
  ): Promise<void> {
    if (targets.length === 0 || !this.#running) return
    const composed = await this.#compose({ conversation, body, targets }, options)
    for (const q of composed.queued) void this.#deliverer.deliver(q.key, q.device.peerId, q.entry)
  }

  async #sendReceipt(
    conversation: AccountId,
    kind: ReceiptKind,
    ids: readonly string[],
    targets: readonly PeerDevice[],
    options: AbortOptions = {},
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += limits.MAX_RECEIPT_IDS) {
      const chunk = ids.slice(i, i + limits.MAX_RECEIPT_IDS).map((id) => hexToBytes(id))
      await this.#sendControl(conversation, { kind: 'receipt', receipt: kind, ids: chunk }, targets, options)
    }
  }

  #onText(message: StoredMessage, from: SenderDevice, gap: boolean): void {
    if (message.expiresAt !== undefined) this.#sweeper.poke()
    this.safeDispatchEvent('message:received', { detail: message })
    if (message.system?.kind === 'timer') {
      const detail = { conversation: message.conversation, expireAfterMs: message.system.expireAfterMs, direction: message.direction }
      this.safeDispatchEvent('timer:changed', { detail })
    }
    if (message.direction === 'in') {
      const pending = this.#receipts.get(message.conversation) ?? { ids: new Set<string>(), from }
      pending.ids.add(message.id)
      this.#receipts.set(message.conversation, pending)
      if (pending.ids.size === 1) this.#later(RECEIPT_BATCH_MS, async () => this.#flushDelivered(message.conversation))
      else if (pending.ids.size >= limits.MAX_RECEIPT_IDS) void this.#flushDelivered(message.conversation).catch(() => undefined)
    }
    if (gap) this.#later(GAP_GRACE_MS, async () => this.#askForGap(message.conversation, from))
  }

  async #flushDelivered(conversation: AccountId): Promise<void> {
    const pending = this.#receipts.get(conversation)
    if (pending === undefined || pending.ids.size === 0) return
    this.#receipts.delete(conversation)
    const targets = await this.#recipients.ofSender(pending.from)
    await this.#sendReceipt(conversation, 'delivered', [...pending.ids], targets)
  }

  /** Still a gap after the grace time: report it and ask the sender device for the missing seqs. */
  async #askForGap(conversation: AccountId, from: SenderDevice): Promise<void> {
    const { store, now } = this.#init
    const missing = await this.#lock.run(async () => {
      const key = store.cursorKey(conversation, from.deviceKey)
      const cursor = await store.cursors.get(key)
      if (cursor === undefined) return []
      const seqs = missingSeqs(cursor)
      if (seqs.length === 0 || (cursor.requestedAt !== undefined && now() - cursor.requestedAt < RESEND_INTERVAL_MS)) return []
      await store.write([store.cursors.put(key, { ...cursor, requestedAt: now() })])
      return seqs
    })
    if (missing.length === 0) return
    this.safeDispatchEvent('message:gap', { detail: { conversation, device: this.#init.peerIdOf(from.devicePublicKey), missing } })
    const device = await this.#recipients.sender(from)
    await this.#sendControl(conversation, { kind: 'resend', seqs: missing }, device)
  }

  /** A device asked for messages of ours again: send each, as it was, to that device only. */
  async #resend(conversation: AccountId, messages: readonly StoredMessage[], from: SenderDevice): Promise<void> {
    const device = await this.#recipients.sender(from)
    for (const m of messages) {
      const timer = timerOf(m)
      const body: ContentBody =
        m.system !== undefined
          ? { kind: 'timer', expireAfterMs: m.system.expireAfterMs }
          : m.file === undefined
            ? { kind: 'text', text: m.text, ...timer }
            : { kind: 'file', manifest: hexToBytes(m.file.manifest), ...timer }
      const composed = await this.#compose({ conversation, body, targets: device, again: m }, {})
      for (const q of composed.queued) void this.#deliverer.deliver(q.key, q.device.peerId, q.entry)
    }
  }

  #later(ms: number, task: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      void task().catch(() => undefined)
    }, ms)
    this.#timers.add(timer)
  }

  #assertRunning(): void {
    if (!this.#running) throw new XchatError('CLIENT_STOPPED', 'the messenger is not running; call start() first')
  }
}

/** A message to compose; `targets`, when set, picks its devices under the mutex (then `init.targets` is unused). */
interface ComposeRequest {
  readonly init: ComposeInit
  readonly targets?: (txn: StoreTxn, after: (() => void)[]) => Promise<readonly PeerDevice[]>
}

/** A composed message and the devices it was composed for. */
type ComposedFor = Composed & { readonly targets: readonly PeerDevice[] }

/** A message timer from options or a stored message, checked (only the fields that are set). */
function timerOf(t: MessageTimer): MessageTimer {
  return {
    ...(t.expireAfterMs === undefined ? {} : { expireAfterMs: checkTimer(t.expireAfterMs) }),
    ...(t.viewOnce === true ? { viewOnce: true } : {}),
  }
}

function deliveryOf(device: PeerDevice, result: AttemptResult): DeviceDelivery {
  return result.ok
    ? { peerId: device.peerId, deviceIndex: device.deviceIndex, via: result.via }
    : { peerId: device.peerId, deviceIndex: device.deviceIndex, error: result.reason }
}
