/**
 * The vault's pending entries are kept in memory next to the store: a flush
 * pushes them without reading and opening them again, and nothing recorded is
 * lost across a restart, a failed push, or a queue that outgrew its limit.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { Level } from 'level'
import { bytesCodec, openStore, pad } from '../src/store/index.js'
import { PendingQueue } from '../src/vault/pending-queue.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, startRelays, stopDevice, tempFolder, waitFor } from './messaging-fixture.js'
import { startVaultRelays, stopVaultRelays } from './vault-fixture.js'

async function pendingCollection(): Promise<{ queue: (limit?: number) => PendingQueue; put: (n: number) => Promise<void> }> {
  const db = new Level<string, Uint8Array>(await tempFolder('xchat-pending-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
  const pending = store.collection(
    'vault-pending',
    bytesCodec(
      (b: Uint8Array) => b,
      (b) => b,
    ),
  )
  return {
    queue: (limit?: number) => new PendingQueue(pending, limit),
    put: async (n: number) => store.write([pending.put(pad(n), new Uint8Array(100).fill(n))]),
  }
}

describe('vault pending queue', () => {
  afterAll(async () => {
    await cleanupMessaging()
    await stopVaultRelays()
    await stopAll()
  })

  it('reads the store once, then lists from memory what was added and not removed', async () => {
    const { queue, put } = await pendingCollection()
    await put(1)
    await put(2)
    const q = queue()
    expect(q.loaded).toBe(false)
    expect((await q.list()).map((e) => e.key)).toEqual([pad(1), pad(2)])
    expect(q.loaded).toBe(true)
    await put(3)
    q.added([{ key: pad(3), bytes: new Uint8Array(100).fill(3) }])
    q.removed([pad(1)])
    expect((await q.list()).map((e) => [e.key, e.bytes[0]])).toEqual([
      [pad(2), 2],
      [pad(3), 3],
    ])
    expect(await q.count()).toBe(2)
  })

  it('starts out loaded on an empty store, and reads a store that holds entries once', async () => {
    const { queue, put } = await pendingCollection()
    const empty = queue()
    await empty.init()
    expect(empty.loaded).toBe(true)
    await put(1)
    const full = queue()
    await full.init()
    expect(full.loaded).toBe(false)
    expect((await full.list()).map((e) => e.key)).toEqual([pad(1)])
  })

  it('forgets its entries past its byte limit and lists every stored entry from the store again', async () => {
    const { queue, put } = await pendingCollection()
    const q = queue(250)
    expect(await q.list()).toEqual([])
    for (let n = 1; n <= 3; n++) {
      await put(n)
      q.added([{ key: pad(n), bytes: new Uint8Array(100).fill(n) }])
    }
    expect(q.loaded).toBe(false)
    expect((await q.list()).map((e) => e.key)).toEqual([pad(1), pad(2), pad(3)])
    // still above the limit: not kept, read again next time
    expect(q.loaded).toBe(false)
    expect(await q.count()).toBe(3)
  })

  it('does not keep a store read that an entry written meanwhile may be missing from', async () => {
    const { queue, put } = await pendingCollection()
    await put(1)
    const q = queue()
    const listing = q.list()
    await put(2)
    q.added([{ key: pad(2), bytes: new Uint8Array(100).fill(2) }])
    await listing
    expect(q.loaded).toBe(false)
    expect((await q.list()).map((e) => e.key)).toEqual([pad(1), pad(2)])
    expect(q.loaded).toBe(true)
  })

  it('pushes every entry recorded before a restart and after it, once a vault relay is known', async () => {
    const mailRelays = await startRelays(2)
    const keys = deviceKeys()
    const alice = await startDevice(mailRelays, { keys })
    const bob = await startDevice(mailRelays)
    for (let i = 0; i < 25; i++) await alice.client.send(bob.client.accountId, `before ${i}`)
    await waitFor(bob, 'message:received', () => bob.received.length >= 25, 30_000, '25 messages at bob')
    // no relay runs a vault: the entries stay queued, however often a flush is tried
    await expectXchatErrorAsync(alice.client.vault?.flush() ?? Promise.resolve(), 'VAULT_UNAVAILABLE')
    await expectXchatErrorAsync(alice.client.vault?.flush() ?? Promise.resolve(), 'VAULT_UNAVAILABLE')
    expect(await alice.client.vault?.pendingCount()).toBe(25)
    await stopDevice(alice)

    const vaultRelays = await startVaultRelays(3)
    const again = await startDevice([...mailRelays, ...vaultRelays], { keys, path: alice.path })
    expect(await again.client.vault?.pendingCount()).toBe(25)
    for (let i = 0; i < 5; i++) await again.client.send(bob.client.accountId, `after ${i}`)
    await waitFor(bob, 'message:received', () => bob.received.length >= 30, 30_000, '30 messages at bob')
    const pushed = await again.client.vault?.flush()
    expect(pushed?.entries).toBe(30)
    expect(pushed?.relays).toBe(3)
    expect(await again.client.vault?.pendingCount()).toBe(0)
    expect((await again.client.vault?.flush())?.entries).toBe(0)

    const fresh = await startDevice(vaultRelays, { keys: deviceKeys(keys, 5) })
    await fresh.client.vault?.pull()
    const texts = (await fresh.client.history(bob.client.accountId)).map((m) => m.text)
    expect(texts).toEqual([...Array.from({ length: 25 }, (_, i) => `before ${i}`), ...Array.from({ length: 5 }, (_, i) => `after ${i}`)])
  }, 180_000)
})
