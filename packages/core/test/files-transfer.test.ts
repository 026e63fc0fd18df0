import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  FileDownload,
  bytesSource,
  memorySink,
  parseManifest,
  prepareFile,
  encodeManifest,
  DEFAULT_CHUNK_BYTES,
  type FileSource,
  type PreparedFile,
} from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { corruptingSource, nodeFileSink, randomFile, startFilePeers, type FilePeers } from './files-fixture.js'
import { expectXchatErrorAsync as expectXchatError, expectXchatError as expectXchatErrorSync } from './expect-error.js'
import { chunkFrame } from '../src/files/server.js'
import { parseChunkFrame } from '../src/files/chunk-frame.js'
import { Uint8ArrayList } from 'uint8arraylist'
import { FileChunkPb } from '../src/wire/index.js'

const KiB = 1024
const MiB = 1024 * KiB

let peers: FilePeers

/** vitest's toEqual walks big arrays element by element: compare bytes directly. */
function expectSameBytes(got: Uint8Array | undefined, want: Uint8Array): void {
  expect(got?.length).toBe(want.length)
  expect(got !== undefined && Buffer.compare(got, want) === 0).toBe(true)
}

beforeEach(async () => {
  peers = await startFilePeers()
})
afterEach(async () => {
  await stopAll()
})

/** Offer `bytes` from the sender (through `source` if given) and return the manifest as the receiver would parse it. */
async function offer(bytes: Uint8Array, source: FileSource = bytesSource(bytes), name = 'file.bin'): Promise<PreparedFile> {
  const file = await prepareFile(bytesSource(bytes), { name })
  peers.server.offer(file, source, { peers: [peers.receiver.peerId.toString()] })
  return file
}

async function receive(file: PreparedFile, onProgress?: (bytes: number, total: number) => void): Promise<Uint8Array | undefined> {
  const sink = memorySink()
  const download = new FileDownload({
    node: peers.receiver,
    from: peers.from,
    manifest: parseManifest(file.bytes),
    sink,
    ...(onProgress === undefined ? {} : { onProgress }),
  })
  await download.run()
  expect(sink.state).toBe('finished')
  return sink.bytes()
}

describe('file transfer round trips', () => {
  it.each([
    ['a 0-byte file', 0],
    ['a file of exactly one chunk', DEFAULT_CHUNK_BYTES],
    ['a file one byte over a chunk', DEFAULT_CHUNK_BYTES + 1],
    ['a file of a few MiB', 3 * MiB + 17],
  ])('moves %s, verified, with progress', async (_, size) => {
    const bytes = randomFile(size)
    const file = await offer(bytes)
    const progress: number[] = []
    const got = await receive(file, (b, total) => {
      expect(total).toBe(size)
      progress.push(b)
    })
    expectSameBytes(got, bytes)
    expect(progress.length).toBe(Math.ceil(size / DEFAULT_CHUNK_BYTES))
    if (size > 0) expect(progress.at(-1)).toBe(size)
    expect([...progress].sort((a, b) => a - b)).toEqual(progress)
  })

  it('runs two transfers at once', async () => {
    const a = randomFile(2 * MiB + 5)
    const b = randomFile(MiB + 9)
    const [fa, fb] = await Promise.all([offer(a, undefined, 'a'), offer(b, undefined, 'b')])
    const [ga, gb] = await Promise.all([receive(fa), receive(fb)])
    expectSameBytes(ga, a)
    expectSameBytes(gb, b)
  })
})

