/**
 * A {@link FileSink} that collects verified chunks as Blob parts: the browser
 * may keep large Blobs on disk, so a big download does not have to sit in the
 * JavaScript heap, and the finished file is one Blob to preview or save.
 */
import type { FileSink } from '@xchat/core'

/** A sink whose finished file is a Blob. */
export interface BlobSink extends FileSink {
  /** The finished file; undefined before `finish` and after `abort`. */
  blob(): Blob | undefined
  /** Verified bytes written so far. */
  readonly length: number
}

/**
 * @param mime - the Blob's type (from the manifest)
 * @example
 * const sink = blobSink('image/png')
 * await client.receiveFile(message, sink)
 * img.src = URL.createObjectURL(sink.blob()!)
 */
export function blobSink(mime: string): BlobSink {
  let parts: Blob[] = []
  let length = 0
  let done: Blob | undefined
  const whole = (): Blob => new Blob(parts, { type: mime })
  return {
    get length() {
      return length
    },
    write(offset, bytes) {
      if (offset !== length) return Promise.reject(new RangeError(`"offset" expected ${length}, got ${offset}`))
      parts.push(new Blob([Uint8Array.from(bytes)]))
      length += bytes.length
      return Promise.resolve()
    },
    truncate(to) {
      parts = [whole().slice(0, to)]
      length = Math.min(length, to)
      return Promise.resolve()
    },
    read: async (offset, len) =>
      new Uint8Array(
        await whole()
          .slice(offset, offset + len)
          .arrayBuffer(),
      ),
    finish() {
      done = whole()
      parts = []
      return Promise.resolve()
    },
    abort() {
      parts = []
      length = 0
      done = undefined
      return Promise.resolve()
    },
    blob: () => done,
  }
}
