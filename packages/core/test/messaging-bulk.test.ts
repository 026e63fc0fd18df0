/** 1,000 messages each way at once between two devices: none lost, none twice, each side in send order. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPair, stopMessaging, waitFor, type TestDevice } from './messaging-fixture.js'

const COUNT = 1000

describe('messaging: 1,000 messages each way', () => {
  let alice: TestDevice
  let bob: TestDevice

  beforeAll(async () => ({ alice, bob } = await startPair()), 60_000)
  afterAll(stopMessaging)

  it('delivers every message once and in order, both directions concurrently', async () => {
    const texts = (from: string): string[] => Array.from({ length: COUNT }, (_, i) => `${from} #${i}`)
    const [aResults, bResults] = await Promise.all([
      Promise.all(texts('alice').map(async (t) => alice.client.send(bob.client.accountId, t))),
      Promise.all(texts('bob').map(async (t) => bob.client.send(alice.client.accountId, t))),
    ])
    await waitFor(bob, 'message:received', () => bob.received.length >= COUNT, 60_000, `${COUNT} messages at bob`)
    await waitFor(alice, 'message:received', () => alice.received.length >= COUNT, 60_000, `${COUNT} messages at alice`)

    expect(aResults.every((r) => r.delivered === 'direct')).toBe(true)
    expect(bResults.every((r) => r.delivered === 'direct')).toBe(true)
    // no loss, no duplicate, in order: as events and as stored history
    expect(bob.received.map((m) => m.text)).toEqual(texts('alice'))
    expect(alice.received.map((m) => m.text)).toEqual(texts('bob'))
    expect(bob.received.map((m) => m.seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1))
    const inBob = (await bob.client.history(alice.client.accountId)).filter((m) => m.direction === 'in')
    expect(inBob.map((m) => m.text)).toEqual(texts('alice'))
    const inAlice = (await alice.client.history(bob.client.accountId)).filter((m) => m.direction === 'in')
    expect(inAlice.map((m) => m.text)).toEqual(texts('bob'))
    expect(new Set(inBob.map((m) => m.id)).size).toBe(COUNT)
  }, 120_000)
})
