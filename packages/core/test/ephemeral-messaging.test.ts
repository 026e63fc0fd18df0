/**
 * Disappearing messages between real clients on loopback, each on a clock the
 * test moves: expiry on both sides, the timer change message, view-once,
 * skewed sender clocks, restarts, tombstones and compaction.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_UNREAD_MS, SEEN_RETENTION_MS, TOMBSTONE_RETENTION_MS, pruneTombstones } from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, startDevice, startRelays, stopDevice, waitFor, type TestDevice } from './messaging-fixture.js'
import { TestClock, expiredIds, onClock, storeOf } from './ephemeral-fixture.js'

afterEach(async () => {
  await cleanupMessaging()
  await stopAll()
})

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Alice and Bob on two relays, each on its own clock. */
async function pair(options: { aliceRealDirectory?: boolean } = {}): Promise<{
  alice: TestDevice
  bob: TestDevice
  aliceClock: TestClock
  bobClock: TestClock
}> {
  const relays = await startRelays(2)
  const aliceClock = new TestClock()
  const bobClock = new TestClock()
  const [alice, bob] = await Promise.all([
    startDevice(relays, { wrap: onClock(aliceClock, options.aliceRealDirectory === true) }),
    startDevice(relays, { wrap: onClock(bobClock) }),
  ])
  return { alice, bob, aliceClock, bobClock }
}

async function texts(device: TestDevice, peer: TestDevice): Promise<string[]> {
  return (await device.client.history(peer.client.accountId)).map((m) => m.text)
}

describe('ephemeral: expiry on both sides', () => {
  it('deletes a timed message at the sender its timer after sending, and at the recipient its timer after reading', async () => {
    const { alice, bob, aliceClock, bobClock } = await pair()
    const aliceExpired = expiredIds(alice)
    const bobExpired = expiredIds(bob)
    const sentAt = aliceClock.now()
    const sent = await alice.client.send(bob.client.accountId, 'gone in a minute', { expireAfterMs: MINUTE })
    const [own] = await alice.client.history(bob.client.accountId)
    expect(own).toMatchObject({ id: sent.id, expireAfterMs: MINUTE })
    expect(own?.expiresAt).toBeGreaterThanOrEqual(sentAt + MINUTE)
    expect(own?.expiresAt).toBeLessThanOrEqual(aliceClock.now() + MINUTE)

    await waitFor(bob, 'message:received', () => bob.received.length === 1)
    const [theirs] = await bob.client.history(alice.client.accountId)
    // unread: the recipient's clock has not started; it is only bounded
    expect(theirs).toMatchObject({ id: sent.id, expireAfterMs: MINUTE, status: 'received' })
    expect(theirs?.expiresAt).toBeGreaterThanOrEqual((theirs?.receivedAt ?? 0) + MAX_UNREAD_MS)

    aliceClock.advance(MINUTE + 1000)
    bobClock.advance(MINUTE + 1000)
    expect(await texts(alice, bob)).toEqual([]) // hidden on read even before the sweep
    expect(await alice.client.sweep()).toBe(1)
    expect(aliceExpired).toEqual([sent.id])
    expect(await texts(bob, alice)).toEqual(['gone in a minute']) // not read yet: still there

    const readAt = bobClock.now()
    expect(await bob.client.markRead(alice.client.accountId)).toBe(1)
    const [read] = await bob.client.history(alice.client.accountId)
    expect(read?.expiresAt).toBeGreaterThanOrEqual(readAt + MINUTE)
    bobClock.advance(MINUTE - 15_000) // margins: the clocks also run in real time
    expect(await bob.client.sweep()).toBe(0)
    expect(await texts(bob, alice)).toEqual(['gone in a minute'])
    bobClock.advance(30_000)
    expect(await texts(bob, alice)).toEqual([])
    expect(await bob.client.sweep()).toBe(1)
    expect(bobExpired).toEqual([sent.id])

    // really deleted, not just hidden: no message, no id index, no queued envelope; a tombstone instead
    for (const device of [alice, bob]) {
      const store = await storeOf(device)
      expect(await store.messages.count()).toBe(0)
      expect(await store.messageIds.has(sent.id)).toBe(false)
      expect(await store.expiry.count()).toBe(0)
      expect(await store.tombstones.has(sent.id)).toBe(true)
    }
    expect((await bob.client.conversations())[0]?.unread).toBe(0)
  }, 60_000)

  it('compacts after deleting: the sealed bytes of an expired message are in no database file any more', async () => {
    const { alice, bob, aliceClock } = await pair()
    await alice.client.send(bob.client.accountId, 'leave no trace', { expireAfterMs: 5_000 })
    const sealed = await rawMessageValues(alice)
    expect(sealed).toHaveLength(1)
    expect(await filesContaining(alice.path, sealed[0] as Uint8Array)).not.toEqual([])
    aliceClock.advance(6_000)
    expect(await alice.client.sweep()).toBe(1)
    expect(await filesContaining(alice.path, sealed[0] as Uint8Array)).toEqual([])
  }, 60_000)
})

