/**
 * File mail on the receiving device: pieces taken out of the mail stream,
 * stored before they are acked, in any order and with duplicates, before
 * any offer exists; a download later takes them (verified) and pulls only
 * what is missing from the sender over real libp2p.
 */
import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { bytesToHex } from '@noble/hashes/utils.js'
import { randomBytes } from 'node:crypto'
import {
  FileDownload,
  bytesSource,
  chunkCount,
  chunkLength,
  cutIntoPieces,
  decodeFileMail,
  encodeFileMail,
  encryptChunk,
  isFileMail,
  isXchatError,
  joinPieces,
  memorySink,
  openStore,
  prepareFile,
  type MailItem,
  type MailboxPort,
  type XchatStore,
} from '../src/index.js'
import { FileMailInbox } from '../src/client-file-inbox.js'
import { stopAll } from './net-fixture.js'
import { randomFile, startFilePeers } from './files-fixture.js'

const folders: string[] = []
const dbs: Level<string, Uint8Array>[] = []

async function tempStore(): Promise<XchatStore> {
  const path = await mkdtemp(join(tmpdir(), 'xchat-inbox-'))
  folders.push(path)
  const db = new Level<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  dbs.push(db)
  return openStore({ db, devicePrivateKey: new Uint8Array(randomBytes(32)) })
}

/** A relay's mailbox as the port sees it: pages of mail handed out until acked. */
function mailboxOf(items: MailItem[]): { port: MailboxPort; acked: string[] } {
  const held = [...items]
  const acked: string[] = []
  const port: MailboxPort = {
    deposit: () => Promise.reject(new Error('not here')),
    takePrekey: () => Promise.resolve(undefined),
    fetch: () => Promise.resolve(held.slice(0, 7)), // pages of 7
    ack: (_relay, ids) => {
      for (const id of ids) {
        acked.push(bytesToHex(id))
        const i = held.findIndex((m) => bytesToHex(m.id) === bytesToHex(id))
        if (i >= 0) held.splice(i, 1)
      }
      return Promise.resolve()
    },
  }
  return { port, acked }
}

afterEach(async () => {
  await stopAll()
  for (const db of dbs.splice(0)) await db.close()
  await Promise.all(folders.splice(0).map(async (f) => rm(f, { recursive: true, force: true })))
})