describe('resume', () => {
  it('resumes from the first missing chunk after the connection is killed at ~50 %', async () => {
    const bytes = randomFile(4 * MiB)
    const file = await offer(bytes)
    let killedAt = -1
    const sink = memorySink()
    const download = new FileDownload({
      node: peers.receiver,
      from: peers.from,
      manifest: parseManifest(file.bytes),
      sink,
      onProgress: (b, total) => {
        if (killedAt < 0 && b >= total / 2) {
          killedAt = download.nextChunk
          void peers.receiver.hangUp(peers.sender.peerId)
        }
      },
    })
    await download.run()
    expectSameBytes(sink.bytes(), bytes)
    expect(killedAt).toBeGreaterThan(0)
    const chunkRequests = peers.served.filter((r) => r.kind === 'chunks')
    // the new stream asked from where the verified prefix ended: one range was asked twice, nothing from 0 again
    const starts = chunkRequests.map((r) => r.fromChunk)
    expect(new Set(starts).size).toBe(starts.length - 1)
    expect(starts.filter((s) => s === 0)).toHaveLength(1)
    const again = starts.find((s, i) => starts.indexOf(s) !== i)
    expect(again).toBeGreaterThanOrEqual(killedAt)
    expect(peers.served.filter((r) => r.kind === 'chunkList')).toHaveLength(1)
  })

  it('resumes with a second run() after a failed one, and bytes are equal at the end', async () => {
    const bytes = randomFile(4 * MiB + 3)
    const file = await offer(bytes)
    const sink = memorySink()
    let killed = false
    const download = new FileDownload({
      node: peers.receiver,
      from: peers.from,
      manifest: parseManifest(file.bytes),
      sink,
      retries: 0,
      onProgress: (b, total) => {
        if (!killed && b >= total / 2) {
          killed = true
          void peers.receiver.hangUp(peers.sender.peerId)
        }
      },
    })
    await expect(download.run()).rejects.toThrow()
    const missing = download.nextChunk
    expect(missing).toBeGreaterThan(0)
    expect(sink.state).toBe('open')
    const before = peers.served.length
    await download.run()
    // a request of the dead stream may still be logged late (it starts past `missing`): none starts earlier
    const starts = peers.served
      .slice(before)
      .filter((r) => r.kind === 'chunks')
      .map((r) => r.fromChunk)
    expect(starts).toContain(missing)
    expect(Math.min(...starts)).toBe(missing)
    expectSameBytes(sink.bytes(), bytes)
  })

  it('resumes after a receiver restart from the chunks its sink holds', async () => {
    const bytes = randomFile(2 * MiB + 100)
    const file = await offer(bytes)
    const sink = memorySink()
    const controller = new AbortController()
    const first = new FileDownload({
      node: peers.receiver,
      from: peers.from,
      manifest: parseManifest(file.bytes),
      sink: { ...sink, abort: () => Promise.resolve() }, // a crash: nothing is cleaned up
      onProgress: (b, total) => {
        if (b >= total / 2) controller.abort()
      },
    })
    await expect(first.run({ signal: controller.signal })).rejects.toThrow()
    const restarted = new FileDownload({
      node: peers.receiver,
      from: peers.from,
      manifest: parseManifest(file.bytes),
      sink,
      fromChunk: first.nextChunk,
    })
    await restarted.run()
    expectSameBytes(sink.bytes(), bytes)
  })
})

