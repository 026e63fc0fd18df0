/** History recovery from the words: contacts, messages, files and tombstones come back from the vault on relays. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesSource, memorySink, rankedVaultRelays, vaultKeysOf } from '../src/index.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, stopDevice, waitFor, type TestDevice } from './messaging-fixture.js'
import { startVaultRelays, stopVaultRelay, stopVaultRelays, type VaultRelay } from './vault-fixture.js'

describe('vault: a new device from the words gets the history back', () => {
  let relays: VaultRelay[]
  let alice: TestDevice
  let bob: TestDevice
  let carol: TestDevice
  let dave: TestDevice
  const tombstoned: string[] = []
  let fileId = ''

  beforeAll(async () => {
    relays = await startVaultRelays(4)
    ;[alice, bob, carol, dave] = await Promise.all([startDevice(relays), startDevice(relays), startDevice(relays), startDevice(relays)])
    await alice.client.contacts.add(bob.client.accountId, 'Bob')
    await alice.client.contacts.add(carol.client.accountId, 'Carol')
    await alice.client.contacts.add(dave.client.accountId, 'Dave')
    for (let i = 0; i < 120; i++) await alice.client.send('Bob', `to bob ${i}`)
    for (let i = 0; i < 40; i++) await bob.client.send(alice.client.accountId, `from bob ${i}`)
    for (let i = 0; i < 20; i++) await alice.client.send('Carol', `to carol ${i}`)
    for (let i = 0; i < 19; i++) await dave.client.send(alice.client.accountId, `from dave ${i}`)
    const file = await alice.client.sendFile('Carol', bytesSource(new Uint8Array(5000).fill(7)), { name: 'notes.txt', mime: 'text/plain' })
    fileId = file.id
    await waitFor(alice, 'message:received', () => alice.received.length >= 59, 30_000, 'bob and dave messages at alice')
    // two messages expire (disappearing messages) before the recovery
    const bobHistory = await alice.client.history('Bob')
    tombstoned.push(bobHistory[3]?.id ?? '', bobHistory[50]?.id ?? '')
    await alice.client.vault?.recordTombstone(bob.client.accountId, tombstoned)
    await alice.client.markRead('Bob')
    const pushed = await alice.client.vault?.flush()
    expect(pushed?.relays).toBe(3)
  }, 180_000)

  afterAll(async () => {
    await cleanupMessaging()
    await stopVaultRelays()
    await stopAll()
  })

  it('records 200 messages, 3 contacts and a file, and a new device index restores all of them', async () => {
    expect(await alice.client.vault?.pendingCount()).toBe(0)
    const fresh = await startDevice(relays, { keys: deviceKeys(alice.keys, 7) })
    const progress: string[] = []
    const pulled = await fresh.client.vault?.pull({ onProgress: (p) => progress.push(p.phase) })
    expect(pulled?.rejected).toBe(0)
    expect(progress).toContain('apply')
    expect((await fresh.client.contacts.list()).map((c) => c.name)).toEqual(['Bob', 'Carol', 'Dave'])
    const withBob = await fresh.client.history('Bob')
    expect(withBob).toHaveLength(160 - 2)
    expect(withBob.filter((m) => m.direction === 'in').every((m) => m.status === 'read')).toBe(true)
    const withCarol = await fresh.client.history('Carol')
    expect(withCarol).toHaveLength(21)
    const file = withCarol.find((m) => m.id === fileId)
    expect(file?.file?.manifest.length).toBeGreaterThan(0)
    // the file's bytes are not in the vault: they come again from the device that still serves them
    const sink = memorySink()
    await fresh.client.receiveFile(file as NonNullable<typeof file>, sink)
    expect(sink.bytes()).toEqual(new Uint8Array(5000).fill(7))
    expect(await fresh.client.history('Dave')).toHaveLength(19)
    const total = (await Promise.all(['Bob', 'Carol', 'Dave'].map(async (n) => (await fresh.client.history(n)).length))).reduce(
      (a, b) => a + b,
    )
    expect(total).toBe(200 - 2)
    await stopDevice(fresh)
  }, 60_000)

  it('keeps tombstoned messages gone after recovery', async () => {
    const fresh = await startDevice(relays, { keys: deviceKeys(alice.keys, 8) })
    await fresh.client.vault?.pull()
    const ids = new Set((await fresh.client.history('Bob')).map((m) => m.id))
    for (const id of tombstoned) expect(ids.has(id)).toBe(false)
    expect(await fresh.client.vault?.isTombstoned(tombstoned[0] ?? '')).toBe(true)
    await stopDevice(fresh)
  }, 60_000)

  it('syncs a contact added on one device to another device of the account', async () => {
    const second = await startDevice(relays, { keys: deviceKeys(alice.keys, 9) })
    await second.client.vault?.pull()
    const erin = deviceKeys()
    await alice.client.contacts.add(erin.accountId, 'Erin')
    await alice.client.vault?.flush()
    const synced = await second.client.vault?.sync()
    expect(synced?.contacts).toBe(1)
    expect((await second.client.contacts.get('Erin'))?.accountId).toBe(erin.accountId)
    await stopDevice(second)
  }, 60_000)

  it('syncs read state between devices: the last read wins on every device', async () => {
    const second = await startDevice(relays, { keys: deviceKeys(alice.keys, 11) })
    await second.client.vault?.pull()
    // dave's cached device list predates this device: the message reaches it through the vault
    const sent = await dave.client.send(alice.client.accountId, 'read me on one device')
    await waitFor(alice, 'message:received', () => alice.received.some((m) => m.id === sent.id))
    await alice.client.markRead('Dave')
    await alice.client.vault?.flush()
    await second.client.vault?.sync()
    const onSecond = (await second.client.history('Dave')).find((m) => m.id === sent.id)
    expect(onSecond?.status).toBe('read')
    expect((await second.client.conversations()).find((c) => c.accountId === dave.client.accountId)?.unread).toBe(0)
    await stopDevice(second)
  }, 60_000)

  it('reports a file whose sender no longer serves it as unavailable after a recovery', async () => {
    const fresh = await startDevice(relays, { keys: deviceKeys(alice.keys, 12) })
    await fresh.client.vault?.pull()
    const file = (await fresh.client.history('Carol')).find((m) => m.id === fileId)
    expect(file?.file).toBeDefined()
    await alice.client.stop() // the only device that had the bytes goes away
    await alice.node.stop()
    await expectXchatErrorAsync(fresh.client.receiveFile(file as NonNullable<typeof file>, memorySink()), 'FILE_UNAVAILABLE')
    await stopDevice(fresh)
  }, 60_000)

  it('recovers while every relay holding the vault but one is down', async () => {
    const ranked = await rankedVaultRelays(alice.node, vaultKeysOf(alice.keys).vaultId)
    const byId = (i: number): VaultRelay => relays.find((r) => r.node.peerId.equals(ranked[i])) as VaultRelay
    const survivor = byId(2)
    for (const i of [0, 1, 3]) await stopVaultRelay(byId(i))
    const fresh = await startDevice([survivor], { keys: deviceKeys(alice.keys, 10), publish: false })
    const pulled = await fresh.client.vault?.pull()
    expect(pulled?.relays).toBe(1)
    expect((await fresh.client.contacts.list()).map((c) => c.name)).toEqual(['Bob', 'Carol', 'Dave', 'Erin'])
    expect((await fresh.client.history('Bob')).length).toBe(158)
    await stopDevice(fresh)
  }, 60_000)
})
