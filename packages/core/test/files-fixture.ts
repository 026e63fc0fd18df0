/**
 * Shared fixture for file-transfer tests: two peers on loopback (a sender
 * with a FileServer, a receiver), and a Node file sink like the CLI's.
 */
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { FileServer, type FileSink, type FileSource, type ServedRequest, type XchatNode } from '../src/index.js'
import { addrsOf, newDeviceKeys, startPeer } from './net-fixture.js'

export interface FilePeers {
  readonly sender: XchatNode
  readonly receiver: XchatNode
  readonly server: FileServer
  /** Every request the sender answered, in order. */
  readonly served: ServedRequest[]
  readonly from: { peerId: string; addrs: string[] }
}

export async function startFilePeers(): Promise<FilePeers> {
  const sender = await startPeer(newDeviceKeys())
  const receiver = await startPeer(newDeviceKeys())
  const served: ServedRequest[] = []
  const server = new FileServer({ node: sender, onRequest: (r) => served.push(r) })
  await server.start()
  return { sender, receiver, server, served, from: { peerId: sender.peerId.toString(), addrs: addrsOf(sender) } }
}

/** Random bytes (not from the CSPRNG we test: any bytes will do). */
export function randomFile(size: number): Uint8Array {
  return new Uint8Array(randomBytes(size))
}

/** A source that returns damaged bytes for chunk `index` the first `times` reads. */
export function corruptingSource(bytes: Uint8Array, chunkSize: number, index: number, times = 1): FileSource {
  let left = times
  return {
    size: bytes.length,
    read(offset, length) {
      const out = Uint8Array.from(bytes.subarray(offset, offset + length))
      if (offset === index * chunkSize && left > 0 && out.length > 0) {
        left--
        out[0] = (out[0] ?? 0) ^ 0xff
      }
      return Promise.resolve(out)
    },
  }
}

/** A Node sink: writes `<path>.part`, renames to `path` on finish (never over an existing file), deletes the part on abort. */
export function nodeFileSink(path: string): FileSink & { readonly aborted: boolean } {
  const part = `${path}.part`
  let handle: FileHandle | undefined
  let aborted = false
  const file = async (): Promise<FileHandle> => (handle ??= await open(part, 'w+'))
  return {
    get aborted() {
      return aborted
    },
    async write(offset, bytes) {
      await (await file()).write(bytes, 0, bytes.length, offset)
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
      await (await file()).close()
      handle = undefined
      const exists = await stat(path).then(
        () => true,
        () => false,
      )
      if (exists) throw new Error(`${path} exists`)
      await rename(part, path)
    },
    async abort() {
      aborted = true
      await handle?.close()
      handle = undefined
      await rm(part, { force: true })
    },
  }
}