describe('verification', () => {
  it('rejects a corrupted chunk and fetches it again', async () => {
    const bytes = randomFile(MiB + 1)
    const file = await offer(bytes, corruptingSource(bytes, DEFAULT_CHUNK_BYTES, 2))
    expectSameBytes(await receive(file), bytes)
    const asked = peers.served.filter((r) => r.kind === 'chunks' && r.fromChunk <= 2 && r.fromChunk + r.count > 2)
    expect(asked.length).toBe(2)
  })

  it('gives up on a chunk that is corrupt every time, and never finishes the sink', async () => {
    const bytes = randomFile(MiB)
    const file = await offer(bytes, corruptingSource(bytes, DEFAULT_CHUNK_BYTES, 1, 100))
    const sink = memorySink()
    const download = new FileDownload({ node: peers.receiver, from: peers.from, manifest: parseManifest(file.bytes), sink })
    await expectXchatError(download.run(), 'CHUNK_INVALID')
    expect(sink.state).toBe('open')
  })

  it('rejects chunks of another file served under this file id', async () => {
    const a = randomFile(MiB)
    const b = randomFile(MiB)
    const fileA = await prepareFile(bytesSource(a), { name: 'a' })
    const fileB = await prepareFile(bytesSource(b), { name: 'b' })
    // a hostile sender: A's id and chunk list, B's key and bytes (so B's real chunks go out)
    const hostile: PreparedFile = { ...fileA, manifest: fileB.manifest }
    peers.server.offer(hostile, bytesSource(b))
    const sink = memorySink()
    await expectXchatError(
      new FileDownload({ node: peers.receiver, from: peers.from, manifest: parseManifest(fileA.bytes), sink }).run(),
      'CHUNK_INVALID',
    )
    expect(sink.state).toBe('open')
  })

  it('rejects a tampered manifest: its id is no longer offered', async () => {
    const bytes = randomFile(100 * KiB)
    const file = await offer(bytes)
    const tampered = encodeManifest({ ...file.manifest, size: file.manifest.size - 1 })
    await expectXchatError(
      new FileDownload({ node: peers.receiver, from: peers.from, manifest: tampered, sink: memorySink() }).run(),
      'FILE_UNAVAILABLE',
    )
    const garbage = Uint8Array.from(file.bytes)
    garbage[0] = 0xff
    expect(() => parseManifest(garbage)).toThrow()
  })

  it('aborts the sink when the whole file does not match the manifest hash', async () => {
    const bytes = randomFile(300 * KiB)
    const file = await prepareFile(bytesSource(bytes), { name: 'x' })
    const lying = encodeManifest({ ...file.manifest, sha256: new Uint8Array(32) })
    peers.server.offer({ ...lying, chunkList: file.chunkList }, bytesSource(bytes))
    const sink = memorySink()
    await expectXchatError(
      new FileDownload({ node: peers.receiver, from: peers.from, manifest: parseManifest(lying.bytes), sink }).run(),
      'FILE_CORRUPT',
    )
    expect(sink.state).toBe('aborted')
  })

  it("refuses a file over the receiver's size setting before fetching anything", async () => {
    const file = await offer(randomFile(64 * KiB))
    expect(
      () =>
        new FileDownload({
          node: peers.receiver,
          from: peers.from,
          manifest: parseManifest(file.bytes),
          sink: memorySink(),
          maxFileBytes: 1000,
        }),
    ).toThrow()
    expect(peers.served).toHaveLength(0)
  })

  it('serves a file only to the peers it was offered to', async () => {
    const bytes = randomFile(10 * KiB)
    const file = await prepareFile(bytesSource(bytes), { name: 'x' })
    peers.server.offer(file, bytesSource(bytes), { peers: ['16Uiu2HAmSomeoneElseEntirely'] })
    await expectXchatError(
      new FileDownload({ node: peers.receiver, from: peers.from, manifest: parseManifest(file.bytes), sink: memorySink() }).run(),
      'FILE_UNAVAILABLE',
    )
  })
})

describe('allow', () => {
  it('asks allow once per stream, not once per request, and a refusal still refuses', async () => {
    const bytes = randomFile(3 * MiB + 5)
    const file = await prepareFile(bytesSource(bytes), { name: 'x' })
    const asked: string[] = []
    let ok = true
    peers.server.offer(file, bytesSource(bytes), {
      allow: (peerId) => {
        asked.push(peerId)
        return ok
      },
    })
    const sink = memorySink()
    await new FileDownload({ node: peers.receiver, from: peers.from, manifest: parseManifest(file.bytes), sink }).run()
    expectSameBytes(sink.bytes(), bytes)
    // the chunk list and four 1 MiB ranges came over one stream
    expect(peers.served.filter((r) => r.kind === 'chunks').length).toBeGreaterThan(1)
    expect(asked).toEqual([peers.receiver.peerId.toString()])
    ok = false
    await expectXchatError(
      new FileDownload({ node: peers.receiver, from: peers.from, manifest: parseManifest(file.bytes), sink: memorySink() }).run(),
      'FILE_UNAVAILABLE',
    )
    expect(asked).toHaveLength(2)
  })
})

describe('cancel', () => {
  it('leaves nothing under the final name when cancelled, and aborts the sink', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xchat-files-'))
    const bytes = randomFile(4 * MiB)
    const file = await offer(bytes)
    const path = join(dir, 'photo.jpg')
    const sink = nodeFileSink(path)
    const controller = new AbortController()
    const download = new FileDownload({
      node: peers.receiver,
      from: peers.from,
      manifest: parseManifest(file.bytes),
      sink,
      onProgress: (b, total) => {
        if (b >= total / 3) controller.abort()
      },
    })
    await expectXchatError(download.run({ signal: controller.signal }), 'TRANSFER_CANCELLED')
    expect(sink.aborted).toBe(true)
    expect(await readdir(dir)).toEqual([])
    await expectXchatError(download.run(), 'TRANSFER_CANCELLED')
  })

  it('writes the finished file under its final name through a Node sink', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xchat-files-'))
    const bytes = randomFile(MiB + 3)
    const file = await offer(bytes)
    const path = join(dir, 'doc.pdf')
    await new FileDownload({ node: peers.receiver, from: peers.from, manifest: parseManifest(file.bytes), sink: nodeFileSink(path) }).run()
    expectSameBytes(new Uint8Array(await readFile(path)), bytes)
    expect(await readdir(dir)).toEqual(['doc.pdf'])
  })
})

