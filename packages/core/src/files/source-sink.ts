/**
 * Where a transfer reads and writes bytes. Platform code implements these:
 * Node with file handles, browsers with Blob (reading) and OPFS or Blob parts
 * (writing). Nothing here holds a whole file.
 */

/** A file being sent: random-access reads of its plaintext. */
export interface FileSource {
  /** Bytes in the file. */
  readonly size: number
  /** Read `length` bytes at `offset` (never past `size`). */
  read(offset: number, length: number): Promise<Uint8Array>
  /**
   * Optional, for constant memory: read `into.length` bytes at `offset` into
   * a buffer the caller reuses (a sender would otherwise allocate, and leave
   * to the GC, one buffer per chunk).
   */
  readInto?(offset: number, into: Uint8Array): Promise<Uint8Array>
}

/**
 * Sequential chunk reads through a ring of `slots` reused buffers where the
 * source can `readInto`: a returned view stays valid until `slots` more reads
 * have been started (2 covers one chunk read ahead while another is sealed).
 * Falls back to `source.read`.
 */
export function ringReader(source: FileSource, bufferBytes: number, slots = 2): (offset: number, length: number) => Promise<Uint8Array> {
  const readInto = source.readInto?.bind(source)
  if (readInto === undefined) return (offset, length) => source.read(offset, length)
  const ring: Uint8Array[] = []
  let turn = 0
  return (offset, length) => {
    if (length > bufferBytes) return source.read(offset, length)
    const slot = turn++ % slots
    const buffer = (ring[slot] ??= new Uint8Array(bufferBytes))
    return readInto(offset, buffer.subarray(0, length))
  }
}

/**
 * A file being received. Writes come in offset order, each once its chunk
 * was verified. `finish` is called once the whole file verified; `abort` when
 * the transfer is cancelled or the file failed verification: nothing may then
 * remain under the file's final name.
 */
export interface FileSink {
  write(offset: number, bytes: Uint8Array): Promise<void>
  /**
   * Optional, for speed: write consecutive parts at `offset` (a vectored
   * write) instead of joining them for `write`. Nothing else reuses the
   * parts, so a sink may hold them until they are written.
   */
  writeParts?(offset: number, parts: readonly Uint8Array[]): Promise<void>
  /** Drop everything at and after `length` (a resume from a verified prefix). */
  truncate?(length: number): Promise<void>
  /** Read back written bytes: needed only to resume after a restart (the whole-file hash is rebuilt). */
  read?(offset: number, length: number): Promise<Uint8Array>
  finish(): Promise<void>
  abort(): Promise<void>
}

/**
 * A source over bytes in memory (tests, small files).
 * @example
 * const source = bytesSource(new TextEncoder().encode('hello'))
 */
export function bytesSource(bytes: Uint8Array): FileSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  }
}

/** A source over a Blob or File (browsers; Node 22 has Blob too). */
export function blobSource(blob: Blob): FileSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  }
}

/** A sink that collects chunks in memory; `bytes()` gives the file once finished. */
export interface MemorySink extends FileSink {
  /** The finished file, or undefined before `finish` / after `abort`. */
  bytes(): Uint8Array | undefined
  readonly state: 'open' | 'finished' | 'aborted'
}

/** A {@link MemorySink} (tests, small files, browsers building a Blob). */
export function memorySink(): MemorySink {
  let parts: Uint8Array[] = []
  let length = 0
  let state: MemorySink['state'] = 'open'
  let done: Uint8Array | undefined
  const joined = (): Uint8Array => {
    const out = new Uint8Array(length)
    let at = 0
    for (const p of parts) {
      out.set(p, at)
      at += p.length
    }
    return out
  }
  return {
    get state() {
      return state
    },
    write(offset, bytes) {
      if (offset !== length) return Promise.reject(new RangeError(`"offset" expected ${length}, got ${offset}`))
      parts.push(Uint8Array.from(bytes))
      length += bytes.length
      return Promise.resolve()
    },
    truncate(to) {
      const all = joined().subarray(0, to)
      parts = [all]
      length = all.length
      return Promise.resolve()
    },
    read: (offset, len) => Promise.resolve(joined().subarray(offset, offset + len)),
    finish() {
      done = joined()
      state = 'finished'
      return Promise.resolve()
    },
    abort() {
      parts = []
      length = 0
      state = 'aborted'
      return Promise.resolve()
    },
    bytes: () => done,
  }
}
