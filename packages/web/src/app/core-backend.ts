/**
 * The {@link ChatBackend} over @xchat/core's client: contacts, conversations
 * and messages live in core's sealed store in this browser's level database;
 * core sends over direct streams (WebRTC between browsers) or relay mailboxes.
 */
import {
  blobSource,
  createClient,
  parseManifest,
  type DeviceKeys,
  type FileSource,
  type GroupEvents,
  type GroupMessageRecord,
  type GroupView,
  type LevelDatabase,
  type CallService,
  type MessageView,
  type MessengerEvents,
  type PublishResult,
  type XchatClient,
  type XchatNode,
} from '@xchat/core'
import {
  ChatEvents,
  type AccountDevice,
  type ChatBackend,
  type ChatContact,
  type ChatEvent,
  type ChatFile,
  type GroupChatMessage,
  type GroupMemberInfo,
  type GroupSummary,
  type SendOptions,
  type ChatMessage,
  type ConversationSummary,
} from './chat-backend.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { describeError } from './errors.js'
import { blobSink } from './blob-sink.js'
import { Transfers, type Transfer } from './transfers.js'
import type { KeptFiles } from './kept-files.js'

type Detail<K extends keyof MessengerEvents> = MessengerEvents[K] extends CustomEvent<infer D> ? D : never

/** Messages re-read to find the new state of a few of them. */
const REFRESH_WINDOW = 200
/** Vault pulls a new device tries right after start, and the pause between them. */
const RESTORE_ATTEMPTS = 10
const RESTORE_RETRY_MS = 2000
/** Group messages read to count a group's unread ones. */
const GROUP_UNREAD_WINDOW = 500
/** How long send() waits for core to store a message before it reports it queued. */
const QUEUE_TIMEOUT_MS = 30_000
/** Received images up to this size download at once, for their preview. */
const AUTO_DOWNLOAD_BYTES = 16 * 1024 * 1024

export class CoreBackend implements ChatBackend {
  readonly #client: XchatClient
  readonly #events = new ChatEvents()
  readonly #beforeSend: (accountId: string) => Promise<void>
  #kept: KeptFiles | undefined
  readonly #off: (() => void)[] = []
  readonly #transfers = new Transfers()
  /** Withdraw functions of the files this page serves. */
  readonly #offers = new Map<string, () => void>()
  /** File id (hex, on '/xchat/files/1.0.0') → the file message's id, for the other side's complete/cancel signals. */
  readonly #fileIds = new Map<string, string>()
  /** The same for files this page offers to a group (complete once every other member holds it). */
  readonly #groupFiles = new Map<string, string>()
  #pending = 0

  private constructor(client: XchatClient, beforeSend: (accountId: string) => Promise<void>) {
    this.#client = client
    this.#beforeSend = beforeSend
    this.#off.push(this.#transfers.subscribe((transfer) => this.#events.emit({ type: 'transfer', transfer })))
    this.#listen()
  }

  /**
   * Open core's store in `db` and start the client (answering messages, the
   * outbox, mailboxes, directory publishing).
   * @param beforeSend - e.g. open a direct WebRTC connection to the contact first
   */
  static async start(init: {
    node: XchatNode
    db: LevelDatabase
    keys: DeviceKeys
    beforeSend?: (accountId: string) => Promise<void>
    /** Copies of sent files that survive a reload (none: files are served only while the page is open). */
    kept?: KeptFiles
  }): Promise<CoreBackend> {
    const { kept } = init
    const client = await createClient({
      node: init.node,
      db: init.db,
      keys: init.keys,
      ...(kept === undefined ? {} : { openSource: async (locator: string) => kept.source(locator) }),
    })
    await client.start()
    const backend = new CoreBackend(client, init.beforeSend ?? (() => Promise.resolve()))
    backend.#kept = kept
    // the stored offers are served again by now: a chat's copy no offer uses is dropped
    void kept?.prune(new Set(client.fileOffers().flatMap((o) => (o.locator === undefined ? [] : [o.locator])))).catch(() => undefined)
    // contacts and conversations another device of the account changed (live sync)
    const onApplied = (): void => {
      backend.#events.emit({ type: 'contacts' })
      backend.#events.emit({ type: 'conversations' })
      void backend.#showRecent().catch(() => undefined)
    }
    client.vault?.addEventListener('vault:applied', onApplied)
    backend.#off.push(() => client.vault?.removeEventListener('vault:applied', onApplied))
    backend.#restoreIfEmpty()
    return backend
  }

