/**
 * Call signaling over real messaging: libp2p nodes on loopback, relays,
 * level databases. Signals travel end-to-end encrypted to every device of
 * the callee and copies to its other devices; they never show as messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitUntil } from './net-fixture.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, startRelays, waitFor, type TestDevice } from './messaging-fixture.js'
import { sdp } from './calls-fixture.js'
import { DirectMessages, parseDeliveryAck, type CallInfo, type DeviceAddress } from '../src/index.js'

async function callState(device: TestDevice, id: string, check: (c: CallInfo | undefined) => boolean, what: string): Promise<void> {
  await waitUntil(device.client.calls, 'call:state', () => check(device.client.calls.get(id)), 20_000, what)
}

describe('calls over messaging (real libp2p)', () => {
  let alice: TestDevice
  let bob1: TestDevice
  let bob2: TestDevice

  beforeAll(async () => {
    const relays = await startRelays(2)
    const bobKeys = deviceKeys()
    ;[alice, bob1] = await Promise.all([startDevice(relays), startDevice(relays, { keys: bobKeys })])
    bob2 = await startDevice(relays, { keys: deviceKeys(bobKeys, 1) })
    await alice.client.contacts.add(bob1.client.accountId, 'Bob')
    await bob1.client.contacts.add(alice.client.accountId, 'Alice')
    await bob2.client.contacts.add(alice.client.accountId, 'Alice')
  }, 90_000)

  afterAll(async () => {
    await cleanupMessaging()
    await stopAll()
  })

  it('rings both of the callee devices; the one that answers wins, the other stops; hang-up ends both; history holds call entries, not signals', async () => {
    const call = alice.client.calls.dial(bob1.client.accountId, 'video', sdp('AA:01'))
    await Promise.all([
      callState(bob1, call.id, (c) => c?.state === 'incoming-ringing', 'bob1 rings'),
      callState(bob2, call.id, (c) => c?.state === 'incoming-ringing', 'bob2 rings'),
      callState(alice, call.id, (c) => c?.remoteRinging === true, 'alice hears ringing'),
    ])
    bob2.client.calls.accept(call.id, sdp('BB:02', 'answer'))
    await Promise.all([
      callState(alice, call.id, (c) => c?.state === 'connecting', 'alice connecting'),
      callState(bob1, call.id, (c) => c?.reason === 'answered-elsewhere', 'bob1 answered elsewhere'),
    ])
    expect(alice.client.calls.get(call.id)?.peerDevice).toBe(bob2.keys.identity().devicePublicKey)
    alice.client.calls.connected(call.id)
    bob2.client.calls.connected(call.id)
    alice.client.calls.hangup(call.id)
    await callState(bob2, call.id, (c) => c?.reason === 'hangup', 'bob2 hears hangup')

    await waitFor(alice, 'message:received', () => alice.received.some((m) => m.call !== undefined), 10_000, 'alice call entry')
    const aliceHistory = await alice.client.history(bob1.client.accountId)
    expect(aliceHistory.map((m) => m.call?.outcome)).toEqual(['hangup'])
    expect(aliceHistory[0]).toMatchObject({ direction: 'out', text: '', call: { media: 'video', callId: call.id } })
    await waitFor(bob2, 'message:received', () => bob2.received.some((m) => m.call !== undefined), 10_000, 'bob2 call entry')
    expect((await bob2.client.history(alice.client.accountId)).map((m) => m.call?.outcome)).toEqual(['hangup'])
    // the device that did not answer records nothing; no signal ever shows as a message
    expect(await bob1.client.history(alice.client.accountId)).toEqual([])
  })

  it('a declined call ends on the caller and on the callee’s other device', async () => {
    const call = alice.client.calls.dial(bob1.client.accountId, 'audio', sdp('AA:03'))
    await callState(bob1, call.id, (c) => c?.state === 'incoming-ringing', 'bob1 rings')
    await callState(bob2, call.id, (c) => c?.state === 'incoming-ringing', 'bob2 rings')
    bob1.client.calls.decline(call.id)
    await Promise.all([
      callState(alice, call.id, (c) => c?.reason === 'declined', 'alice hears declined'),
      callState(bob2, call.id, (c) => c?.reason === 'declined', 'bob2 stops ringing'),
    ])
  })
})

describe('calls over messaging: a replayed offer', () => {
  afterAll(async () => {
    await cleanupMessaging()
    await stopAll()
  })

  it('an offer envelope sent again on the wire after the call ended is dropped and does not ring', async () => {
    const relays = await startRelays(2)
    const frames: { target: DeviceAddress; frame: Uint8Array }[] = []
    let inner: DirectMessages | undefined
    const alice = await startDevice(relays, {
      wrap: (init) => {
        const port = new DirectMessages({ node: init.node })
        inner = port
        return {
          ...init,
          ports: {
            direct: {
              request: async (target, frame, options) => {
                frames.push({ target, frame })
                return port.request(target, frame, options)
              },
              handle: async (answer) => port.handle(answer),
              unhandle: async () => port.unhandle(),
            },
          },
        }
      },
    })
    const bob = await startDevice(relays)
    await alice.client.contacts.add(bob.client.accountId, 'Bob')
    await bob.client.contacts.add(alice.client.accountId, 'Alice')
    const rejected: string[] = []
    bob.client.events.addEventListener('envelope:rejected', (e) => rejected.push(e.detail.reason))
    let rings = 0
    bob.client.calls.addEventListener('call:incoming', () => rings++)

    const call = alice.client.calls.dial(bob.client.accountId, 'audio', sdp('AA:09'))
    await callState(bob, call.id, (c) => c?.state === 'incoming-ringing', 'bob rings')
    const offerFrames = [...frames]
    bob.client.calls.decline(call.id)
    await callState(alice, call.id, (c) => c?.reason === 'declined', 'alice hears declined')

    // the attacker (or a confused relay) sends the captured offer envelope again
    const answers = await Promise.all(offerFrames.map(async (f) => parseDeliveryAck(await inner!.request(f.target, f.frame))))
    expect(answers.map((a) => a.status)).toEqual(offerFrames.map(() => 'duplicate'))
    expect(rings).toBe(1)
    expect(bob.client.calls.get(call.id)?.state).toBe('ended')
    expect(rejected).toEqual([])
  }, 90_000)
})
