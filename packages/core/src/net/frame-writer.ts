import type { AbortOptions } from '@libp2p/interface'
import { nextTurn } from './next-turn.js'

/** The write side of a length-prefixed stream (`lpStream` of @libp2p/utils). */
export interface FrameSink {
  write(frame: Uint8Array, options?: AbortOptions): Promise<void>
  /** Several frames, each with its length prefix, in one stream write. */
  writeV(frames: Uint8Array[], options?: AbortOptions): Promise<void>
}

/**
 * Frames bigger than this are never held back to share a write (they fill a
 * yamux/Noise frame by themselves); a batch is written once it holds this much.
 */
export const MAX_COALESCED_BYTES = 64 * 1024

/**
 * Writes length-prefixed frames to one stream in call order, several frames
 * per stream write when a burst is queued: the first frame of an event-loop
 * turn leaves at once (a lone message waits for nothing), frames written
 * after it in the same turn go together in the next turn, as one stream write
 * — one yamux frame, one Noise message, one socket write instead of one each.
 * The bytes on the wire are the same length-prefixed frames either way.
 */
export class FrameWriter {
  readonly #sink: FrameSink
  /** Frames waiting for the next turn, and the writers waiting on them. */
  #queue: Uint8Array[] = []
  #queuedBytes = 0
  #waiters: { resolve: () => void; reject: (err: unknown) => void }[] = []
  /** A write went out this turn: later frames wait for the next turn. */
  #armed = false

  constructor(sink: FrameSink) {
    this.#sink = sink
  }

  /** Write one frame after every frame written before it; resolves once its stream write is done. */
  async write(frame: Uint8Array): Promise<void> {
    if (!this.#armed && this.#queue.length === 0) {
      this.#arm()
      return this.#sink.write(frame)
    }
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }))
    this.#queue.push(frame)
    this.#queuedBytes += frame.length
    if (this.#queuedBytes >= MAX_COALESCED_BYTES) this.#writeQueued()
    return done
  }

  #arm(): void {
    this.#armed = true
    nextTurn(() => {
      if (this.#queue.length === 0) {
        this.#armed = false
        return
      }
      this.#writeQueued()
      this.#arm() // frames of this turn wait for the next one too
    })
  }

  #writeQueued(): void {
    const frames = this.#queue
    const waiters = this.#waiters
    this.#queue = []
    this.#queuedBytes = 0
    this.#waiters = []
    this.#sink.writeV(frames).then(
      () => {
        for (const w of waiters) w.resolve()
      },
      (err: unknown) => {
        for (const w of waiters) w.reject(err)
      },
    )
  }
}