describe('chunk frames', () => {
  it('writes the same bytes as the generated FileChunk encoder', () => {
    for (const [index, size] of [
      [0, 0],
      [0, 300],
      [1, 16],
      [127, 128],
      [128, 256 * 1024 + 16],
      [16383, 1024 * 1024 + 16],
    ] as const) {
      const data = new Uint8Array(size).fill(index & 0xff)
      expect(Buffer.from(chunkFrame(index, data).subarray())).toEqual(Buffer.from(FileChunkPb.encode({ index, data, status: 0 })))
      // the same frame from parts: header, then the parts unjoined
      const parts = [data.subarray(0, size >> 1), data.subarray(size >> 1)]
      expect(Buffer.from(chunkFrame(index, ...parts).subarray())).toEqual(Buffer.from(FileChunkPb.encode({ index, data, status: 0 })))
    }
  })

  it('reads what the generated encoder writes, split anywhere, without joining the data', () => {
    const data = Uint8Array.from({ length: 70_000 }, (_, i) => i % 251)
    const frames = [
      { index: 0, data: new Uint8Array(0), status: 0 },
      { index: 5, data: new Uint8Array(0), status: 1 },
      { index: 300, data, status: 0 },
      { index: 0xffffffff, data: data.subarray(0, 17), status: 3 },
    ]
    for (const f of frames) {
      const bytes = FileChunkPb.encode(f)
      for (const cut of [1, 2, 3, 7, 1000, bytes.length - 1]) {
        if (cut <= 0 || cut >= bytes.length) continue
        const got = parseChunkFrame(new Uint8ArrayList(bytes.subarray(0, cut), bytes.subarray(cut)))
        expect({ index: got.index, status: got.status }).toEqual({ index: f.index, status: f.status })
        expect(Buffer.from(got.data.subarray())).toEqual(Buffer.from(f.data))
      }
    }
    // a long chunk stays in the buffers it arrived in
    const bytes = FileChunkPb.encode({ index: 2, data, status: 0 })
    const pieces = [bytes.subarray(0, 40_000), bytes.subarray(40_000)]
    expect([...parseChunkFrame(new Uint8ArrayList(...pieces)).data].map((b) => b.buffer)).toEqual(pieces.map((p) => p.buffer))
  })

  it('takes fields in any order, the last one winning, and skips unknown fields like protobuf', () => {
    // status 2, index 9, an unknown varint field 7, data "ab", an unknown fixed32 field 8, index 4
    const bytes = Uint8Array.from([0x18, 2, 0x08, 9, 0x38, 0x96, 0x01, 0x12, 2, 0x61, 0x62, 0x45, 1, 2, 3, 4, 0x08, 4])
    const got = parseChunkFrame(new Uint8ArrayList(bytes))
    expect({ index: got.index, status: got.status, data: [...got.data.subarray()] }).toEqual({ index: 4, status: 2, data: [0x61, 0x62] })
    expect(FileChunkPb.decode(bytes)).toEqual({ index: 4, status: 2, data: Uint8Array.from([0x61, 0x62]) })
  })

  it('refuses truncated and invalid frames as MALFORMED', () => {
    for (const bad of [
      [0x12, 5, 1, 2], // data longer than the frame
      [0x08], // a tag without its varint
      [0x08, 0x80], // a truncated varint
      [0x08, ...new Array<number>(10).fill(0xff), 1], // a varint over 10 bytes
      [0x0a, 1, 0], // index as length-delimited
      [0x10, 1], // data as a varint
      [0x1d, 0, 0, 0, 0], // status as fixed32
      [0x0b], // a group
      [0x00, 1], // field number 0
      [0x39, 1, 2, 3], // a truncated fixed64
    ]) {
      expectXchatErrorSync(() => parseChunkFrame(new Uint8ArrayList(Uint8Array.from(bad))), 'MALFORMED')
    }
  })
})
