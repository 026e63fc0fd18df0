/**
 * The sender side of '/xchat/files/1.0.0': files on offer, served to whoever
 * asks by file id (the SHA-256 of a manifest only the recipient got), one
 * requested range at a time, encrypted as they are read.
 */
import { lpStream } from '@libp2p/utils'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { Libp2p, Stream } from '@libp2p/interface'
import { APP_PROTOCOL_LIMITS } from '../net/index.js'
import { FileChunkPb, FileRequestPb, decodeBounded, limits } from '../wire/index.js'
import { CHUNK_STATUS, FILES_PROTOCOL, FILES_VERSION, REQUEST_KIND } from './constants.js'
import { chunkFrame } from './chunk-frame.js'
import { nobleFileCrypto, sealChunkParts, type FileCrypto } from './file-crypto.js'
import { chunkCount, chunkLength, type PreparedFile } from './manifest.js'
import { ringReader, type FileSource } from './source-sink.js'

export { chunkFrame } from './chunk-frame.js'

/** The part of a libp2p node a file server uses; an `XchatNode` is one. */
export type FilesNode = Pick<Libp2p, 'handle' | 'unhandle' | 'dial' | 'dialProtocol' | 'getConnections' | 'peerStore'>

/** A request the server answered (for progress on the sending side and tests). */
export interface ServedRequest {
  readonly fileId: string
  readonly peerId: string
  readonly kind: 'chunks' | 'chunkList'
  readonly fromChunk: number
  readonly count: number
}

/** Options of {@link FileServer}. */
export interface FileServerInit {
  readonly node: FilesNode
  /** Called as each request starts being answered. */
  readonly onRequest?: (request: ServedRequest) => void
  /** Native primitives where the platform has them (default: pure JS). */
  readonly crypto?: FileCrypto
}

/** Options of {@link FileServer.offer}. */
export interface OfferOptions {
  /** Only these PeerIds may fetch (default: anyone who knows the file id). */
  readonly peers?: readonly string[]
  /**
   * Asked for each requesting PeerId (with or without `peers`), once per stream: false refuses it as
   * if the file were unknown.
   */
  readonly allow?: (peerId: string) => boolean | Promise<boolean>
}

interface Offer {
  readonly file: PreparedFile
  readonly source: FileSource
  readonly peers: ReadonlySet<string> | undefined
  readonly allow: ((peerId: string) => boolean | Promise<boolean>) | undefined
}

/** Serves offered files to receivers that pull them. */
export class FileServer {
  readonly #node: FilesNode
  readonly #onRequest: ((r: ServedRequest) => void) | undefined
  readonly #offers = new Map<string, Offer>()
  readonly #streams = new Set<Stream>()
  readonly #crypto: FileCrypto

  constructor(init: FileServerInit) {
    this.#node = init.node
    this.#onRequest = init.onRequest
    this.#crypto = init.crypto ?? nobleFileCrypto
  }

