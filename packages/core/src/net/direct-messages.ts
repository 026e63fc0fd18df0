import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { AbortOptions, Libp2p, Stream } from '@libp2p/interface'
import { limits } from '../wire/index.js'
import { APP_PROTOCOL_LIMITS, MSG_PROTOCOL } from './constants.js'
import { FrameWriter } from './frame-writer.js'

/** The part of a libp2p node direct messaging uses; an `XchatNode` is one. */
export type DirectMessagesNode = Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol' | 'peerStore'>

/** A device to reach: its PeerId and, if known, its addresses (direct and relay circuits). */
export interface DirectTarget {
  readonly peerId: string
  readonly addrs: readonly string[]
}

/** Options of {@link DirectMessages}. */
export interface DirectMessagesInit {
  readonly node: DirectMessagesNode
  /** Largest request frame read; default `MAX_MESSAGING_ENVELOPE_BYTES`. */
  readonly maxRequestBytes?: number
  /** Largest answer frame read; default `MAX_DELIVERY_ACK_BYTES`. */
  readonly maxAnswerBytes?: number
}

/**
 * Requests one stream may carry before their answers: the receiver works on
 * them in order and makes them durable together (one disk sync for many), so
 * a burst does not pay one round trip and one sync per message. Frames are
 * read off the stream as they arrive, so its read buffer never holds a window.
 * 128 and not 32: a window must cover the round trip of two synced batches
 * (sender, receiver) for a burst to keep both busy (loopback, two processes:
 * ~1,270 msg/s against ~940).
 */
export const DIRECT_WINDOW = 128

interface Waiter {
  readonly resolve: (answer: Uint8Array) => void
  readonly reject: (err: Error) => void
}

interface Outgoing {
  readonly stream: Stream
  readonly lp: LengthPrefixedStream<Stream>
  /** Requests of a burst share stream writes (several frames per yamux/Noise frame). */
  readonly writer: FrameWriter
  /** Requests written and not yet answered, oldest first: answers come in request order. */
  readonly waiting: Waiter[]
}

/**
 * Request/answer frames between devices over '/xchat/msg/1.0.0': varint
 * length-prefixed, each request answered once, in request order, also over
 * relayed (limited) connections. One outgoing stream per peer carries
 * pipelined requests. Frames are opaque here: messaging gives them meaning.
 */
export class DirectMessages {
  readonly #node: DirectMessagesNode
  readonly #maxRequest: number
  readonly #maxAnswer: number
  readonly #outgoing = new Map<string, Promise<Outgoing>>()
  readonly #incoming = new Set<Stream>()

  constructor(init: DirectMessagesInit) {
    this.#node = init.node
    this.#maxRequest = init.maxRequestBytes ?? limits.MAX_MESSAGING_ENVELOPE_BYTES
    this.#maxAnswer = init.maxAnswerBytes ?? limits.MAX_DELIVERY_ACK_BYTES
  }

  /**
   * Send one frame to a device and resolve with its answer frame. Requests to
   * one device are written in call order on one stream and answered in that order.
   * @throws when the device cannot be dialled or the stream fails; an aborted
   *   `options.signal` resets the stream (the requests behind it fail too)
   */
  async request(target: DirectTarget, frame: Uint8Array, options: AbortOptions = {}): Promise<Uint8Array> {
    options.signal?.throwIfAborted()
    const out = await this.#streamTo(target, options)
    const answer = new Promise<Uint8Array>((resolve, reject) => out.waiting.push({ resolve, reject }))
    // the stream may fail while the frame is still being written: the write's error is the one thrown, and
    // this answer's rejection must not surface as unhandled
    answer.catch(() => undefined)
    const onAbort = (): void => fail(out, options.signal?.reason instanceof Error ? options.signal.reason : new Error('request aborted'))
    options.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      // queued in call order (a burst goes out in few stream writes; a stream queues what it cannot send yet)
      await out.writer.write(frame)
      return await answer
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** The open stream to a peer, or a new one; one at a time is opened per peer. */
  async #streamTo(target: DirectTarget, options: AbortOptions): Promise<Outgoing> {
    const existing = this.#outgoing.get(target.peerId)
    if (existing !== undefined) return existing
    const opening = this.#open(target, options)
    this.#outgoing.set(target.peerId, opening)
    opening.catch(() => {
      if (this.#outgoing.get(target.peerId) === opening) this.#outgoing.delete(target.peerId)
    })
    return opening
  }

  async #open(target: DirectTarget, options: AbortOptions): Promise<Outgoing> {
    const peerId = peerIdFromString(target.peerId)
    if (target.addrs.length > 0) {
      await this.#node.peerStore.merge(peerId, { multiaddrs: target.addrs.map((a) => multiaddr(a)) }, options)
    }
    const stream = await this.#node.dialProtocol(peerId, MSG_PROTOCOL, { ...options, runOnLimitedConnection: true })
    const lp = lpStream(stream, { maxDataLength: this.#maxAnswer })
    const out: Outgoing = { stream, lp, writer: new FrameWriter(lp), waiting: [] }
    const forget = (): void => {
      const current = this.#outgoing.get(target.peerId)
      void current?.then((o) => {
        if (o === out) this.#outgoing.delete(target.peerId)
      })
    }
    stream.addEventListener('close', () => {
      forget()
      fail(out, new Error('direct stream closed'))
    })
    void this.#readAnswers(out).catch((err: unknown) => {
      forget()
      fail(out, err instanceof Error ? err : new Error(String(err)))
    })
    return out
  }