  /** The newest messages of every conversation as `message` events, so an open conversation shows what another device added. */
  async #showRecent(): Promise<void> {
    for (const c of await this.#client.conversations()) {
      for (const m of await this.#client.history(c.accountId, { limit: REFRESH_WINDOW }))
        this.#events.emit({ type: 'message', message: toChat(m) })
    }
  }

  /**
   * A device with no contacts and no conversations yet (a recovery: "I have an
   * account") pulls the account's vault from relays in the background and
   * shows what comes back; running clients keep syncing on their own.
   */
  #restoreIfEmpty(): void {
    void (async () => {
      const vault = this.#client.vault
      if (vault === undefined) return
      if ((await this.#client.contacts.list()).length > 0 || (await this.#client.conversations()).length > 0) return
      // right after start the relays may not be connected yet: try a few times, then live sync (every 30 s) takes over
      for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
        try {
          await vault.pull() // 'vault:applied' refreshes the views
          return
        } catch {
          await new Promise((resolve) => setTimeout(resolve, RESTORE_RETRY_MS))
        }
      }
    })().catch(() => undefined)
  }

  /** Call signaling of this device (the call UI drives it through app/calls). */
  get calls(): CallService {
    return this.#client.calls
  }

  /** Publish this device's directory entry now. */
  publish(): Promise<PublishResult> {
    return this.#client.publish()
  }

