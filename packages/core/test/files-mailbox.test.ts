/**
 * Files to an offline recipient (docs/protocol/files.md, "Mailbox delivery"):
 * small files go sealed into the recipient device's mailboxes with the offer,
 * so the recipient gets them with the sender gone; larger ones (or ones the
 * relays refuse by quota) wait for both to be online; pieces are verified
 * like network chunks, and a bad one is fetched from the sender.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { peerIdFromString } from '@libp2p/peer-id'
import {
  CHUNK_TAG_LENGTH,
  DeviceKeys,
  FILE_MAIL_ENVELOPE_OVERHEAD,
  MailboxClient,
  cutIntoPieces,
  encodeFileMail,
  fileMailSize,
  generateMnemonic,
  sealEnvelope,
  bytesSource,
  chunkCount,
  chunkLength,
  depositFileMail,
  encryptChunk,
  memorySink,
  messagingConstants,
  relaysOf,
  type CreateClientInit,
  type MessageView,
} from '../src/index.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { hexToBytes } from '@noble/hashes/utils.js'
import { limits } from '../src/wire/index.js'
import { cleanupMessaging, startDevice, startRelays, stopDevice, type TestDevice, type TestRelay } from './messaging-fixture.js'

const MiB = 1024 * 1024

/** Sources by locator, so stored offers are served again after a restart. */
const files = new Map<string, Uint8Array>()
const withSources = {
  wrap: (init: CreateClientInit): CreateClientInit => ({
    ...init,
    openSource: async (locator: string) => {
      const bytes = files.get(locator)
      if (bytes === undefined) throw new Error('gone')
      return Promise.resolve(bytesSource(bytes))
    },
  }),
}

/** A file whose plaintext holds a recognisable marker a relay must never see. */
function markedFile(size: number, marker: string): Uint8Array {
  const bytes = new Uint8Array(randomBytes(size))
  const m = new TextEncoder().encode(marker)
  for (let at = 0; at + m.length < size; at += 64 * 1024) bytes.set(m, at)
  return bytes
}

async function restart(device: TestDevice, relays: readonly TestRelay[], wrap = false): Promise<TestDevice> {
  return startDevice(relays, { keys: device.keys, path: device.path, ...(wrap ? withSources : {}) })
}

