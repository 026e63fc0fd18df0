/** The typed store: encryption at rest, all-or-nothing batches, key checks and dedup retention. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Level } from 'level'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { deriveStorageKey, openStore, SEEN_RETENTION_MS, type AccountId, type StoreOp } from '../src/index.js'
import { jsonCodec, pad, read } from '../src/store/index.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { stopAll } from './net-fixture.js'
import { cleanupMessaging, deviceKeys, startDevice, startRelays, stopDevice, tempFolder } from './messaging-fixture.js'

const opened: Level<string, Uint8Array>[] = []

async function openDb(path?: string): Promise<Level<string, Uint8Array>> {
  const db = new Level<string, Uint8Array>(path ?? (await tempFolder('xchat-store-')), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  opened.push(db)
  return db
}

/** Every byte of every file under `dir`. */
async function filesOf(dir: string): Promise<Uint8Array[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return Promise.all(entries.filter((e) => e.isFile()).map(async (e) => new Uint8Array(await readFile(join(e.parentPath, e.name)))))
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

afterEach(async () => {
  for (const db of opened.splice(0)) if (db.status === 'open') await db.close()
  await cleanupMessaging()
  await stopAll()
})

describe('store: keys and sealing', () => {
  it('derives the storage key as HKDF-SHA256(device key, zero salt, "xchat/store/v1")', () => {
    const priv = new Uint8Array(32).fill(7)
    expect(deriveStorageKey(priv)).toEqual(hkdf(sha256, priv, new Uint8Array(32), utf8ToBytes('xchat/store/v1'), 32))
  })

  it('refuses to open a database written under another device key', async () => {
    const path = await tempFolder('xchat-store-')
    const db = await openDb(path)
    await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    await expectXchatErrorAsync(openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() }), 'WRONG_STORAGE_KEY')
  })

  it('does not open a value moved under another key (the key name is authenticated)', async () => {
    const db = await openDb()
    const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    const op = store.contacts.put('a', { accountId: 'xc1a' as AccountId, name: 'Ann', addedAt: 1 })
    if (op.type !== 'put') throw new Error('expected a put')
    await store.write([op, { ...op, key: 'b' }])
    expect(await store.contacts.get('a')).toMatchObject({ name: 'Ann' })
    await expectXchatErrorAsync(store.contacts.get('b'), 'STORE_CORRUPT')
  })
})