describe('ephemeral: the conversation timer', () => {
  it('is changed by a message both sides see as a system entry; later messages of both sides take it', async () => {
    const { alice, bob } = await pair()
    const changes: (number | null)[] = []
    bob.client.events.addEventListener('timer:changed', (e) => changes.push(e.detail.expireAfterMs))
    await alice.client.setTimer(bob.client.accountId, HOUR)
    expect(await alice.client.timer(bob.client.accountId)).toBe(HOUR)
    await waitFor(bob, 'message:received', () => bob.received.length === 1)
    expect(await bob.client.timer(alice.client.accountId)).toBe(HOUR)
    expect(changes).toEqual([HOUR])
    const entry = { text: 'set messages to disappear after 1 hour', system: { kind: 'timer', expireAfterMs: HOUR } }
    expect(await alice.client.history(bob.client.accountId)).toMatchObject([{ ...entry, direction: 'out' }])
    expect(await bob.client.history(alice.client.accountId)).toMatchObject([{ ...entry, direction: 'in' }])

    await alice.client.send(bob.client.accountId, 'from alice')
    await bob.client.send(alice.client.accountId, 'from bob')
    await bob.client.send(alice.client.accountId, 'bob, for 5 minutes', { expireAfterMs: 5 * MINUTE })
    await waitFor(alice, 'message:received', () => alice.received.length === 2)
    expect((await alice.client.history(bob.client.accountId)).slice(1).map((m) => [m.text, m.expireAfterMs])).toEqual([
      ['from alice', HOUR],
      ['from bob', HOUR],
      ['bob, for 5 minutes', 5 * MINUTE],
    ])

    await bob.client.setTimer(alice.client.accountId, null)
    await waitFor(alice, 'message:received', () => alice.received.length === 3)
    expect(await alice.client.timer(bob.client.accountId)).toBeNull()
    expect(alice.received[2]).toMatchObject({ text: 'turned off disappearing messages', system: { kind: 'timer', expireAfterMs: null } })
    await alice.client.send(bob.client.accountId, 'kept')
    expect((await alice.client.history(bob.client.accountId)).at(-1)?.expireAfterMs).toBeUndefined()
    await expect(alice.client.setTimer(bob.client.accountId, 4_000)).rejects.toThrow(RangeError)
    await expect(alice.client.send(bob.client.accountId, 'x', { expireAfterMs: 5 * 7 * DAY })).rejects.toThrow(RangeError)
  }, 60_000)
})

describe('ephemeral: view once', () => {
  it('is deleted on the recipient once read, and on the sender when the read receipt comes', async () => {
    const { alice, bob } = await pair()
    const aliceExpired = expiredIds(alice)
    const bobExpired = expiredIds(bob)
    const sent = await alice.client.send(bob.client.accountId, 'look once', { viewOnce: true })
    await waitFor(bob, 'message:received', () => bob.received.length === 1)
    expect(bob.received[0]).toMatchObject({ text: 'look once', viewOnce: true })
    expect(await bob.client.markRead(alice.client.accountId)).toBe(1)
    expect(bobExpired).toEqual([sent.id])
    expect(await texts(bob, alice)).toEqual([])
    await waitFor(alice, 'message:expired', () => aliceExpired.length === 1, 20_000, 'the sender deleting it')
    expect(aliceExpired).toEqual([sent.id])
    expect(await texts(alice, bob)).toEqual([])
  }, 60_000)
})

describe('ephemeral: clock skew', () => {
  it('a sender clock days ahead or behind neither deletes a message before it is read nor keeps it longer than its timer', async () => {
    const { alice, bob, aliceClock, bobClock } = await pair({ aliceRealDirectory: true })
    for (const skew of [3 * DAY, -3 * DAY]) {
      aliceClock.offset = skew
      const sent = await alice.client.send(bob.client.accountId, `skewed ${skew}`, { expireAfterMs: MINUTE })
      await waitFor(bob, 'message:received', () => bob.received.some((m) => m.id === sent.id))
      const got = bob.received.find((m) => m.id === sent.id)
      expect(Math.abs((got?.sentAt ?? 0) - (got?.receivedAt ?? 0))).toBeGreaterThan(2 * DAY) // it carries the absurd time
      // the sender's own copy runs on the sender's clock
      const own = (await alice.client.history(bob.client.accountId)).find((m) => m.id === sent.id)
      expect(own?.expiresAt).toBeLessThanOrEqual(aliceClock.now() + MINUTE)
      expect(own?.expiresAt).toBeGreaterThan(aliceClock.now())
      // unread for a day at bob: still there
      bobClock.advance(DAY)
      expect(await bob.client.sweep()).toBe(0)
      expect(await texts(bob, alice)).toContain(`skewed ${skew}`)
      await bob.client.markRead(alice.client.accountId)
      bobClock.advance(MINUTE - 15_000) // margins: the clocks also run in real time
      expect(await texts(bob, alice)).toContain(`skewed ${skew}`)
      bobClock.advance(30_000)
      expect(await bob.client.sweep()).toBe(1)
      expect(await texts(bob, alice)).not.toContain(`skewed ${skew}`)
    }
  }, 60_000)
})

