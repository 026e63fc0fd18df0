import { afterEach, describe, expect, it } from 'vitest'
import { utf8ToBytes, bytesToHex } from '@noble/hashes/utils.js'
import {
  MAILBOX_EPOCH_MS,
  MAX_MAIL_AGE_MS,
  epochOf,
  isXchatError,
  mailboxIdFor,
  mailboxIdsFor,
  mailboxService,
  openEnvelope,
  sealEnvelope,
} from '../src/index.js'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { createKeyProof, proofBody } from '../src/mailbox/proof.js'
import { MailboxRequestPb, MailboxStatusPb } from '../src/wire/index.js'
import { expectXchatErrorAsync } from './expect-error.js'
import {
  cleanupMailbox,
  openDb,
  rawExchange,
  rawStream,
  startMailboxPeer,
  startMailboxRelay,
  stopMailboxRelay,
  tempFolder,
  testClock,
  type MailboxPeer,
} from './mailbox-fixture.js'
import { stopAll } from './net-fixture.js'

const DAY = MAILBOX_EPOCH_MS

afterEach(async () => {
  await cleanupMailbox()
  await stopAll()
})

/** Today's mailbox of a peer's device. */
function mailboxOf(peer: MailboxPeer, now = Date.now()): Uint8Array {
  return mailboxIdFor(peer.keys.device.publicKey, epochOf(now))
}

function sealFor(peer: MailboxPeer, text: string): Uint8Array {
  return sealEnvelope(peer.keys.device.publicKey, utf8ToBytes(text))
}

