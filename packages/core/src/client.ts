/**
 * The composition root: wires a libp2p node, a level database and a
 * device's keys into the store, directory, mailboxes and messenger.
 */
import type { TypedEventTarget } from 'main-event'
import type { AbortOptions, Connection, PeerId } from '@libp2p/interface'
import { parseAccountId, type AccountId, type DeviceKeys } from './identity/index.js'
import { DirectMessages, GossipFanout, peerIdOfDevice, type XchatNode } from './net/index.js'
import { Directory, type PublishResult } from './directory/index.js'
import { openStore, type LevelDatabase, type Conversation } from './store/index.js'
import {
  Messenger,
  Contacts,
  relaysOf,
  type DirectoryPort,
  type DirectPort,
  type MailboxPort,
  type MessageView,
  type MessengerEvents,
  type RelayAddress,
  type SendResult,
} from './messaging/index.js'
import { mailboxPort, memo } from './client-ports.js'
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js'
import { XchatError } from './errors.js'
import { GroupEngine, type GroupEvents, type GroupView, type GroupSendResult, type GroupMessageRecord } from './groups/index.js'
import {
  FileServer,
  FileDownload,
  prepareFile,
  parseManifest,
  type FileSource,
  type FileSink,
  type FileMeta,
  type FileManifest,
} from './files/index.js'

/** The result of {@link XchatClient.sendFile}: the message was delivered; the file is served until withdrawn. */
export interface SendFileResult extends SendResult {
  /** The file id on '/xchat/files/1.0.0' (hex). */
  readonly fileId: string
  readonly manifest: FileManifest
  /** Stop serving the file (it is served while this client runs). */
  readonly withdraw: () => void
}

/** Options of {@link XchatClient.receiveFile}. */
export interface ReceiveFileOptions extends AbortOptions {
  readonly onProgress?: (bytes: number, total: number) => void
  /** Refuse files larger than this (default 4 GiB). */
  readonly maxFileBytes?: number
  /** Chunks the sink already holds (resume after a restart); the sink must implement `read`. */
  readonly fromChunk?: number
}

/** What {@link createClient} needs. */
export interface CreateClientInit {
  /** A started xchat node whose PeerId is this device's key (`libp2pPrivateKey(keys.device.privateKey())`). */
  readonly node: XchatNode
  /** An open level database for this device alone; the client never closes it. */
  readonly db: LevelDatabase
  readonly keys: DeviceKeys
  /** The clock, ms since the Unix epoch; defaults to `Date.now`. */
  readonly now?: () => number
  /** Replace a network port (tests, other transports); `mailbox: null` turns mailboxes off. */
  readonly ports?: { readonly direct?: DirectPort; readonly mailbox?: MailboxPort | null; readonly directory?: DirectoryPort }
}