  /**
   * Serve a prepared file until the returned function withdraws it.
   * @example
   * const withdraw = server.offer(await prepareFile(source, meta), source, { peers: [peerId] })
   */
  offer(file: PreparedFile, source: FileSource, options: OfferOptions = {}): () => void {
    if (source.size !== file.manifest.size) throw new RangeError(`"source" expected ${file.manifest.size} bytes, got ${source.size}`)
    const id = bytesToHex(file.id)
    const offer: Offer = {
      file,
      source,
      peers: options.peers === undefined ? undefined : new Set(options.peers),
      allow: options.allow,
    }
    this.#offers.set(id, offer)
    return () => {
      if (this.#offers.get(id) === offer) this.#offers.delete(id)
    }
  }

  async start(): Promise<void> {
    await this.#node.handle(FILES_PROTOCOL, async (stream, connection) => this.#serve(stream, connection.remotePeer.toString()), {
      ...APP_PROTOCOL_LIMITS,
      runOnLimitedConnection: true,
    })
  }

  /** Stop serving; open streams are reset, offers stay. */
  async stop(): Promise<void> {
    await this.#node.unhandle(FILES_PROTOCOL)
    for (const s of this.#streams) s.abort(new Error('file server stopped'))
    this.#streams.clear()
  }

  async #serve(stream: Stream, peerId: string): Promise<void> {
    this.#streams.add(stream)
    const lp = lpStream(stream, { maxDataLength: limits.MAX_FILE_REQUEST_BYTES })
    const refuse = async (status: number): Promise<void> => {
      await lp.write(FileChunkPb.encode({ index: 0, data: new Uint8Array(0), status }))
      await stream.close()
    }
    let reader: { offer: Offer; read: (offset: number, length: number) => Promise<Uint8Array> } | undefined
    // offers this stream's peer was allowed: asked once per stream, not per 1 MiB request (`allow`
    // may read a database: ~0.5 ms a request); a new stream (each download attempt) asks again
    const allowedHere = new WeakSet<Offer>()
    try {
      for (;;) {
        let frame: Uint8Array
        try {
          frame = (await lp.read()).subarray()
        } catch {
          break // the receiver closed its side: all asked for was sent
        }
        const req = decodeBounded('file request', frame, limits.MAX_FILE_REQUEST_BYTES, (b) => FileRequestPb.decode(b))
        if (req.version !== FILES_VERSION) return await refuse(CHUNK_STATUS.badRequest)
        const fileId = bytesToHex(req.fileId)
        const offer = this.#offers.get(fileId)
        if (offer === undefined || !(allowedHere.has(offer) || (await allowed(offer, peerId))))
          return await refuse(CHUNK_STATUS.unknownFile)
        allowedHere.add(offer)
        const { manifest, chunkList } = offer.file
        if (req.kind === REQUEST_KIND.chunkList) {
          this.#onRequest?.({ fileId, peerId, kind: 'chunkList', fromChunk: 0, count: 0 })
          await lp.write(chunkFrame(0, chunkList))
          continue
        }
        const n = chunkCount(manifest)
        if (
          req.kind !== REQUEST_KIND.chunks ||
          req.count < 1 ||
          req.count > limits.MAX_CHUNKS_PER_REQUEST ||
          req.fromChunk + req.count > n
        ) {
          return await refuse(CHUNK_STATUS.badRequest)
        }
        this.#onRequest?.({ fileId, peerId, kind: 'chunks', fromChunk: req.fromChunk, count: req.count })
        const end = req.fromChunk + req.count
        // two buffers reused for this stream's requests of this file: the chunk
        // being sealed and the one read ahead (sealing copies out of it)
        if (reader?.offer !== offer) reader = { offer, read: ringReader(offer.source, manifest.chunkSize) }
        const readChunk = reader.read
        const read = (i: number): Promise<Uint8Array> => {
          const p = readChunk(i * manifest.chunkSize, chunkLength(manifest, i))
          p.catch(() => undefined) // awaited below; a read-ahead left behind must not be an unhandled rejection
          return p
        }
        // one chunk read ahead: the disk works while the previous chunk is sent
        let next = read(req.fromChunk)
        for (let i = req.fromChunk; i < end; i++) {
          let plain: Uint8Array
          try {
            plain = await next
          } catch {
            return await refuse(CHUNK_STATUS.unreadable)
          }
          if (i + 1 < end) next = read(i + 1)
          // the sealed parts (ciphertext, tag) go out behind a few header bytes, never joined;
          // lpStream.write waits for 'drain' when stream.send() reports backpressure
          await lp.write(chunkFrame(i, ...sealChunkParts(this.#crypto, manifest.key, i, plain)))
        }
      }
      await stream.close()
    } catch (err) {
      // a bad frame or a broken stream: drop it, the receiver resumes on a new one
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    } finally {
      this.#streams.delete(stream)
    }
  }

  /** Whether a file is on offer (by id, hex). */
  has(fileId: string): boolean {
    return this.#offers.has(fileId)
  }
}

async function allowed(offer: Offer, peerId: string): Promise<boolean> {
  if (offer.peers !== undefined && !offer.peers.has(peerId)) return false
  try {
    return offer.allow === undefined || (await offer.allow(peerId))
  } catch {
    return false
  }
}
