/** 1:1 chat between two devices over real libp2p nodes on loopback, direct streams. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPair, stopMessaging, waitFor, type TestDevice } from './messaging-fixture.js'

describe('messaging: direct chat', () => {
  let alice: TestDevice
  let bob: TestDevice

  beforeAll(async () => ({ alice, bob } = await startPair()), 60_000)
  afterAll(stopMessaging)

  it('delivers a text from A to B directly and one back from B to A', async () => {
    const sent = await alice.client.send(bob.client.accountId, 'hi bob')
    expect(sent.delivered).toBe('direct')
    expect(sent.devices).toEqual([{ peerId: bob.client.peerId, deviceIndex: 0, via: 'direct' }])
    expect(bob.received.map((m) => m.text)).toEqual(['hi bob'])
    expect(bob.received[0]).toMatchObject({ id: sent.id, conversation: alice.client.accountId, direction: 'in', seq: 1 })

    const reply = await bob.client.send(alice.client.accountId, 'hi alice')
    expect(reply.delivered).toBe('direct')
    await waitFor(alice, 'message:received', () => alice.received.length === 1)
    expect(alice.received[0]?.text).toBe('hi alice')

    const aliceHistory = await alice.client.history(bob.client.accountId)
    expect(aliceHistory.map((m) => [m.direction, m.text])).toEqual([
      ['out', 'hi bob'],
      ['in', 'hi alice'],
    ])
    const bobHistory = await bob.client.history(alice.client.accountId)
    expect(bobHistory.map((m) => [m.direction, m.text])).toEqual([
      ['in', 'hi bob'],
      ['out', 'hi alice'],
    ])
  })
})
