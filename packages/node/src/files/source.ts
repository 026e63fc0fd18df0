import { open, stat, type FileHandle } from 'node:fs/promises'
import type { FileSource } from '@xchat/core'
import { XchatError } from '@xchat/core'

/** A source's descriptor is closed after this long without a read. */
const HANDLE_IDLE_MS = 5_000

/**
 * A file on disk as a FileSource: random-access reads. The size is taken once; a file that
 * later changes fails the receiver's chunk checks, never passes silently.
 * @throws XchatError NOT_FOUND when the path is not a readable regular file
 */
export async function fileSource(path: string): Promise<FileSource> {
  let size: number
  try {
    const s = await stat(path)
    if (!s.isFile()) throw new Error('not a regular file')
    size = s.size
  } catch (err) {
    throw new XchatError('NOT_FOUND', `cannot read ${path}: ${(err as Error).message}`, { cause: err })
  }
  // one descriptor while reads come, closed after a quiet spell: a long-lived offer holds none
  let handle: Promise<FileHandle> | undefined
  let idle: ReturnType<typeof setTimeout> | undefined
  const release = (): void => {
    const h = handle
    handle = undefined
    void h?.then(async (f) => f.close()).catch(() => undefined)
  }
  const readInto = async (offset: number, out: Uint8Array): Promise<Uint8Array> => {
    clearTimeout(idle)
    const h = await (handle ??= open(path, 'r'))
    idle = setTimeout(release, HANDLE_IDLE_MS)
    idle.unref()
    let at = 0
    while (at < out.length) {
      const { bytesRead } = await h.read(out, at, out.length - at, offset + at)
      if (bytesRead === 0) throw new Error(`${path} is shorter than when it was offered`)
      at += bytesRead
    }
    return out
  }
  return {
    size,
    read: async (offset, length) => readInto(offset, new Uint8Array(length)),
    readInto,
  }
}
