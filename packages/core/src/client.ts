/**
 * The composition root: wires a libp2p node, a level database and a
 * device's keys into the store, directory, mailboxes and messenger.
 */
import type { TypedEventTarget } from 'main-event'
import type { AbortOptions, Connection, PeerId } from '@libp2p/interface'
import { parseAccountId, type AccountId, type DeviceKeys } from './identity/index.js'
import { DirectMessages, GossipFanout, peerIdOfDevice, type XchatNode } from './net/index.js'
import { Directory, type PublishResult, type ResolvedAccount, type RevokeResult } from './directory/index.js'
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
  type SendOptions,
} from './messaging/index.js'
import { mailboxPort, memo } from './client-ports.js'
import { FileMailInbox } from './client-file-inbox.js'
import { MailboxClient } from './mailbox/index.js'
import {
  FileTransfers,
  type SendFileResult,
  type SendFileOptions,
  type ReceiveFileOptions,
  type FileOfferView,
  type GroupOfferView,
} from './client-files.js'
import { parseManifest, type FileSource, type FileSink, type FileMeta, type FileCrypto } from './files/index.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { CallService, systemClock, callConstants, type CallClock } from './calls/index.js'
import { XchatError } from './errors.js'
import { attachVault, type ClientVaultOptions } from './client-vault.js'
import type { Vault } from './vault/index.js'
import {
  GroupEngine,
  type GroupEvents,
  type GroupView,
  type GroupSendResult,
  type GroupMessageRecord,
  type GroupSendOptions,
} from './groups/index.js'
import { prepareFile } from './files/index.js'

export type { SendFileResult, SendFileOptions, ReceiveFileOptions, FileOfferView, GroupOfferView } from './client-files.js'

/** A group file as its sender sees it: how many current members hold it. */
export interface GroupFileStatus extends GroupOfferView {
  /** The other members it was sent to that are still members. */
  readonly members: number
  /** Of those, how many reported holding the whole verified file. */
  readonly complete: number
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
  /** Reopen the source of a stored file offer by its locator (Node: a path), to serve it again after a restart. */
  readonly openSource?: (locator: string) => Promise<FileSource>
  /** Native chunk crypto and hashing for file transfers (Node: node:crypto); default pure JS. */
  readonly fileCrypto?: FileCrypto
  /**
   * Files up to this many bytes to an offline device are also sealed into its
   * relay mailboxes (default 25 MiB; 0: never); larger ones wait for it to come online.
   */
  readonly mailboxFileMaxBytes?: number
  /** Call timings (tests shorten the ring timeout) and the clock calls use. */
  readonly calls?: { readonly ringTimeoutMs?: number; readonly connectTimeoutMs?: number; readonly clock?: CallClock }
  /** This device's name in the account's device list (e.g. the host name). */
  readonly deviceName?: string
  /** The history vault (vault/): on by default; `false` turns it off. */
  readonly vault?: ClientVaultOptions | false
}

