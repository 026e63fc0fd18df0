/**
 * The receiver side of '/xchat/files/1.0.0': pull the chunk list, then chunk
 * ranges (two requests in flight), verify each chunk against the list before
 * it is written, and the whole file at the end. A broken stream or connection
 * is retried from the first missing chunk; a failed `run()` can be called again
 * to resume, also after a restart (`fromChunk` with a sink that can `read`).
 */
import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { PeerId, Stream } from '@libp2p/interface'
import { XchatError, isXchatError } from '../errors.js'
import { FileRequestPb, limits } from '../wire/index.js'
import {
  CHUNK_STATUS,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_RETRIES,
  FILES_PROTOCOL,
  FILES_VERSION,
  HASH_LENGTH,
  MAX_CHUNK_ATTEMPTS,
  REQUEST_BYTES,
  REQUEST_KIND,
  REQUESTS_IN_FLIGHT,
} from './constants.js'
import { parseChunkFrame, type ChunkFrame } from './chunk-frame.js'
import { concat, nobleFileCrypto, openChunkParts, type FileCrypto, type Sha256Stream } from './file-crypto.js'
import { chunkCount, chunkLength, type EncodedManifest } from './manifest.js'
import type { FilesNode } from './server.js'
import type { FileSink } from './source-sink.js'
import { widenReceiveWindow } from './stream-window.js'

/** The sending device: its PeerId and, if known, addresses. */
export interface FilePeer {
  readonly peerId: string
  readonly addrs?: readonly string[]
}

/** Options of {@link FileDownload}. */
export interface FileDownloadInit {
  readonly node: FilesNode
  readonly from: FilePeer
  /** The manifest as received (parseManifest). */
  readonly manifest: EncodedManifest
  readonly sink: FileSink
  /** Called after each verified chunk is written. */
  readonly onProgress?: (bytes: number, total: number) => void
  /** Refuse files larger than this (default 4 GiB). */
  readonly maxFileBytes?: number
  /** Attempts in a row without progress before `run()` fails (default 5). */
  readonly retries?: number
  /** Chunks the sink already holds, verified (resume after a restart); needs `sink.read`. */
  readonly fromChunk?: number
  /** Native primitives where the platform has them (default: pure JS). */
  readonly crypto?: FileCrypto
  /**
   * Encrypted chunks this device already holds from elsewhere (its mailboxes):
   * used, verified like network chunks, before each network attempt.
   */
  readonly local?: LocalChunks
}

/** A local source of encrypted chunks (and the chunk list), e.g. file mail from this device's mailboxes. */
export interface LocalChunks {
  chunkList(): Promise<Uint8Array | undefined>
  /** Encrypted chunk `index` (ciphertext and tag), if held. */
  chunk(index: number): Promise<Uint8Array | undefined>
  /** A held chunk (or the chunk list) failed verification: forget it; it is fetched from the sender instead. */
  reject(index: number | 'chunk-list'): Promise<void>
}

/** One file being received. */
export class FileDownload {
  readonly #init: FileDownloadInit
  readonly #n: number
  #chunkList: Uint8Array | undefined
  /** First chunk not yet written. */
  #next: number
  /** Whole-file hash of chunks 0 .. #next - 1, or undefined until rebuilt from the sink. */
  #hash: Sha256Stream | undefined
  readonly #crypto: FileCrypto
  readonly #attempts = new Map<number, number>()
  #state: 'idle' | 'running' | 'done' | 'cancelled' = 'idle'