describe('file mail: the receiving side', () => {
  it('encodes pieces that never parse as a messaging envelope and rejects malformed ones', () => {
    const piece = { fileId: new Uint8Array(32).fill(7), kind: 'chunk' as const, index: 3, offset: 0, total: 10, data: new Uint8Array(10) }
    const inner = encodeFileMail(piece)
    expect(isFileMail(inner)).toBe(true)
    expect(decodeFileMail(inner)).toEqual(piece)
    expect(() => decodeFileMail(encodeFileMail({ ...piece, offset: 5 }))).toThrow(/outside/)
    expect(() => decodeFileMail(encodeFileMail({ ...piece, fileId: new Uint8Array(31) }))).toThrow(/id/)
    expect(() => decodeFileMail(new Uint8Array([0, 0xff, 0xff]))).toThrow()
  })

  it('encodes a piece as golden bytes: the 0x00 marker, then the FileMail', () => {
    const piece = {
      fileId: new Uint8Array(32).fill(0xab),
      kind: 'chunk' as const,
      index: 2,
      offset: 61440,
      total: 262160,
      data: new Uint8Array([1, 2, 3]),
    }
    expect(bytesToHex(encodeFileMail(piece))).toBe(
      '0008011220abababababababababababababababababababababababababababababababab20022880e003309080103a03010203',
    )
  })

  it('gives only typed errors for random bytes, and cut pieces join back in any order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeFileMail(Uint8Array.from([0, ...bytes]))
        } catch (err) {
          expect(isXchatError(err)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300_000 }), fc.integer(), (size, seed) => {
        const bytes = new Uint8Array(size).map((_, i) => (i * 31 + seed) & 0xff)
        const pieces = cutIntoPieces(new Uint8Array(32), 'chunk', 0, bytes)
        const shuffled = [...pieces].sort((a, b) => ((a.offset ^ seed) & 0xffff) - ((b.offset ^ seed) & 0xffff))
        expect(Buffer.compare(joinPieces(shuffled) ?? new Uint8Array(), bytes)).toBe(0)
        if (pieces.length > 1) expect(joinPieces(pieces.slice(1))).toBeUndefined()
      }),
      { numRuns: 50 },
    )
  })

  it('stores pieces that come before any offer, in any order and twice, acks them only then, and a download takes them and pulls only the missing chunk', async () => {
    const store = await tempStore()
    const fileIds: string[] = []
    const inbox = new FileMailInbox({ store, now: Date.now, onPieces: (ids) => fileIds.push(...ids) })
    const bytes = randomFile(5 * 256 * 1024 + 999)
    const file = await prepareFile(bytesSource(bytes), { name: 'early.bin' })
    const { manifest } = file
    const n = chunkCount(manifest)
    const pieces = cutIntoPieces(file.id, 'chunk-list', 0, file.chunkList)
    for (let i = 0; i < n; i++) {
      if (i === 2) continue // lost: the sender serves it
      const plain = bytes.subarray(i * manifest.chunkSize, i * manifest.chunkSize + chunkLength(manifest, i))
      pieces.push(...cutIntoPieces(file.id, 'chunk', i, encryptChunk(manifest.key, i, plain)))
    }
    const doubled = [...pieces, ...pieces.slice(0, 4)].reverse()
    const items: MailItem[] = doubled.map((p, i) => ({ id: new Uint8Array(48).fill(i + 1), envelope: encodeFileMail(p) }))
    // one ordinary message in the middle goes on to the messenger
    const message: MailItem = { id: new Uint8Array(48).fill(250), envelope: new Uint8Array([0x08, 0x01]) }
    items.splice(10, 0, message)
    const { port, acked } = mailboxOf(items)
    const wrapped = inbox.wrap(port)
    const relay = { peerId: 'relay', addrs: [] }
    const handedOn: MailItem[] = []
    for (let round = 0; round < 20; round++) {
      const page = await wrapped.fetch(relay)
      if (page.length === 0) break
      handedOn.push(...page)
      await port.ack(
        relay,
        page.map((m) => m.id),
      ) // as the messenger does, after storing
    }
    expect(handedOn.map((m) => bytesToHex(m.id))).toEqual([bytesToHex(message.id)])
    expect(acked).toHaveLength(items.length)
    expect(new Set(fileIds)).toEqual(new Set([bytesToHex(file.id)]))

    // a device whose store fails acks nothing: the mail stays on the relay for the next sync
    const broken = await tempStore()
    await dbs.at(-1)?.close()
    const again = mailboxOf(items.slice(0, 3))
    await expect(
      new FileMailInbox({ store: broken, now: Date.now, onPieces: () => undefined }).wrap(again.port).fetch(relay),
    ).resolves.toEqual([])
    expect(again.acked).toEqual([])

    const peers = await startFilePeers()
    peers.server.offer(file, bytesSource(bytes), { peers: [peers.receiver.peerId.toString()] })
    const sink = memorySink()
    const download = new FileDownload({
      node: peers.receiver,
      from: peers.from,
      manifest: file,
      sink,
      local: inbox.local(bytesToHex(file.id)),
    })
    await download.run()
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
    // chunks 0 and 1 and the chunk list came from the mailbox; the sender was asked from chunk 2 on
    expect(peers.served.some((r) => r.kind === 'chunkList')).toBe(false)
    expect(Math.min(...peers.served.map((r) => r.fromChunk))).toBe(2)
    await inbox.forget(bytesToHex(file.id))
    expect(await store.fileMail.count()).toBe(0)
  }, 60_000)

  it('receives an empty file with nothing from the sender but the offer', async () => {
    const store = await tempStore()
    const inbox = new FileMailInbox({ store, now: Date.now, onPieces: () => undefined })
    const file = await prepareFile(bytesSource(new Uint8Array(0)), { name: 'empty.bin' })
    expect(cutIntoPieces(file.id, 'chunk-list', 0, file.chunkList)).toEqual([])
    const peers = await startFilePeers()
    const sink = memorySink()
    await new FileDownload({ node: peers.receiver, from: peers.from, manifest: file, sink, local: inbox.local(bytesToHex(file.id)) }).run()
    expect(sink.bytes()?.length).toBe(0)
    expect(peers.served).toEqual([])
  })
})
