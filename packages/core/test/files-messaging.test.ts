/** Files between two clients: the manifest goes as a message over the encrypted session, the bytes on '/xchat/files/1.0.0'. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { bytesSource, memorySink, parseManifest, encodeContent, parseContent } from '../src/index.js'
import { hexToBytes } from '@noble/hashes/utils.js'
import { startPair, stopMessaging, waitFor, type TestDevice } from './messaging-fixture.js'

describe('files: offer over messaging, pull over the files protocol', () => {
  let alice: TestDevice
  let bob: TestDevice

  beforeAll(async () => ({ alice, bob } = await startPair()), 60_000)
  afterAll(stopMessaging)

  it('sends a file message whose manifest lets the recipient fetch the verified bytes', async () => {
    const bytes = new Uint8Array(randomBytes(700 * 1024 + 5))
    const sent = await alice.client.sendFile(bob.client.accountId, bytesSource(bytes), { name: 'report.pdf', mime: 'application/pdf' })
    expect(sent.delivered).toBe('direct')
    await waitFor(bob, 'message:received', () => bob.received.some((m) => m.id === sent.id))
    const message = bob.received.find((m) => m.id === sent.id)
    expect(message).toMatchObject({ direction: 'in', text: '', seq: 1, conversation: alice.client.accountId })
    const manifest = parseManifest(hexToBytes(message?.file?.manifest ?? '')).manifest
    expect(manifest).toMatchObject({ name: 'report.pdf', mime: 'application/pdf', size: bytes.length })

    const sink = memorySink()
    const progress: number[] = []
    if (message === undefined) throw new Error('no message')
    await bob.client.receiveFile(message, sink, { onProgress: (b) => progress.push(b) })
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
    expect(progress.at(-1)).toBe(bytes.length)

    // the sender's history holds the file message too; texts keep their order after it
    const history = await alice.client.history(bob.client.accountId)
    expect(history.map((m) => [m.seq, m.file !== undefined])).toEqual([[1, true]])
    await alice.client.send(bob.client.accountId, 'did you get it?')
    await waitFor(bob, 'message:received', () => bob.received.some((m) => m.text === 'did you get it?'))
    expect(bob.received.find((m) => m.text === 'did you get it?')?.seq).toBe(2)
    sent.withdraw()
  })

  it('round-trips a file offer in content and refuses one without a manifest or with a seq of 0', () => {
    const base = {
      id: new Uint8Array(16),
      conversation: hexToBytes('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
      sentAt: 1,
      seq: 3,
    }
    const manifest = Uint8Array.from([1, 2, 3])
    expect(parseContent(encodeContent({ ...base, body: { kind: 'file', manifest } })).body).toEqual({ kind: 'file', manifest })
    expect(() => encodeContent({ ...base, body: { kind: 'file', manifest: new Uint8Array(0) } })).toThrow()
    expect(() => parseContent(encodeContent({ ...base, seq: 0, body: { kind: 'file', manifest } }))).toThrow()
  })
})