/** An xchat device: contacts, conversations, sending and receiving. */
export interface XchatClient {
  readonly accountId: AccountId
  readonly peerId: string
  /** `message:received`, `message:sent`, `receipt:received`, … */
  readonly events: TypedEventTarget<MessengerEvents>
  readonly contacts: Pick<Contacts, 'add' | 'get' | 'list' | 'remove'>
  /** Audio/video call signaling (the media is the caller's RTCPeerConnection). */
  readonly calls: CallService
  /** The account's history vault on relays (recovery, live sync between devices); undefined when turned off. */
  readonly vault: Vault | undefined
  /** Answer messages, retry the outbox, fetch mail, publish this device in the directory. */
  start(): Promise<void>
  stop(): Promise<void>
  /** This account's devices as its signed directory record lists them (name, created, last seen), and the revoked keys. */
  devices(options?: AbortOptions): Promise<ResolvedAccount>
  /**
   * Revoke another device of this account: it leaves the signed device list,
   * gets no new messages, and contacts refuse what it sends.
   * @throws XchatError NOT_FOUND | RangeError for this very device
   */
  revokeDevice(deviceIndex: number, options?: AbortOptions): Promise<RevokeResult>
  /** Publish this device's directory entry now (start() also does, in the background). */
  publish(options?: AbortOptions): Promise<PublishResult>
  /**
   * Send a text to an account ID or a contact name. Resolves once a device of
   * the account took it directly or ≥ 2 of its mailboxes stored it.
   * @throws XchatError (see `Messenger.send`)
   */
  send(to: string, text: string, options?: SendOptions): Promise<SendResult>
  /**
   * Set the disappearing timer of a conversation (ms, 5 s … 4 weeks; null: off). Both
   * sides see the change as a system entry; later messages without their own timer take it.
   * @throws RangeError for a timer out of range; as `send`
   */
  setTimer(with_: string, expireAfterMs: number | null, options?: AbortOptions): Promise<SendResult>
  /** A conversation's disappearing timer (ms), or null when off. */
  timer(with_: string): Promise<number | null>
  /**
   * Delete disappearing messages whose time has come now; the sweeper also runs by
   * itself (at start, then on time). Each raises `message:expired`. @returns how many
   */
  sweep(): Promise<number>
  history(with_: string, options?: { limit?: number }): Promise<MessageView[]>
  conversations(): Promise<Conversation[]>
  markRead(with_: string, options?: AbortOptions): Promise<number>
  acceptIdentity(accountId: string): Promise<void>
  /** Fetch mail now (start() and reconnects also do). */
  syncMailboxes(): Promise<void>
  /**
   * Offer a file: read it once (encrypt and hash every chunk), send its manifest
   * as a message (like `send`), and serve its chunks to the recipient's devices
   * (and ours) while this client runs — also after a restart when `locator` is
   * given (the offer is stored) — until the recipient reports `file:complete`.
   * @throws XchatError TOO_LARGE, and as `send`
   */
  sendFile(to: string, source: FileSource, meta: FileMeta, options?: SendFileOptions): Promise<SendFileResult>
  /**
   * Fetch the file of a received file message into `sink`, verified; retried
   * from the first missing chunk when the stream breaks.
   * @throws XchatError MALFORMED (not a file message) | TRANSFER_CANCELLED | FILE_CORRUPT | FILE_UNAVAILABLE | CHUNK_INVALID | TOO_LARGE
   */
  receiveFile(message: MessageView, sink: FileSink, options?: ReceiveFileOptions): Promise<void>
  /**
   * Cancel a file by id (hex): our offer is withdrawn and forgotten, a running
   * download stops; the other side is told (`file:cancelled`).
   * @returns false when this device neither offers nor downloads it
   */
  cancelFile(fileId: string): Promise<boolean>
  /** Files this device offers that no recipient completed yet. */
  fileOffers(): FileOfferView[]
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
  /** Encrypt once, publish once on the group's topic; a disappearing timer of its own as in 1:1 (default: the group's). */
  sendGroup(group: string, text: string, options?: Pick<GroupSendOptions, 'expireAfterMs' | 'viewOnce'>): Promise<GroupSendResult>
  /**
   * Set a group's disappearing timer (ms, 5 s … 4 weeks; null: off). Any member may; every
   * member sees a system entry, and later messages without their own timer take it.
   * @throws RangeError for a timer out of range; as `sendGroup`
   */
  setGroupTimer(group: string, expireAfterMs: number | null): Promise<GroupSendResult>
  /** A group's disappearing timer (ms), or null when off. */
  groupTimer(group: string): number | null
  /**
   * Offer a file to the group (its manifest in a group message); its chunks are
   * served while this client runs — also after a restart when `locator` is given
   * (the offer is stored) — to the devices of whoever is a member when they ask,
   * until every member it went to (still a member) holds it, the message
   * expires, or 30 days (GROUP_FILE_OFFER_MAX_MS) pass.
   */
  sendGroupFile(
    group: string,
    source: FileSource,
    meta: FileMeta,
    options?: AbortOptions & Pick<GroupSendOptions, 'expireAfterMs' | 'viewOnce'> & Pick<SendFileOptions, 'locator'>,
  ): Promise<GroupSendResult & { readonly fileId: string; readonly withdraw: () => void }>
  /**
   * Fetch the file of a group message from the member device that offers it, verified.
   * @throws as `receiveFile`
   */
  receiveGroupFile(message: GroupMessageRecord, sink: FileSink, options?: ReceiveFileOptions): Promise<void>
  /** A file this device offers to a group: how far it was served and how many members hold it; undefined when not offered. */
  groupFileStatus(fileId: string): GroupFileStatus | undefined
  groupHistory(group: string, options?: { limit?: number }): Promise<GroupMessageRecord[]>
  markGroupRead(group: string): Promise<number>
  groups(): GroupView[]
  members(group: string): GroupView['members']
}

