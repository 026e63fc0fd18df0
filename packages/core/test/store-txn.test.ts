/** Group commit in the store: staged writes read back, one operation per key, all or nothing. */
import { afterEach, describe, expect, it } from 'vitest'
import { Level } from 'level'
import { openStore, type Conversation, type XchatStore } from '../src/index.js'
import { deviceKeys, tempFolder } from './messaging-fixture.js'

const opened: Level<string, Uint8Array>[] = []

async function newStore(): Promise<XchatStore> {
  const db = new Level<string, Uint8Array>(await tempFolder('xchat-txn-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  opened.push(db)
  return openStore({ db, devicePrivateKey: deviceKeys().device.privateKey() })
}

const peer = deviceKeys().accountId
const conv = (nextSeq: number): Conversation => ({ accountId: peer, nextSeq, lastActivityAt: 1, unread: 0 })

afterEach(async () => {
  for (const db of opened.splice(0)) if (db.status === 'open') await db.close()
})

describe('store: txn (group commit)', () => {
  it('reads back what it staged before anything is written, and the store only after the write', async () => {
    const store = await newStore()
    const txn = store.txn()
    txn.put(store.conversations, 'c', conv(2))
    txn.push(store.messageIds.put('m1', 'k1'), ...store.seenAdd('m1', 5))
    expect(await txn.get(store.conversations, 'c')).toEqual(conv(2))
    expect(await txn.get(store.messageIds, 'm1')).toBe('k1') // a sealed op staged as it is opens again
    expect(await txn.has(store.seen, 'm1')).toBe(true)
    expect(await store.conversations.get('c')).toBeUndefined()
    expect(await store.seen.has('m1')).toBe(false)

    await store.write(txn.ops())
    expect(await store.conversations.get('c')).toEqual(conv(2))
    expect(await store.messageIds.get('m1')).toBe('k1')
    expect(await store.seen.has('m1')).toBe(true)
  })

  it('writes one operation per key, in its last state, however often a group changed it', async () => {
    const store = await newStore()
    await store.write([store.messageIds.put('gone', 'x')])
    const txn = store.txn()
    for (let seq = 1; seq <= 50; seq++) txn.put(store.conversations, 'c', conv(seq))
    txn.push(store.messageIds.put('gone', 'y'))
    txn.del(store.messageIds, 'gone')
    const ops = txn.ops()
    expect(ops).toHaveLength(2)
    expect(await txn.get(store.messageIds, 'gone')).toBeUndefined()
    expect(await txn.has(store.messageIds, 'gone')).toBe(false)
    await store.write(ops)
    expect(await store.conversations.get('c')).toEqual(conv(50))
    expect(await store.messageIds.get('gone')).toBeUndefined()
  })

  it('a txn that is dropped writes nothing; a value that does not encode throws before the write', async () => {
    const store = await newStore()
    const dropped = store.txn()
    dropped.put(store.conversations, 'c', conv(7))
    expect(await store.conversations.get('c')).toBeUndefined()

    const txn = store.txn()
    txn.put(store.conversations, 'ok', conv(1))
    // a record that does not encode (JSON has no bigint) fails at ops(), so nothing of the group is written
    txn.put(store.conversations, 'bad', { ...conv(1), nextSeq: 1n as unknown as number })
    expect(() => txn.ops()).toThrow()
    expect(await store.conversations.get('ok')).toBeUndefined()
  })

  it('reads a stored value once per txn, and sees its own later writes over it', async () => {
    const store = await newStore()
    await store.write([store.conversations.put('c', conv(3))])
    const txn = store.txn()
    expect(await txn.get(store.conversations, 'c')).toEqual(conv(3))
    // changed behind the txn's back (never done under the mutex): the txn keeps what it read
    await store.write([store.conversations.put('c', conv(9))])
    expect(await txn.get(store.conversations, 'c')).toEqual(conv(3))
    txn.put(store.conversations, 'c', conv(4))
    expect(await txn.get(store.conversations, 'c')).toEqual(conv(4))
  })

  it('reads many keys at once: staged ones from the txn, the rest from the store, missing ones undefined', async () => {
    const store = await newStore()
    await store.write([store.messageIds.put('a', 'stored a'), store.messageIds.put('b', 'stored b')])
    const txn = store.txn()
    txn.push(store.messageIds.put('b', 'staged b'))
    txn.put(store.messageIds, 'c', 'staged c')
    expect(await txn.getMany(store.messageIds, ['a', 'b', 'c', 'd', 'a'])).toEqual([
      'stored a',
      'staged b',
      'staged c',
      undefined,
      'stored a',
    ])
    expect(await store.messageIds.getMany(['a', 'b', 'c'])).toEqual(['stored a', 'stored b', undefined])
  })
})