/** An xchat device: contacts, conversations, sending and receiving. */
export interface XchatClient {
  readonly accountId: AccountId
  readonly peerId: string
  /** `message:received`, `message:sent`, `receipt:received`, … */
  readonly events: TypedEventTarget<MessengerEvents>
  readonly contacts: Pick<Contacts, 'add' | 'get' | 'list' | 'remove'>
  /** Answer messages, retry the outbox, fetch mail, publish this device in the directory. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Publish this device's directory entry now (start() also does, in the background). */
  publish(options?: AbortOptions): Promise<PublishResult>
  /**
   * Send a text to an account ID or a contact name. Resolves once a device of
   * the account took it directly or ≥ 2 of its mailboxes stored it.
   * @throws XchatError (see `Messenger.send`)
   */
  send(to: string, text: string, options?: AbortOptions): Promise<SendResult>
  history(with_: string, options?: { limit?: number }): Promise<MessageView[]>
  conversations(): Promise<Conversation[]>
  markRead(with_: string, options?: AbortOptions): Promise<number>
  acceptIdentity(accountId: string): Promise<void>
  /** Fetch mail now (start() and reconnects also do). */
  syncMailboxes(): Promise<void>
  /**
   * Offer a file: read it once (encrypt and hash every chunk), send its manifest
   * as a message (like `send`), and serve its chunks while this client runs.
   * @throws XchatError TOO_LARGE, and as `send`
   */
  sendFile(to: string, source: FileSource, meta: FileMeta, options?: AbortOptions): Promise<SendFileResult>
  /**
   * Fetch the file of a received file message into `sink`, verified; retried
   * from the first missing chunk when the stream breaks.
   * @throws XchatError MALFORMED (not a file message) | TRANSFER_CANCELLED | FILE_CORRUPT | FILE_UNAVAILABLE | CHUNK_INVALID | TOO_LARGE
   */
  receiveFile(message: Pick<MessageView, 'file' | 'senderDevice'>, sink: FileSink, options?: ReceiveFileOptions): Promise<void>
  /** Group chats (docs/protocol/groups.md): `group:message`, `group:changed`, `group:receipt`, … */
  readonly groupEvents: TypedEventTarget<GroupEvents>
  /** Create a group with members (account IDs or contact names); this account is its admin. */
  createGroup(name: string, members: readonly string[]): Promise<GroupView>
  /** Add members (admins). Groups are named by id, id prefix or exact name. */
  invite(group: string, members: readonly string[]): Promise<GroupView>
  /** An invite link (admins): whoever holds it may join once. */
  inviteLink(group: string, ttlMs?: number): Promise<string>
  /** Join with an invite link; membership follows once the inviter answers. */
  join(link: string): Promise<{ readonly group: string; readonly name: string }>
  leave(group: string): Promise<GroupView>
  remove(group: string, members: readonly string[]): Promise<GroupView>
  promote(group: string, members: readonly string[]): Promise<GroupView>
  demote(group: string, members: readonly string[]): Promise<GroupView>
  rename(group: string, name: string): Promise<GroupView>
  /** Encrypt once, publish once on the group's topic. */
  sendGroup(group: string, text: string): Promise<GroupSendResult>
  /** Offer a file to the group (its manifest in a group message); served while this client runs. */
  sendGroupFile(
    group: string,
    source: FileSource,
    meta: FileMeta,
    options?: AbortOptions,
  ): Promise<GroupSendResult & { readonly fileId: string; readonly withdraw: () => void }>
  groupHistory(group: string, options?: { limit?: number }): Promise<GroupMessageRecord[]>
  markGroupRead(group: string): Promise<number>
  groups(): GroupView[]
  members(group: string): GroupView['members']
}

/**
 * Build a client for one device. Nothing runs until `start()`.
 * @throws XchatError WRONG_STORAGE_KEY (the database belongs to another device) | STORE_CORRUPT
 * @example
 * const client = await createClient({ node, db: new Level(dir), keys })
 * await client.start()
 * await client.send('xc1…', 'hello')
 */
