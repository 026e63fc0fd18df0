import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { MAILBOX_EPOCH_MS, epochOf, mailboxIdFor, openEnvelope, sealEnvelope } from '../src/index.js'
import { MailboxRequestPb, MailboxStatusPb, limits } from '../src/wire/index.js'
import {
  cleanupMailbox,
  rawExchange,
  rawStream,
  startMailboxPeer,
  startMailboxRelay,
  type MailboxPeer,
  type MailboxRelay,
} from './mailbox-fixture.js'
import { stopAll, waitUntil } from './net-fixture.js'

/** An unsigned LEB128 varint, the length prefix of every frame. */
function varintOf(n: number): Uint8Array {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80)
    n = Math.floor(n / 0x80)
  }
  out.push(n)
  return Uint8Array.from(out)
}

describe('mailbox: hostile input', () => {
  let relay: MailboxRelay
  let attacker: MailboxPeer
  let sender: MailboxPeer
  let owner: MailboxPeer

  beforeAll(async () => {
    // generous rates: this suite sends many requests from one peer on purpose
    relay = await startMailboxRelay({
      limits: {
        requestTimeoutMs: 1000,
        depositRate: { burst: 1000, perMinute: 1000 },
        ownerRate: { burst: 1000, perMinute: 1000 },
        takeRate: { burst: 1000, perMinute: 1000 },
      },
    })
    ;[attacker, sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer(), startMailboxPeer()])
  })

  afterAll(async () => {
    await cleanupMailbox()
    await stopAll()
  })

  /** A genuine round trip still works. */
  async function stillServes(): Promise<void> {
    const box = mailboxIdFor(owner.keys.device.publicKey, epochOf(Date.now()))
    const receipt = await sender.client.deposit(
      relay.node.getMultiaddrs(),
      box,
      sealEnvelope(owner.keys.device.publicKey, utf8ToBytes('still here')),
      Date.now() + MAILBOX_EPOCH_MS,
    )
    const mail = await owner.client.fetch(relay.node.getMultiaddrs())
    expect(mail.map((m) => new TextDecoder().decode(openEnvelope(owner.keys.device.privateKey(), m.envelope)))).toContain('still here')
    expect(await owner.client.ack(relay.node.getMultiaddrs(), [receipt.id])).toBe(1)
  }

  it('refuses a length prefix over the limit as soon as it is read, without waiting for the body', async () => {
    const before = relay.service.stats().refused
    // claims 1 GiB but sends 5 bytes: an answer can only come from the prefix alone
    const prefix = varintOf(1024 * 1024 * 1024)
    const response = await rawExchange(await rawStream(attacker.node, relay.node), Uint8Array.from([...prefix, 1, 2, 3, 4, 5]), false)
    expect(response?.status).toBe(MailboxStatusPb.TOO_LARGE)
    // one byte over the frame limit is refused the same way
    const justOver = await rawExchange(await rawStream(attacker.node, relay.node), varintOf(limits.MAX_MAILBOX_REQUEST_BYTES + 1), false)
    expect(justOver?.status).toBe(MailboxStatusPb.TOO_LARGE)
    // a varint longer than any allowed length
    const longVarint = await rawExchange(
      await rawStream(attacker.node, relay.node),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
      false,
    )
    expect(longVarint?.status).toBe(MailboxStatusPb.TOO_LARGE)
    expect(relay.service.stats().refused).toBe(before + 3)
    await stillServes()
  })

  it('answers random bytes with a refusal or a closed stream, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const response = await rawExchange(await rawStream(attacker.node, relay.node), bytes)
        if (response !== undefined) expect(response.status).not.toBe(MailboxStatusPb.OK)
      }),
      { numRuns: 60 },
    )
    await stillServes()
  })

  it('refuses well-formed requests with bad fields', async () => {
    const send = async (request: Partial<MailboxRequestPb>): Promise<MailboxStatusPb | undefined> =>
      (await rawExchange(await rawStream(attacker.node, relay.node), MailboxRequestPb.encode({ version: 1, ...request })))?.status
    expect(await send({})).toBe(MailboxStatusPb.BAD_REQUEST) // no operation
    expect(await send({ version: 2, takePrekey: { deviceKey: Uint8Array.from(owner.keys.device.publicKey) } })).toBe(
      MailboxStatusPb.UNSUPPORTED_VERSION,
    )
    expect(
      await send({
        takePrekey: { deviceKey: Uint8Array.from(owner.keys.device.publicKey) },
        deposit: { mailboxId: new Uint8Array(32), envelope: new Uint8Array(1), expiresAt: 1n, batchCount: 0, batchBytes: 0n },
      }),
    ).toBe(MailboxStatusPb.BAD_REQUEST) // two operations
    expect(
      await send({
        deposit: {
          mailboxId: new Uint8Array(31),
          envelope: new Uint8Array(1),
          expiresAt: BigInt(Date.now() + 1000),
          batchCount: 0,
          batchBytes: 0n,
        },
      }),
    ).toBe(MailboxStatusPb.BAD_REQUEST)
    // a batch that cannot fit (hostile sizes: compared, never allocated) is refused, and nothing is stored
    const before = relay.service.stats().envelopes
    expect(
      await send({
        deposit: {
          mailboxId: new Uint8Array(32),
          envelope: new Uint8Array(1),
          expiresAt: BigInt(Date.now() + 60_000),
          batchCount: 2 ** 32 - 1,
          batchBytes: 2n ** 64n - 1n,
        },
      }),
    ).toBe(MailboxStatusPb.QUOTA_EXCEEDED)
    expect(relay.service.stats().envelopes).toBe(before)
    expect(await send({ fetch: { mailboxIds: [new Uint8Array(32)] } })).toBe(MailboxStatusPb.BAD_REQUEST) // no proof
    expect(
      await send({
        fetch: {
          mailboxIds: [new Uint8Array(32)],
          proof: {
            deviceKey: Uint8Array.from(owner.keys.device.publicKey),
            timestamp: BigInt(Date.now()),
            nonce: new Uint8Array(16),
            signature: new Uint8Array(64),
          },
        },
      }),
    ).toBe(MailboxStatusPb.FORBIDDEN)
    expect(await send({ fetch: { mailboxIds: Array.from({ length: limits.MAX_FETCH_MAILBOX_IDS + 1 }, () => new Uint8Array(32)) } })).toBe(
      MailboxStatusPb.TOO_LARGE,
    )
    expect(await send({ takePrekey: { deviceKey: new Uint8Array(33) } })).toBe(MailboxStatusPb.BAD_REQUEST)
    await stillServes()
  })

  it('cuts off a peer that opens a stream and sends nothing', async () => {
    const stream = await rawStream(attacker.node, relay.node)
    await waitUntil(stream, 'close', () => stream.status !== 'open', 5000, 'the relay to close an idle stream')
    await stillServes()
  })
})
