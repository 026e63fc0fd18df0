import { open, stat } from 'node:fs/promises'
import type { FileSource } from '@xchat/core'
import { XchatError } from '@xchat/core'

/**
 * A file on disk as a FileSource: random-access reads, opened per read so a
 * long-lived offer holds no descriptor. The size is taken once; a file that
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
  return {
    size,
    async read(offset, length) {
      const handle = await open(path, 'r')
      try {
        const out = new Uint8Array(length)
        let at = 0
        while (at < length) {
          const { bytesRead } = await handle.read(out, at, length - at, offset + at)
          if (bytesRead === 0) throw new Error(`${path} is shorter than when it was offered`)
          at += bytesRead
        }
        return out
      } finally {
        await handle.close()
      }
    },
  }
}