  /** @throws XchatError TOO_LARGE when the file is over `maxFileBytes` */
  constructor(init: FileDownloadInit) {
    const { manifest } = init.manifest
    const max = init.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    if (manifest.size > max) throw new XchatError('TOO_LARGE', `the file is ${manifest.size} bytes, the limit is ${max}`)
    this.#init = init
    this.#n = chunkCount(manifest)
    this.#next = init.fromChunk ?? 0
    if (!Number.isSafeInteger(this.#next) || this.#next < 0 || this.#next > this.#n) {
      throw new RangeError(`"fromChunk" expected integer in range 0..${this.#n}, got ${init.fromChunk}`)
    }
    if (this.#next > 0 && init.sink.read === undefined) throw new TypeError('"sink" must implement read() to resume from a chunk')
    this.#crypto = init.crypto ?? nobleFileCrypto
    this.#hash = this.#next === 0 ? this.#crypto.createSha256() : undefined
  }

  /** Plaintext bytes received and verified so far. */
  get received(): number {
    return Math.min(this.#next * this.#init.manifest.manifest.chunkSize, this.#init.manifest.manifest.size)
  }

  /** The first chunk still missing: where a resume starts. */
  get nextChunk(): number {
    return this.#next
  }

  /**
   * Receive the rest of the file; resolves once it is verified and the sink finished.
   * A failure other than a cancel or a corrupt file leaves the sink open: call
   * `run()` again to resume from the first missing chunk.
   * @throws XchatError TRANSFER_CANCELLED (signal aborted; the sink was aborted) |
   *   FILE_CORRUPT (the whole-file hash does not match; the sink was aborted) |
   *   FILE_UNAVAILABLE (the sender does not offer it) | CHUNK_INVALID (a chunk kept failing) |
   *   the last network error after `retries` attempts without progress
   */
  async run(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.#state === 'running') throw new Error('this download is already running')
    if (this.#state === 'done') return
    if (this.#state === 'cancelled') throw new XchatError('TRANSFER_CANCELLED', 'the transfer was cancelled')
    this.#state = 'running'
    try {
      await this.#rebuildHash()
      let failures = 0
      for (;;) {
        if (isAborted(options.signal)) throw cancelled()
        await this.#feedLocal()
        const before = this.#next
        try {
          if (this.#next < this.#n || this.#chunkList === undefined) await this.#attempt(options.signal)
          break
        } catch (err) {
          if (isAborted(options.signal)) throw cancelled()
          if (isXchatError(err, 'FILE_UNAVAILABLE') || isXchatError(err, 'TOO_LARGE')) throw err
          if (isXchatError(err, 'CHUNK_INVALID') && (this.#attempts.get(this.#next) ?? 0) >= MAX_CHUNK_ATTEMPTS) throw err
          failures = this.#next > before ? 1 : failures + 1
          if (failures > (this.#init.retries ?? DEFAULT_RETRIES)) throw err
        }
      }
      await this.#verifyWhole()
      this.#state = 'done'
    } catch (err) {
      if (isXchatError(err, 'TRANSFER_CANCELLED') || isXchatError(err, 'FILE_CORRUPT')) {
        this.#state = 'cancelled'
        await this.#init.sink.abort()
      } else {
        this.#state = 'idle'
      }
      throw err
    }
  }

  async #rebuildHash(): Promise<void> {
    if (this.#hash !== undefined) return
    const { sink, manifest } = this.#init
    const hash = this.#crypto.createSha256()
    await sink.truncate?.(this.received)
    for (let i = 0; i < this.#next; i++)
      hash.update(await (sink.read as NonNullable<FileSink['read']>)(i * manifest.manifest.chunkSize, chunkLength(manifest.manifest, i)))
    this.#hash = hash
  }

  /** One stream: fetch the chunk list if needed, then chunks until the end or an error. */
  async #attempt(signal: AbortSignal | undefined): Promise<void> {
    const { node, from } = this.#init
    const peerId = peerIdFromString(from.peerId)
    if (from.addrs !== undefined && from.addrs.length > 0) {
      await node.peerStore.merge(peerId, { multiaddrs: from.addrs.map((a) => multiaddr(a)) })
    }
    const stream = await this.#openStream(peerId, signal)
    widenReceiveWindow(stream)
    const onAbort = (): void => stream.abort(cancelled())
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      // what the requests in flight can bring, at most, plus one frame of slack
      const lp = lpStream(stream, { maxDataLength: limits.MAX_FILE_CHUNK_FRAME_BYTES, maxBufferSize: READ_BUFFER_BYTES })
      if (this.#chunkList === undefined) this.#chunkList = await this.#fetchChunkList(lp, signal)
      await this.#fetchChunks(lp, this.#chunkList, signal)
      await stream.close()
    } catch (err) {
      if (stream.status === 'open') stream.abort(err instanceof Error ? err : new Error(String(err)))
      throw err
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /**
   * A stream to the sender, over a direct connection when one can be had:
   * libp2p reuses any open connection, and one through a relay circuit is
   * slow and may be cut by the relay's limits.
   */
  async #openStream(peerId: PeerId, signal: AbortSignal | undefined): Promise<Stream> {
    const { node, from } = this.#init
    const options = { runOnLimitedConnection: true, ...(signal === undefined ? {} : { signal }) }
    const open = node.getConnections(peerId)
    const direct = (from.addrs ?? []).filter((a) => !a.includes('/p2p-circuit'))
    if (open.length > 0 && open.every((c) => c.limits !== undefined) && direct.length > 0) {
      try {
        const conn = await node.dial(
          direct.map((a) => multiaddr(a)),
          { force: true, ...(signal === undefined ? {} : { signal }) },
        )
        if (conn.limits === undefined) return await conn.newStream(FILES_PROTOCOL, options)
      } catch {
        // no direct route: the relayed connection it is
      }
    }
    return node.dialProtocol(peerId, FILES_PROTOCOL, options)
  }

  async #fetchChunkList(lp: LengthPrefixedStream<Stream>, signal: AbortSignal | undefined): Promise<Uint8Array> {
    const { manifest, id } = this.#init.manifest
    await lp.write(
      FileRequestPb.encode({ version: FILES_VERSION, fileId: Uint8Array.from(id), fromChunk: 0, count: 0, kind: REQUEST_KIND.chunkList }),
    )
    const frame = await readFrame(lp, signal)
    const list = frame.data.subarray()
    if (list.length !== this.#n * HASH_LENGTH || !equal(this.#crypto.sha256(list), manifest.chunksRoot)) {
      throw new XchatError('CHUNK_INVALID', 'the chunk list does not match the manifest')
    }
    return Uint8Array.from(list)
  }

  async #fetchChunks(lp: LengthPrefixedStream<Stream>, chunkList: Uint8Array, signal: AbortSignal | undefined): Promise<void> {
    const { manifest, id } = this.#init.manifest
    const perRequest = Math.max(1, Math.min(limits.MAX_CHUNKS_PER_REQUEST, Math.floor(REQUEST_BYTES / manifest.chunkSize)))
    const pending: number[] = [] // end (exclusive) of each outstanding request
    let asked = this.#next
    while (this.#next < this.#n) {
      while (pending.length < REQUESTS_IN_FLIGHT && asked < this.#n) {
        const count = Math.min(perRequest, this.#n - asked)
        await lp.write(
          FileRequestPb.encode({ version: FILES_VERSION, fileId: Uint8Array.from(id), fromChunk: asked, count, kind: REQUEST_KIND.chunks }),
        )
        asked += count
        pending.push(asked)
      }
      const frame = await readFrame(lp, signal)
      // frames already buffered would otherwise still be verified and written after a cancel
      if (isAborted(signal)) throw cancelled()
      const i = this.#next
      // the sealed chunk stays in the buffers it arrived in: hashed and opened part by part
      const sealed = [...frame.data]
      const plain =
        frame.index === i && equal(this.#chunkHash(sealed), chunkList.subarray(i * HASH_LENGTH, (i + 1) * HASH_LENGTH))
          ? openChunkParts(this.#crypto, manifest.key, i, sealed)
          : undefined
      if (plain === undefined || byteLength(plain) !== chunkLength(manifest, i)) {
        this.#attempts.set(i, (this.#attempts.get(i) ?? 0) + 1)
        throw new XchatError('CHUNK_INVALID', `chunk ${i} failed verification`, { details: { index: i } })
      }
      const { sink } = this.#init
      const offset = i * manifest.chunkSize
      await (sink.writeParts !== undefined ? sink.writeParts(offset, plain) : sink.write(offset, concat(plain)))
      for (const part of plain) this.#hash?.update(part)
      this.#next = i + 1
      if (pending[0] === this.#next) pending.shift()
      this.#init.onProgress?.(this.received, manifest.size)
    }
  }

  /** Take the chunks the local source holds from the first missing one on, each verified before it is written. */
  async #feedLocal(): Promise<void> {
    const local = this.#init.local
    if (local === undefined) return
    const { manifest } = this.#init.manifest
    if (this.#chunkList === undefined) {
      // an empty file's chunk list is empty: nothing to fetch from anyone
      const list = this.#n === 0 ? new Uint8Array(0) : await local.chunkList()
      if (list === undefined) return
      if (list.length !== this.#n * HASH_LENGTH || !equal(this.#crypto.sha256(list), manifest.chunksRoot)) return local.reject('chunk-list')
      this.#chunkList = list
    }
    const chunkList = this.#chunkList
    while (this.#next < this.#n) {
      const i = this.#next
      const data = await local.chunk(i)
      if (data === undefined) return
      const plain = equal(this.#crypto.sha256(data), chunkList.subarray(i * HASH_LENGTH, (i + 1) * HASH_LENGTH))
        ? this.#crypto.decryptChunk(manifest.key, i, data)
        : undefined
      if (plain?.length !== chunkLength(manifest, i)) return local.reject(i)
      await this.#init.sink.write(i * manifest.chunkSize, plain)
      this.#hash?.update(plain)
      this.#next = i + 1
      this.#init.onProgress?.(this.received, manifest.size)
    }
  }

  #chunkHash(parts: readonly Uint8Array[]): Uint8Array {
    if (parts.length === 1) return this.#crypto.sha256(parts[0] as Uint8Array)
    const h = this.#crypto.createSha256()
    for (const p of parts) h.update(p)
    return h.digest()
  }

  async #verifyWhole(): Promise<void> {
    const digest = this.#hash?.digest()
    if (digest === undefined || !equal(digest, this.#init.manifest.manifest.sha256)) {
      throw new XchatError('FILE_CORRUPT', 'the received file does not match its manifest hash')
    }
    await this.#init.sink.finish()
  }
}

/**
 * Unread bytes a files stream may hold: the requests in flight can bring
 * REQUESTS_IN_FLIGHT × REQUEST_BYTES of chunk data, plus framing and one
 * frame of slack (a peer sending more than asked for is cut off).
 */
const READ_BUFFER_BYTES = REQUESTS_IN_FLIGHT * REQUEST_BYTES + limits.MAX_FILE_CHUNK_FRAME_BYTES

async function readFrame(lp: LengthPrefixedStream<Stream>, signal: AbortSignal | undefined): Promise<ChunkFrame> {
  // lpStream enforces MAX_FILE_CHUNK_FRAME_BYTES before the frame is read
  const frame = parseChunkFrame(await lp.read(signal === undefined ? {} : { signal }))
  if (frame.status === CHUNK_STATUS.unknownFile) throw new XchatError('FILE_UNAVAILABLE', 'the sender does not offer this file')
  if (frame.status !== CHUNK_STATUS.ok) throw new XchatError('FILE_UNAVAILABLE', `the sender refused the request (status ${frame.status})`)
  return frame
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

function cancelled(): XchatError {
  return new XchatError('TRANSFER_CANCELLED', 'the transfer was cancelled')
}

function byteLength(parts: readonly Uint8Array[]): number {
  return parts.reduce((n, p) => n + p.length, 0)
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let d = 0
  for (let i = 0; i < a.length; i++) d |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return d === 0
}
