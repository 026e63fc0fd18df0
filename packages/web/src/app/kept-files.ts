/**
 * Copies of sent files in the browser's origin private file system (OPFS),
 * so a file stays served after the page reloads: core stores each offer with
 * a locator (`opfs:<kind>/<name>`) and reopens its source through
 * {@link KeptFiles.file} when it starts again. (No import of core here: the
 * device store, in the first bundle, deletes the copies with the account.) A `File` the user picked
 * cannot be reopened after a reload; a copy in OPFS can. The copy is written
 * next to the preparation (one more read of the file) and committed only
 * when complete (OPFS writables swap in on close), so a reload mid-copy
 * leaves an empty file rather than a short one: core skips a source whose
 * size differs, and the next start prunes it.
 */

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

  private constructor(root: FileSystemDirectoryHandle) {
    this.#root = root
  }

  /** @returns undefined where the browser has no OPFS (files are then served only while the page is open) */
  static async open(): Promise<KeptFiles | undefined> {
    try {
      const storage = await navigator.storage.getDirectory()
      return new KeptFiles(await storage.getDirectoryHandle(ROOT, { create: true }))
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
      void file
        .stream()
        .pipeTo(await handle.createWritable())
        .catch(async () => dir.removeEntry(name).catch(() => undefined))
      return `${PREFIX}${kind}/${name}`
    } catch {
      return undefined
    }
  }

  /**
   * A kept copy.
   * @throws Error when the locator is not ours or the copy is gone (core then skips the offer)
   */
  async file(locator: string): Promise<File> {
    const [kind, name] = parse(locator)
    const dir = await this.#root.getDirectoryHandle(kind)
    return (await dir.getFileHandle(name)).getFile()
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