/** Only the timer fields that are set. */
function timerOptions(
  o: Pick<GroupSendOptions, 'expireAfterMs' | 'viewOnce'> | undefined,
): Pick<GroupSendOptions, 'expireAfterMs' | 'viewOnce'> {
  return {
    ...(o?.expireAfterMs === undefined ? {} : { expireAfterMs: o.expireAfterMs }),
    ...(o?.viewOnce === true ? { viewOnce: true } : {}),
  }
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
  // file mail (pieces of files from senders) is taken out of the mail before the messenger sees it
  const inbox = new FileMailInbox({
    store,
    now,
    onPieces: (fileIds) => {
      for (const fileId of fileIds) m.safeDispatchEvent('file:mail', { detail: { fileId } })
    },
  })
  const mailboxClient = new MailboxClient({ node, owner: keys.device, now })
  const port = init.ports?.mailbox === null ? undefined : (init.ports?.mailbox ?? mailboxPort(node, keys, now, mailboxClient))
  const mailbox = port === undefined ? undefined : inbox.wrap(port)
  // the directory publishes the messenger's prekey bundle; the messenger resolves through the directory
  const contacts = new Contacts(store, now)
  const bundle = { of: (): Uint8Array | undefined => undefined }
  const deviceName = init.deviceName
  const directory = new Directory({ node, keys, now, prekeys: () => bundle.of(), deviceName: () => deviceName })
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
  const groupIfKnown = (id: string): GroupView | undefined => {
    try {
      return groups.group(id)
    } catch {
      return undefined // not (yet) known here
    }
  }
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
  const files = new FileTransfers({
    node,
    store,
    messenger: m,
    accountId: keys.accountId,
    now,
    ...(init.openSource === undefined ? {} : { openSource: init.openSource }),
    ...(init.fileCrypto === undefined ? {} : { crypto: init.fileCrypto }),
    inbox,
    // file mail goes to relays' mailboxes only where messages do (not through a replaced port)
    ...(init.ports?.mailbox === undefined ? { mailbox: mailboxClient } : {}),
    ...(init.mailboxFileMaxBytes === undefined ? {} : { mailboxFileMaxBytes: init.mailboxFileMaxBytes }),
    groups: {
      async allow(id, peerId) {
        // whoever is a member when asking (not one removed since, nor an outsider), and our own devices
        const view = groupIfKnown(id)
        if (view?.member !== true) return false
        for (const member of view.members) if (await m.isDeviceOf(member.accountId, peerId)) return true
        return m.isDeviceOf(keys.accountId, peerId)
      },
      members: (id) => {
        const view = groupIfKnown(id)
        return view?.member === true ? view.members.map((member) => member.accountId) : []
      },
    },
  })
  const vault =
    init.vault === false ? undefined : await attachVault({ store, node, keys, now, contacts, messenger: m, options: init.vault ?? {} })
  const book = vault?.contacts ?? contacts
  const calls = new CallService({
    clock: init.calls?.clock ?? systemClock,
    ...(init.calls?.ringTimeoutMs === undefined ? {} : { ringTimeoutMs: init.calls.ringTimeoutMs }),
    ...(init.calls?.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: init.calls.connectTimeoutMs }),
    ports: {
      send: async (to, signal, route) => m.sendCallSignal(to, signal, { ...route, ttlMs: callConstants.SIGNAL_TTL_MS }).catch(() => 0),
      isContact: async (accountId) => (await contacts.get(accountId)) !== undefined,
      record: async (conversation, entry) => void (await m.recordCall(conversation, entry)),
    },
  })
  const onCallSignal = (evt: MessengerEvents['call:signal']): void => void calls.receive(evt.detail)
  const target = async (to: string): Promise<AccountId> => (await contacts.get(to))?.accountId ?? parseAccountId(to)
  // an expired file is no longer served nor fetched (and the other side is told)
  m.addEventListener('message:expired', (evt) => {
    const { conversation, id, expiredAt, file } = evt.detail
    // and a tombstone in the vault: a recovered or other device never brings it back
    void vault?.vault.recordTombstone(conversation, [id], expiredAt).catch(() => undefined)
    if (file !== undefined) void files.cancel(bytesToHex(parseManifest(hexToBytes(file.manifest)).id)).catch(() => undefined)
  })
  // the same for a group file: not served once its message is gone here
  groups.addEventListener('group:expired', (evt) => {
    const { file } = evt.detail
    if (file !== undefined) void files.cancel(bytesToHex(parseManifest(hexToBytes(file.manifest)).id)).catch(() => undefined)
  })
  const unavailable = (err: unknown): never => {
    // e.g. after a recovery, the only device that had the bytes is gone: the manifest stays, the bytes are unavailable
    if (err instanceof XchatError) throw err
    // details.reason 'unreachable': it may come back (a retry can help), unlike a withdrawn offer
    throw new XchatError('FILE_UNAVAILABLE', 'the device that offered the file cannot be reached', {
      cause: err,
      details: { reason: 'unreachable' },
    })
  }

  return {
    accountId: keys.accountId,
    peerId: node.peerId.toString(),
    events: m,
    contacts: {
      get: async (accountIdOrName) => book.get(accountIdOrName),
      list: async () => book.list(),
      remove: async (accountIdOrName) => book.remove(accountIdOrName),
      async add(accountId, name) {
        const added = await book.add(accountId, name)
        void calls.releaseHeld(added.accountId).catch(() => undefined) // a call waiting for this contact may ring now
        return added
      },
    },
    calls,
    vault: vault?.vault,
    async start() {
      await m.start()
      m.addEventListener('call:signal', onCallSignal)
      await files.start()
      m.addEventListener('group:control', onGroupControl)
      await groups.start()
      node.addEventListener('peer:connect', onConnect)
      node.addEventListener('connection:open', onConnectionOpen)
      node.addEventListener('self:peer:update', onSelfUpdate)
      directory.start()
      vault?.vault.start()
    },
    async stop() {
      node.removeEventListener('peer:connect', onConnect)
      node.removeEventListener('connection:open', onConnectionOpen)
      node.removeEventListener('self:peer:update', onSelfUpdate)
      directory.stop()
      m.removeEventListener('call:signal', onCallSignal)
      calls.stop()
      await vault?.vault.stop()
      m.removeEventListener('group:control', onGroupControl)
      await groups.stop()
      fanout.close()
      await files.stop()
      await m.stop()
    },
    publish: async (options) => directory.publish(undefined, options),
    devices: async (options) => directory.resolve(keys.accountId, options),
    async revokeDevice(deviceIndex, options) {
      const result = await directory.revoke(deviceIndex, options)
      m.forgetDevices(keys.accountId) // copies of what we send stop going to it now
      return result
    },
    send: async (to, text, options) => m.send(to, text, options),
    setTimer: async (with_, ms, options) => m.setTimer(await target(with_), ms, options),
    timer: async (with_) => m.timer(await target(with_)),
    sweep: async () => (await m.sweep()) + (await groups.sweep()),
    history: async (with_, options) => m.history(await target(with_), options),
    conversations: async () => m.conversations(),
    async markRead(with_, options) {
      const conversation = await target(with_)
      const marked = await m.markRead(conversation, options)
      if (marked > 0) await vault?.read(conversation)
      return marked
    },
    acceptIdentity: async (accountId) => m.acceptIdentity(accountId),
    syncMailboxes: async () => m.syncMailboxes(),
    sendFile: async (to, source, meta, options) => files.send(await target(to), source, meta, options),
    receiveFile: async (message, sink, options) => files.receive(message, sink, options).catch(unavailable),
    receiveGroupFile: async (message, sink, options) => files.receiveGroup(message, sink, options).catch(unavailable),
    groupFileStatus(fileId) {
      const offer = files.groupOffer(fileId)
      if (offer === undefined) return undefined
      // those it was sent to that are still members (one added later never got the message)
      const current = new Set(groupIfKnown(offer.group)?.members.map((member) => member.accountId))
      const others = offer.sentTo.filter((a) => current.has(a) && a !== keys.accountId)
      const done = new Set(offer.completedBy)
      const complete = offer.state === 'complete' ? others.length : others.filter((a) => done.has(a)).length
      return { ...offer, members: others.length, complete }
    },
    cancelFile: async (fileId) => files.cancel(fileId),
    fileOffers: () => files.offers(),
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
    sendGroup: async (g, text, options) => groups.send(group(g), text, timerOptions(options)),
    setGroupTimer: async (g, ms) => groups.setTimer(group(g), ms),
    groupTimer: (g) => groups.timer(group(g)),
    async sendGroupFile(g, source, meta, options) {
      const id = group(g)
      const file = await prepareFile(source, meta, {
        ...(options?.signal === undefined ? {} : { signal: options.signal }),
        ...(init.fileCrypto === undefined ? {} : { crypto: init.fileCrypto }),
      })
      const fileId = bytesToHex(file.id)
      // its own timer, else the group's: the offer is not served (nor kept) longer than the message lives
      const expireAfterMs = options?.expireAfterMs ?? groups.timer(id) ?? undefined
      const withdraw = await files.serve(id, file, source, {
        members: groups
          .group(id)
          .members.map((member) => member.accountId)
          .filter((a) => a !== keys.accountId),
        ...(options?.locator === undefined ? {} : { locator: options.locator }),
        ...(expireAfterMs === undefined ? {} : { expireAfterMs }),
      })
      try {
        const sent = await groups.send(id, '', { fileManifest: file.bytes, ...timerOptions(options) })
        return { ...sent, fileId, withdraw }
      } catch (err) {
        await files.cancel(fileId) // not sent: nothing to serve, now or after a restart
        throw err
      }
    },
    groupHistory: async (g, options) => groups.history(group(g), options),
    markGroupRead: async (g) => groups.markRead(group(g)),
    groups: () => groups.groups(),
    members: (g) => groups.group(group(g)).members,
  }
}