  async #readAnswers(out: Outgoing): Promise<void> {
    for (;;) {
      const answer = (await out.lp.read()).subarray()
      const waiter = out.waiting.shift()
      if (waiter === undefined) throw new Error('an answer to no request')
      waiter.resolve(answer)
    }
  }

  /**
   * Answer frames from other devices. `answer` gets each frame and the remote
   * PeerId (authenticated by Noise); answers are written in frame order, each
   * only after its `answer` resolved. Up to {@link DIRECT_WINDOW} frames of a
   * stream are worked on at once. If `answer` throws, the stream is reset and
   * that frame and those behind it are not answered.
   */
  async handle(answer: (frame: Uint8Array, fromPeerId: string) => Promise<Uint8Array>): Promise<void> {
    await this.#node.handle(
      MSG_PROTOCOL,
      async (stream, connection) => {
        this.#incoming.add(stream)
        const lp = lpStream(stream, { maxDataLength: this.#maxRequest })
        // acks of frames stored together leave together (one stream write)
        const writer = new FrameWriter(lp)
        const from = connection.remotePeer.toString()
        const inFlight: Promise<void>[] = []
        /** Answers handed to the writer, in frame order. */
        let ordered: Promise<void> = Promise.resolve()
        let written: Promise<void> = Promise.resolve()
        try {
          for (;;) {
            const frame = (await lp.read()).subarray()
            const answered = answer(frame, from)
            // acks leave in frame order, each once its frame is stored; a failed answer resets the stream
            // (the write is wrapped: the order does not wait for the previous ack's stream write)
            const handed = ordered.then(async () => ({ write: writer.write(await answered) }))
            ordered = handed.then(() => undefined)
            ordered.catch(() => undefined)
            written = handed.then(async (h) => h.write)
            written.catch((err: unknown) => {
              if (stream.status === 'open') stream.abort(err instanceof Error ? err : new Error(String(err)))
            })
            inFlight.push(written)
            if (inFlight.length >= DIRECT_WINDOW) await inFlight.shift()
          }
        } catch (err) {
          // the sender closed its side (end of frames), a frame was bad, or an answer failed: nothing more is acked
          await written.catch(() => undefined)
          if (stream.status === 'open') stream.abort(err instanceof Error ? err : new Error(String(err)))
        } finally {
          this.#incoming.delete(stream)
        }
      },
      { ...APP_PROTOCOL_LIMITS, runOnLimitedConnection: true },
    )
  }

  /** Stop answering and drop every stream. */
  async unhandle(): Promise<void> {
    await this.#node.unhandle(MSG_PROTOCOL)
    const outgoing = await Promise.allSettled([...this.#outgoing.values()])
    this.#outgoing.clear()
    for (const o of outgoing) if (o.status === 'fulfilled') fail(o.value, new Error('direct messaging stopped'))
    for (const s of this.#incoming) s.abort(new Error('direct messaging stopped'))
    this.#incoming.clear()
  }
}

/** Reset a stream and fail every request waiting on it. */
function fail(out: Outgoing, err: Error): void {
  for (const w of out.waiting.splice(0)) w.reject(err)
  if (out.stream.status === 'open') out.stream.abort(err)
}