/** Sync the device's mailboxes (the offer and the file mail) and return the offer of `id`. */
async function offerAt(device: TestDevice, id: string): Promise<MessageView> {
  for (let i = 0; i < 50; i++) {
    await device.client.syncMailboxes()
    const offer = device.received.find((m) => m.id === id)
    if (offer !== undefined) return offer
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the offer did not arrive')
}

/** Every byte of the files in a folder (a relay's level database). */
async function folderBytes(path: string): Promise<Buffer> {
  const parts: Buffer[] = []
  for (const name of await readdir(path)) parts.push(await readFile(join(path, name)))
  return Buffer.concat(parts)
}

function dbFolder(relay: TestRelay): string {
  return (relay.db as unknown as { location: string }).location
}

describe('files: mailbox delivery to an offline recipient', () => {
  afterEach(cleanupMessaging)

  it('seals a small file into the mailboxes; the recipient gets it verified after the sender went offline, and relays see no name or plaintext', async () => {
    const relays = await startRelays(2)
    const [alice, bob0] = await Promise.all([startDevice(relays, withSources), startDevice(relays)])
    await stopDevice(bob0)
    const name = 'quarterly-secret-report-7f3a.bin'
    const marker = 'PLAINTEXT-MARKER-9c1d2e'
    const bytes = markedFile(MiB + 12345, marker)
    files.set('/a/report', bytes)
    const sent = await alice.client.sendFile(bob0.client.accountId, bytesSource(bytes), { name }, { locator: '/a/report' })
    expect(sent.delivered).toBe('mailbox')
    expect(await sent.mailbox).toEqual({ state: 'stored' })
    expect(alice.client.fileOffers().find((o) => o.fileId === sent.fileId)?.mailbox).toBe('stored')

    // each relay holds the offer and every piece; nothing in its database names the file or shows its bytes
    for (const relay of relays) {
      expect(relay.service.stats().bytes).toBeGreaterThan(bytes.length)
      const raw = await folderBytes(dbFolder(relay))
      expect(raw.includes(Buffer.from(name))).toBe(false)
      expect(raw.includes(Buffer.from(marker))).toBe(false)
      expect(raw.includes(Buffer.from(sent.fileId, 'hex'))).toBe(false)
      expect(raw.includes(Buffer.from(sent.fileId))).toBe(false)
    }

    await stopDevice(alice)
    const bob = await restart(bob0, relays)
    const offer = await offerAt(bob, sent.id)
    const sink = memorySink()
    await bob.client.receiveFile(offer, sink)
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
    // the relays gave the pieces up once stored on the device (what is left is bob's receipts for alice, who is away)
    await bob.client.syncMailboxes()
    for (const relay of relays) expect(relay.service.stats().bytes).toBeLessThan(16 * 1024)
  }, 120_000)

  it('keeps a file over the mailbox limit for the recipient to fetch when both are online', async () => {
    const relays = await startRelays(2)
    const [alice, bob0] = await Promise.all([startDevice(relays, withSources), startDevice(relays)])
    await stopDevice(bob0)
    const bytes = new Uint8Array(randomBytes(300 * 1024))
    const sent = await alice.client.sendFile(
      bob0.client.accountId,
      bytesSource(bytes),
      { name: 'big.bin' },
      { mailboxMaxBytes: 100 * 1024 },
    )
    expect(await sent.mailbox).toEqual({ state: 'too-large' })
    expect(alice.client.fileOffers().find((o) => o.fileId === sent.fileId)?.mailbox).toBe('too-large')
    // only the offer is in the mailboxes, not 300 KiB of file
    for (const relay of relays) expect(relay.service.stats().bytes).toBeLessThan(64 * 1024)
    const bob = await restart(bob0, relays)
    const sink = memorySink()
    await bob.client.receiveFile(await offerAt(bob, sent.id), sink)
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
  }, 120_000)

  it('reports QUOTA_EXCEEDED when the relays refuse the file, and the file waits for the recipient', async () => {
    const relays = await startRelays(2, { limits: { maxMailboxBytes: 400 * 1024 } })
    const [alice, bob0] = await Promise.all([startDevice(relays, withSources), startDevice(relays)])
    await stopDevice(bob0)
    const bytes = new Uint8Array(randomBytes(MiB))
    const sent = await alice.client.sendFile(bob0.client.accountId, bytesSource(bytes), { name: 'full.bin' })
    expect(await sent.mailbox).toEqual({ state: 'failed', error: 'QUOTA_EXCEEDED' })
    // refused up front for the whole file: no piece of it takes room in the mailboxes (the offer message does)
    for (const relay of relays) expect(relay.service.stats().bytes).toBeLessThan(limits.FILE_MAIL_PIECE_BYTES)
    const view = alice.client.fileOffers().find((o) => o.fileId === sent.fileId)
    expect(view).toMatchObject({ mailbox: 'failed', mailboxError: 'QUOTA_EXCEEDED' })
    // still offered: the recipient, once online, takes the pieces it got and pulls the rest from the sender
    const bob = await restart(bob0, relays)
    const sink = memorySink()
    await bob.client.receiveFile(await offerAt(bob, sent.id), sink)
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
  }, 120_000)

  it('rejects a tampered chunk from the mailbox and fetches it from the sender; duplicates do no harm', async () => {
    const relays = await startRelays(2)
    const [alice, bob0] = await Promise.all([startDevice(relays, withSources), startDevice(relays)])
    await stopDevice(bob0)
    const bytes = new Uint8Array(randomBytes(MiB))
    files.set('/a/tamper', bytes)
    const sent = await alice.client.sendFile(
      bob0.client.accountId,
      bytesSource(bytes),
      { name: 'tamper.bin' },
      { mailboxMaxBytes: 0, locator: '/a/tamper' },
    )
    expect(sent.mailbox).toBeDefined()
    expect(await sent.mailbox).toEqual({ state: 'too-large' })
    // someone who holds the manifest deposits the chunks, chunk 1 changed, and every chunk twice
    const { manifest } = sent
    const chunks = chunkCount(manifest)
    const encrypted = (i: number): Uint8Array =>
      encryptChunk(manifest.key, i, bytes.subarray(i * manifest.chunkSize, i * manifest.chunkSize + chunkLength(manifest, i)))
    const chunkList = new Uint8Array(chunks * 32)
    for (let i = 0; i < chunks; i++) chunkList.set(sha256(encrypted(i)), i * 32)
    const bobPeer = sent.devices[0]?.peerId ?? ''
    const key = peerIdFromString(bobPeer).publicKey?.raw ?? new Uint8Array()
    const device = {
      devicePublicKey: key,
      relays: relaysOf(relays.flatMap((r) => r.node.getMultiaddrs().map((a) => `${a.toString()}/p2p-circuit`))),
    }
    const deposit = async (tamper: boolean): Promise<void> => {
      await depositFileMail({
        client: new MailboxClient({ node: alice.node }),
        devices: [device],
        fileId: hexToBytes(sent.fileId),
        chunkList,
        chunks,
        encryptedLength: (i) => chunkLength(manifest, i) + CHUNK_TAG_LENGTH,
        encryptedChunk: async (i) => {
          const c = encrypted(i)
          if (tamper && i === 1) c[100] = (c[100] ?? 0) ^ 1
          return Promise.resolve(c)
        },
        expiresAt: Date.now() + 60_000,
        now: Date.now,
        minRelays: messagingConstants.MIN_MAILBOX_ACKS,
      })
    }
    await deposit(false)
    await deposit(true) // the later copy of chunk 1 is the bad one
    await stopDevice(alice)
    const bob = await restart(bob0, relays)
    const offer = await offerAt(bob, sent.id)
    // the sender is away: chunk 0 comes from the mailbox, chunk 1 fails verification and is not written
    const progress: number[] = []
    const first = memorySink()
    await expect(bob.client.receiveFile(offer, first, { onProgress: (b) => progress.push(b) })).rejects.toMatchObject({
      code: 'FILE_UNAVAILABLE',
    })
    expect(Math.max(...progress)).toBe(manifest.chunkSize)
    // the sender is back (its stored offer served again): the bad chunk comes from it, the file verifies
    await restart(alice, relays, true)
    const sink = memorySink()
    await bob.client.receiveFile(offer, sink)
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
  }, 120_000)
})

describe('file mail sizes', () => {
  it('bounds every sealed piece by its data plus FILE_MAIL_ENVELOPE_OVERHEAD, and counts pieces as cutIntoPieces cuts them', () => {
    const device = DeviceKeys.fromSecrets({ mnemonic: generateMnemonic().phrase, passphrase: '', deviceIndex: 0, createdAt: Date.now() })
    const fileId = new Uint8Array(randomBytes(32))
    const lengths = [1, 32 * 100, limits.FILE_MAIL_PIECE_BYTES, limits.FILE_MAIL_PIECE_BYTES + 1, 256 * 1024 + CHUNK_TAG_LENGTH]
    let sealedBytes = 0
    let envelopes = 0
    for (const [i, length] of lengths.entries()) {
      // the largest field values a piece can carry, so varints take their longest form
      for (const piece of cutIntoPieces(fileId, 'chunk', 2 ** 31 - 1 - i, new Uint8Array(randomBytes(length)))) {
        const sealed = sealEnvelope(device.device.publicKey, encodeFileMail(piece))
        expect(sealed.length).toBeLessThanOrEqual(piece.data.length + FILE_MAIL_ENVELOPE_OVERHEAD)
        sealedBytes += sealed.length
        envelopes++
      }
    }
    const size = fileMailSize(lengths)
    expect(size.count).toBe(envelopes)
    expect(size.bytes).toBeGreaterThanOrEqual(sealedBytes)
  })
})
