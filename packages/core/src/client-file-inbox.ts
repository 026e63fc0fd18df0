/**
 * The receiving side of file mail (docs/protocol/files.md, "Mailbox
 * delivery"): pieces of files that senders sealed into this device's
 * mailboxes are taken out of the mail stream before the messenger sees it,
 * stored (and only then acked on the relay), and offered to a download as
 * local chunks, which it verifies like chunks from the network.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { isXchatError } from './errors.js'
import { MAX_MAIL_AGE_MS } from './mailbox/index.js'
import type { MailboxPort, MailItem } from './messaging/index.js'
import { pad, type XchatStore, type StoreOp } from './store/index.js'
import { decodeFileMail, isFileMail, joinPieces, type FileMailPiece, type LocalChunks } from './files/index.js'

/**
 * Pages of mail one fetch reads while they hold only file mail: the messenger
 * stops syncing a relay at an empty answer, so pages of file mail are drained
 * here (20 pages ≈ 20 MiB); the rest waits for the next sync.
 */
const MAX_FILE_MAIL_PAGES = 20

/** What {@link FileMailInbox} needs. */
export interface FileMailInboxInit {
  readonly store: XchatStore
  readonly now: () => number
  /** Pieces of these files were stored (durably). */
  readonly onPieces: (fileIds: readonly string[]) => void
}

/** File mail of this device: intake from the mailboxes, local chunks for downloads. */
export class FileMailInbox {
  readonly #init: FileMailInboxInit

  constructor(init: FileMailInboxInit) {
    this.#init = init
  }

  /**
   * The mailbox port the messenger uses, with file mail taken out: each piece
   * is stored and flushed, then acked on the relay; the rest is handed on.
   */
  wrap(port: MailboxPort): MailboxPort {
    return {
      deposit: async (device, envelope, expiresAt, options) => port.deposit(device, envelope, expiresAt, options),
      ack: async (relay, ids, options) => port.ack(relay, ids, options),
      takePrekey: async (relay, key, options) => port.takePrekey(relay, key, options),
      ...(port.uploadPrekeys === undefined ? {} : { uploadPrekeys: port.uploadPrekeys.bind(port) }),
      fetch: async (relay, options) => {
        for (let page = 0; page < MAX_FILE_MAIL_PAGES; page++) {
          const items = await port.fetch(relay, options)
          const mail = items.filter((i) => !isFileMail(i.envelope))
          const files = items.filter((i) => isFileMail(i.envelope))
          if (files.length === 0) return mail
          const done = await this.#take(files)
          if (done.length > 0) await port.ack(relay, done, options)
          // a page with messages goes to the messenger (which fetches again); one of file mail only is drained here
          if (mail.length > 0 || done.length < files.length) return mail
        }
        return []
      },
    }
  }

  /** Store file mail; @returns the ids of the mail that may be acked (stored, or not file mail worth keeping). */
  async #take(items: readonly MailItem[]): Promise<Uint8Array[]> {
    const { store, now } = this.#init
    const ops: StoreOp[] = []
    const done: Uint8Array[] = []
    const files = new Set<string>()
    for (const item of items) {
      let piece: FileMailPiece
      try {
        piece = decodeFileMail(item.envelope)
      } catch (err) {
        if (isXchatError(err)) done.push(item.id) // malformed: dropped like a bad envelope
        continue
      }
      const fileId = bytesToHex(piece.fileId)
      ops.push(store.fileMail.put(pieceKey(fileId, piece), { receivedAt: now(), mail: item.envelope }))
      files.add(fileId)
      done.push(item.id)
    }
    try {
      await store.write(ops)
      await store.flush() // acked only once it is on disk
    } catch {
      return [] // stays on the relay for the next sync
    }
    if (files.size > 0) this.#init.onPieces([...files])
    return done
  }

  /** The pieces of one file this device holds, as a download's local chunks. */
  local(fileId: string): LocalChunks {
    return {
      chunkList: async () => this.#join(rangeOf(fileId, 'l', 0)),
      chunk: async (index) => this.#join(rangeOf(fileId, 'c', index)),
      reject: async (index) => this.#delete(index === 'chunk-list' ? rangeOf(fileId, 'l', 0) : rangeOf(fileId, 'c', index)),
    }
  }

  /** Drop every piece of a file (received, cancelled or refused). */
  async forget(fileId: string): Promise<void> {
    await this.#delete({ gte: `${fileId}!`, lt: `${fileId}"` })
  }

  /** Drop pieces older than the mail age limit (a file never offered, or never fetched). */
  async sweep(): Promise<void> {
    const { store, now } = this.#init
    const ops: StoreOp[] = []
    for await (const [key, record] of store.fileMail.entries()) {
      if (now() - record.receivedAt > MAX_MAIL_AGE_MS) ops.push(store.fileMail.del(key))
    }
    await store.write(ops)
  }

  async #join(range: { gte: string; lt: string }): Promise<Uint8Array | undefined> {
    const pieces: FileMailPiece[] = []
    for await (const [, record] of this.#init.store.fileMail.entries(range)) {
      try {
        pieces.push(decodeFileMail(record.mail))
      } catch {
        continue // checked when stored; a newer layout is not ours to read
      }
    }
    return joinPieces(pieces)
  }

  async #delete(range: { gte: string; lt: string }): Promise<void> {
    const { store } = this.#init
    const ops: StoreOp[] = []
    for await (const key of store.fileMail.keys(range)) ops.push(store.fileMail.del(key))
    await store.write(ops)
  }
}

/** `<file id>!<c|l>!<chunk>!<offset>`: one key range per chunk and per file; a duplicate piece overwrites itself. */
function pieceKey(fileId: string, piece: FileMailPiece): string {
  return `${fileId}!${piece.kind === 'chunk' ? 'c' : 'l'}!${pad(piece.index, 5)}!${pad(piece.offset, 8)}`
}

function rangeOf(fileId: string, kind: 'c' | 'l', index: number): { gte: string; lt: string } {
  const prefix = `${fileId}!${kind}!${pad(index, 5)}!`
  return { gte: prefix, lt: `${prefix}~` }
}
