/**
 * MailboxClient over its narrow node interface, without sockets: streams are
 * in-memory pairs, the relay side is the real service (on a real level
 * database) or a scripted fake.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { lpStream, streamPair } from '@libp2p/utils'
import { generateKeyPair as libp2pKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import type { Connection, PeerId, Stream, StreamHandler } from '@libp2p/interface'
import {
  MAILBOX_EPOCH_MS,
  MailboxClient,
  epochOf,
  mailboxIdFor,
  mailboxService,
  openEnvelope,
  sealEnvelope,
  type MailboxNode,
  type MailboxService,
} from '../src/index.js'
import { generateKeyPair } from '../src/crypto/index.js'
import { MailboxResponsePb, MailboxStatusPb, type StoredEnvelopePb } from '../src/wire/index.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { cleanupMailbox, openDb, tempFolder } from './mailbox-fixture.js'

/** Services and databases to close after each test. */
const stops: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
  await cleanupMailbox()
})

async function newPeerId(): Promise<PeerId> {
  return peerIdFromPrivateKey(await libp2pKeyPair('Ed25519'))
}

/** A node whose every dial reaches `serve` through an in-memory stream pair. */
function fakeNode(
  relayId: PeerId,
  clientId: PeerId,
  serve: (stream: Stream, connection: Connection) => void,
  counter = { open: 0, max: 0 },
): MailboxNode {
  return {
    dial: async () =>
      Promise.resolve({
        remotePeer: relayId,
        newStream: async () => {
          const [local, remote] = await streamPair()
          counter.open++
          counter.max = Math.max(counter.max, counter.open)
          local.addEventListener('close', () => counter.open--)
          serve(remote, { remotePeer: clientId } as unknown as Connection)
          return local
        },
      }),
  }
}

/** The real service, registered on a fake registrar that keeps its handler. */
async function inMemoryRelay(relayId: PeerId): Promise<{ service: MailboxService; handler: StreamHandler }> {
  const db = await openDb(await tempFolder())
  let handler: StreamHandler | undefined
  const service = mailboxService({ db })({
    peerId: relayId,
    registrar: {
      handle: async (_protocol, h) => {
        handler = h
        return Promise.resolve()
      },
      unhandle: async () => Promise.resolve(),
    },
  })
  await service.start()
  if (handler === undefined) throw new Error('no handler registered')
  const h = handler
  stops.push(async () => {
    await service.stop()
    await db.close()
  })
  return { service, handler: h }
}

/** A relay that answers every request with `response`. */
function scripted(response: Uint8Array): (stream: Stream) => void {
  return (stream) => {
    const lp = lpStream(stream)
    void lp
      .read()
      .then(async () => lp.write(response))
      .then(async () => stream.close())
      .catch(() => undefined)
  }
}

