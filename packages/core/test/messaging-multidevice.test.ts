/** Multi-device: an account's devices all get a message, and the sender's other devices get a copy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hexToBytes } from '@noble/hashes/utils.js'
import { Directory, decodePrekeyBundle } from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, startRelays, waitFor, type TestDevice } from './messaging-fixture.js'

describe('messaging: several devices per account', () => {
  let alice1: TestDevice
  let alice2: TestDevice
  let bob1: TestDevice
  let bob2: TestDevice

  beforeAll(async () => {
    const relays = await startRelays(2)
    const aliceKeys = deviceKeys()
    const bobKeys = deviceKeys()
    // second devices publish after the first, so the account record lists both (each device merges the others)
    ;[alice1, bob1] = await Promise.all([startDevice(relays, { keys: aliceKeys }), startDevice(relays, { keys: bobKeys })])
    ;[alice2, bob2] = await Promise.all([
      startDevice(relays, { keys: deviceKeys(aliceKeys, 1) }),
      startDevice(relays, { keys: deviceKeys(bobKeys, 1) }),
    ])
  }, 60_000)

  afterAll(async () => {
    await cleanupMessaging()
    await stopAll()
  })

  it('lists both devices of an account in its directory record, with their signed prekeys', async () => {
    const account = await new Directory({ node: bob1.node }).resolve(alice1.client.accountId)
    expect(account.devices.map((d) => d.peerId).sort()).toEqual([alice1.client.peerId, alice2.client.peerId].sort())
    for (const d of account.devices) {
      const bundle = decodePrekeyBundle(d.prekeys ?? new Uint8Array(), hexToBytes(d.devicePublicKey))
      expect(bundle.oneTimePrekeys).toEqual([]) // one-time prekeys come from the relays
    }
  })

  it("delivers to both of the recipient's devices and copies to the sender's other device", async () => {
    const sent = await alice1.client.send(bob1.client.accountId, 'to all of bob')
    expect(sent.delivered).toBe('direct')
    expect(sent.devices.map((d) => d.peerId).sort()).toEqual([bob1.client.peerId, bob2.client.peerId].sort())
    expect(sent.devices.every((d) => d.via === 'direct')).toBe(true)

    await waitFor(bob2, 'message:received', () => bob2.received.length === 1)
    await waitFor(alice2, 'message:received', () => alice2.received.length === 1, 20_000, 'the copy at alice2')
    for (const device of [bob1, bob2]) {
      expect(device.received.map((m) => [m.id, m.text, m.direction, m.conversation])).toEqual([
        [sent.id, 'to all of bob', 'in', alice1.client.accountId],
      ])
    }
    // the copy sits in alice2's conversation with bob, as a message of ours
    expect(alice2.received.map((m) => [m.id, m.direction, m.conversation])).toEqual([[sent.id, 'out', bob1.client.accountId]])
    expect((await alice2.client.history(bob1.client.accountId)).map((m) => m.text)).toEqual(['to all of bob'])
  })

  it("a reply from bob's second device reaches both of alice's devices, and bob's first device gets the copy", async () => {
    const reply = await bob2.client.send(alice1.client.accountId, 'from bob2')
    expect(reply.devices).toHaveLength(2)
    await waitFor(alice1, 'message:received', () => alice1.received.some((m) => m.id === reply.id))
    await waitFor(alice2, 'message:received', () => alice2.received.some((m) => m.id === reply.id))
    await waitFor(bob1, 'message:received', () => bob1.received.some((m) => m.id === reply.id))
    expect(bob1.received.find((m) => m.id === reply.id)?.direction).toBe('out')
    expect((await alice2.client.history(bob1.client.accountId)).map((m) => m.text)).toEqual(['to all of bob', 'from bob2'])
  })
})
