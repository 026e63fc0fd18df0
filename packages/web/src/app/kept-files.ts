/**
 * Copies of sent files in the browser's origin private file system (OPFS),
 * so a file stays served after the page reloads: core stores each offer with
 * a locator (`opfs:<kind>/<name>`) and reopens its source through
 * {@link KeptFiles.source} when it starts again. A `File` the user picked
 * cannot be reopened after a reload; a copy in OPFS can.
 *
 * Sealed at rest like everything else of the account here: the copy is the
 * file in 256 KiB blocks, each sealed by the profile's non-extractable key
 * ({@link Sealer}, AES-256-GCM) with its file name and block number as the
 * label, so blocks cannot be swapped or moved. The copy is written next to
 * the preparation (one more read of the file) and committed only when
 * complete (OPFS writables swap in on close), so a reload mid-copy leaves an
 * empty file rather than a short one: core skips a source whose size
 * differs, and the next start prunes it. (Types only from core: the device
 * store, in the first bundle, deletes the copies with the account.)
 */
import type { FileSource } from '@xchat/core'
import type { Sealer } from './sealer.js'

/** Plaintext bytes per sealed block: a file chunk's default size, so a chunk read opens one block. */
export const KEPT_BLOCK_BYTES = 256 * 1024

/** What sealing adds to a block: version, 96-bit IV, GCM tag. */
const SEAL_OVERHEAD = 1 + 12 + 16

/** Files larger than this are served only while the page is open (a copy would double their disk use). */
export const KEPT_FILE_MAX_BYTES = 512 * 1024 * 1024

/** Leave this share of the origin's storage quota free: IndexedDB (messages, keys) needs it more. */
const QUOTA_HEADROOM = 0.5

/**
 * Copies are dropped after a relay's mail lifetime (30 days), as core drops a
 * group offer then; group copies have no list of live offers to prune by.
 */
const COPY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000

const ROOT = 'xchat-sent-files'
const PREFIX = 'opfs:'

/** A chat's files or a group's: pruned differently. */
export type KeptKind = 'direct' | 'group'

/** Sent-file copies of this browser profile. */
export class KeptFiles {
  readonly #root: FileSystemDirectoryHandle
  readonly #sealer: Sealer

  private constructor(root: FileSystemDirectoryHandle, sealer: Sealer) {
    this.#root = root
    this.#sealer = sealer
  }

  /** @returns undefined where the browser has no OPFS (files are then served only while the page is open) */
  static async open(sealer: Sealer): Promise<KeptFiles | undefined> {
    try {
      const storage = await navigator.storage.getDirectory()
      return new KeptFiles(await storage.getDirectoryHandle(ROOT, { create: true }), sealer)
    } catch {
      return undefined
    }
  }

  /** Delete every copy (the account is removed from this browser). */
  static async destroy(): Promise<void> {
    try {
      await (await navigator.storage.getDirectory()).removeEntry(ROOT, { recursive: true })
    } catch {
      // never created, or no OPFS: nothing to remove
    }
  }

