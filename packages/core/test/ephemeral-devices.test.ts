/**
 * A message's timer governs every device of both accounts (own copies too),
 * and a timed file: its expiry names the file, and the sender stops serving it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { bytesSource, memorySink, type MessageView } from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, startRelays, waitFor } from './messaging-fixture.js'
import { TestClock, expiredIds, onClock } from './ephemeral-fixture.js'

afterEach(async () => {
  await cleanupMessaging()
  await stopAll()
})

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('ephemeral: every device of both sides', () => {
  it('a timer change and a timed message reach our other device; reading on one device starts the clock on the other', async () => {
    const relays = await startRelays(2)
    const aliceKeys = deviceKeys()
    const bobKeys = deviceKeys()
    const clocks = [new TestClock(), new TestClock(), new TestClock(), new TestClock()] as const
    const [alice1, bob1] = await Promise.all([
      startDevice(relays, { keys: aliceKeys, wrap: onClock(clocks[0]) }),
      startDevice(relays, { keys: bobKeys, wrap: onClock(clocks[2]) }),
    ])
    // second devices publish after the first, so the account records list both
    const [alice2, bob2] = await Promise.all([
      startDevice(relays, { keys: deviceKeys(aliceKeys, 1), wrap: onClock(clocks[1]) }),
      startDevice(relays, { keys: deviceKeys(bobKeys, 1), wrap: onClock(clocks[3]) }),
    ])
    const bob = bob1.client.accountId
    const alice = alice1.client.accountId

    await alice1.client.setTimer(bob, HOUR)
    for (const d of [alice2, bob1, bob2]) await waitFor(d, 'message:received', () => d.received.length === 1)
    expect(await alice2.client.timer(bob)).toBe(HOUR)
    expect(await bob2.client.timer(alice)).toBe(HOUR)

    const sent = await alice1.client.send(bob, 'everywhere for an hour')
    for (const d of [alice2, bob1, bob2]) await waitFor(d, 'message:received', () => d.received.some((m) => m.id === sent.id))
    const copy = alice2.received.find((m) => m.id === sent.id)
    // the copy on our other device: its clock starts when it arrives there ("sent", for that device)
    expect(copy).toMatchObject({ direction: 'out', expireAfterMs: HOUR })
    expect(copy?.expiresAt).toBe((copy?.receivedAt ?? 0) + HOUR)

    // bob reads on his first device: the read receipt to his second device starts its clock too
    const readAtBob2: string[] = []
    bob2.client.events.addEventListener('receipt:received', (e) => e.detail.kind === 'read' && readAtBob2.push(...e.detail.ids))
    await bob1.client.markRead(alice)
    await waitFor(bob2, 'receipt:received', () => readAtBob2.includes(sent.id), 20_000, "bob1's read receipt at bob2")
    const atBob2 = (await bob2.client.history(alice)).find((m) => m.id === sent.id)
    expect(atBob2).toMatchObject({ status: 'read', expireAfterMs: HOUR })
    expect(atBob2?.expiresAt).toBeLessThanOrEqual(clocks[3].now() + HOUR)

    const expired = [alice1, alice2, bob1, bob2].map(expiredIds)
    for (const c of clocks) c.advance(HOUR + MINUTE)
    for (const d of [alice1, alice2, bob1, bob2]) {
      expect(await d.client.sweep()).toBe(1)
      expect((await d.client.history(d === alice1 || d === alice2 ? bob : alice)).map((m) => m.text)).toEqual([
        'set messages to disappear after 1 hour',
      ])
    }
    expect(expired).toEqual([[sent.id], [sent.id], [sent.id], [sent.id]])
  }, 90_000)
})

describe('ephemeral: files', () => {
  it('a timed, view-once file offer carries its timer; at expiry the event names the file and the sender stops serving it', async () => {
    const relays = await startRelays(2)
    const aliceClock = new TestClock()
    const [alice, bob] = await Promise.all([startDevice(relays, { wrap: onClock(aliceClock) }), startDevice(relays)])
    const files: (string | undefined)[] = []
    alice.client.events.addEventListener('message:expired', (e) => files.push(e.detail.file?.manifest))
    const bytes = new Uint8Array(randomBytes(64 * 1024))
    const sent = await alice.client.sendFile(
      bob.client.accountId,
      bytesSource(bytes),
      { name: 'a.bin', mime: 'x/y' },
      {
        expireAfterMs: MINUTE,
        viewOnce: true,
      },
    )
    await waitFor(bob, 'message:received', () => bob.received.length === 1)
    const offer = bob.received[0] as MessageView
    expect(offer).toMatchObject({ expireAfterMs: MINUTE, viewOnce: true })
    expect(offer.file?.manifest).toBeDefined()

    aliceClock.advance(MINUTE + 1000)
    expect(await alice.client.sweep()).toBe(1)
    expect(files).toEqual([offer.file?.manifest])
    await expect(bob.client.receiveFile(offer, memorySink())).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
    expect(sent.id).toBe(offer.id)
  }, 60_000)
})