describe('mailbox: deposit, fetch, ack', () => {
  it('deposits to two relays; the owner fetches, opens and acks the mail on each', async () => {
    const [a, b] = await Promise.all([startMailboxRelay(), startMailboxRelay()])
    const [sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    const sealed = sealFor(owner, 'hello while you were away')

    const result = await sender.client.depositMany(
      [a.node.getMultiaddrs(), b.node.getMultiaddrs()],
      mailboxOf(owner),
      sealed,
      Date.now() + DAY,
    )
    expect(result.acked.map((r) => r.relay).sort()).toEqual([a.node.peerId.toString(), b.node.peerId.toString()].sort())
    // acked means stored: the figures already count it
    for (const relay of [a, b]) expect(relay.service.stats()).toMatchObject({ mailboxes: 1, envelopes: 1, bytes: sealed.length })

    for (const relay of [a, b]) {
      const mail = await owner.client.fetch(relay.node.getMultiaddrs())
      expect(mail).toHaveLength(1)
      const [m] = mail
      if (m === undefined) throw new Error('no mail')
      expect(new TextDecoder().decode(openEnvelope(owner.keys.device.privateKey(), m.envelope))).toBe('hello while you were away')
      expect(m.mailboxId).toEqual(mailboxOf(owner))
      expect(Math.abs(m.receivedAt - Date.now())).toBeLessThan(60_000)
      expect(await owner.client.ack(relay.node.getMultiaddrs(), [m.id])).toBe(1)
      expect(await owner.client.fetch(relay.node.getMultiaddrs())).toEqual([])
      expect(relay.service.stats()).toMatchObject({ mailboxes: 0, envelopes: 0, bytes: 0 })
    }
  })

  it('succeeds with 2 of 3 relays when one is down, and fails with DEPOSIT_FAILED when fewer than minAcks can ack', async () => {
    const [a, b, gone] = await Promise.all([startMailboxRelay(), startMailboxRelay(), startMailboxRelay()])
    const goneAddrs = gone.node.getMultiaddrs()
    await stopMailboxRelay(gone)
    const [sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    const sealed = sealFor(owner, 'x')

    const ok = await sender.client.depositMany(
      [goneAddrs, a.node.getMultiaddrs(), b.node.getMultiaddrs()],
      mailboxOf(owner),
      sealed,
      Date.now() + DAY,
    )
    expect(ok.acked).toHaveLength(2)

    const err = await expectXchatErrorAsync(
      sender.client.depositMany([goneAddrs, a.node.getMultiaddrs()], mailboxOf(owner), sealed, Date.now() + DAY, { minAcks: 2 }),
      'DEPOSIT_FAILED',
    )
    expect(err.details).toMatchObject({ needed: 2 })
    // one relay given: one ack is enough
    expect((await sender.client.depositMany([a.node.getMultiaddrs()], mailboxOf(owner), sealed, Date.now() + DAY)).acked).toHaveLength(1)
  })

  it('hands mail over in batches and reports more', async () => {
    const relay = await startMailboxRelay()
    const [sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    const big = new Uint8Array(60 * 1024).fill(1) // 20 × 60 KiB > the 1 MiB batch
    for (let i = 0; i < 20; i++) await sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(owner), big, Date.now() + DAY)
    const first = await owner.client.fetchPage(relay.node.getMultiaddrs())
    expect(first.more).toBe(true)
    expect(first.mail.length).toBeLessThan(20)
    await owner.client.ack(
      relay.node.getMultiaddrs(),
      first.mail.map((m) => m.id),
    )
    const second = await owner.client.fetchPage(relay.node.getMultiaddrs())
    expect(second.more).toBe(false)
    expect(first.mail.length + second.mail.length).toBe(20)
  })

  it('keeps concurrent deposits apart and enforces the quota exactly under contention', async () => {
    const relay = await startMailboxRelay({ limits: { maxMailPerMailbox: 10 } })
    const owner = await startMailboxPeer()
    const senders = await Promise.all([startMailboxPeer(), startMailboxPeer(), startMailboxPeer()])
    const box = mailboxOf(owner)
    const outcomes = await Promise.allSettled(
      senders.flatMap((s, i) =>
        Array.from({ length: 8 }, async (_, j) =>
          s.client.deposit(relay.node.getMultiaddrs(), box, sealFor(owner, `${i}/${j}`), Date.now() + DAY),
        ),
      ),
    )
    const stored = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter((o) => o.status === 'rejected')
    expect(stored).toHaveLength(10)
    expect(refused.every((o) => isXchatError(o.reason, 'QUOTA_EXCEEDED'))).toBe(true)
    expect(relay.service.stats()).toMatchObject({ mailboxes: 1, envelopes: 10 })
    const mail = await owner.client.fetch(relay.node.getMultiaddrs())
    expect(new Set(mail.map((m) => bytesToHex(m.id))).size).toBe(10)
    const texts = mail.map((m) => new TextDecoder().decode(openEnvelope(owner.keys.device.privateKey(), m.envelope)))
    expect(new Set(texts).size).toBe(10)
  })
})

describe('mailbox: only the owner', () => {
  it('refuses a stranger who asks for another device’s mailboxes, and their ack', async () => {
    const relay = await startMailboxRelay()
    const [sender, owner, stranger] = await Promise.all([startMailboxPeer(), startMailboxPeer(), startMailboxPeer()])
    const receipt = await sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(owner), sealFor(owner, 'private'), Date.now() + DAY)

    const err = await expectXchatErrorAsync(
      stranger.client.fetch(relay.node.getMultiaddrs(), undefined, { mailboxIds: mailboxIdsFor(owner.keys.device.publicKey, Date.now()) }),
      'MAILBOX_REFUSED',
    )
    expect(err.details.status).toBe('FORBIDDEN')
    expect(await stranger.client.fetch(relay.node.getMultiaddrs())).toEqual([]) // its own mailboxes are empty
    const ackErr = await expectXchatErrorAsync(stranger.client.ack(relay.node.getMultiaddrs(), [receipt.id]), 'MAILBOX_REFUSED')
    expect(ackErr.details.status).toBe('FORBIDDEN')
    expect(await owner.client.fetch(relay.node.getMultiaddrs())).toHaveLength(1)
    expect(relay.service.stats().refused).toBe(2)
  })

  it('refuses a proof whose time is more than 5 minutes off the relay clock', async () => {
    const relay = await startMailboxRelay()
    const keysPeer = await startMailboxPeer()
    const ahead = await startMailboxPeer({ keys: keysPeer.keys, now: () => Date.now() + 6 * 60_000 })
    const behind = await startMailboxPeer({ keys: keysPeer.keys, now: () => Date.now() - 6 * 60_000 })
    for (const peer of [ahead, behind]) {
      const err = await expectXchatErrorAsync(peer.client.fetch(relay.node.getMultiaddrs()), 'MAILBOX_REFUSED')
      expect(err.details.status).toBe('STALE_PROOF')
    }
    // 4 minutes off is within the window
    const close = await startMailboxPeer({ keys: keysPeer.keys, now: () => Date.now() + 4 * 60_000 })
    expect(await close.client.fetch(relay.node.getMultiaddrs())).toEqual([])
  })

  it('refuses a replayed proof and a proof made for another relay', async () => {
    const [a, b] = await Promise.all([startMailboxRelay(), startMailboxRelay()])
    const [sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    await sender.client.deposit(a.node.getMultiaddrs(), mailboxOf(owner), sealFor(owner, 'once'), Date.now() + DAY)
    await sender.client.deposit(b.node.getMultiaddrs(), mailboxOf(owner), sealFor(owner, 'once'), Date.now() + DAY)

    const ids = [mailboxOf(owner)]
    const request = MailboxRequestPb.encode({
      version: 1,
      fetch: {
        mailboxIds: ids.map((id) => Uint8Array.from(id)),
        proof: createKeyProof('fetch', owner.keys.device, a.node.peerId, proofBody(ids), Date.now()),
      },
    })
    const first = await rawExchange(await rawStream(owner.node, a.node), request)
    expect(first?.status).toBe(MailboxStatusPb.OK)
    expect(first?.fetch?.envelopes).toHaveLength(1)
    const replay = await rawExchange(await rawStream(owner.node, a.node), request)
    expect(replay?.status).toBe(MailboxStatusPb.STALE_PROOF)
    expect(replay?.fetch).toBeUndefined()
    const elsewhere = await rawExchange(await rawStream(owner.node, b.node), request)
    expect(elsewhere?.status).toBe(MailboxStatusPb.FORBIDDEN)
    // a proof for other mailbox ids than the request names
    const swapped = MailboxRequestPb.encode({
      version: 1,
      fetch: {
        mailboxIds: [Uint8Array.from(mailboxOf(owner, Date.now() - DAY))],
        proof: createKeyProof('fetch', owner.keys.device, a.node.peerId, proofBody(ids), Date.now()),
      },
    })
    expect((await rawExchange(await rawStream(owner.node, a.node), swapped))?.status).toBe(MailboxStatusPb.FORBIDDEN)
  })
})

describe('mailbox: expiry', () => {
  it('drops mail at its expiry, caps expiries at 30 days and refuses mail already expired', async () => {
    const clock = testClock()
    const relay = await startMailboxRelay({ now: clock.now })
    const [sender, owner] = await Promise.all([startMailboxPeer({ now: clock.now }), startMailboxPeer({ now: clock.now })])
    const box = mailboxOf(owner, clock.now())

    await sender.client.deposit(relay.node.getMultiaddrs(), box, sealFor(owner, 'short'), clock.now() + 60 * 60_000)
    const long = await sender.client.deposit(relay.node.getMultiaddrs(), box, sealFor(owner, 'long'), clock.now() + 60 * DAY)
    expect(long.expiresAt).toBe(clock.now() + MAX_MAIL_AGE_MS)
    const expired = await expectXchatErrorAsync(
      sender.client.deposit(relay.node.getMultiaddrs(), box, sealFor(owner, 'late'), clock.now() - 1),
      'MAILBOX_REFUSED',
    )
    expect(expired.details.status).toBe('EXPIRED')

    clock.advance(2 * 60 * 60_000)
    const mail = await owner.client.fetch(relay.node.getMultiaddrs())
    expect(mail.map((m) => new TextDecoder().decode(openEnvelope(owner.keys.device.privateKey(), m.envelope)))).toEqual(['long'])
    expect(relay.service.stats().envelopes).toBe(2) // not swept yet, but never handed out
    expect(await relay.service.sweep()).toBe(1)
    expect(relay.service.stats()).toMatchObject({ envelopes: 1, mailboxes: 1 })
  })

  it('sweeps expired mail at start', async () => {
    const clock = testClock()
    const relay = await startMailboxRelay({ now: clock.now })
    const [sender, owner] = await Promise.all([startMailboxPeer({ now: clock.now }), startMailboxPeer({ now: clock.now })])
    await sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(owner, clock.now()), sealFor(owner, 'a'), clock.now() + DAY)
    await stopMailboxRelay(relay)
    clock.advance(2 * DAY)
    const again = await startMailboxRelay({ now: clock.now, path: relay.path, privateKey: relay.privateKey })
    expect(again.service.stats()).toMatchObject({ envelopes: 0, mailboxes: 0, bytes: 0 })
  })
})

describe('mailbox: quotas and rate limits', () => {
  it('refuses a deposit over the mailbox count or bytes quota with QUOTA_EXCEEDED', async () => {
    const relay = await startMailboxRelay({ limits: { maxMailPerMailbox: 3, maxMailboxBytes: 2000 } })
    const [sender, owner, other] = await Promise.all([startMailboxPeer(), startMailboxPeer(), startMailboxPeer()])
    const addrs = relay.node.getMultiaddrs()
    for (let i = 0; i < 3; i++) await sender.client.deposit(addrs, mailboxOf(owner), new Uint8Array(100), Date.now() + DAY)
    const err = await expectXchatErrorAsync(
      sender.client.deposit(addrs, mailboxOf(owner), new Uint8Array(100), Date.now() + DAY),
      'QUOTA_EXCEEDED',
    )
    expect(err.details.status).toBe('QUOTA_EXCEEDED')
    // bytes: 1500 fits, another 1500 does not
    await sender.client.deposit(addrs, mailboxOf(other), new Uint8Array(1500), Date.now() + DAY)
    await expectXchatErrorAsync(sender.client.deposit(addrs, mailboxOf(other), new Uint8Array(1500), Date.now() + DAY), 'QUOTA_EXCEEDED')
    expect(relay.service.stats()).toMatchObject({ envelopes: 4, refused: 2 })
  })

  it('refuses a deposit when the relay’s storage budget is used up', async () => {
    const relay = await startMailboxRelay({ limits: { maxTotalBytes: 1000 } })
    const [sender, a, b] = await Promise.all([startMailboxPeer(), startMailboxPeer(), startMailboxPeer()])
    await sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(a), new Uint8Array(800), Date.now() + DAY)
    await expectXchatErrorAsync(
      sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(b), new Uint8Array(800), Date.now() + DAY),
      'QUOTA_EXCEEDED',
    )
  })

  it('refuses an envelope over the relay’s size limit with TOO_LARGE', async () => {
    const relay = await startMailboxRelay({ limits: { maxEnvelopeBytes: 1024 } })
    const [sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    await expectXchatErrorAsync(
      sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(owner), new Uint8Array(1025), Date.now() + DAY),
      'TOO_LARGE',
    )
  })

  it('rate-limits deposits per peer with RATE_LIMITED and a retry time, then lets the peer in again', async () => {
    const clock = testClock()
    const relay = await startMailboxRelay({ now: clock.now, limits: { depositRate: { burst: 2, perMinute: 1 } } })
    const [sender, other, owner] = await Promise.all([
      startMailboxPeer({ now: clock.now }),
      startMailboxPeer({ now: clock.now }),
      startMailboxPeer(),
    ])
    const addrs = relay.node.getMultiaddrs()
    const deposit = async (peer: MailboxPeer): Promise<unknown> =>
      peer.client.deposit(addrs, mailboxOf(owner, clock.now()), new Uint8Array(10), clock.now() + DAY)
    await deposit(sender)
    await deposit(sender)
    const err = await expectXchatErrorAsync(deposit(sender), 'RATE_LIMITED')
    expect(err.details.retryAfterMs).toBeGreaterThan(0)
    expect(err.details.retryAfterMs).toBeLessThanOrEqual(60_000)
    await deposit(other) // another peer has its own bucket
    clock.advance(60_000)
    await deposit(sender)
  })
})

