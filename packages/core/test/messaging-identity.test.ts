/**
 * The identity rule: an account's key is fixed by its ID and device sets may
 * grow, but a known device index showing another key (the account key signed
 * a key it did not derive) blocks the account until the user accepts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HdKeyPair, issueDeviceCertificate, type DeviceKeys, type XchatError } from '../src/index.js'
import { generateKeyPair } from '../src/crypto/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, startRelays, waitFor, type TestDevice, type TestRelay } from './messaging-fixture.js'

/** Keys of a forged device 0 of `of`'s account: a random key certified by the (stolen) account key. */
function forgedDevice(of: DeviceKeys): DeviceKeys {
  const { publicKey, privateKey } = generateKeyPair()
  const certificate = issueDeviceCertificate(of.account.privateKey(), publicKey, 0, Date.now())
  const device = new HdKeyPair('forged', privateKey, publicKey)
  // only what messaging and the directory read
  return { account: of.account, device, accountId: of.accountId, certificate } as unknown as DeviceKeys
}

describe('messaging: a changed identity', () => {
  let relays: TestRelay[]
  let alice: TestDevice
  let bob: TestDevice

  beforeAll(async () => {
    relays = await startRelays(2)
    ;[alice, bob] = await Promise.all([startDevice(relays), startDevice(relays)])
    await alice.client.send(bob.client.accountId, 'the real alice')
  }, 60_000)

  afterAll(async () => {
    await cleanupMessaging()
    await stopAll()
  })

  it('accepts a new device of a known account without asking', async () => {
    const changes: number[] = []
    bob.client.events.addEventListener('identity:changed', (e) => changes.push(e.detail.deviceIndex))
    const laptop = await startDevice(relays, { keys: deviceKeys(alice.keys, 1) })
    await laptop.client.send(bob.client.accountId, 'from my laptop')
    expect(bob.received.map((m) => m.text)).toEqual(['the real alice', 'from my laptop'])
    expect(changes).toEqual([])
    await bob.client.send(alice.client.accountId, 'both of you')
  })

  it('holds messages from a device index that came back with another key, and blocks sending, until accepted', async () => {
    const changes: number[] = []
    bob.client.events.addEventListener('identity:changed', (e) => changes.push(e.detail.deviceIndex))
    const mallory = await startDevice(relays, { keys: forgedDevice(alice.keys), publish: false })
    const sent = await mallory.client.send(bob.client.accountId, 'trust me, I am alice')
    expect(sent.delivered).toBe('direct') // stored (held), so the sender stops retrying

    expect(changes).toEqual([0])
    expect(bob.received.map((m) => m.text)).toEqual(['the real alice', 'from my laptop'])
    const blocked = await bob.client.send(alice.client.accountId, 'hello?').catch((e: unknown) => e as XchatError)
    expect(blocked).toMatchObject({ name: 'XchatError', code: 'IDENTITY_CHANGED' })

    await bob.client.acceptIdentity(alice.client.accountId)
    await waitFor(bob, 'message:received', () => bob.received.length === 3)
    expect(bob.received[2]?.text).toBe('trust me, I am alice')
  })
})
