/** Device management: the signed device list with names and last-seen times, and revocation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safetyNumber } from '../src/index.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, waitFor, type TestDevice } from './messaging-fixture.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { startVaultRelays, stopVaultRelays } from './vault-fixture.js'

describe('devices of an account', () => {
  let desk: TestDevice
  let phone: TestDevice
  let carol: TestDevice
  let dave: TestDevice
  const rejected: string[] = []

  beforeAll(async () => {
    const relays = await startVaultRelays(2)
    const aliceKeys = deviceKeys()
    desk = await startDevice(relays, { keys: aliceKeys, wrap: (init) => ({ ...init, deviceName: 'desk' }) })
    phone = await startDevice(relays, { keys: deviceKeys(aliceKeys, 3), wrap: (init) => ({ ...init, deviceName: 'phone' }) })
    ;[carol, dave] = await Promise.all([startDevice(relays), startDevice(relays)])
    dave.client.events.addEventListener('envelope:rejected', (e) => rejected.push(e.detail.reason))
  }, 60_000)

  afterAll(async () => {
    await cleanupMessaging()
    await stopVaultRelays()
    await stopAll()
  })

  it('lists every device with its name, creation and last-seen time', async () => {
    const list = await desk.client.devices()
    const byIndex = new Map(list.devices.map((d) => [d.deviceIndex, d]))
    expect(byIndex.get(0)?.name).toBe('desk')
    expect(byIndex.get(3)?.name).toBe('phone')
    for (const d of list.devices) {
      expect(d.lastSeen).toBeGreaterThan(0)
      expect(d.createdAt).toBeGreaterThan(0)
    }
    expect(list.revoked).toEqual([])
  })

  it('revokes a device from another device: it leaves the list, gets nothing new, and contacts refuse it', async () => {
    const before = safetyNumber(desk.keys.account.publicKey, dave.keys.account.publicKey)
    const first = await carol.client.send(desk.client.accountId, 'before the revocation')
    await waitFor(phone, 'message:received', () => phone.received.some((m) => m.id === first.id))

    const revoked = await desk.client.revokeDevice(3)
    expect(revoked.stored).toBeGreaterThan(0)
    const list = await desk.client.devices()
    expect(list.devices.map((d) => d.deviceIndex)).toEqual([0])
    expect(list.revoked).toEqual([phone.keys.identity().devicePublicKey])
    // the revoked device may not put itself back
    await expectXchatErrorAsync(phone.client.publish(), 'DEVICE_REVOKED')
    // a contact that looks the account up now sends to the desk only
    const after = await dave.client.send(desk.client.accountId, 'after the revocation')
    expect(after.devices.map((d) => d.deviceIndex)).toEqual([0])
    await waitFor(desk, 'message:received', () => desk.received.some((m) => m.id === after.id))
    // and the desk's own copies no longer go to the phone
    const reply = await desk.client.send(dave.client.accountId, 'reply from the desk')
    await waitFor(dave, 'message:received', () => dave.received.some((m) => m.id === reply.id))
    expect(phone.received.some((m) => m.id === after.id || m.id === reply.id)).toBe(false)
    // what the revoked phone sends is refused by the contact
    await phone.client.send(dave.client.accountId, 'from a revoked phone').catch(() => undefined)
    await waitFor(dave, 'envelope:rejected', () => rejected.includes('DEVICE_REVOKED'))
    expect(dave.received.some((m) => m.text === 'from a revoked phone')).toBe(false)
    // safety numbers are over account keys: devices coming and going change nothing
    expect(safetyNumber(desk.keys.account.publicKey, dave.keys.account.publicKey)).toEqual(before)
  }, 60_000)
})
