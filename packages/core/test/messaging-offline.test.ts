/**
 * Offline delivery through relay mailboxes, and crash safety: a receiver that
 * stored a message but died before acking shows it once after the retry.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DirectMessages, type DirectPort } from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, startDevice, startRelays, stopDevice, waitFor } from './messaging-fixture.js'

afterEach(async () => {
  await cleanupMessaging()
  await stopAll()
})

describe('messaging: offline delivery', () => {
  it('stores a message for an offline device on 2 relay mailboxes; the device gets it when it starts', async () => {
    const relays = await startRelays(2)
    const alice = await startDevice(relays)
    const bob = await startDevice(relays)
    // bob goes offline; his directory entry (with his relays) stays in the DHT
    await stopDevice(bob)

    const sent = await alice.client.send(bob.client.accountId, 'while you were away')
    expect(sent.delivered).toBe('mailbox')
    expect(sent.devices).toEqual([{ peerId: bob.client.peerId, deviceIndex: 0, via: 'mailbox' }])
    expect(relays.map((r) => r.service.stats().envelopes)).toEqual([1, 1])

    const back = await startDevice(relays, { keys: bob.keys, path: bob.path })
    await waitFor(back, 'message:received', () => back.received.length > 0, 20_000, 'mail at bob')
    expect(back.received.map((m) => [m.id, m.text, m.direction])).toEqual([[sent.id, 'while you were away', 'in']])
    // the copy on the second relay is a duplicate: shown once, and both relays' copies are acked away
    await back.client.syncMailboxes()
    expect(back.received).toHaveLength(1)
    expect((await back.client.history(alice.client.accountId)).map((m) => m.text)).toEqual(['while you were away'])
    expect(relays.map((r) => r.service.stats().envelopes)).toEqual([0, 0])

    // the answer goes straight back now that both are online
    const reply = await back.client.send(alice.client.accountId, 'back now')
    expect(reply.delivered).toBe('direct')
    await waitFor(alice, 'message:received', () => alice.received.length === 1)
  }, 90_000)

  it('stores a message for an offline device on its only relay: the device gets it when it starts, the sender gone', async () => {
    const relays = await startRelays(1)
    const alice = await startDevice(relays)
    const bob = await startDevice(relays)
    await stopDevice(bob)

    // bob's directory entry names one relay: its mailbox is the only one bob fetches, so it is enough
    const sent = await alice.client.send(bob.client.accountId, 'on one relay')
    expect(sent.devices).toEqual([{ peerId: bob.client.peerId, deviceIndex: 0, via: 'mailbox' }])
    expect(relays.map((r) => r.service.stats().envelopes)).toEqual([1])
    await stopDevice(alice)

    const back = await startDevice(relays, { keys: bob.keys, path: bob.path })
    await waitFor(back, 'message:received', () => back.received.length > 0, 20_000, 'mail at bob')
    expect(back.received.map((m) => [m.id, m.text, m.direction])).toEqual([[sent.id, 'on one relay', 'in']])
  }, 90_000)
})

describe('messaging: the outbox across restarts', () => {
  it('keeps an undelivered message through a restart of the sender and delivers it when the recipient is back', async () => {
    const relays = await startRelays(2)
    const alice = await startDevice(relays, { ports: { mailbox: null } })
    const bob = await startDevice(relays, { ports: { mailbox: null } })
    await stopDevice(bob)
    await expect(alice.client.send(bob.client.accountId, 'kept for later')).rejects.toMatchObject({ code: 'UNDELIVERED' })
    await stopDevice(alice)

    const bobBack = await startDevice(relays, { keys: bob.keys, path: bob.path, ports: { mailbox: null } })
    const aliceBack = await startDevice(relays, { keys: alice.keys, path: alice.path, ports: { mailbox: null }, publish: false })
    const sent = new Promise<string>((resolve) =>
      aliceBack.client.events.addEventListener('message:sent', (e) => resolve(e.detail.via), { once: true }),
    )
    // the restarted sender retries from its outbox; the recipient connecting makes it try now
    await bobBack.node.dial(aliceBack.node.getMultiaddrs())
    expect(await sent).toBe('direct')
    await waitFor(bobBack, 'message:received', () => bobBack.received.length === 1)
    expect(bobBack.received[0]?.text).toBe('kept for later')
  }, 90_000)
})

describe('messaging: crash safety', () => {
  it('a receiver that stored a message and died before acking shows it once after the sender retries', async () => {
    const relays = await startRelays(2)
    const alice = await startDevice(relays, { ports: { mailbox: null } })
    let crashed = false
    // bob's direct port: the first frame is stored, then the node stops before the ack is written
    const crashing = (node: ConstructorParameters<typeof DirectMessages>[0]['node'], stop: () => Promise<void>): DirectPort => {
      const inner = new DirectMessages({ node })
      return {
        request: async (target, frame, options) => inner.request(target, frame, options),
        unhandle: async () => inner.unhandle(),
        handle: async (answer) =>
          inner.handle(async (frame, from) => {
            const ack = await answer(frame, from)
            if (!crashed) {
              crashed = true
              await stop()
              throw new Error('crashed before the ack')
            }
            return ack
          }),
      }
    }
    const bob = await startDevice(relays, {
      wrap: (init) => ({ ...init, ports: { mailbox: null, direct: crashing(init.node, async () => init.node.stop()) } }),
    })

    const first = alice.client.send(bob.client.accountId, 'survives a crash')
    await expect(first).rejects.toMatchObject({ code: 'UNDELIVERED' })
    expect(crashed).toBe(true)
    expect(bob.received.map((m) => m.text)).toEqual(['survives a crash'])
    const [queued] = await alice.client.history(bob.client.accountId)
    expect(queued?.status).toBe('pending')

    // bob restarts on the same database; alice's outbox retries when he connects
    await stopDevice(bob)
    const back = await startDevice(relays, { keys: bob.keys, path: bob.path, ports: { mailbox: null } })
    const sent = new Promise<string>((resolve) =>
      alice.client.events.addEventListener('message:sent', (e) => resolve(e.detail.via), { once: true }),
    )
    await back.node.dial(alice.node.getMultiaddrs())
    expect(await sent).toBe('direct')
    expect(back.received).toHaveLength(0) // the retry was a duplicate: no second display
    expect((await back.client.history(alice.client.accountId)).map((m) => m.text)).toEqual(['survives a crash'])
    expect((await alice.client.history(bob.client.accountId))[0]?.status).not.toBe('pending')
  }, 90_000)
})
