/**
 * The client's file transfers: offers that survive a restart (stored, served
 * only to the recipient account's devices and our own), downloads that find
 * the sender through the directory, and the complete/cancelled signals
 * between the two sides (a FileControl message over the session).
 */
import type { AbortOptions, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { AccountId } from './identity/index.js'
import { peerIdOfDevice, type XchatNode } from './net/index.js'
import { isValidPublicKey } from './crypto/index.js'
import type { MailboxClient } from './mailbox/index.js'
import { relaysOf, messagingConstants } from './messaging/index.js'
import { depositFileMail, type FileMailDevice } from './client-file-deposit.js'
import type { FileMailInbox } from './client-file-inbox.js'
import type { XchatStore, GroupFileOfferRecord } from './store/index.js'
import type { GroupMessageRecord } from './groups/index.js'
import type { FileControlDetail, Messenger, MessageView, SendOptions, SendResult } from './messaging/index.js'
import { XchatError, isXchatError } from './errors.js'
import {
  FileServer,
  FileDownload,
  prepareFile,
  parseManifest,
  chunkCount,
  chunkLength,
  CHUNK_TAG_LENGTH,
  type FileSource,
  type FileSink,
  type FileMeta,
  type FileManifest,
  type ServedRequest,
  type FileCrypto,
  nobleFileCrypto,
} from './files/index.js'

/**
 * Largest file sealed into an offline recipient's mailboxes by default: 25 MiB
 * is ≈ 430 envelopes per relay, inside a relay's default mailbox quota
 * (MAX_MAILBOX_BYTES) with room for messages; larger files wait for the recipient.
 */
export const DEFAULT_MAILBOX_FILE_MAX_BYTES = 25 * 1024 * 1024

/**
 * Where the mailbox copy of a file stands: `depositing`; `stored` (every piece
 * on ≥ 2 mailboxes of each offline recipient device); `failed` (`error`: a code,
 * e.g. QUOTA_EXCEEDED: the file waits for the recipient instead); `too-large`
 * (over the mailbox limit: it waits for the recipient).
 */
export type MailboxFileState = 'depositing' | 'stored' | 'failed' | 'too-large'

/** The end of a mailbox copy. */
export interface MailboxFileOutcome {
  readonly state: Exclude<MailboxFileState, 'depositing'>
  /** An error code when `failed`. */
  readonly error?: string
}

/** The result of sending a file: the offer message was delivered (or queued); the file is served until withdrawn. */
export interface SendFileResult extends SendResult {
  /** The file id on '/xchat/files/1.0.0' (hex). */
  readonly fileId: string
  readonly manifest: FileManifest
  /** Stop serving the file (it is served while this client runs, and after a restart when it was stored). */
  readonly withdraw: () => void
  /**
   * Set when the offer went to a mailbox (a recipient device is offline): the
   * file's chunks are sealed into its mailboxes too (small files), or not (`too-large`).
   */
  readonly mailbox?: Promise<MailboxFileOutcome>
}

/** Options of sending a file: a disappearing timer of the offer message (as `send`), and where to find the file again. */
export interface SendFileOptions extends SendOptions {
  /**
   * Where the platform finds the file again (a path on Node): the offer is
   * stored and served again after a restart through `openSource`.
   */
  readonly locator?: string
  /** Files up to this size go sealed into an offline recipient's mailboxes (default: the client's, 25 MiB); 0: never. */
  readonly mailboxMaxBytes?: number
}

/** Options of receiving a file. */
export interface ReceiveFileOptions extends AbortOptions {
  readonly onProgress?: (bytes: number, total: number) => void
  /** Refuse files larger than this (default 4 GiB). */
  readonly maxFileBytes?: number
  /** Chunks the sink already holds (resume after a restart); the sink must implement `read`. */
  readonly fromChunk?: number
}

/** A file this device offers, as listed by `offers()`. */
export interface FileOfferView {
  readonly fileId: string
  readonly to: AccountId
  readonly name: string
  readonly size: number
  readonly locator?: string
  /** Plaintext bytes the recipient asked for so far (this run). */
  readonly served: number
  /** The mailbox copy (this run), when the offer went to a mailbox. */
  readonly mailbox?: MailboxFileState
  /** Why the mailbox copy failed: an error code. */
  readonly mailboxError?: string
}

/**
 * How long a group file is served at most (stored, and after restarts) when
 * its message has no shorter timer: a relay's mail lifetime (30 days), after
 * which an offline member could not get the file message itself anymore.
 */
export const GROUP_FILE_OFFER_MAX_MS = messagingConstants.MAIL_TTL_MS

/** Group offers that ended complete this run, remembered for status questions (a bound: each is a few ids). */
const MAX_FINISHED_GROUP_OFFERS = 1024

/** What a group file offer asks of the groups: who may fetch, and who is a member now. */
export interface GroupAccess {
  /** Whether a requesting PeerId is a device of a current member (or ours). */
  readonly allow: (group: string, peerId: string) => Promise<boolean>
  /** The group's current members (empty once this account is no longer one). */
  readonly members: (group: string) => readonly AccountId[]
}

/** Options of {@link FileTransfers.serve}. */
export interface GroupServeOptions {
  /** The other members the file is sent to: the offer ends once each of them still a member holds it. */
  readonly members: readonly AccountId[]
  /** Where the platform finds the file again (a path on Node): the offer is stored and served again after a restart. */
  readonly locator?: string
  /** The message's timer (ms), when it has one: the offer is not served longer. */
  readonly expireAfterMs?: number
}

/** What {@link FileTransfers} needs. */
export interface FileTransfersInit {
  readonly node: XchatNode
  readonly store: XchatStore
  readonly messenger: Messenger
  readonly accountId: AccountId
  readonly now: () => number
  /** Reopen a stored offer's source by its locator (Node: a path); without it stored offers are not served again. */
  readonly openSource?: (locator: string) => Promise<FileSource>
  /** Native chunk crypto and hashing (default: pure JS). */
  readonly crypto?: FileCrypto
  /** Relay mailboxes for file mail; without it files to offline devices always wait for them. */
  readonly mailbox?: MailboxClient
  /** This device's file mail (pieces from its mailboxes), used by downloads. */
  readonly inbox?: FileMailInbox
  /** Default of {@link SendFileOptions.mailboxMaxBytes}. */
  readonly mailboxFileMaxBytes?: number
  /** Membership for group offers; without it no group file is served. */
  readonly groups?: GroupAccess
}

/** A file offered to a group, as {@link FileTransfers.groupOffer} tells it. */
export interface GroupOfferView {
  readonly fileId: string
  /** group id hex */
  readonly group: string
  readonly size: number
  /** Plaintext bytes asked for so far by the members' devices (the furthest, this run). */
  readonly served: number
  /** Of `sentTo`, the accounts whose device reported holding the whole verified file. */
  readonly completedBy: readonly AccountId[]
  /** The other members when it was sent. */
  readonly sentTo: readonly AccountId[]
  /** serving: on offer; complete: every one of `sentTo` still a member holds it (no longer served). */
  readonly state: 'serving' | 'complete'
}

interface GroupOffer {
  readonly group: string
  readonly manifest: FileManifest
  readonly withdraw: () => void
  readonly sentTo: ReadonlySet<AccountId>
  readonly completedBy: Set<AccountId>
  /** The stored record (without the progress), when the offer is stored. */
  readonly record: Omit<GroupFileOfferRecord, 'completedBy'> | undefined
  served: number
}

interface LiveOffer {
  readonly to: AccountId
  readonly manifest: FileManifest
  readonly locator: string | undefined
  readonly withdraw: () => void
  served: number
  /** Aborted when the offer ends: stops its mailbox copy. */
  readonly stop: AbortController
  mailbox?: MailboxFileState
  mailboxError?: string
}

/** Offers, downloads and their signals for one client. */
export class FileTransfers {
  readonly #init: FileTransfersInit
  readonly #server: FileServer
  readonly #offers = new Map<string, LiveOffer>()
  /** Files offered to a group (served while this client runs; stored ones also after a restart), by file id. */
  readonly #groupOffers = new Map<string, GroupOffer>()
  /** Group offers that ended with every member holding the file (this run), oldest first. */
  readonly #groupFinished = new Map<string, GroupOfferView>()
  /** Writes of group offer records, one after another: progress written late never brings a deleted record back. */
  #groupWrites: Promise<void> = Promise.resolve()
  /** file id → (sender account, the controller that cancels the running download) */
  readonly #downloads = new Map<string, { from: AccountId; controller: AbortController; byPeer: boolean }>()

  constructor(init: FileTransfersInit) {
    this.#init = init
    this.#server = new FileServer({
      node: init.node,
      onRequest: (r) => this.#onRequest(r),
      ...(init.crypto === undefined ? {} : { crypto: init.crypto }),
    })
  }

  async start(): Promise<void> {
    await this.#server.start()
    await this.#init.inbox?.sweep()
    this.#init.messenger.addEventListener('file:complete', this.#onComplete)
    this.#init.messenger.addEventListener('file:cancelled', this.#onCancelled)
    await this.#restore()
    await this.#restoreGroups()
  }

  async stop(): Promise<void> {
    this.#init.messenger.removeEventListener('file:complete', this.#onComplete)
    this.#init.messenger.removeEventListener('file:cancelled', this.#onCancelled)
    // downloads are not cancelled: they fail with the node and stay resumable
    await this.#server.stop()
  }

  /** Files on offer (stored or in memory) that no recipient completed yet. */
  offers(): FileOfferView[] {
    return [...this.#offers].map(([fileId, o]) => ({
      fileId,
      to: o.to,
      name: o.manifest.name,
      size: o.manifest.size,
      served: o.served,
      ...(o.locator === undefined ? {} : { locator: o.locator }),
      ...(o.mailbox === undefined ? {} : { mailbox: o.mailbox }),
      ...(o.mailboxError === undefined ? {} : { mailboxError: o.mailboxError }),
    }))
  }

  /**
   * Offer a file: read it once, store the offer (with a locator), serve it to
   * the recipient account's devices and our own, and send the manifest.
   * @throws XchatError TOO_LARGE, and as `send`
   */
  async send(to: AccountId, source: FileSource, meta: FileMeta, options: SendFileOptions = {}): Promise<SendFileResult> {
    const file = await prepareFile(source, meta, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(this.#init.crypto === undefined ? {} : { crypto: this.#init.crypto }),
    })
    const fileId = bytesToHex(file.id)
    const { store, now } = this.#init
    if (options.locator !== undefined) {
      await store.write([
        store.fileOffers.put(fileId, {
          fileId,
          to,
          locator: options.locator,
          manifest: file.bytes,
          chunkList: file.chunkList,
          createdAt: now(),
        }),
      ])
    }
    const withdraw = this.#offer(fileId, to, file, source, options.locator)
    try {
      const sent = await this.#init.messenger.sendFile(to, file.bytes, options)
      const mailbox = this.#mailboxCopy(fileId, file, source, sent, options)
      return { ...sent, fileId, manifest: file.manifest, withdraw, ...(mailbox === undefined ? {} : { mailbox }) }
    } catch (err) {
      // UNDELIVERED leaves the offer in the outbox: keep serving for when it arrives
      if (!isXchatError(err, 'UNDELIVERED')) {
        withdraw()
        throw err
      }
      throw new XchatError('UNDELIVERED', err.message, { cause: err, details: { ...err.details, fileId } })
    }
  }

  /**
   * Fetch the file of a received file message into `sink`, verified; tells
   * the sender `complete` at the end, or `cancelled` when cancelled here.
   */
  async receive(message: MessageView, sink: FileSink, options: ReceiveFileOptions = {}): Promise<void> {
    if (message.file === undefined) throw new XchatError('MALFORMED', 'not a file message')
    await this.#fetch({ from: message.conversation, device: message.senderDevice, manifest: message.file.manifest }, sink, options, true)
  }

  /**
   * Fetch the file of a group message from the device that offered it (it serves
   * every current member's devices). Only `complete` goes back: a member's cancel
   * ends nothing for the others; the sender stops serving when the message expires or it withdraws.
   */
  async receiveGroup(message: GroupMessageRecord, sink: FileSink, options: ReceiveFileOptions = {}): Promise<void> {
    if (message.file === undefined) throw new XchatError('MALFORMED', 'not a file message')
    await this.#fetch(
      { from: message.sender as AccountId, device: message.senderDevice, manifest: message.file.manifest },
      sink,
      options,
      false,
    )
    // "complete" still goes back: the sender counts who holds it (its progress); cancelling ends nothing for the others
    const fileId = bytesToHex(parseManifest(hexToBytes(message.file.manifest)).id)
    await this.#init.messenger
      .sendFileControl(message.sender, fileId, 'complete', options.signal === undefined ? {} : { signal: options.signal })
      .catch(() => undefined)
  }

  async #fetch(
    offer: { readonly from: AccountId; readonly device: string; readonly manifest: string },
    sink: FileSink,
    options: ReceiveFileOptions,
    signals: boolean,
  ): Promise<void> {
    const message = { conversation: offer.from, senderDevice: offer.device }
    const manifest = parseManifest(hexToBytes(offer.manifest))
    const fileId = bytesToHex(manifest.id)
    const senderPeer = peerIdOfDevice(hexToBytes(message.senderDevice))
    // only the signal goes on: kad-dht would take an `onProgress` for its own query events
    const abort = options.signal === undefined ? {} : { signal: options.signal }
    const addrs = this.#connected(senderPeer)
      ? []
      : await this.#init.messenger.deviceAddrs(message.conversation, message.senderDevice, abort)
    let download: FileDownload
    try {
      download = new FileDownload({
        node: this.#init.node,
        from: { peerId: senderPeer.toString(), addrs },
        manifest,
        sink,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
        ...(options.fromChunk === undefined ? {} : { fromChunk: options.fromChunk }),
        ...(this.#init.crypto === undefined ? {} : { crypto: this.#init.crypto }),
        ...(this.#init.inbox === undefined ? {} : { local: this.#init.inbox.local(fileId) }),
      })
    } catch (err) {
      // refused by size: the sender would otherwise serve (and wait) forever
      if (isXchatError(err, 'TOO_LARGE')) {
        if (signals) this.#signal(message.conversation, fileId, 'cancelled')
        await this.#init.inbox?.forget(fileId)
      }
      throw err
    }
    const controller = new AbortController()
    const onAbort = (): void => controller.abort()
    options.signal?.addEventListener('abort', onAbort, { once: true })
    if (options.signal?.aborted === true) controller.abort()
    const entry = { from: message.conversation, controller, byPeer: false }
    this.#downloads.set(fileId, entry)
    try {
      await download.run({ signal: controller.signal })
    } catch (err) {
      // the sender's cancel needs no answer; ours (or a file that failed verification) is told to the sender
      if (signals && !entry.byPeer && (isXchatError(err, 'TRANSFER_CANCELLED') || isXchatError(err, 'FILE_CORRUPT'))) {
        this.#signal(message.conversation, fileId, 'cancelled')
      }
      if (isXchatError(err, 'TRANSFER_CANCELLED') || isXchatError(err, 'FILE_CORRUPT')) await this.#init.inbox?.forget(fileId)
      throw err
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      if (this.#downloads.get(fileId) === entry) this.#downloads.delete(fileId)
    }
    await this.#init.inbox?.forget(fileId)
    if (signals) await this.#init.messenger.sendFileControl(message.conversation, fileId, 'complete', abort).catch(() => undefined)
  }

  /**
   * The mailbox copy of a file whose offer went to a mailbox: its chunks are
   * sealed into each such device's mailboxes in the background (the offer is
   * still served: the recipient may come online first).
   * @returns undefined when no device took the offer through a mailbox (or mailboxes are off)
   */
  #mailboxCopy(
    fileId: string,
    file: Parameters<FileServer['offer']>[0],
    source: FileSource,
    sent: SendResult,
    options: SendFileOptions,
  ): Promise<MailboxFileOutcome> | undefined {
    const client = this.#init.mailbox
    const live = this.#offers.get(fileId)
    const offline = sent.devices.filter((d) => d.via === 'mailbox')
    if (client === undefined || live === undefined || offline.length === 0) return undefined
    const max = options.mailboxMaxBytes ?? this.#init.mailboxFileMaxBytes ?? DEFAULT_MAILBOX_FILE_MAX_BYTES
    if (file.manifest.size > max) {
      live.mailbox = 'too-large'
      return Promise.resolve({ state: 'too-large' })
    }
    live.mailbox = 'depositing'
    const { manifest } = file
    const crypto = this.#init.crypto ?? nobleFileCrypto
    const { now } = this.#init
    const to = live.to
    return (async (): Promise<MailboxFileOutcome> => {
      try {
        const devices: FileMailDevice[] = []
        for (const d of offline) {
          const key = peerIdFromString(d.peerId).publicKey?.raw
          if (key === undefined || !isValidPublicKey(key)) continue
          const relays = relaysOf(await this.#init.messenger.deviceAddrs(to, bytesToHex(key), { signal: live.stop.signal }))
          devices.push({ devicePublicKey: key, relays })
        }
        await depositFileMail(
          {
            client,
            devices,
            fileId: file.id,
            chunkList: file.chunkList,
            chunks: chunkCount(manifest),
            encryptedChunk: async (i) =>
              crypto.encryptChunk(manifest.key, i, await source.read(i * manifest.chunkSize, chunkLength(manifest, i))),
            encryptedLength: (i) => chunkLength(manifest, i) + CHUNK_TAG_LENGTH,
            expiresAt: now() + Math.min(messagingConstants.MAIL_TTL_MS, options.expireAfterMs ?? Infinity),
            now,
            minRelays: messagingConstants.MIN_MAILBOX_ACKS,
          },
          { signal: live.stop.signal },
        )
        live.mailbox = 'stored'
        return { state: 'stored' }
      } catch (err) {
        live.mailbox = 'failed'
        live.mailboxError = isXchatError(err) ? err.code : 'DEPOSIT_FAILED'
        return { state: 'failed', error: live.mailboxError }
      }
    })()
  }

  /**
   * Cancel a file: an offer of ours is withdrawn (and forgotten) and the
   * recipient told; a running download of it stops, and the sender is told.
   * @returns false when this device neither offers nor downloads the file
   */
  async cancel(fileId: string): Promise<boolean> {
    const download = this.#downloads.get(fileId)
    download?.controller.abort()
    const groupOffer = this.#groupOffers.get(fileId)
    // a stored group offer goes too (also one not served this run: its source was gone)
    await this.#endGroup(fileId, false)
    const offer = this.#offers.get(fileId)
    if (offer !== undefined) {
      await this.#forget(fileId)
      await this.#init.messenger.sendFileControl(offer.to, fileId, 'cancelled').catch(() => undefined)
    }
    return download !== undefined || offer !== undefined || groupOffer !== undefined
  }

  #offer(
    fileId: string,
    to: AccountId,
    file: Parameters<FileServer['offer']>[0],
    source: FileSource,
    locator: string | undefined,
  ): () => void {
    const { messenger, accountId } = this.#init
    const withdraw = this.#server.offer(file, source, {
      // the recipient account's devices, and ours (a copy of the offer reaches them too)
      allow: async (peerId) => (await messenger.isDeviceOf(to, peerId)) || (await messenger.isDeviceOf(accountId, peerId)),
    })
    const live: LiveOffer = { to, manifest: file.manifest, locator, withdraw, served: 0, stop: new AbortController() }
    this.#offers.set(fileId, live)
    return () => {
      withdraw()
      live.stop.abort() // a mailbox copy in progress stops too
      if (this.#offers.get(fileId) === live) this.#offers.delete(fileId)
    }
  }

  /**
   * Serve a prepared file to the devices of whoever is a member of `group`
   * when they ask (and ours); with a locator the offer is stored and served
   * again after a restart. It ends when every one of `members` still in the
   * group holds the file, when cancelled (the message expired), or after
   * {@link GROUP_FILE_OFFER_MAX_MS}. Nothing is sent.
   * @returns withdraw: stop serving in this run (a stored offer is served again after a restart)
   */
  async serve(
    group: string,
    file: Parameters<FileServer['offer']>[0],
    source: FileSource,
    options: GroupServeOptions,
  ): Promise<() => void> {
    const fileId = bytesToHex(file.id)
    const createdAt = this.#init.now()
    const expiresAt = createdAt + Math.min(GROUP_FILE_OFFER_MAX_MS, options.expireAfterMs ?? Infinity)
    const record =
      options.locator === undefined
        ? undefined
        : {
            fileId,
            group,
            locator: options.locator,
            manifest: file.bytes,
            chunkList: file.chunkList,
            members: [...new Set(options.members)],
            createdAt,
            expiresAt,
          }
    if (record !== undefined) {
      const { store } = this.#init
      await this.#groupWrite(() => store.write([store.groupFileOffers.put(fileId, { ...record, completedBy: [] })]))
    }
    return this.#serveGroup(fileId, group, file, source, { sentTo: options.members, completedBy: [], expiresAt, record })
  }

  #serveGroup(
    fileId: string,
    group: string,
    file: Parameters<FileServer['offer']>[0],
    source: FileSource,
    o: {
      readonly sentTo: readonly AccountId[]
      readonly completedBy: readonly AccountId[]
      readonly expiresAt: number
      readonly record: GroupOffer['record']
    },
  ): () => void {
    const { now, groups } = this.#init
    const stop = this.#server.offer(file, source, {
      // whoever is a member when asking (never one removed since, nor an outsider), until the offer's time is up
      allow: async (peerId) => groups !== undefined && now() < o.expiresAt && (await groups.allow(group, peerId)),
    })
    const offer: GroupOffer = {
      group,
      manifest: file.manifest,
      sentTo: new Set(o.sentTo),
      completedBy: new Set(o.completedBy),
      record: o.record,
      served: 0,
      withdraw: () => {
        stop()
        if (this.#groupOffers.get(fileId) === offer) this.#groupOffers.delete(fileId)
      },
    }
    this.#groupOffers.get(fileId)?.withdraw()
    this.#groupOffers.set(fileId, offer)
    return offer.withdraw
  }

  /** A file this device offers to a group (while served, or once every member has it), or undefined. */
  groupOffer(fileId: string): GroupOfferView | undefined {
    const finished = this.#groupFinished.get(fileId)
    if (finished !== undefined) return finished
    const o = this.#groupOffers.get(fileId)
    if (o === undefined) return undefined
    return {
      fileId,
      group: o.group,
      size: o.manifest.size,
      served: o.served,
      completedBy: [...o.completedBy],
      sentTo: [...o.sentTo],
      state: 'serving',
    }
  }

  /**
   * Serve the stored group offers again. One whose time is up, or that every
   * member it went to (and still in the group) holds, is forgotten; one whose
   * source is gone or changed size is skipped (and kept: it may come back).
   */
  async #restoreGroups(): Promise<void> {
    const { store, openSource, now, groups } = this.#init
    if (openSource === undefined || groups === undefined) return
    const ended: string[] = []
    for await (const [fileId, record] of store.groupFileOffers.entries()) {
      if (this.#groupOffers.has(fileId)) continue
      if (now() >= record.expiresAt || this.#everyoneHas(record.group, record.members, record.completedBy)) {
        ended.push(fileId)
        continue
      }
      try {
        const encoded = parseManifest(record.manifest)
        const source = await openSource(record.locator)
        if (source.size !== encoded.manifest.size) continue
        const { completedBy, ...kept } = record
        this.#serveGroup(fileId, record.group, { ...encoded, chunkList: record.chunkList }, source, {
          sentTo: record.members,
          completedBy,
          expiresAt: record.expiresAt,
          record: kept,
        })
      } catch {
        continue
      }
    }
    for (const fileId of ended) await this.#endGroup(fileId, false)
  }

  /** Whether every one of `sentTo` that is still a member of the group reported holding the file. */
  #everyoneHas(group: string, sentTo: Iterable<AccountId>, completedBy: Iterable<AccountId>): boolean {
    const current = new Set(this.#init.groups?.members(group) ?? [])
    const done = new Set(completedBy)
    for (const a of sentTo) if (current.has(a) && !done.has(a)) return false
    return true
  }

  /** A member reported holding a group file: counted (and stored); once every member has it the offer ends. */
  async #groupComplete(fileId: string, from: AccountId): Promise<void> {
    const offer = this.#groupOffers.get(fileId)
    // only the members it went to count (anyone else's word changes nothing)
    if (offer === undefined || !offer.sentTo.has(from) || offer.completedBy.has(from)) return
    offer.completedBy.add(from)
    if (this.#everyoneHas(offer.group, offer.sentTo, offer.completedBy)) return this.#endGroup(fileId, true)
    const { record } = offer
    if (record === undefined) return
    const { store } = this.#init
    await this.#groupWrite(async () => {
      // ended (withdrawn and forgotten) meanwhile: nothing to bring back
      if (this.#groupOffers.get(fileId) !== offer || !(await store.groupFileOffers.has(fileId))) return
      await store.write([store.groupFileOffers.put(fileId, { ...record, completedBy: [...offer.completedBy] })])
    })
  }

  /** End a group offer: no longer served, its record deleted; `complete` when every member has it (remembered for status). */
  async #endGroup(fileId: string, complete: boolean): Promise<void> {
    const view = this.groupOffer(fileId)
    this.#groupOffers.get(fileId)?.withdraw()
    if (complete && view !== undefined) {
      this.#groupFinished.set(fileId, { ...view, state: 'complete' })
      if (this.#groupFinished.size > MAX_FINISHED_GROUP_OFFERS) this.#groupFinished.delete(this.#groupFinished.keys().next().value ?? '')
    }
    const { store } = this.#init
    await this.#groupWrite(async () => {
      if (await store.groupFileOffers.has(fileId)) await store.write([store.groupFileOffers.del(fileId)])
    })
  }

  #groupWrite(write: () => Promise<void>): Promise<void> {
    const next = this.#groupWrites.then(write)
    this.#groupWrites = next.catch(() => undefined)
    return next
  }

  /** Serve the stored offers again; one whose source is gone or changed size is skipped (and kept: it may come back). */
  async #restore(): Promise<void> {
    const { store, openSource } = this.#init
    if (openSource === undefined) return
    for await (const [fileId, record] of store.fileOffers.entries()) {
      if (this.#offers.has(fileId)) continue
      try {
        const encoded = parseManifest(record.manifest)
        const source = await openSource(record.locator)
        if (source.size !== encoded.manifest.size) continue
        this.#offer(fileId, record.to, { ...encoded, chunkList: record.chunkList }, source, record.locator)
      } catch {
        continue
      }
    }
  }

  async #forget(fileId: string): Promise<void> {
    this.#offers.get(fileId)?.withdraw()
    this.#offers.get(fileId)?.stop.abort()
    this.#offers.delete(fileId)
    const { store } = this.#init
    if (await store.fileOffers.has(fileId)) await store.write([store.fileOffers.del(fileId)])
  }

  #signal(to: AccountId, fileId: string, control: 'complete' | 'cancelled'): void {
    void this.#init.messenger.sendFileControl(to, fileId, control).catch(() => undefined)
  }

  /** Connected without a relay in between (else the directory's direct addresses are worth a lookup). */
  #connected(peer: PeerId): boolean {
    return this.#init.node.getConnections(peer).some((c) => c.limits === undefined)
  }

  #onRequest(r: ServedRequest): void {
    const group = this.#groupOffers.get(r.fileId)
    if (group !== undefined && r.kind === 'chunks') {
      const end = Math.min(chunkCount(group.manifest), r.fromChunk + r.count)
      group.served = Math.max(group.served, Math.min(group.manifest.size, end * group.manifest.chunkSize))
    }
    const offer = this.#offers.get(r.fileId)
    if (offer === undefined || r.kind !== 'chunks') return
    const end = Math.min(chunkCount(offer.manifest), r.fromChunk + r.count)
    offer.served = Math.max(offer.served, Math.min(offer.manifest.size, end * offer.manifest.chunkSize))
  }

  /** Only the account an offer went to can end it; a stored offer that is not served (source gone) ends too. */
  async #endOffer(fileId: string, conversation: AccountId): Promise<void> {
    const to = this.#offers.get(fileId)?.to ?? (await this.#init.store.fileOffers.get(fileId))?.to
    if (to === conversation) await this.#forget(fileId)
  }

  readonly #onComplete = (evt: CustomEvent<FileControlDetail>): void => {
    // a group offer stays served (other members may still fetch it) until every member has it
    void this.#groupComplete(evt.detail.fileId, evt.detail.conversation).catch(() => undefined)
    void this.#endOffer(evt.detail.fileId, evt.detail.conversation).catch(() => undefined)
  }

  readonly #onCancelled = (evt: CustomEvent<FileControlDetail>): void => {
    const { fileId, conversation } = evt.detail
    void this.#endOffer(fileId, conversation).catch(() => undefined)
    const download = this.#downloads.get(fileId)
    if (download?.from === conversation) {
      download.byPeer = true
      download.controller.abort()
    }
  }
}