describe('store: batches', () => {
  it('writes nothing when one operation of a batch fails', async () => {
    const db = await openDb()
    const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    const good = store.contacts.put('a', { accountId: 'xc1a' as AccountId, name: 'Ann', addedAt: 1 })
    const other = store.seenAdd('00'.repeat(16), 1)
    // level refuses a null key; the whole batch must fail with it
    const bad = {
      type: 'put',
      sublevel: (good as { sublevel: unknown }).sublevel,
      key: null,
      value: new Uint8Array(1),
    } as unknown as StoreOp
    await expect(store.write([good, ...other, bad])).rejects.toThrow()
    expect(await store.contacts.get('a')).toBeUndefined()
    expect(await store.seen.has('00'.repeat(16))).toBe(false)
  })

  it('throws before writing when a value cannot be encoded', async () => {
    const db = await openDb()
    const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    const ops: StoreOp[] = [store.contacts.put('a', { accountId: 'xc1a' as AccountId, name: 'Ann', addedAt: 1 })]
    expect(() =>
      ops.push(store.contacts.put('b', { accountId: 'xc1b' as AccountId, name: 'Bo', addedAt: 2n as unknown as number })),
    ).toThrow()
    expect(await store.contacts.get('a')).toBeUndefined()
  })

  it('remembers seen message ids for 31 days, then forgets them', async () => {
    const db = await openDb()
    const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    const t0 = Date.now()
    await store.write([...store.seenAdd('11'.repeat(16), t0), ...store.seenAdd('22'.repeat(16), t0 + 1000)])
    expect(await store.pruneSeen(t0 + 30 * 24 * 3600 * 1000)).toBe(0)
    expect(SEEN_RETENTION_MS).toBeGreaterThan(30 * 24 * 3600 * 1000)
    expect(await store.pruneSeen(t0 + SEEN_RETENTION_MS + 1)).toBe(1)
    expect(await store.seen.has('11'.repeat(16))).toBe(false)
    expect(await store.seen.has('22'.repeat(16))).toBe(true)
  })

  it('keeps the seen-expiry index in its keys only: an empty value, nothing sealed twice', async () => {
    const db = await openDb()
    const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    const at = Date.now()
    const ops = store.seenAdd('33'.repeat(16), at)
    expect(ops.map((op) => (op.type === 'put' ? op.value.length : -1))).toEqual([expect.any(Number), 0])
    expect(ops[0]?.type === 'put' && ops[0].value.length).toBeGreaterThan(24) // the seen record itself is sealed
    await store.write(ops)
    const index = db.sublevel<string, Uint8Array>('seen-expiry', { keyEncoding: 'utf8', valueEncoding: 'view' })
    expect(await index.keys().all()).toEqual([`${pad(at)}!${'33'.repeat(16)}`])
  })

  it('syncs without writing a value: after a flush the meta collection holds only the key check', async () => {
    const db = await openDb()
    const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    await store.write(store.seenAdd('66'.repeat(16), Date.now()))
    await store.flush()
    const meta = db.sublevel<string, Uint8Array>('meta', { keyEncoding: 'utf8', valueEncoding: 'view' })
    expect(await meta.keys().all()).toEqual(['storage-key-check'])
    expect(await store.seen.has('66'.repeat(16))).toBe(true)
  })

  it('prunes seen ids whose expiry entries were written by store layout 1 (a sealed copy of the id as value)', async () => {
    const db = await openDb()
    const store = await openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
    const t0 = Date.now()
    const layout1 = store.collection<string>(
      'seen-expiry',
      jsonCodec(
        (id: string) => id,
        (j) => read.string(j),
      ),
    )
    const old = '44'.repeat(16)
    await store.write([store.seen.put(old, t0), layout1.put(`${pad(t0)}!${old}`, old), ...store.seenAdd('55'.repeat(16), t0 + 5000)])
    expect(await store.pruneSeen(t0 + SEEN_RETENTION_MS + 1)).toBe(1)
    expect(await store.seen.has(old)).toBe(false)
    expect(await store.seen.has('55'.repeat(16))).toBe(true)
    expect(await store.pruneSeen(t0 + SEEN_RETENTION_MS + 6000)).toBe(1)
    expect(await store.seen.has('55'.repeat(16))).toBe(false)
  })
})

describe('store: at rest', () => {
  it('leaves no message text, contact name or peer account ID in the level folder after a chat', async () => {
    const relays = await startRelays(2)
    const [alice, bob] = await Promise.all([startDevice(relays), startDevice(relays)])
    const secret = 'the eagle lands at midnight 7f3a'
    await alice.client.contacts.add(bob.client.accountId, 'Bobby Tables')
    await alice.client.send('Bobby Tables', secret)
    await bob.client.send(alice.client.accountId, `${secret} (echo)`)
    await new Promise<void>((resolve) => {
      if (alice.received.length > 0) resolve()
      else alice.client.events.addEventListener('message:received', () => resolve(), { once: true })
    })
    expect((await alice.client.history(bob.client.accountId)).map((m) => m.text)).toEqual([secret, `${secret} (echo)`])
    // control: bytes written in clear are found by this search
    const control = 'clear control marker 91c2'
    await alice.db.put('control', utf8ToBytes(control))
    await Promise.all([stopDevice(alice), stopDevice(bob)])
    expect((await filesOf(alice.path)).some((f) => contains(f, utf8ToBytes(control)))).toBe(true)

    for (const device of [alice, bob]) {
      const files = await filesOf(device.path)
      expect(files.length).toBeGreaterThan(0)
      for (const needle of [secret, 'Bobby Tables', alice.client.accountId, bob.client.accountId]) {
        expect(
          files.some((f) => contains(f, utf8ToBytes(needle))),
          `"${needle}" in ${device.path}`,
        ).toBe(false)
      }
    }
  }, 60_000)
})
