import { afterEach, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { bytesToHex } from '@noble/hashes/utils.js'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import {
  GossipFanout,
  GroupEngine,
  GroupRelay,
  MemoryControlHub,
  RelayGroupStore,
  createXchatNode,
  groupConstants,
  libp2pPrivateKey,
  topicOf,
  type GroupMessageRecord,
  type MailboxDatabase,
  type XchatNode,
} from '../src/index.js'
import { newKeys, until } from './groups-fixture.js'
import { GroupMessagePb } from '../src/wire/index.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined)
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xchat-group-store-'))
  cleanups.push(async () => rm(dir, { recursive: true, force: true }))
  return dir
}

async function openDb(path: string): Promise<Level<string, Uint8Array>> {
  const db = new Level<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  return db
}

/** Entries in the store's sublevel: what is on disk. */
async function countKeys(db: Level<string, Uint8Array>): Promise<number> {
  return (await db.sublevel('group-store', { keyEncoding: 'utf8', valueEncoding: 'view' }).keys().all()).length
}

const TOPIC = topicOf('11'.repeat(32))
const OTHER = topicOf('22'.repeat(32))

describe('relay group store on disk', () => {
  it('keeps the newest 256 per topic across a reopen, and drops expired messages from the disk', async () => {
    const dir = await tempDir()
    let now = 1_000_000
    let db = await openDb(dir)
    let store = await RelayGroupStore.open(db, () => now)
    const total = groupConstants.RELAY_MESSAGES_PER_TOPIC + 44
    for (let i = 0; i < total; i++) store.add(TOPIC, Uint8Array.of(i >> 8, i & 255, 7))
    store.add(OTHER, Uint8Array.of(9))
    await store.flush()
    await db.close()

    db = await openDb(dir)
    store = await RelayGroupStore.open(db, () => now)
    const held = store.get(TOPIC)
    expect(held).toHaveLength(groupConstants.RELAY_MESSAGES_PER_TOPIC)
    expect(held[0]).toEqual(Uint8Array.of(0, 44, 7))
    expect(held.at(-1)).toEqual(Uint8Array.of((total - 1) >> 8, (total - 1) & 255, 7))
    expect(store.get(OTHER)).toEqual([Uint8Array.of(9)])
    // on disk exactly what is held: the dropped 44 were deleted
    expect(await countKeys(db)).toBe(groupConstants.RELAY_MESSAGES_PER_TOPIC + 1)
    await db.close()

    // a month later: nothing is loaded, and nothing stays on disk
    now += groupConstants.RELAY_MESSAGE_TTL_MS + 1
    db = await openDb(dir)
    store = await RelayGroupStore.open(db, () => now)
    expect(store.stats().messages).toBe(0)
    expect(store.get(TOPIC)).toEqual([])
    expect(await countKeys(db)).toBe(0)
    await db.close()
  })

  it("drops a disappearing message at its keep_until, before the relay's 30 days, also from the disk", async () => {
    const dir = await tempDir()
    let now = 5_000_000
    let db = await openDb(dir)
    let store = await RelayGroupStore.open(db, () => now)
    const message = (keepUntil: bigint): Uint8Array =>
      GroupMessagePb.encode({
        version: groupConstants.GROUP_MESSAGE_VERSION,
        chainId: new Uint8Array(16).fill(1),
        iteration: 0,
        nonce: new Uint8Array(24).fill(2),
        ciphertext: Uint8Array.of(3),
        signature: new Uint8Array(64).fill(4),
        keepUntil,
      })
    const plain = message(0n)
    const soon = message(BigInt(now + 60_000))
    const later = message(BigInt(now + 120_000))
    // arrival order is not expiry order: the soonest sits between the others
    store.add(TOPIC, later)
    store.add(TOPIC, soon)
    store.add(TOPIC, plain)
    await store.flush()
    expect(store.get(TOPIC)).toEqual([later, soon, plain])

    now += 60_000
    expect(store.get(TOPIC)).toEqual([later, plain])
    await store.flush()
    expect(await countKeys(db)).toBe(2)

    // a reopen after the later one's time drops it from the disk too; the plain one stays
    await db.close()
    now += 60_000
    db = await openDb(dir)
    cleanups.push(async () => db.close())
    store = await RelayGroupStore.open(db, () => now)
    expect(store.get(TOPIC)).toEqual([plain])
    expect(await countKeys(db)).toBe(1)
    expect(store.sweep()).toBe(0)
  })

  it('an offline member catches up from a relay that restarted on the same database', async () => {
    const dir = await tempDir()
    const relayKey = await generateKeyPair('Ed25519')
    const startRelay = async (): Promise<{ node: XchatNode; relay: GroupRelay; db: Level<string, Uint8Array> }> => {
      const db = await openDb(join(dir, 'relay'))
      const node = await createXchatNode({
        role: 'relay',
        privateKey: relayKey,
        listen: ['/ip4/127.0.0.1/tcp/0'],
        loopback: true,
        bootstrap: [],
      })
      const relay = new GroupRelay(node, { db: db as unknown as MailboxDatabase })
      await relay.start()
      return { node, relay, db }
    }
    const stopRelay = async (r: { node: XchatNode; relay: GroupRelay; db: Level<string, Uint8Array> }): Promise<void> => {
      await r.relay.stop()
      await r.node.stop()
      await r.db.close()
    }
    const peer = async (key: PrivateKey, relay: XchatNode): Promise<XchatNode> => {
      const node = await createXchatNode({
        role: 'peer',
        privateKey: key,
        listen: ['/ip4/127.0.0.1/tcp/0'],
        loopback: true,
        reservations: 0,
        bootstrap: relay.getMultiaddrs().map(String),
      })
      cleanups.push(async () => node.stop())
      return node
    }
    const memberDb = await openDb(join(dir, 'members'))
    cleanups.push(async () => memberDb.close())
    const hub = new MemoryControlHub()
    const engine = async (keys: ReturnType<typeof newKeys>, node: XchatNode, relay: XchatNode, name: string): Promise<GroupEngine> => {
      const holder: { engine?: GroupEngine } = {}
      const control = hub.attach(keys.accountId, bytesToHex(keys.device.publicKey), async (c, from) =>
        holder.engine?.receiveControl(c, from),
      )
      const e = await GroupEngine.create({
        db: memberDb.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' }),
        keys,
        control,
        fanout: new GossipFanout({ node, relays: () => [relay.peerId.toString()] }),
        receipts: false,
      })
      holder.engine = e
      cleanups.push(async () => e.stop())
      return e
    }

    let relay = await startRelay()
    const aKeys = newKeys()
    const bKeys = newKeys()
    const a = await engine(aKeys, await peer(libp2pPrivateKey(aKeys.device.privateKey()), relay.node), relay.node, 'a')
    await a.start()
    // b is away: what is sent to it over the 1:1 sessions waits (its mailbox), its device is not running
    const bDevice = bytesToHex(bKeys.device.publicKey)
    const bHolder: { engine?: GroupEngine } = {}
    hub.attach(bKeys.accountId, bDevice, async (c, from) => bHolder.engine?.receiveControl(c, from))
    await hub.setOnline(bKeys.accountId, bDevice, false)
    const group = await a.createGroup('restart', [bKeys.accountId])
    for (const text of ['one', 'two', 'three']) await a.send(group.id, text)
    await until(() => (relay.relay.store.get(topicOf(group.id)).length ?? 0) === 3, 20_000, 'the relay holding 3 messages')
    await stopRelay(relay)

    relay = await startRelay()
    cleanups.push(async () => stopRelay(relay))
    expect(relay.relay.store.get(topicOf(group.id))).toHaveLength(3)
    const bNode = await peer(libp2pPrivateKey(bKeys.device.privateKey()), relay.node)
    const fanout = new GossipFanout({ node: bNode, relays: () => [relay.node.peerId.toString()] })
    const b = await GroupEngine.create({
      db: memberDb.sublevel<string, Uint8Array>('b', { keyEncoding: 'utf8', valueEncoding: 'view' }),
      keys: bKeys,
      control: { send: async () => Promise.resolve() },
      fanout,
      receipts: false,
    })
    bHolder.engine = b
    cleanups.push(async () => b.stop())
    const received: GroupMessageRecord[] = []
    b.addEventListener('group:message', (e) => received.push(e.detail))
    await b.start()
    await hub.setOnline(bKeys.accountId, bDevice, true)
    await until(() => b.groups().some((g) => g.id === group.id && g.member), 10_000, 'the chain at b')
    await until(() => bNode.getConnections(relay.node.peerId).length > 0, 20_000, 'b connected to the relay')
    await b.catchUp()
    await until(() => received.length === 3, 20_000, 'the three messages at b')
    expect(received.map((m) => m.text)).toEqual(['one', 'two', 'three'])
  }, 120_000)
})