export async function createClient(init: CreateClientInit): Promise<XchatClient> {
  const { node, keys } = init
  const now = init.now ?? Date.now
  const store = await openStore({ db: init.db, devicePrivateKey: keys.device.privateKey() })
  const ownRelays = (): RelayAddress[] => relaysOf(node.getMultiaddrs().map((a) => a.toString()))
  const mailbox = init.ports?.mailbox === null ? undefined : (init.ports?.mailbox ?? mailboxPort(node, keys, now))
  // the directory publishes the messenger's prekey bundle; the messenger resolves through the directory
  const contacts = new Contacts(store, now)
  const bundle = { of: (): Uint8Array | undefined => undefined }
  const directory = new Directory({ node, keys, now, prekeys: () => bundle.of() })
  const m = await Messenger.create({
    store,
    keys,
    directory: init.ports?.directory ?? directory,
    direct: init.ports?.direct ?? new DirectMessages({ node }),
    ...(mailbox === undefined ? {} : { mailbox }),
    now,
    peerIdOf: memo((key) => peerIdOfDevice(key).toString()),
    ownRelays,
    resolveName: async (name) => (await contacts.get(name))?.accountId,
  })
  bundle.of = () => m.prekeyBundle()
  const fanout = new GossipFanout({ node, relays: () => ownRelays().map((r) => r.peerId) })
  const groups = await GroupEngine.create({
    db: init.db,
    keys,
    now,
    fanout,
    control: { send: async (accounts, control) => void (await m.sendGroupControl(accounts, control)) },
  })
  const onGroupControl = (evt: MessengerEvents['group:control']): void => void groups.receiveControl(evt.detail.control, evt.detail.from)
  const group = (g: string): string => groups.resolve(g)
  const accounts = async (names: readonly string[]): Promise<string[]> => Promise.all(names.map(target))
  const onConnect = (evt: CustomEvent<PeerId>): void => m.peerConnected(evt.detail.toString())
  // a peer that comes back while libp2p still holds its old (dying) connection
  // raises no peer:connect: a new connection is the signal to retry it now
  const onConnectionOpen = (evt: CustomEvent<Connection>): void => m.peerConnected(evt.detail.remotePeer.toString())
  const onSelfUpdate = (): void => {
    void m.syncMailboxes().catch(() => undefined)
    void groups.catchUp().catch(() => undefined)
  }
  const files = new FileServer({ node })
  const target = async (to: string): Promise<string> => (await contacts.get(to))?.accountId ?? parseAccountId(to)

  return {
    accountId: keys.accountId,
    peerId: node.peerId.toString(),
    events: m,
    contacts,
    async start() {
      await m.start()
      await files.start()
      m.addEventListener('group:control', onGroupControl)
      await groups.start()
      node.addEventListener('peer:connect', onConnect)
      node.addEventListener('connection:open', onConnectionOpen)
      node.addEventListener('self:peer:update', onSelfUpdate)
      directory.start()
    },
    async stop() {
      node.removeEventListener('peer:connect', onConnect)
      node.removeEventListener('connection:open', onConnectionOpen)
      node.removeEventListener('self:peer:update', onSelfUpdate)
      directory.stop()
      m.removeEventListener('group:control', onGroupControl)
      await groups.stop()
      fanout.close()
      await files.stop()
      await m.stop()
    },
    publish: async (options) => directory.publish(undefined, options),
    send: async (to, text, options) => m.send(to, text, options),
    history: async (with_, options) => m.history(await target(with_), options),
    conversations: async () => m.conversations(),
    markRead: async (with_, options) => m.markRead(await target(with_), options),
    acceptIdentity: async (accountId) => m.acceptIdentity(accountId),
    syncMailboxes: async () => m.syncMailboxes(),
    async sendFile(to, source, meta, options) {
      const file = await prepareFile(source, meta, options?.signal === undefined ? {} : { signal: options.signal })
      const withdraw = files.offer(file, source)
      try {
        const sent = await m.sendFile(to, file.bytes, options)
        return { ...sent, fileId: bytesToHex(file.id), manifest: file.manifest, withdraw }
      } catch (err) {
        // UNDELIVERED leaves the offer in the outbox: keep serving for when it arrives
        if (!(err instanceof XchatError && err.code === 'UNDELIVERED')) withdraw()
        throw err
      }
    },
    groupEvents: groups,
    createGroup: async (name, members) => groups.createGroup(name, await accounts(members)),
    invite: async (g, members) => groups.add(group(g), await accounts(members)),
    inviteLink: async (g, ttlMs) => groups.invite(group(g), ttlMs),
    join: async (link) => groups.join(link),
    leave: async (g) => groups.leave(group(g)),
    remove: async (g, members) => groups.remove(group(g), await accounts(members)),
    promote: async (g, members) => groups.promote(group(g), await accounts(members)),
    demote: async (g, members) => groups.demote(group(g), await accounts(members)),
    rename: async (g, name) => groups.rename(group(g), name),
    sendGroup: async (g, text) => groups.send(group(g), text),
    async sendGroupFile(g, source, meta, options) {
      const id = group(g)
      const file = await prepareFile(source, meta, options?.signal === undefined ? {} : { signal: options.signal })
      const withdraw = files.offer(file, source)
      try {
        const sent = await groups.send(id, '', { fileManifest: file.bytes })
        return { ...sent, fileId: bytesToHex(file.id), withdraw }
      } catch (err) {
        withdraw()
        throw err
      }
    },
    groupHistory: async (g, options) => groups.history(group(g), options),
    markGroupRead: async (g) => groups.markRead(group(g)),
    groups: () => groups.groups(),
    members: (g) => groups.group(group(g)).members,
    async receiveFile(message, sink, options = {}) {
      if (message.file === undefined) throw new XchatError('MALFORMED', 'not a file message')
      const download = new FileDownload({
        node,
        from: { peerId: peerIdOfDevice(hexToBytes(message.senderDevice)).toString() },
        manifest: parseManifest(hexToBytes(message.file.manifest)),
        sink,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
        ...(options.fromChunk === undefined ? {} : { fromChunk: options.fromChunk }),
      })
      await download.run(options.signal === undefined ? {} : { signal: options.signal })
    },
  }
}
