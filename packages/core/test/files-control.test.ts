/**
 * The two sides of a file transfer talk over the session: the receiver says
 * `complete` (the sender stops serving), either side cancels; offers survive
 * a sender restart and are served only to the recipient account's devices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import {
  bytesSource,
  encodeContent,
  memorySink,
  parseContent,
  type CreateClientInit,
  type FileControlDetail,
  type FileSink,
  type MessageView,
  type XchatClient,
} from '../src/index.js'
import { hexToBytes } from '@noble/hashes/utils.js'
import { startDevice, startRelays, stopDevice, stopMessaging, waitFor, type TestDevice, type TestRelay } from './messaging-fixture.js'
import { expectXchatErrorAsync } from './expect-error.js'

function collect(client: XchatClient, event: 'file:complete' | 'file:cancelled'): FileControlDetail[] {
  const out: FileControlDetail[] = []
  client.events.addEventListener(event, (e) => out.push(e.detail))
  return out
}

async function offerTo(bob: TestDevice, id: string): Promise<MessageView> {
  await waitFor(bob, 'message:received', () => bob.received.some((m) => m.id === id))
  const message = bob.received.find((m) => m.id === id)
  if (message === undefined) throw new Error('no offer')
  return message
}

describe('files: complete and cancel signals, stored offers', () => {
  let relays: TestRelay[]
  let alice: TestDevice
  let bob: TestDevice
  let carol: TestDevice
  const files = new Map<string, Uint8Array>()
  const openSource = (locator: string): Promise<ReturnType<typeof bytesSource>> => {
    const bytes = files.get(locator)
    return bytes === undefined ? Promise.reject(new Error('gone')) : Promise.resolve(bytesSource(bytes))
  }
  const withSources = { wrap: (init: CreateClientInit): CreateClientInit => ({ ...init, openSource }) }

  beforeAll(async () => {
    relays = await startRelays(2)
    ;[alice, bob, carol] = await Promise.all([startDevice(relays, withSources), startDevice(relays), startDevice(relays)])
  }, 60_000)
  afterAll(stopMessaging)

  it('tells the sender when the recipient holds the whole file, and the offer ends', async () => {
    const completes = collect(alice.client, 'file:complete')
    const bytes = new Uint8Array(randomBytes(300 * 1024))
    const sent = await alice.client.sendFile(bob.client.accountId, bytesSource(bytes), { name: 'a.bin' })
    expect(alice.client.fileOffers().map((o) => o.fileId)).toContain(sent.fileId)
    const sink = memorySink()
    await bob.client.receiveFile(await offerTo(bob, sent.id), sink)
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
    await waitFor(alice, 'file:complete', () => completes.some((c) => c.fileId === sent.fileId))
    expect(completes[0]).toMatchObject({ fileId: sent.fileId, conversation: bob.client.accountId, device: bob.client.peerId })
    expect(alice.client.fileOffers().map((o) => o.fileId)).not.toContain(sent.fileId)
  })

  it('stops the download and aborts the sink when the sender cancels', async () => {
    const cancelledAtBob = collect(bob.client, 'file:cancelled')
    const bytes = new Uint8Array(randomBytes(4 * 1024 * 1024))
    const sent = await alice.client.sendFile(bob.client.accountId, bytesSource(bytes), { name: 'b.bin' })
    const inner = memorySink()
    let writes = 0
    // the second chunk waits until the sender's cancel has arrived, so the race is decided
    const sink: FileSink & { readonly state: string } = {
      ...inner,
      get state() {
        return inner.state
      },
      async write(offset, chunk) {
        if (++writes === 2) {
          void alice.client.cancelFile(sent.fileId)
          await waitFor(bob, 'file:cancelled', () => cancelledAtBob.some((c) => c.fileId === sent.fileId))
        }
        await inner.write(offset, chunk)
      },
    }
    await expectXchatErrorAsync(bob.client.receiveFile(await offerTo(bob, sent.id), sink), 'TRANSFER_CANCELLED')
    expect(sink.state).toBe('aborted')
    expect(alice.client.fileOffers().map((o) => o.fileId)).not.toContain(sent.fileId)
  })

  it('tells the sender when the recipient cancels, and the offer ends', async () => {
    const cancelled = collect(alice.client, 'file:cancelled')
    const bytes = new Uint8Array(randomBytes(4 * 1024 * 1024))
    const sent = await alice.client.sendFile(bob.client.accountId, bytesSource(bytes), { name: 'c.bin' })
    const controller = new AbortController()
    const sink = memorySink()
    const run = bob.client.receiveFile(await offerTo(bob, sent.id), sink, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    })
    await expectXchatErrorAsync(run, 'TRANSFER_CANCELLED')
    await waitFor(alice, 'file:cancelled', () => cancelled.some((c) => c.fileId === sent.fileId))
    expect(alice.client.fileOffers().map((o) => o.fileId)).not.toContain(sent.fileId)
  })

  it('serves a stored offer after the sender restarts, found through the directory', async () => {
    const bytes = new Uint8Array(randomBytes(600 * 1024 + 3))
    files.set('/files/d.bin', bytes)
    const sent = await alice.client.sendFile(bob.client.accountId, bytesSource(bytes), { name: 'd.bin' }, { locator: '/files/d.bin' })
    const message = await offerTo(bob, sent.id)
    const { keys, path } = alice
    await stopDevice(alice)
    alice = await startDevice(relays, { ...withSources, keys, path })
    expect(alice.client.fileOffers()).toMatchObject([{ fileId: sent.fileId, name: 'd.bin', size: bytes.length, locator: '/files/d.bin' }])
    const sink = memorySink()
    await bob.client.receiveFile(message, sink)
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
  })

  it('refuses the file to a device of another account that holds the manifest', async () => {
    const bytes = new Uint8Array(randomBytes(100 * 1024))
    files.set('/files/e.bin', bytes)
    const sent = await alice.client.sendFile(bob.client.accountId, bytesSource(bytes), { name: 'e.bin' }, { locator: '/files/e.bin' })
    const message = await offerTo(bob, sent.id)
    // Carol got the manifest somehow: she is not a device of Bob's account or Alice's
    await expectXchatErrorAsync(carol.client.receiveFile(message, memorySink()), 'FILE_UNAVAILABLE')
    const sink = memorySink()
    await bob.client.receiveFile(message, sink)
    expect(sink.state).toBe('finished')
  })

  it('round-trips a file control and refuses a malformed file id', () => {
    const base = {
      id: new Uint8Array(16),
      conversation: hexToBytes('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
      sentAt: 1,
      seq: 0,
    }
    const body = { kind: 'file-control', fileId: new Uint8Array(32).fill(7), control: 'complete' } as const
    expect(parseContent(encodeContent({ ...base, body })).body).toEqual(body)
    expect(() => encodeContent({ ...base, body: { ...body, fileId: new Uint8Array(31) } })).toThrow()
    expect(() => parseContent(encodeContent({ ...base, seq: 2, body }))).toThrow()
  })
})
