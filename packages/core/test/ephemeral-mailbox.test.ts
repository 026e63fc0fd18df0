/**
 * Mail of a disappearing message carries its expiry: relays (on a clock the
 * test moves) drop it then, and the offline recipient never gets it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, startDevice, stopDevice, waitFor } from './messaging-fixture.js'
import { TestClock, startClockedRelays, stopClockedRelays } from './ephemeral-fixture.js'

afterEach(async () => {
  await cleanupMessaging()
  await stopClockedRelays()
  await stopAll()
})

const MINUTE = 60_000

describe('ephemeral: relay mailboxes', () => {
  it('relays drop the mail of a timed message at its expiry and keep other mail', async () => {
    const relayClock = new TestClock()
    const relays = await startClockedRelays(2, relayClock)
    const alice = await startDevice(relays)
    const bob = await startDevice(relays)
    await stopDevice(bob)

    const timed = await alice.client.send(bob.client.accountId, 'for a minute', { expireAfterMs: MINUTE })
    expect(timed.delivered).toBe('mailbox')
    const plain = await alice.client.send(bob.client.accountId, 'for as long as it takes')
    expect(relays.map((r) => r.service.stats().envelopes)).toEqual([2, 2])

    relayClock.advance(MINUTE - 15_000) // not yet (margin: the clock also runs in real time)
    expect(await Promise.all(relays.map(async (r) => r.service.sweep()))).toEqual([0, 0])
    relayClock.advance(30_000)
    expect(await Promise.all(relays.map(async (r) => r.service.sweep()))).toEqual([1, 1])
    expect(relays.map((r) => r.service.stats().envelopes)).toEqual([1, 1])

    const back = await startDevice(relays, { keys: bob.keys, path: bob.path })
    await waitFor(back, 'message:received', () => back.received.length > 0, 20_000, 'mail at bob')
    await back.client.syncMailboxes()
    expect(back.received.map((m) => m.id)).toEqual([plain.id])
    expect(back.received.map((m) => m.id)).not.toContain(timed.id)
  }, 90_000)
})
