import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import type { Stream } from '@libp2p/interface'

/** A stream read and written as varint-length-prefixed frames of at most `maxFrameBytes`. */
export function frames(stream: Stream, maxFrameBytes: number): LengthPrefixedStream<Stream> {
  return lpStream(stream, { maxDataLength: maxFrameBytes, maxBufferSize: maxFrameBytes + 16 })
}

/** True for @libp2p/utils' errors about a length prefix over the limit. */
export function isOversizedFrame(err: unknown): boolean {
  return err instanceof Error && (err.name === 'InvalidDataLengthError' || err.name === 'InvalidDataLengthLengthError')
}
