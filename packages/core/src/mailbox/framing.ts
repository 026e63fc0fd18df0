import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import type { Stream } from '@libp2p/interface'
import { MailboxRequestPb, MailboxResponsePb, decodeBounded, limits } from '../wire/index.js'

/**
 * A stream read and written as varint-length-prefixed frames. A length prefix
 * over `maxFrameBytes` is refused as soon as it is read, before any buffer for
 * the frame exists; unread bytes beyond one frame and its prefix abort the stream.
 */
export function frames(stream: Stream, maxFrameBytes: number): LengthPrefixedStream<Stream> {
  return lpStream(stream, { maxDataLength: maxFrameBytes, maxBufferSize: maxFrameBytes + 16 })
}

/** True for @libp2p/utils' errors about a length prefix over the limit. */
export function isOversizedFrame(err: unknown): boolean {
  return err instanceof Error && (err.name === 'InvalidDataLengthError' || err.name === 'InvalidDataLengthLengthError')
}

/**
 * Decode a request frame with its size and list bounds.
 * @throws XchatError TOO_LARGE | MALFORMED
 */
export function decodeRequest(bytes: Uint8Array): MailboxRequestPb {
  return decodeBounded('mailbox request', bytes, limits.MAX_MAILBOX_REQUEST_BYTES, (b) =>
    MailboxRequestPb.decode(b, {
      limits: {
        fetch: { mailboxIds: limits.MAX_FETCH_MAILBOX_IDS },
        ack: { ids: limits.MAX_ACK_IDS },
        uploadPrekeys: { prekeys: limits.MAX_PREKEYS_PER_UPLOAD },
      },
    }),
  )
}

/**
 * Decode a response frame with its size and list bounds.
 * @throws XchatError TOO_LARGE | MALFORMED
 */
export function decodeResponse(bytes: Uint8Array): MailboxResponsePb {
  return decodeBounded('mailbox response', bytes, limits.MAX_MAILBOX_RESPONSE_BYTES, (b) =>
    MailboxResponsePb.decode(b, { limits: { fetch: { envelopes: limits.MAX_FETCH_BATCH_COUNT } } }),
  )
}