  async contacts(): Promise<ChatContact[]> {
    return (await this.#client.contacts.list()).map((c) => ({ accountId: c.accountId, name: c.name, addedAt: c.addedAt }))
  }

  async addContact(accountId: string, name: string): Promise<ChatContact> {
    const c = await this.#client.contacts.add(accountId, name)
    this.#events.emit({ type: 'contacts' })
    return { accountId: c.accountId, name: c.name, addedAt: c.addedAt }
  }

  async removeContact(accountId: string): Promise<void> {
    await this.#client.contacts.remove(accountId)
    this.#events.emit({ type: 'contacts' })
  }

  async conversations(): Promise<ConversationSummary[]> {
    const all = await this.#client.conversations()
    return Promise.all(
      all.map(async (c) => {
        const [last] = await this.#client.history(c.accountId, { limit: 1 })
        return { accountId: c.accountId, unread: c.unread, lastActivityAt: c.lastActivityAt, ...(last ? { last: toChat(last) } : {}) }
      }),
    )
  }

  async history(accountId: string, options: { readonly limit?: number } = {}): Promise<ChatMessage[]> {
    return (await this.#client.history(accountId, options.limit === undefined ? {} : { limit: options.limit })).map(toChat)
  }

  /**
   * Hand the text to core and return it as soon as it is stored (queued);
   * delivery goes on in the background and shows as `message` events.
   * @throws XchatError NOT_FOUND (the account has no directory entry) | IDENTITY_CHANGED | TOO_LARGE | …
   */
  async send(accountId: string, text: string, options: SendOptions = {}): Promise<ChatMessage> {
    await this.#beforeSend(accountId).catch(() => undefined)
    const queued = this.#nextQueued(accountId)
    const sending = this.#client.send(accountId, text, options)
    const first = await Promise.race([queued.promise, sending.then((r) => r.id)]).finally(queued.cancel)
    sending.then(
      (r) => void this.#refresh(accountId, [r.id]),
      (err: unknown) => {
        // stored and still retried from the outbox: the message shows as queued; say why once
        this.#events.emit({ type: 'warning', text: describeError(err).title })
      },
    )
    const message = (await this.#client.history(accountId, { limit: REFRESH_WINDOW })).find((m) => m.id === first)
    if (message === undefined) throw new Error('the message was not stored')
    return toChat(message)
  }

  /**
   * Read the file once (hash and encrypt every chunk: progress as `preparing`),
   * send its manifest like a text, then serve it while this page is open
   * (progress as `sending`: bytes the recipient pulled).
   * @throws XchatError TOO_LARGE | NOT_FOUND | IDENTITY_CHANGED | …
   */
  timer(accountId: string): Promise<number | null> {
    return this.#client.timer(accountId)
  }

  async setTimer(accountId: string, expireAfterMs: number | null): Promise<void> {
    await this.#beforeSend(accountId).catch(() => undefined)
    const queued = this.#nextQueued(accountId)
    const setting = this.#client.setTimer(accountId, expireAfterMs)
    try {
      // like a text: it shows at once and is delivered in the background
      await Promise.race([queued.promise, setting])
    } finally {
      queued.cancel()
    }
    setting.catch((err: unknown) => this.#events.emit({ type: 'warning', text: describeError(err).title }))
  }

  async sendFile(accountId: string, file: File, options: SendOptions = {}): Promise<ChatMessage> {
    const pendingId = `pending:${++this.#pending}`
    const url = URL.createObjectURL(file)
    const base = { conversation: accountId, direction: 'out', name: file.name, size: file.size, url } as const
    this.#transfers.set({ id: pendingId, ...base, state: 'preparing', bytes: 0 })
    let id = pendingId
    let prepared = false
    const source = countingSource(blobSource(file), (end) => {
      if (!prepared) this.#transfers.update(id, { bytes: end })
      else if (end > (this.#transfers.get(id)?.bytes ?? 0)) {
        this.#transfers.update(id, { bytes: end, state: end >= file.size ? 'sent' : 'sending' })
      }
    })
    await this.#beforeSend(accountId).catch(() => undefined)
    const queued = this.#nextQueued(accountId)
    const controller = new AbortController()
    this.#transfers.onCancel(pendingId, () => controller.abort())
    // a copy the page can serve again after a reload (the offer stores where it is)
    const locator = await this.#kept?.keep('direct', file)
    const sending = this.#client.sendFile(
      accountId,
      source,
      { name: file.name, mime: file.type || 'application/octet-stream' },
      { ...options, signal: controller.signal, ...(locator === undefined ? {} : { locator }) },
    )
    try {
      id = await Promise.race([queued.promise, sending.then((r) => r.id)])
    } catch (err) {
      this.#transfers.update(pendingId, { state: 'failed', error: describeError(err).title })
      throw err
    } finally {
      queued.cancel()
    }
    prepared = true
    this.#transfers.rename(pendingId, id)
    this.#transfers.update(id, { state: 'sending', bytes: 0 })
    sending.then(
      (r) => {
        this.#offers.set(r.id, r.withdraw)
        this.#fileIds.set(r.fileId, r.id)
        void this.#refresh(accountId, [r.id])
        // an offline recipient device: say whether it gets the file from its mailboxes or must wait for this page
        if (r.mailbox !== undefined) {
          this.#transfers.update(r.id, { mailbox: 'depositing' })
          void r.mailbox.then((o) => this.#transfers.update(r.id, { mailbox: o.state === 'stored' ? 'stored' : 'waiting' }))
        } else if (r.delivered === 'mailbox') this.#transfers.update(r.id, { mailbox: 'waiting' })
      },
      (err: unknown) => this.#events.emit({ type: 'warning', text: describeError(err).title }),
    )
    const message = (await this.#client.history(accountId, { limit: REFRESH_WINDOW })).find((m) => m.id === id)
    if (message === undefined) throw new Error('the file message was not stored')
    return toChat(message)
  }

  /**
   * Fetch a received file from the sender's device, verified chunk by chunk,
   * into a Blob; resumes from the verified prefix when the stream breaks.
   */
  async download(message: ChatMessage): Promise<void> {
    const running = this.#transfers.get(message.id)
    if (running?.state === 'downloading' || running?.state === 'done') return
    const view = (await this.#client.history(message.conversation, { limit: REFRESH_WINDOW * 5 })).find((m) => m.id === message.id)
    if (view?.file === undefined) throw new Error('That file message is no longer stored here.')
    const { manifest, id: fileId } = parseManifest(hexToBytes(view.file.manifest))
    this.#fileIds.set(bytesToHex(fileId), message.id)
    const base = { id: message.id, conversation: message.conversation, direction: 'in', name: manifest.name, size: manifest.size } as const
    this.#transfers.set({ ...base, state: 'downloading', bytes: 0 })
    const controller = new AbortController()
    this.#transfers.onCancel(message.id, () => controller.abort())
    const sink = blobSink(manifest.mime)
    try {
      await this.#beforeSend(message.conversation).catch(() => undefined)
      await this.#client.receiveFile(view, sink, {
        signal: controller.signal,
        onProgress: (bytes) => this.#transfers.update(message.id, { bytes }),
      })
      const blob = sink.blob()
      if (blob === undefined) throw new Error('the download finished without a file')
      this.#transfers.set({ ...base, state: 'done', bytes: manifest.size, url: URL.createObjectURL(blob) })
    } catch (err) {
      const cancelled = controller.signal.aborted
      this.#transfers.set({
        ...base,
        state: cancelled ? 'cancelled' : 'failed',
        bytes: sink.length,
        ...(cancelled ? {} : { error: describeError(err).title }),
      })
    }
  }

  cancelTransfer(id: string): void {
    this.#transfers.cancel(id)
    this.#transfers.update(id, { state: 'cancelled' })
    // tell the other side: a sender withdraws its offer, a receiver stops the sender serving
    for (const [fileId, messageId] of this.#fileIds) {
      if (messageId === id) void this.#client.cancelFile(fileId).catch(() => undefined)
    }
  }

  transfer(id: string): Transfer | undefined {
    return this.#transfers.get(id)
  }

  async devices(): Promise<AccountDevice[]> {
    const account = await this.#client.devices()
    return account.devices.map((d) => ({
      deviceIndex: d.deviceIndex,
      name: d.name,
      createdAt: d.createdAt,
      lastSeen: d.lastSeen,
      current: d.peerId === this.#client.peerId,
    }))
  }

  async revokeDevice(deviceIndex: number): Promise<void> {
    await this.#client.revokeDevice(deviceIndex)
  }

  async markRead(accountId: string): Promise<void> {
    const marked = await this.#client.markRead(accountId)
    if (marked === 0) return
    this.#events.emit({ type: 'conversations' })
    // reading started the clocks of disappearing messages: show their countdowns
    const timed = (await this.#client.history(accountId, { limit: REFRESH_WINDOW })).filter((m) => m.expiresAt !== undefined)
    for (const m of timed) this.#events.emit({ type: 'message', message: toChat(m) })
  }

  async groups(): Promise<GroupSummary[]> {
    const all = await Promise.all(this.#client.groups().map(async (g) => this.#groupSummary(g)))
    return all.sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.name.localeCompare(b.name))
  }

  async #groupSummary(g: GroupView): Promise<GroupSummary> {
    const recent = await this.#client.groupHistory(g.id, { limit: GROUP_UNREAD_WINDOW })
    const last = recent[recent.length - 1]
    return {
      id: g.id,
      name: g.name,
      members: g.members.map((m) => ({ accountId: m.accountId, admin: m.admin })),
      member: g.member,
      admin: g.admin,
      unread: recent.filter((m) => m.direction === 'in' && m.status === 'received').length,
      lastActivityAt: last?.receivedAt ?? 0,
      ...(last === undefined ? {} : { last: toGroupChat(last) }),
    }
  }

  async createGroup(name: string, members: readonly string[]): Promise<GroupSummary> {
    const view = await this.#client.createGroup(name, members)
    this.#events.emit({ type: 'groups', group: view.id })
    return this.#groupSummary(view)
  }

  async groupHistory(group: string, options: { readonly limit?: number } = {}): Promise<GroupChatMessage[]> {
    const list = await this.#client.groupHistory(group, options.limit === undefined ? {} : { limit: options.limit })
    return list.map(toGroupChat)
  }

  async sendGroup(group: string, text: string, options: SendOptions = {}): Promise<void> {
    await this.#client.sendGroup(group, text, options)
    this.#events.emit({ type: 'groups', group })
  }

  /**
   * Read the file once (progress as `preparing`), publish its manifest to the
   * group, then serve it to the members' devices while this page is open
   * (progress as `sending`; `complete` once every other member holds it).
   */
  async sendGroupFile(group: string, file: File, options: SendOptions = {}): Promise<void> {
    const pendingId = `pending:${++this.#pending}`
    const url = URL.createObjectURL(file)
    const base = { conversation: group, direction: 'out', name: file.name, size: file.size, url } as const
    this.#transfers.set({ id: pendingId, ...base, state: 'preparing', bytes: 0 })
    let id = pendingId
    let prepared = false
    const source = countingSource(blobSource(file), (end) => {
      if (!prepared) this.#transfers.update(id, { bytes: end })
      else if (end > (this.#transfers.get(id)?.bytes ?? 0)) {
        this.#transfers.update(id, { bytes: end, state: end >= file.size ? 'sent' : 'sending' })
      }
    })
    const controller = new AbortController()
    this.#transfers.onCancel(pendingId, () => controller.abort())
    try {
      const locator = await this.#kept?.keep('group', file)
      const sent = await this.#client.sendGroupFile(
        group,
        source,
        { name: file.name, mime: file.type || 'application/octet-stream' },
        { ...options, signal: controller.signal, ...(locator === undefined ? {} : { locator }) },
      )
      prepared = true
      id = sent.id
      this.#offers.set(sent.id, sent.withdraw)
      this.#fileIds.set(sent.fileId, sent.id)
      this.#groupFiles.set(sent.fileId, sent.id)
      this.#transfers.rename(pendingId, id)
      this.#transfers.update(id, { state: 'sending', bytes: 0 })
    } catch (err) {
      this.#transfers.update(pendingId, { state: 'failed', error: describeError(err).title })
      throw err
    }
    this.#events.emit({ type: 'groups', group })
  }

  /** Fetch a group file from the member device that offers it, verified chunk by chunk, into a Blob. */
  async downloadGroupFile(message: GroupChatMessage): Promise<void> {
    const running = this.#transfers.get(message.id)
    if (running?.state === 'downloading' || running?.state === 'done') return
    const record = (await this.#client.groupHistory(message.group, { limit: GROUP_UNREAD_WINDOW })).find((m) => m.id === message.id)
    if (record?.file === undefined) throw new Error('That file message is no longer stored here.')
    const { manifest, id: fileId } = parseManifest(hexToBytes(record.file.manifest))
    this.#fileIds.set(bytesToHex(fileId), message.id)
    const base = { id: message.id, conversation: message.group, direction: 'in', name: manifest.name, size: manifest.size } as const
    this.#transfers.set({ ...base, state: 'downloading', bytes: 0 })
    const controller = new AbortController()
    this.#transfers.onCancel(message.id, () => controller.abort())
    const sink = blobSink(manifest.mime)
    try {
      await this.#beforeSend(record.sender).catch(() => undefined)
      await this.#client.receiveGroupFile(record, sink, {
        signal: controller.signal,
        onProgress: (bytes) => this.#transfers.update(message.id, { bytes }),
      })
      const blob = sink.blob()
      if (blob === undefined) throw new Error('the download finished without a file')
      this.#transfers.set({ ...base, state: 'done', bytes: manifest.size, url: URL.createObjectURL(blob) })
    } catch (err) {
      const cancelled = controller.signal.aborted
      this.#transfers.set({
        ...base,
        state: cancelled ? 'cancelled' : 'failed',
        bytes: sink.length,
        ...(cancelled ? {} : { error: describeError(err).title }),
      })
    }
  }

