/**
 * The lazy sending half of the DH ratchet step through the whole stack: each
 * side restarts (real level database, real libp2p nodes on loopback) between
 * receiving a message that stepped its ratchet and sending its reply, so the
 * reply is made from a stored session without a sending chain, and any step
 * made ahead in memory is gone.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { startRelays, startDevice, stopDevice, stopMessaging, waitFor, type TestDevice, type TestRelay } from './messaging-fixture.js'

async function restart(device: TestDevice, relays: readonly TestRelay[]): Promise<TestDevice> {
  await stopDevice(device)
  return startDevice(relays, { keys: device.keys, path: device.path })
}

describe('messaging: lazy ratchet steps across restarts', () => {
  afterAll(stopMessaging)

  it('a conversation where each side restarts between a receive and its reply delivers everything, in order', async () => {
    const relays = await startRelays(2)
    let [alice, bob] = await Promise.all([startDevice(relays), startDevice(relays)])
    const rounds = 3
    for (let r = 0; r < rounds; r++) {
      await alice.client.send(bob.client.accountId, `a${r}`)
      await waitFor(bob, 'message:received', () => bob.received.some((m) => m.text === `a${r}`), 60_000, `a${r} at bob`)
      bob = await restart(bob, relays)
      await bob.client.send(alice.client.accountId, `b${r}`)
      await waitFor(alice, 'message:received', () => alice.received.some((m) => m.text === `b${r}`), 60_000, `b${r} at alice`)
      alice = await restart(alice, relays)
    }
    const expected = Array.from({ length: rounds }, (_, r) => [`a${r}`, `b${r}`]).flat()
    const aliceHistory = await alice.client.history(bob.client.accountId)
    const bobHistory = await bob.client.history(alice.client.accountId)
    expect(aliceHistory.map((m) => m.text)).toEqual(expected)
    expect(bobHistory.map((m) => m.text)).toEqual(expected)
    expect(aliceHistory.map((m) => m.direction)).toEqual(expected.map((t) => (t.startsWith('a') ? 'out' : 'in')))
    expect(bobHistory.map((m) => m.direction)).toEqual(expected.map((t) => (t.startsWith('b') ? 'out' : 'in')))
  }, 300_000)
})
