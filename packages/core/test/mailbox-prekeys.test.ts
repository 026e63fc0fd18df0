import { afterEach, describe, expect, it } from 'vitest'
import { generateOneTimePrekeys, type OneTimePrekey } from '../src/index.js'
import { generateKeyPair } from '../src/crypto/index.js'
import { createKeyProof, prekeyProofItem, proofBody } from '../src/mailbox/proof.js'
import { MailboxRequestPb, MailboxStatusPb } from '../src/wire/index.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { cleanupMailbox, rawExchange, rawStream, startMailboxPeer, startMailboxRelay, testClock } from './mailbox-fixture.js'
import { stopAll } from './net-fixture.js'

afterEach(async () => {
  await cleanupMailbox()
  await stopAll()
})

function publicParts(count: number, startId = 1): OneTimePrekey[] {
  return generateOneTimePrekeys(count, startId).map((p) => p.toPublic())
}

describe('mailbox: one-time prekeys', () => {
  it('hands each prekey out once, to concurrent takers, then answers that none is left', async () => {
    const relay = await startMailboxRelay()
    const owner = await startMailboxPeer()
    const takers = await Promise.all([startMailboxPeer(), startMailboxPeer(), startMailboxPeer()])
    const uploaded = publicParts(5)
    expect(await owner.client.uploadPrekeys(relay.node.getMultiaddrs(), uploaded)).toBe(5)
    expect(relay.service.stats().prekeys).toBe(5)

    const taken = await Promise.all(
      takers.flatMap((t) => [0, 1].map(async () => t.client.takePrekey(relay.node.getMultiaddrs(), owner.keys.device.publicKey))),
    )
    const got = taken.filter((p): p is OneTimePrekey => p !== undefined)
    expect(got).toHaveLength(5)
    expect(taken.filter((p) => p === undefined)).toHaveLength(1) // the last-resort answer
    expect(new Set(got.map((p) => p.id)).size).toBe(5)
    for (const p of got) expect(p.publicKey).toEqual(uploaded.find((u) => u.id === p.id)?.publicKey)
    expect(await takers[0]?.client.takePrekey(relay.node.getMultiaddrs(), owner.keys.device.publicKey)).toBeUndefined()
    expect(relay.service.stats().prekeys).toBe(0)
    // an empty upload reports what is left
    expect(await owner.client.uploadPrekeys(relay.node.getMultiaddrs(), [])).toBe(0)
  })

  it('keeps prekeys per device and refuses an upload over the per-device quota', async () => {
    const relay = await startMailboxRelay({ limits: { maxPrekeysPerDevice: 4 } })
    const [a, b] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    expect(await a.client.uploadPrekeys(relay.node.getMultiaddrs(), publicParts(3))).toBe(3)
    expect(await a.client.uploadPrekeys(relay.node.getMultiaddrs(), publicParts(2, 3))).toBe(4) // id 3 replaced, id 4 added
    await expectXchatErrorAsync(a.client.uploadPrekeys(relay.node.getMultiaddrs(), publicParts(1, 10)), 'QUOTA_EXCEEDED')
    expect(await b.client.uploadPrekeys(relay.node.getMultiaddrs(), publicParts(4))).toBe(4)
    expect(relay.service.stats().prekeys).toBe(8)
  })

  it('refuses an upload for a device whose key the uploader does not hold', async () => {
    const relay = await startMailboxRelay()
    const [owner, stranger] = await Promise.all([startMailboxPeer(), startMailboxPeer()])
    const prekeys = publicParts(2)
    const proof = createKeyProof('prekeys', stranger.keys.device, relay.node.peerId, proofBody(prekeys.map(prekeyProofItem)), Date.now())
    const forged = MailboxRequestPb.encode({
      version: 1,
      uploadPrekeys: {
        prekeys: prekeys.map((p) => ({ id: p.id, publicKey: Uint8Array.from(p.publicKey) })),
        proof: { ...proof, deviceKey: Uint8Array.from(owner.keys.device.publicKey) },
      },
    })
    expect((await rawExchange(await rawStream(stranger.node, relay.node), forged))?.status).toBe(MailboxStatusPb.FORBIDDEN)
    // a proof for a fetch is no proof for an upload
    const fetchProof = createKeyProof('fetch', owner.keys.device, relay.node.peerId, proofBody(prekeys.map(prekeyProofItem)), Date.now())
    const crossed = MailboxRequestPb.encode({
      version: 1,
      uploadPrekeys: { prekeys: prekeys.map((p) => ({ id: p.id, publicKey: Uint8Array.from(p.publicKey) })), proof: fetchProof },
    })
    expect((await rawExchange(await rawStream(stranger.node, relay.node), crossed))?.status).toBe(MailboxStatusPb.FORBIDDEN)
    expect(await stranger.client.takePrekey(relay.node.getMultiaddrs(), owner.keys.device.publicKey)).toBeUndefined()
  })

  it('rate-limits takes per requesting peer', async () => {
    const clock = testClock()
    const relay = await startMailboxRelay({ now: clock.now, limits: { takeRate: { burst: 2, perMinute: 2 } } })
    const [owner, taker] = await Promise.all([startMailboxPeer({ now: clock.now }), startMailboxPeer({ now: clock.now })])
    await owner.client.uploadPrekeys(relay.node.getMultiaddrs(), publicParts(10))
    await taker.client.takePrekey(relay.node.getMultiaddrs(), owner.keys.device.publicKey)
    await taker.client.takePrekey(relay.node.getMultiaddrs(), owner.keys.device.publicKey)
    const err = await expectXchatErrorAsync(
      taker.client.takePrekey(relay.node.getMultiaddrs(), owner.keys.device.publicKey),
      'RATE_LIMITED',
    )
    expect(err.details.retryAfterMs).toBeGreaterThan(0)
    clock.advance(30_000)
    expect(await taker.client.takePrekey(relay.node.getMultiaddrs(), owner.keys.device.publicKey)).toBeDefined()
    expect(relay.service.stats().prekeys).toBe(7)
  })

  it('refuses to upload a prekey that is not a curve point', async () => {
    const relay = await startMailboxRelay()
    const owner = await startMailboxPeer()
    const bad = { id: 1, publicKey: generateKeyPair().publicKey.subarray(1) }
    await expectXchatErrorAsync(owner.client.uploadPrekeys(relay.node.getMultiaddrs(), [bad]), 'INVALID_KEY')
  })
})