describe('ephemeral: restarts', () => {
  it('keeps expiry across restarts of either side; what expired while off is gone before anything shows', async () => {
    const { alice, bob, aliceClock, bobClock } = await pair()
    const relays = await startRelays(0)
    const sent = await alice.client.send(bob.client.accountId, 'survives nothing', { expireAfterMs: 10 * MINUTE })
    await waitFor(bob, 'message:received', () => bob.received.length === 1)
    aliceClock.advance(5 * MINUTE)
    bobClock.advance(5 * MINUTE)
    await bob.client.markRead(alice.client.accountId) // bob's copy goes 10 minutes from now, alice's in 5
    await stopDevice(alice)
    await stopDevice(bob)
    aliceClock.advance(6 * MINUTE)
    bobClock.advance(6 * MINUTE)

    const on = [...relays, ...(await startRelays(2))]
    const aliceBack = await startDevice(on, { keys: alice.keys, path: alice.path, wrap: onClock(aliceClock), publish: false })
    expect(await texts(aliceBack, bob)).toEqual([])
    const aliceStore = await storeOf(aliceBack)
    expect(await aliceStore.messages.count()).toBe(0) // swept at start, not just hidden
    expect(await aliceStore.tombstones.has(sent.id)).toBe(true)

    const bobBack = await startDevice(on, { keys: bob.keys, path: bob.path, wrap: onClock(bobClock), publish: false })
    expect(await texts(bobBack, alice)).toEqual(['survives nothing'])
    const bobExpired = expiredIds(bobBack)
    bobClock.advance(5 * MINUTE)
    expect(await texts(bobBack, alice)).toEqual([])
    expect(await bobBack.client.sweep()).toBe(1)
    expect(bobExpired).toEqual([sent.id])
  }, 90_000)
})

describe('ephemeral: tombstones', () => {
  it('a copy of an expired message arriving again (a resend after the seen-id window) is never shown', async () => {
    const { alice, bob, bobClock } = await pair()
    const first = await alice.client.send(bob.client.accountId, 'once only', { expireAfterMs: HOUR })
    await waitFor(bob, 'message:received', () => bob.received.length === 1)
    await bob.client.markRead(alice.client.accountId)
    bobClock.advance(HOUR + 1000)
    expect(await bob.client.sweep()).toBe(1)

    // a month later bob no longer remembers the id as seen, but still as expired
    bobClock.advance(SEEN_RETENTION_MS)
    const store = await storeOf(bob)
    expect(await store.pruneSeen(bobClock.now())).toBeGreaterThan(0)
    expect(await store.seen.has(first.id)).toBe(false)
    expect(await pruneTombstones(store, bobClock.now())).toBe(0)
    expect(await store.tombstones.has(first.id)).toBe(true)
    expect(TOMBSTONE_RETENTION_MS).toBeGreaterThan(SEEN_RETENTION_MS)

    // bob's stream position is rewound, so the next message leaves a gap and bob asks alice for seq 1 again
    const cursorKey = store.cursorKey(alice.client.accountId, bytesHex(alice.keys.device.publicKey))
    await store.write([store.cursors.put(cursorKey, { next: 1, above: [] })])
    const resent = new Promise<void>((resolve) =>
      alice.client.events.addEventListener('message:sent', (e) => e.detail.id === first.id && resolve()),
    )
    await alice.client.send(bob.client.accountId, 'later')
    await resent
    await waitFor(bob, 'message:received', () => bob.received.length === 2)
    await bob.client.syncMailboxes()
    expect(bob.received.map((m) => m.text)).toEqual(['once only', 'later'])
    expect(await texts(bob, alice)).toEqual(['later'])
  }, 60_000)
})

function bytesHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex')
}

/** The sealed values of a device's `messages` collection, as stored. */
async function rawMessageValues(device: TestDevice): Promise<Uint8Array[]> {
  const sub = device.db.sublevel<string, Uint8Array>('messages', { keyEncoding: 'utf8', valueEncoding: 'view' })
  return sub.values().all()
}

/** The files of a level folder holding `needle`. */
async function filesContaining(dir: string, needle: Uint8Array): Promise<string[]> {
  const hits: string[] = []
  for (const name of await readdir(dir)) {
    const bytes = await readFile(join(dir, name)).catch(() => undefined)
    if (bytes?.includes(Buffer.from(needle)) === true) hits.push(name)
  }
  return hits
}
