/** Replaying vault entries: deterministic whatever the order, last writer wins, tombstones win. */
import { afterAll, describe, expect, it } from 'vitest'
import { Level } from 'level'
import { bytesToHex } from '@noble/hashes/utils.js'
import { Contacts, applyEntries, openStore } from '../src/index.js'
import { VaultState } from '../src/vault/local-state.js'
import type { VaultEntryPb } from '../src/wire/index.js'
import { newDeviceKeys } from './net-fixture.js'
import { cleanupMessaging, tempFolder } from './messaging-fixture.js'

const peer = newDeviceKeys()
const other = newDeviceKeys()
const id = (n: number): Uint8Array<ArrayBuffer> => new Uint8Array(16).fill(n)

const base = (lamport: number, device: number): Pick<VaultEntryPb, 'lamport' | 'deviceIndex' | 'at'> => ({
  lamport: BigInt(lamport),
  deviceIndex: device,
  at: 1n,
})
const message = (n: number, lamport: number, device: number): VaultEntryPb => ({
  ...base(lamport, device),
  message: {
    id: id(n),
    conversation: peer.accountId,
    outgoing: false,
    senderDevice: Uint8Array.from(peer.device.publicKey),
    sentAt: BigInt(1000 + n),
    receivedAt: BigInt(1001 + n),
    seq: n,
    text: `m${n}`,
    fileManifest: new Uint8Array(0),
    status: 'received',
  },
})

const ENTRIES: VaultEntryPb[] = [
  { ...base(5, 1), contact: { accountId: peer.accountId, name: 'Pat', addedAt: 1n, removed: false } },
  { ...base(5, 2), contact: { accountId: peer.accountId, name: 'Patricia', addedAt: 1n, removed: false } },
  { ...base(3, 1), contact: { accountId: other.accountId, name: 'Old', addedAt: 1n, removed: false } },
  { ...base(9, 1), contact: { accountId: other.accountId, name: '', addedAt: 1n, removed: true } },
  { ...base(4, 1), setting: { conversation: peer.accountId, key: 'timer', value: Uint8Array.of(1) } },
  { ...base(4, 0), setting: { conversation: peer.accountId, key: 'timer', value: Uint8Array.of(2) } },
  message(1, 1, 0),
  message(2, 2, 0),
  message(3, 20, 1), // recorded after the tombstone: still never shown
  { ...base(10, 0), tombstone: { conversation: peer.accountId, ids: [id(2), id(3)], deletedAt: 5n } },
  message(1, 6, 2), // the same message recorded by another device
  { ...base(7, 2), read: { conversation: peer.accountId, upTo: 1001n } },
]

async function replay(order: VaultEntryPb[], chunks: number) {
  const keys = newDeviceKeys()
  const db = new Level<string, Uint8Array>(await tempFolder(), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const store = await openStore({ db, devicePrivateKey: keys.device.privateKey() })
  const state = new VaultState(store)
  const contacts = new Contacts(store, () => 1)
  const size = Math.ceil(order.length / chunks)
  for (let i = 0; i < order.length; i += size) await applyEntries(store, state, contacts, order.slice(i, i + size))
  const messages = []
  const prefix = store.conversationPrefix(peer.accountId)
  for await (const [, m] of store.messages.entries({ gte: prefix, lt: `${prefix}~` })) messages.push([m.id, m.status])
  const setting = await state.settings.get(`${store.blind(peer.accountId)}!timer`)
  const result = {
    contacts: (await contacts.list()).map((c) => [c.accountId, c.name]),
    messages,
    timer: setting === undefined ? undefined : bytesToHex(setting.value),
  }
  await db.close()
  return result
}

describe('vault replay', () => {
  afterAll(cleanupMessaging)

  it('reaches the same state in any order and any batching', async () => {
    const expected = {
      contacts: [[peer.accountId, 'Patricia']], // lamport tie: the higher device index wins; Old was removed later
      messages: [[bytesToHex(id(1)), 'read']], // 2 and 3 tombstoned; 1 once, read up to its sent time
      timer: '01', // lamport tie: device 1 over device 0
    }
    expect(await replay(ENTRIES, 1)).toEqual(expected)
    expect(await replay([...ENTRIES].reverse(), 1)).toEqual(expected)
    // blobs arriving one by one in another order (a live sync) end the same
    expect(await replay([...ENTRIES].reverse(), ENTRIES.length)).toEqual(expected)
    expect(await replay([...ENTRIES.slice(6), ...ENTRIES.slice(0, 6)], 3)).toEqual(expected)
  })
})
