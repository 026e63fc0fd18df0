import { copyFile, link, open, rm, constants, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileSink } from '@xchat/core'
import { numberedName } from './names.js'

/** Chunk writes queued ahead of the disk (each ≤ 1 MiB). */
const WRITES_BEHIND = 4

/** Alternatives tried (`name (1)`, `name (2)`, …) before giving up on a free name. */
const MAX_NAME_TRIES = 1000

/** A sink writing a temporary file that becomes `<dir>/<name>` only once verified. */
export interface DiskSink extends FileSink {
  /** The final path, once `finish` placed the file. */
  readonly savedPath: string | undefined
}

/**
 * Write a download to `partPath`; on `finish` the verified file is linked
 * under `<dir>/<name>` (or `name (1)` …), never over an existing file, then
 * the part is removed. `abort` removes the part: nothing is left under any
 * final name. The part persists across restarts (resume).
 */
export function diskSink(partPath: string, dir: string, name: string): DiskSink {
  let handle: FileHandle | undefined
  let savedPath: string | undefined
  let queue: Promise<void> = Promise.resolve()
  const pending: Promise<void>[] = []
  let failed: Error | undefined
  /** Every queued write done; the first failure thrown. */
  const settle = async (): Promise<void> => {
    await queue
    pending.length = 0
    if (failed !== undefined) throw failed
  }
  // r+ keeps what a previous run wrote (resume); w+ only when there is none
  const file = async (): Promise<FileHandle> =>
    (handle ??= await open(partPath, 'r+').catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err
      return open(partPath, 'w+')
    }))
  const close = async (): Promise<void> => {
    const h = handle
    handle = undefined
    await h?.close()
  }
  const writeParts = async (offset: number, parts: readonly Uint8Array[]): Promise<void> => {
    if (failed !== undefined) throw failed
    const run = queue.then(async () => {
      const h = await file()
      let at = offset
      const rest = parts.filter((p) => p.length > 0)
      // one vectored write per chunk; a short write goes on where it stopped
      while (rest.length > 0) {
        let written = (await h.writev(rest, at)).bytesWritten
        if (written === 0) throw new Error(`no bytes written to ${partPath}`)
        at += written
        while (rest.length > 0 && written >= (rest[0] as Uint8Array).length) written -= (rest.shift() as Uint8Array).length
        if (written > 0) rest[0] = (rest[0] as Uint8Array).subarray(written)
      }
    })
    queue = run.catch((err: unknown) => {
      failed ??= err instanceof Error ? err : new Error(String(err))
    })
    pending.push(run)
    if (pending.length > WRITES_BEHIND) await pending.shift()
  }
  return {
    get savedPath() {
      return savedPath
    },
    // write-behind: a chunk is queued and the download goes on verifying the
    // next one; writes run one at a time in order, so the part file is always
    // a prefix of the file (a restart resumes from its size)
    write: async (offset, bytes) => writeParts(offset, [bytes]),
    writeParts,
    async truncate(length) {
      await settle()
      await (await file()).truncate(length)
    },
    async read(offset, length) {
      await settle()
      const out = new Uint8Array(length)
      await (await file()).read(out, 0, length, offset)
      return out
    },
    async finish() {
      await settle()
      const h = await file()
      await h.sync()
      await close()
      savedPath = await place(partPath, dir, name)
      await rm(partPath, { force: true })
    },
    async abort() {
      await queue
      await close()
      await rm(partPath, { force: true })
    },
  }
}

/** Give the part a free final name without ever replacing a file (link fails on an existing name). */
async function place(partPath: string, dir: string, name: string): Promise<string> {
  for (let n = 0; n < MAX_NAME_TRIES; n++) {
    const target = join(dir, numberedName(name, n))
    try {
      await link(partPath, target)
      return target
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EEXIST') continue
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err
    }
    // a file system without hard links: an exclusive copy also never overwrites
    try {
      await copyFile(partPath, target, constants.COPYFILE_EXCL)
      return target
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  throw new Error(`no free name for ${name} in ${dir}`)
}
