import { copyFile, link, open, rm, constants, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileSink } from '@xchat/core'
import { numberedName } from './names.js'

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
  return {
    get savedPath() {
      return savedPath
    },
    async write(offset, bytes) {
      const h = await file()
      let at = 0
      while (at < bytes.length) at += (await h.write(bytes, at, bytes.length - at, offset + at)).bytesWritten
    },
    async truncate(length) {
      await (await file()).truncate(length)
    },
    async read(offset, length) {
      const out = new Uint8Array(length)
      await (await file()).read(out, 0, length, offset)
      return out
    },
    async finish() {
      const h = await file()
      await h.sync()
      await close()
      savedPath = await place(partPath, dir, name)
      await rm(partPath, { force: true })
    },
    async abort() {
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
