/**
 * Exactly-once display of duplicated frames, and gap detection: a missing seq
 * is noticed, reported and asked for again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DirectMessages, encodeDeliveryAck, parseDeliveryAck, type DeliveryAnswer, type DirectPort, type XchatNode } from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, startDevice, startRelays, waitFor } from './messaging-fixture.js'

afterEach(async () => {
  await cleanupMessaging()
  await stopAll()
})

/** A direct port over `node` whose requests go through `send` (which may repeat or drop them). */
function wrappedPort(
  node: XchatNode,
  send: (inner: DirectPort, ...args: Parameters<DirectPort['request']>) => Promise<Uint8Array>,
): DirectPort {
  const inner = new DirectMessages({ node })
  return {
    request: async (target, frame, options) => send(inner, target, frame, options),
    handle: async (answer) => inner.handle(answer),
    unhandle: async () => inner.unhandle(),
  }
}

describe('messaging: duplicates', () => {
  it('shows a message whose frame arrived twice once, and answers the copy "duplicate"', async () => {
    const relays = await startRelays(2)
    const answers: DeliveryAnswer[] = []
    const alice = await startDevice(relays, {
      wrap: (init) => ({
        ...init,
        ports: {
          direct: wrappedPort(init.node, async (inner, target, frame, options) => {
            const first = await inner.request(target, frame, options)
            answers.push(parseDeliveryAck(first), parseDeliveryAck(await inner.request(target, frame, options)))
            return first
          }),
        },
      }),
    })
    const bob = await startDevice(relays)

    const one = await alice.client.send(bob.client.accountId, 'said once')
    const two = await alice.client.send(bob.client.accountId, 'said once more')
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual(['stored', 'duplicate', 'stored', 'duplicate'])
    expect(bob.received.map((m) => m.id)).toEqual([one.id, two.id])
    expect((await bob.client.history(alice.client.accountId)).map((m) => m.text)).toEqual(['said once', 'said once more'])
  }, 60_000)
})

describe('messaging: gaps', () => {
  it('notices a missing seq, reports it, asks the sender again and shows the message in its place', async () => {
    const relays = await startRelays(2)
    let requests = 0
    // alice's second frame is lost on the way although it looks acked (as if a relay lost it)
    const alice = await startDevice(relays, {
      wrap: (init) => ({
        ...init,
        ports: {
          mailbox: null,
          direct: wrappedPort(init.node, async (inner, target, frame, options) =>
            ++requests === 2 ? encodeDeliveryAck({ status: 'stored' }) : inner.request(target, frame, options),
          ),
        },
      }),
    })
    const bob = await startDevice(relays, { ports: { mailbox: null } })
    const gaps: (readonly number[])[] = []
    bob.client.events.addEventListener('message:gap', (e) => gaps.push(e.detail.missing))

    await alice.client.send(bob.client.accountId, 'first')
    await alice.client.send(bob.client.accountId, 'lost on the way')
    await alice.client.send(bob.client.accountId, 'third')
    expect(bob.received.map((m) => m.text)).toEqual(['first', 'third'])

    await waitFor(bob, 'message:received', () => bob.received.length === 3, 20_000, 'the resent message')
    expect(gaps).toEqual([[2]])
    expect(bob.received[2]).toMatchObject({ text: 'lost on the way', seq: 2 })
    // history is in the sender's order, the late message in its place
    expect((await bob.client.history(alice.client.accountId)).map((m) => m.seq)).toEqual([1, 2, 3])
  }, 60_000)
})
