/**
 * A burst in one conversation is composed, received and acked in groups
 * (group commit): every message still arrives once and in order, a bad
 * envelope in the middle of a group is refused alone, and what a group
 * stored survives a restart.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DirectMessages, parseDeliveryAck, type DeliveryAnswer, type DirectPort } from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, startDevice, startRelays, stopDevice, waitFor } from './messaging-fixture.js'

afterEach(async () => {
  await cleanupMessaging()
  await stopAll()
})

describe('messaging: bursts (group commit)', () => {
  it('refuses a tampered envelope in the middle of a burst alone; the others arrive once and in order', async () => {
    const relays = await startRelays(2)
    const tampered: Promise<DeliveryAnswer>[] = []
    let requests = 0
    const alice = await startDevice(relays, {
      wrap: (init) => {
        const inner = new DirectMessages({ node: init.node })
        const direct: DirectPort = {
          // the 5th frame is preceded, on the same stream, by a copy with one ciphertext byte flipped
          request: async (target, frame, options) => {
            if (++requests === 5) {
              const bad = Uint8Array.from(frame)
              bad.set([(bad.at(-20) ?? 0) ^ 0x01], bad.length - 20)
              tampered.push(inner.request(target, bad, options).then(parseDeliveryAck))
            }
            return inner.request(target, frame, options)
          },
          handle: async (answer) => inner.handle(answer),
          unhandle: async () => inner.unhandle(),
        }
        return { ...init, ports: { mailbox: null, direct } }
      },
    })
    const bob = await startDevice(relays, { ports: { mailbox: null } })
    await alice.client.send(bob.client.accountId, 'hello') // the session exists before the burst

    const texts = Array.from({ length: 24 }, (_, i) => `burst ${i}`)
    const sent = await Promise.all(texts.map(async (t) => alice.client.send(bob.client.accountId, t)))
    expect(sent.every((s) => s.delivered === 'direct')).toBe(true)
    expect(tampered).toHaveLength(1)
    const answer = await tampered[0]
    expect(answer?.status).toBe('rejected')

    await waitFor(bob, 'message:received', () => bob.received.length === 25, 20_000, 'the burst')
    expect(bob.received.map((m) => m.text)).toEqual(['hello', ...texts])
    expect(new Set(bob.received.map((m) => m.id)).size).toBe(25)
    const history = await bob.client.history(alice.client.accountId)
    expect(history.map((m) => m.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    // alice's side: every message of the burst was stored in order with its own seq
    const mine = await alice.client.history(bob.client.accountId)
    expect(mine.map((m) => m.text)).toEqual(['hello', ...texts])
    expect(mine.map((m) => m.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
  }, 120_000)

  it('keeps what a burst stored across a restart, and the sessions go on from there', async () => {
    const relays = await startRelays(2)
    const alice = await startDevice(relays, { ports: { mailbox: null } })
    let bob = await startDevice(relays, { ports: { mailbox: null } })
    const texts = Array.from({ length: 40 }, (_, i) => `before ${i}`)
    await Promise.all(texts.map(async (t) => alice.client.send(bob.client.accountId, t)))
    await waitFor(bob, 'message:received', () => bob.received.length === 40, 20_000, 'the burst')

    const { keys, path } = bob
    await stopDevice(bob)
    bob = await startDevice(relays, { keys, path, ports: { mailbox: null } })
    expect((await bob.client.history(alice.client.accountId)).map((m) => m.text)).toEqual(texts)
    // both ratchets were stored in their last state: the next messages decrypt, both ways
    await alice.client.send(bob.client.accountId, 'after')
    await waitFor(bob, 'message:received', () => bob.received.some((m) => m.text === 'after'), 20_000, 'after the restart')
    await bob.client.send(alice.client.accountId, 'back')
    await waitFor(alice, 'message:received', () => alice.received.some((m) => m.text === 'back'), 20_000, 'the answer')
  }, 120_000)
})