describe('MailboxClient without sockets', () => {
  it('deposits, fetches and acks through any node that can dial and open streams', async () => {
    const relayId = await newPeerId()
    const { service, handler } = await inMemoryRelay(relayId)
    const device = generateKeyPair()
    const owner = { publicKey: device.publicKey, privateKey: () => device.privateKey }
    const client = new MailboxClient({ node: fakeNode(relayId, await newPeerId(), (s, c) => void handler(s, c)), owner })
    const box = mailboxIdFor(device.publicKey, epochOf(Date.now()))
    const receipt = await client.deposit(
      relayId,
      box,
      sealEnvelope(device.publicKey, utf8ToBytes('in memory')),
      Date.now() + MAILBOX_EPOCH_MS,
    )
    expect(receipt.relay).toBe(relayId.toString())
    const [mail] = await client.fetch(relayId)
    expect(mail && new TextDecoder().decode(openEnvelope(device.privateKey, mail.envelope))).toBe('in memory')
    expect(await client.ack(relayId, [receipt.id])).toBe(1)
    expect(service.stats().envelopes).toBe(0)
    // a raw private key works as the owner too
    expect(await client.fetch(relayId, device.privateKey)).toEqual([])
  })

  it('opens at most 4 streams to one relay at a time', async () => {
    const relayId = await newPeerId()
    const { handler } = await inMemoryRelay(relayId)
    const counter = { open: 0, max: 0 }
    const client = new MailboxClient({ node: fakeNode(relayId, await newPeerId(), (s, c) => void handler(s, c), counter) })
    const device = generateKeyPair()
    const box = mailboxIdFor(device.publicKey, epochOf(Date.now()))
    await Promise.all(
      Array.from({ length: 12 }, async () => client.deposit(relayId, box, new Uint8Array(10), Date.now() + MAILBOX_EPOCH_MS)),
    )
    expect(counter.max).toBeLessThanOrEqual(4)
  })

  it('reports a relay that cannot be dialled as UNREACHABLE', async () => {
    const client = new MailboxClient({
      node: {
        dial: async () => Promise.reject(new Error('connection refused')),
      },
    })
    const device = generateKeyPair()
    await expectXchatErrorAsync(client.takePrekey(await newPeerId(), device.publicKey), 'UNREACHABLE')
  })

  it('drops mail from mailboxes it did not ask for, and refuses answers it cannot read', async () => {
    const relayId = await newPeerId()
    const device = generateKeyPair()
    const box = mailboxIdFor(device.publicKey, epochOf(Date.now()))
    const foreign = mailboxIdFor(generateKeyPair().publicKey, epochOf(Date.now()))
    const envelope = (mailboxId: Uint8Array): StoredEnvelopePb => ({
      id: Uint8Array.from([...mailboxId, ...new Uint8Array(16)]),
      mailboxId: Uint8Array.from(mailboxId),
      envelope: new Uint8Array([1]),
      receivedAt: 1n,
      expiresAt: 2n,
    })
    const answer = MailboxResponsePb.encode({
      version: 1,
      status: MailboxStatusPb.OK,
      fetch: { envelopes: [envelope(box), envelope(foreign)], more: false },
    })
    const client = new MailboxClient({ node: fakeNode(relayId, await newPeerId(), scripted(answer)), owner: device.privateKey })
    const mail = await client.fetch(relayId)
    expect(mail.map((m) => m.mailboxId)).toEqual([box])

    const newer = new MailboxClient({
      node: fakeNode(relayId, await newPeerId(), scripted(MailboxResponsePb.encode({ version: 2, status: MailboxStatusPb.OK }))),
      owner: device.privateKey,
    })
    await expectXchatErrorAsync(newer.fetch(relayId), 'VERSION_TOO_NEW')
    const garbage = new MailboxClient({
      node: fakeNode(relayId, await newPeerId(), scripted(new Uint8Array([0xff, 0xff, 0xff]))),
      owner: device.privateKey,
    })
    await expectXchatErrorAsync(garbage.fetch(relayId), 'MALFORMED')
    const empty = new MailboxClient({
      node: fakeNode(relayId, await newPeerId(), scripted(MailboxResponsePb.encode({ version: 1, status: MailboxStatusPb.OK }))),
    })
    await expectXchatErrorAsync(empty.deposit(relayId, box, new Uint8Array(1), Date.now() + 1000), 'MALFORMED')
  })

  it('checks its arguments before any network', async () => {
    const client = new MailboxClient({ node: { dial: async () => Promise.reject(new Error('no network')) } })
    await expect(
      client.deposit('12D3KooWGC6TvWhfapngX6wvJHMYvKpDMXPb3ZnCZ6dMoaMtimQ5', new Uint8Array(31), new Uint8Array(1), Date.now()),
    ).rejects.toThrow(RangeError)
    await expect(client.fetch('12D3KooWGC6TvWhfapngX6wvJHMYvKpDMXPb3ZnCZ6dMoaMtimQ5')).rejects.toThrow(TypeError) // no owner anywhere
    await expect(client.depositMany([], new Uint8Array(32), new Uint8Array(1), Date.now())).rejects.toThrow(RangeError)
    expect(() => new MailboxClient({ node: client as unknown as MailboxNode, timeoutMs: 0 })).toThrow(RangeError)
  })
})