  /**
   * Start a copy of `file` and return its locator at once (the offer stores
   * it); undefined when the file is too large, the origin is short of room,
   * or OPFS refuses. A copy that fails midway is removed.
   */
  async keep(kind: KeptKind, file: File): Promise<string | undefined> {
    if (file.size > KEPT_FILE_MAX_BYTES) return undefined
    try {
      const { usage = 0, quota = 0 } = await navigator.storage.estimate()
      if (usage + file.size > quota * QUOTA_HEADROOM) return undefined
      const dir = await this.#root.getDirectoryHandle(kind, { create: true })
      const name = crypto.randomUUID()
      const handle = await dir.getFileHandle(name, { create: true })
      const writable = await handle.createWritable()
      void this.#copy(name, file, writable).catch(async () => {
        await writable.abort().catch(() => undefined)
        await dir.removeEntry(name).catch(() => undefined)
      })
      return `${PREFIX}${kind}/${name}`
    } catch {
      return undefined
    }
  }

  async #copy(name: string, file: File, writable: FileSystemWritableFileStream): Promise<void> {
    for (let block = 0; block * KEPT_BLOCK_BYTES < file.size; block++) {
      const start = block * KEPT_BLOCK_BYTES
      const plain = new Uint8Array(await file.slice(start, start + KEPT_BLOCK_BYTES).arrayBuffer())
      await writable.write((await this.#sealer.seal(blockLabel(name, block), plain)) as Uint8Array<ArrayBuffer>)
    }
    await writable.close()
  }

  /**
   * A kept copy, opened block by block as core reads it.
   * @throws Error when the locator is not ours or the copy is gone (core then skips the offer);
   *   a read throws SealedDataError when a block does not open (damaged, or moved)
   */
  async source(locator: string): Promise<FileSource> {
    const [kind, name] = parse(locator)
    const dir = await this.#root.getDirectoryHandle(kind)
    const sealed = await (await dir.getFileHandle(name)).getFile()
    const blocks = Math.ceil(sealed.size / (KEPT_BLOCK_BYTES + SEAL_OVERHEAD))
    const size = Math.max(0, sealed.size - blocks * SEAL_OVERHEAD)
    const sealer = this.#sealer
    let cached: { block: number; plain: Uint8Array } | undefined
    const open = async (block: number): Promise<Uint8Array> => {
      if (cached?.block === block) return cached.plain
      const at = block * (KEPT_BLOCK_BYTES + SEAL_OVERHEAD)
      const bytes = new Uint8Array(await sealed.slice(at, at + KEPT_BLOCK_BYTES + SEAL_OVERHEAD).arrayBuffer())
      cached = { block, plain: await sealer.open(blockLabel(name, block), bytes) }
      return cached.plain
    }
    return {
      size,
      async read(offset: number, length: number): Promise<Uint8Array> {
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)))
        for (let at = 0; at < out.length;) {
          const block = Math.floor((offset + at) / KEPT_BLOCK_BYTES)
          const plain = await open(block)
          const from = offset + at - block * KEPT_BLOCK_BYTES
          const part = plain.subarray(from, from + out.length - at)
          out.set(part, at)
          at += part.length
        }
        return out
      },
    }
  }

  /**
   * Delete copies no offer needs: a chat's when its offer is no longer live
   * (`live`: the locators core serves, after it restored its stored offers),
   * any after 30 days.
   */
  async prune(live: ReadonlySet<string>, now = Date.now()): Promise<void> {
    for (const kind of ['direct', 'group'] as const) {
      let dir: FileSystemDirectoryHandle
      try {
        dir = await this.#root.getDirectoryHandle(kind)
      } catch {
        continue
      }
      const drop: string[] = []
      for await (const [name, handle] of entriesOf(dir)) {
        if (handle.kind !== 'file') continue
        const old = now - (await (handle as FileSystemFileHandle).getFile()).lastModified > COPY_MAX_AGE_MS
        const stale = old || (kind === 'direct' && !live.has(`${PREFIX}${kind}/${name}`))
        if (stale) drop.push(name)
      }
      for (const name of drop) await dir.removeEntry(name).catch(() => undefined)
    }
  }
}

function blockLabel(name: string, block: number): string {
  return `kept-file/${name}/${block}`
}

function parse(locator: string): [KeptKind, string] {
  const [kind, name] = locator.startsWith(PREFIX) ? locator.slice(PREFIX.length).split('/') : []
  if ((kind !== 'direct' && kind !== 'group') || name === undefined || name === '') {
    throw new Error(`"${locator}" is not a kept file of this browser`)
  }
  return [kind, name]
}

/** A directory's entries (TypeScript's DOM types lack the async iterator on some versions). */
function entriesOf(dir: FileSystemDirectoryHandle): AsyncIterable<[string, FileSystemHandle]> {
  return (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()
}
