import { mkdir, readdir, readFile, rm, stat, writeFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js'
import {
  chunkCount,
  isXchatError,
  parseManifest,
  peerIdOfDevice,
  type GroupMessageRecord,
  type MessageView,
  type XchatClient,
} from '@xchat/core'
import { diskSink } from './disk-sink.js'
import { sanitiseName } from './names.js'

/** Folder inside the downloads folder holding transfers in progress (parts and their offers). */
export const PARTIAL_DIR = '.xchat-partial'

/** A failed (not cancelled) download is tried again after this long, or when the sender connects. */
const RETRY_MS = 15_000

/** Progress events at most this often per file (the first and the last are always printed). */
const PROGRESS_EVERY_MS = 500

/** What is remembered of a saved file, so it can be deleted when its message expires. */
interface SavedRecord {
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
}

/** What {@link Downloads} needs. */
export interface DownloadsInit {
  readonly client: XchatClient
  /** Where finished files go (created if missing). */
  readonly dir: string
  /** One JSON event: `file`, `file-progress`, `file-failed`. */
  readonly emit: (event: Record<string, unknown>) => void
  readonly maxFileBytes?: number
}

/** A received file message: of a 1:1 conversation, or of a group (fetched from the member device that offers it). */
export type DownloadMessage = MessageView | GroupMessageRecord

function isGroupMessage(m: DownloadMessage): m is GroupMessageRecord {
  return 'group' in m && typeof m.group === 'string'
}

/** The account that sent a file message. */
function senderOf(m: DownloadMessage): string {
  return isGroupMessage(m) ? m.sender : m.conversation
}

interface Running {
  readonly message: DownloadMessage
  retry?: ReturnType<typeof setTimeout>
  running: boolean
  /** File mail arrived while it ran: a failure is retried at once, not after RETRY_MS. */
  mailed?: boolean
}

/**
 * `xchat listen`'s automatic downloads: each received file offer is fetched
 * into `<dir>/.xchat-partial/<file id>.part` (its offer beside it, so a
 * restart resumes), verified, then saved under its sanitised name.
 */
export class Downloads {
  readonly #init: DownloadsInit
  readonly #partial: string
  readonly #active = new Map<string, Running>()
  #stopped = false

  constructor(init: DownloadsInit) {
    this.#init = init
    this.#partial = join(init.dir, PARTIAL_DIR)
  }

  /** Create the folders and resume the transfers a previous run left. */
  async start(): Promise<void> {
    await mkdir(this.#partial, { recursive: true, mode: 0o700 })
    this.#init.client.events.addEventListener('file:cancelled', this.#onCancelled)
    this.#init.client.events.addEventListener('file:mail', this.#onMail)
    for (const entry of await readdir(this.#partial)) {
      if (!entry.endsWith('.json')) continue
      try {
        const message = JSON.parse(await readFile(join(this.#partial, entry), 'utf8')) as DownloadMessage
        this.#run(message)
      } catch {
        // an unreadable leftover: not ours to guess about
      }
    }
  }

  /** Stop retrying; running downloads fail with the node and resume on the next start. */
  stop(): void {
    this.#stopped = true
    this.#init.client.events.removeEventListener('file:cancelled', this.#onCancelled)
    this.#init.client.events.removeEventListener('file:mail', this.#onMail)
    for (const r of this.#active.values()) clearTimeout(r.retry)
  }

  /** A peer's device connected: retry its waiting downloads now. */
  peerConnected(peerId: string): void {
    for (const r of this.#active.values()) {
      if (r.running || r.retry === undefined) continue
      if (peerIdOfMessage(r.message) !== peerId) continue
      clearTimeout(r.retry)
      r.retry = undefined
      void this.#attempt(r)
    }
  }

  /** A received message: download it when it is a file offer from a peer. */
  async accept(message: DownloadMessage): Promise<void> {
    if (message.file === undefined || message.direction !== 'in' || this.#stopped) return
    const fileId = fileIdOf(message)
    await mkdir(this.#partial, { recursive: true, mode: 0o700 })
    const json = join(this.#partial, `${fileId}.json`)
    const tmp = `${json}.tmp`
    await writeFile(tmp, JSON.stringify(message), { mode: 0o600 })
    await rename(tmp, json)
    this.#run(message)
  }

  #run(message: DownloadMessage): void {
    const fileId = fileIdOf(message)
    if (this.#active.has(fileId)) return
    const r: Running = { message, running: false }
    this.#active.set(fileId, r)
    void this.#attempt(r)
  }

  async #attempt(r: Running): Promise<void> {
    const { client, dir, emit } = this.#init
    const { message } = r
    const encoded = parseManifest(hexToBytes(message.file?.manifest ?? ''))
    const { manifest } = encoded
    const fileId = bytesToHex(encoded.id)
    const part = join(this.#partial, `${fileId}.part`)
    const have = await stat(part).then(
      (s) => s.size,
      () => 0,
    )
    const fromChunk = Math.min(chunkCount(manifest), Math.floor(have / manifest.chunkSize))
    const sink = diskSink(part, dir, sanitiseName(manifest.name))
    const base = {
      fileId,
      from: senderOf(message),
      ...(isGroupMessage(message) ? { group: message.group } : {}),
      name: manifest.name,
      size: manifest.size,
    }
    let last = 0
    let lastTenth = -1
    r.running = true
    r.mailed = false
    try {
      const receive = isGroupMessage(message) ? client.receiveGroupFile.bind(client, message) : client.receiveFile.bind(client, message)
      await receive(sink, {
        ...(fromChunk > 0 ? { fromChunk } : {}),
        ...(this.#init.maxFileBytes === undefined ? {} : { maxFileBytes: this.#init.maxFileBytes }),
        onProgress: (received, total) => {
          // every tenth of the file, and at most every PROGRESS_EVERY_MS in between
          const now = Date.now()
          const tenth = Math.floor((received * 10) / Math.max(1, total))
          if (received < total && tenth === lastTenth && now - last < PROGRESS_EVERY_MS) return
          last = now
          lastTenth = tenth
          emit({ type: 'file-progress', ...base, received })
        },
      })
      await this.#forget(fileId)
      // a disappearing file's saved copy is deleted with its message: remember which file we wrote
      const timed = message.expireAfterMs !== undefined || message.viewOnce === true
      if (timed && sink.savedPath !== undefined) await this.#remember(fileId, sink.savedPath)
      emit({ type: 'file', ...base, path: sink.savedPath, sha256: bytesToHex(manifest.sha256) })
    } catch (err) {
      r.running = false
      // a full disk is the user's to fix: said as such, the part kept, retried later
      const code = isXchatError(err) ? err.code : diskCode(err)
      // an unreachable sender may come back (a restarted `listen` serves its stored offers): wait and retry
      const unreachable = isXchatError(err) && err.details['reason'] === 'unreachable'
      const final =
        !unreachable && ['TRANSFER_CANCELLED', 'FILE_CORRUPT', 'FILE_UNAVAILABLE', 'TOO_LARGE', 'CHUNK_INVALID', 'MALFORMED'].includes(code)
      if (final || this.#stopped) {
        if (final) {
          await sink.abort().catch(() => undefined)
          await this.#forget(fileId)
        }
        if (!this.#stopped || final) emit({ type: 'file-failed', ...base, reason: code })
        return
      }
      emit({ type: 'file-waiting', ...base, received: fromChunk * manifest.chunkSize, reason: code })
      r.retry = setTimeout(
        () => {
          r.retry = undefined
          void this.#attempt(r)
        },
        mailedDuring(r) ? 0 : RETRY_MS,
      )
    }
  }

  /**
   * A disappearing file message expired: stop its download and delete the
   * saved file — only if it is still the file this listener wrote (same size
   * and modification time), never one the user put there since.
   * @returns the file id, and the deleted path if one was
   */
  async expired(message: Pick<DownloadMessage, 'file'>): Promise<{ fileId: string; path?: string }> {
    const fileId = fileIdOf(message)
    await this.#forget(fileId)
    const record = join(this.#partial, `${fileId}.saved`)
    let saved: SavedRecord
    try {
      saved = JSON.parse(await readFile(record, 'utf8')) as SavedRecord
    } catch {
      return { fileId }
    }
    const now = await stat(saved.path).catch(() => undefined)
    const ours = now !== undefined && now.size === saved.size && now.mtimeMs === saved.mtimeMs
    if (ours) await rm(saved.path, { force: true })
    await rm(record, { force: true })
    return ours ? { fileId, path: saved.path } : { fileId }
  }

  async #remember(fileId: string, path: string): Promise<void> {
    const s = await stat(path)
    const record: SavedRecord = { path, size: s.size, mtimeMs: s.mtimeMs }
    const file = join(this.#partial, `${fileId}.saved`)
    await writeFile(`${file}.tmp`, JSON.stringify(record), { mode: 0o600 })
    await rename(`${file}.tmp`, file)
  }

  async #forget(fileId: string): Promise<void> {
    const r = this.#active.get(fileId)
    clearTimeout(r?.retry)
    this.#active.delete(fileId)
    await rm(join(this.#partial, `${fileId}.json`), { force: true })
    await rm(join(this.#partial, `${fileId}.part`), { force: true })
  }

  /** Pieces of a file came through the mailboxes: a download waiting for its sender goes on from them now. */
  readonly #onMail = (evt: CustomEvent<{ fileId: string }>): void => {
    const r = this.#active.get(evt.detail.fileId)
    if (r?.running === true) r.mailed = true
    if (r === undefined || r.running || r.retry === undefined) return
    clearTimeout(r.retry)
    r.retry = undefined
    void this.#attempt(r)
  }

  /** The sender cancelled a download that waits for a retry (a running one fails by itself). */
  readonly #onCancelled = (evt: CustomEvent<{ fileId: string; conversation: string }>): void => {
    const r = this.#active.get(evt.detail.fileId)
    if (r === undefined || r.running || isGroupMessage(r.message) || r.message.conversation !== evt.detail.conversation) return
    const { manifest } = parseManifest(hexToBytes(r.message.file?.manifest ?? ''))
    void this.#forget(evt.detail.fileId).then(() =>
      this.#init.emit({
        type: 'file-failed',
        fileId: evt.detail.fileId,
        from: senderOf(r.message),
        name: manifest.name,
        size: manifest.size,
        reason: 'TRANSFER_CANCELLED',
      }),
    )
  }
}

/** Whether file mail arrived while the attempt ran (read through a call: the attempt reset it, and TS would narrow it). */
function mailedDuring(r: Running): boolean {
  return r.mailed === true
}

function fileIdOf(message: Pick<DownloadMessage, 'file'>): string {
  return bytesToHex(parseManifest(hexToBytes(message.file?.manifest ?? '')).id)
}

function peerIdOfMessage(message: DownloadMessage): string {
  return peerIdOfDevice(hexToBytes(message.senderDevice)).toString()
}

/** A file-system error as a reason for the JSON lines (never a path or user data). */
function diskCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'NOT_WRITABLE'
  return 'UNREACHABLE'
}