describe('mailbox: restart', () => {
  it('keeps mail and prekeys across a restart of the relay (same key, same database)', async () => {
    const relay = await startMailboxRelay()
    const [sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    await sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(owner), sealFor(owner, 'one'), Date.now() + DAY)
    await sender.client.deposit(relay.node.getMultiaddrs(), mailboxOf(owner), sealFor(owner, 'two'), Date.now() + DAY)
    await owner.client.uploadPrekeys(relay.node.getMultiaddrs(), [{ id: 7, publicKey: sender.keys.device.publicKey }])
    const before = relay.service.stats()

    await stopMailboxRelay(relay)
    const again = await startMailboxRelay({ path: relay.path, privateKey: relay.privateKey })
    expect(again.node.peerId.equals(relay.node.peerId)).toBe(true)
    expect(again.service.stats()).toEqual({ ...before, refused: 0 })

    const mail = await owner.client.fetch(again.node.getMultiaddrs())
    const texts = mail.map((m) => new TextDecoder().decode(openEnvelope(owner.keys.device.privateKey(), m.envelope)))
    expect(texts.sort()).toEqual(['one', 'two'])
    expect((await sender.client.takePrekey(again.node.getMultiaddrs(), owner.keys.device.publicKey))?.id).toBe(7)
  })
})

describe('mailbox: as a libp2p service', () => {
  it('starts and stops with the node that lists it in its services', async () => {
    const db = await openDb(await tempFolder())
    const node = await createLibp2p({
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { mailbox: mailboxService({ db }) },
    })
    try {
      const [sender, owner] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
      await sender.client.deposit(node.getMultiaddrs(), mailboxOf(owner), sealFor(owner, 'via service'), Date.now() + DAY)
      expect(node.services.mailbox.stats().envelopes).toBe(1)
      expect(await owner.client.fetch(node.getMultiaddrs())).toHaveLength(1)
    } finally {
      await node.stop()
      await db.close()
    }
  })
})