  groupTimer(group: string): Promise<number | null> {
    return Promise.resolve(this.#client.groupTimer(group))
  }

  async setGroupTimer(group: string, expireAfterMs: number | null): Promise<void> {
    await this.#client.setGroupTimer(group, expireAfterMs)
    this.#events.emit({ type: 'groups', group })
  }

  groupMembers(group: string): Promise<GroupMemberInfo[]> {
    return Promise.resolve(this.#client.members(group).map((m) => ({ accountId: m.accountId, admin: m.admin })))
  }

  async inviteToGroup(group: string, members: readonly string[]): Promise<void> {
    await this.#client.invite(group, members)
    this.#events.emit({ type: 'groups', group })
  }

  groupInviteLink(group: string): Promise<string> {
    return this.#client.inviteLink(group)
  }

  async joinGroup(link: string): Promise<string> {
    const joined = await this.#client.join(link)
    this.#events.emit({ type: 'groups', group: joined.group })
    return joined.group
  }

  async leaveGroup(group: string): Promise<void> {
    await this.#client.leave(group)
    this.#events.emit({ type: 'groups', group })
  }

  async removeFromGroup(group: string, members: readonly string[]): Promise<void> {
    await this.#client.remove(group, members)
    this.#events.emit({ type: 'groups', group })
  }

  async promoteInGroup(group: string, members: readonly string[]): Promise<void> {
    await this.#client.promote(group, members)
    this.#events.emit({ type: 'groups', group })
  }

  async demoteInGroup(group: string, members: readonly string[]): Promise<void> {
    await this.#client.demote(group, members)
    this.#events.emit({ type: 'groups', group })
  }

  async renameGroup(group: string, name: string): Promise<void> {
    await this.#client.rename(group, name)
    this.#events.emit({ type: 'groups', group })
  }

  async markGroupRead(group: string): Promise<void> {
    if ((await this.#client.markGroupRead(group)) > 0) this.#events.emit({ type: 'groups', group })
  }

  subscribe(listener: (event: ChatEvent) => void): () => void {
    return this.#events.subscribe(listener)
  }

  async stop(): Promise<void> {
    for (const off of this.#off.splice(0)) off()
    for (const withdraw of this.#offers.values()) withdraw()
    this.#offers.clear()
    this.#transfers.clear()
    await this.#client.stop()
  }

  /** The id of the next message core queues for `accountId`; rejects with send()'s error if that comes first. */
  #nextQueued(accountId: string): { promise: Promise<string>; cancel: () => void } {
    let cancel = (): void => undefined
    const promise = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Sending is taking too long: check your connection.')), QUEUE_TIMEOUT_MS)
      const onQueued = (e: CustomEvent<{ readonly id: string; readonly conversation: string }>): void => {
        if (e.detail.conversation !== accountId) return
        cancel()
        resolve(e.detail.id)
      }
      this.#client.events.addEventListener('message:queued', onQueued)
      cancel = () => {
        clearTimeout(timer)
        this.#client.events.removeEventListener('message:queued', onQueued)
      }
    })
    return { promise, cancel }
  }

  #listen(): void {
    const { events } = this.#client
    const on = <K extends keyof MessengerEvents>(name: K, fn: (detail: Detail<K>) => void): void => {
      const handler = (e: Event): void => fn((e as MessengerEvents[K]).detail as Detail<K>)
      events.addEventListener(name, handler)
      this.#off.push(() => events.removeEventListener(name, handler))
    }
    on('message:received', (m) => {
      const chat = toChat(m)
      this.#events.emit({ type: 'message', message: chat })
      if (chat.file !== undefined && chat.file.mime.startsWith('image/') && chat.file.size <= AUTO_DOWNLOAD_BYTES) {
        void this.download(chat).catch(() => undefined)
      }
      this.#events.emit({ type: 'conversations' })
    })
    on('message:expired', (d) => {
      this.#transfers.cancel(d.id)
      this.#transfers.remove(d.id)
      this.#events.emit({ type: 'expired', id: d.id, conversation: d.conversation })
      this.#events.emit({ type: 'conversations' })
    })
    on('timer:changed', (d) => this.#events.emit({ type: 'timer', conversation: d.conversation, expireAfterMs: d.expireAfterMs }))
    on('file:complete', (d) => {
      const groupFile = this.#groupFiles.get(d.fileId)
      if (groupFile !== undefined) {
        const s = this.#client.groupFileStatus(d.fileId)
        if (s !== undefined && s.complete >= s.members) this.#transfers.update(groupFile, { state: 'complete', bytes: s.size })
        return
      }
      const id = this.#fileIds.get(d.fileId)
      if (id !== undefined && this.#transfers.get(id)?.direction === 'out') {
        this.#transfers.update(id, { state: 'complete', bytes: this.#transfers.get(id)?.size ?? 0 })
      }
    })
    on('file:cancelled', (d) => {
      const id = this.#fileIds.get(d.fileId)
      if (id === undefined) return
      this.#transfers.cancel(id)
      this.#transfers.update(id, { state: 'cancelled' })
    })
    on('message:queued', (d) => void this.#refresh(d.conversation, [d.id]))
    on('message:sent', (d) => void this.#refresh(d.conversation, [d.id]))
    on('message:failed', (d) => void this.#refresh(d.conversation, [d.id]))
    on('receipt:received', (d) => void this.#refresh(d.conversation, d.ids))
    // group state and messages (only 'group:message' carries text; the UI re-reads what it shows)
    const groups = this.#client.groupEvents
    for (const name of ['group:message', 'group:changed', 'group:receipt', 'group:expired'] as const) {
      const handler = (e: Event): void => {
        const group = (e as CustomEvent<{ readonly group: string }>).detail.group
        this.#events.emit({ type: 'groups', group })
      }
      groups.addEventListener(name, handler)
      this.#off.push(() => groups.removeEventListener(name, handler))
    }
    const onGroupMessage = (e: GroupEvents['group:message']): void => {
      // received images show at once, as in 1:1 chats
      const chat = toGroupChat(e.detail)
      if (
        chat.direction === 'in' &&
        chat.file !== undefined &&
        chat.file.mime.startsWith('image/') &&
        chat.file.size <= AUTO_DOWNLOAD_BYTES
      )
        void this.downloadGroupFile(chat).catch(() => undefined)
    }
    const onGroupExpired = (e: GroupEvents['group:expired']): void => {
      this.#transfers.cancel(e.detail.id)
      this.#transfers.remove(e.detail.id)
      this.#offers.get(e.detail.id)?.()
      this.#offers.delete(e.detail.id)
      this.#events.emit({ type: 'expired', id: e.detail.id, conversation: e.detail.group })
    }
    const onGroupTimer = (e: GroupEvents['group:timer']): void =>
      this.#events.emit({ type: 'timer', conversation: e.detail.group, expireAfterMs: e.detail.expireAfterMs })
    groups.addEventListener('group:message', onGroupMessage)
    groups.addEventListener('group:expired', onGroupExpired)
    groups.addEventListener('group:timer', onGroupTimer)
    this.#off.push(() => {
      groups.removeEventListener('group:message', onGroupMessage)
      groups.removeEventListener('group:expired', onGroupExpired)
      groups.removeEventListener('group:timer', onGroupTimer)
    })
    on('identity:changed', (d) =>
      this.#events.emit({
        type: 'warning',
        text: `A device of ${d.accountId.slice(0, 12)}… shows a new key. Its messages are held until you compare safety numbers again.`,
      }),
    )
  }

  /** Re-read a conversation's recent messages and announce the new state of `ids`. */
  async #refresh(conversation: string, ids: readonly string[]): Promise<void> {
    const wanted = new Set(ids)
    try {
      for (const m of await this.#client.history(conversation, { limit: REFRESH_WINDOW })) {
        if (wanted.has(m.id)) this.#events.emit({ type: 'message', message: toChat(m) })
      }
      this.#events.emit({ type: 'conversations' })
    } catch {
      // stopped meanwhile
    }
  }
}

function toGroupChat(m: GroupMessageRecord): GroupChatMessage {
  const file = fileOf(m)
  return {
    ...(file === undefined ? {} : { file }),
    ...(m.expireAfterMs === undefined ? {} : { expireAfterMs: m.expireAfterMs }),
    ...(m.viewOnce === true ? { viewOnce: true } : {}),
    ...(m.expiresAt === undefined ? {} : { expiresAt: m.expiresAt }),
    ...(m.system === undefined ? {} : { system: m.system }),
    id: m.id,
    group: m.group,
    direction: m.direction,
    sender: m.sender,
    text: m.text,
    sentAt: m.sentAt,
    receivedAt: m.receivedAt,
    deliveredBy: m.deliveredBy.length,
    readBy: m.readBy.length,
  }
}

/** A source that reports the end of each read (preparing reads it in order; receivers pull ranges). */
function countingSource(source: FileSource, onRead: (end: number) => void): FileSource {
  return {
    size: source.size,
    read: async (offset, length) => {
      const bytes = await source.read(offset, length)
      onRead(offset + bytes.length)
      return bytes
    },
  }
}

function fileOf(m: Pick<MessageView, 'file'>): ChatFile | undefined {
  if (m.file === undefined) return undefined
  try {
    const { name, size, mime } = parseManifest(hexToBytes(m.file.manifest)).manifest
    return { name, size, mime }
  } catch {
    return undefined
  }
}

function toChat(m: MessageView): ChatMessage {
  const file = fileOf(m)
  return {
    ...(file === undefined ? {} : { file }),
    id: m.id,
    conversation: m.conversation,
    direction: m.direction,
    text: m.text,
    sentAt: m.sentAt,
    receivedAt: m.receivedAt,
    state: m.status === 'pending' ? 'queued' : m.status,
    ...(m.expireAfterMs === undefined ? {} : { expireAfterMs: m.expireAfterMs }),
    ...(m.viewOnce === true ? { viewOnce: true } : {}),
    ...(m.expiresAt === undefined ? {} : { expiresAt: m.expiresAt }),
    ...(m.system === undefined ? {} : { system: m.system }),
    ...(m.call === undefined ? {} : { call: { media: m.call.media, outcome: m.call.outcome, durationMs: m.call.durationMs } }),
  }
}
