/** The account directory over a real DHT: 3 relays and 10 peers on loopback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLibp2p, type Libp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { kadDHT, passthroughMapper, type KadDHT } from '@libp2p/kad-dht'
import {
  Directory,
  buildDirectoryRecord,
  directoryKey,
  DHT_PROTOCOL,
  type DeviceKeys,
  type PublishResult,
  type XchatNode,
} from '../src/index.js'
import { limits } from '../src/wire/index.js'
import { expectXchatErrorAsync } from './expect-error.js'
import { craftRecord, entryOf, flipSignatureBit, HOUR } from './directory-forgery.js'
import { addrsOf, LOOPBACK_TCP, newDeviceKeys, startPeer, startRelay, stopAll, waitForReservations, waitUntil } from './net-fixture.js'

const PEERS = 10

interface Member {
  readonly keys: DeviceKeys
  readonly node: XchatNode
  readonly directory: Directory
}

/** How many DHT servers stored `value` under `key` (PUT_VALUE answers echoing it). */
async function putCount(node: { services: { dht: KadDHT } }, key: Uint8Array, value: Uint8Array): Promise<number> {
  let stored = 0
  for await (const event of node.services.dht.put(key, value)) {
    if (event.name === 'PEER_RESPONSE' && event.messageName === 'PUT_VALUE' && event.record !== undefined) stored++
  }
  return stored
}

describe('the account directory on a 13-node DHT', () => {
  let relays: XchatNode[]
  let members: Member[]
  let first: PublishResult[]

  beforeAll(async () => {
    const r1 = await startRelay()
    const r2 = await startRelay({ bootstrap: addrsOf(r1) })
    const r3 = await startRelay({ bootstrap: [...addrsOf(r1), ...addrsOf(r2)] })
    relays = [r1, r2, r3]
    const bootstrap = relays.flatMap(addrsOf)
    members = await Promise.all(
      Array.from({ length: PEERS }, async () => {
        const keys = newDeviceKeys()
        const node = await startPeer(keys, { bootstrap, listen: [] })
        return { keys, node, directory: new Directory({ node, keys }) }
      }),
    )
    // records should carry relay circuit addresses: wait for the reservations first
    await Promise.all(members.map(async (m) => waitForReservations(m.node, 2, 30_000)))
    first = await Promise.all(members.map(async (m) => m.directory.publish()))
  }, 90_000)

  afterAll(stopAll)

  it('stores every published record on all three relays', () => {
    expect(first.map((r) => r.stored)).toEqual(Array(PEERS).fill(3))
  })

  it("lets every peer resolve every other peer's account", async () => {
    await Promise.all(
      members.map(async (resolver) => {
        for (const target of members) {
          if (target === resolver) continue
          const account = await resolver.directory.resolve(target.keys.accountId)
          expect(account.accountId).toBe(target.keys.accountId)
          expect(account.devices).toHaveLength(1)
          const device = account.devices[0]
          expect(device?.peerId).toBe(target.node.peerId.toString())
          expect(device?.addrs.length).toBeGreaterThanOrEqual(2)
          expect(device?.addrs.every((a) => a.includes('/p2p-circuit'))).toBe(true)
        }
      }),
    )
  }, 60_000)

  it('teaches the peer store, so a resolved device is dialled by PeerId alone (through its relay)', async () => {
    const [alice, bob] = members as [Member, Member]
    await alice.directory.resolve(bob.keys.accountId)
    const connection = await alice.node.dial(bob.node.peerId)
    expect(connection.remotePeer.equals(bob.node.peerId)).toBe(true)
  })

  it('throws NOT_FOUND for an account nobody published', async () => {
    await expectXchatErrorAsync((members[0] as Member).directory.resolve(newDeviceKeys().accountId), 'NOT_FOUND')
  })

  describe('forged records are refused by every relay and never resolved', () => {
    const forgeries: Record<string, (victim: DeviceKeys, attacker: DeviceKeys) => Uint8Array> = {
      'a wrong signature': (victim) => flipSignatureBit(craftRecord(victim, { seq: BigInt(Date.now() + HOUR) })),
      "another account's valid record": (_victim, attacker) => craftRecord(attacker, { seq: BigInt(Date.now() + HOUR) }),
      'a record signed by another account key': (victim, attacker) =>
        craftRecord(victim, { seq: BigInt(Date.now() + HOUR) }, attacker.account.privateKey()),
      'a stale seq (a replayed older record)': (victim) => craftRecord(victim, { seq: 1n }),
      'an expired record': (victim) => craftRecord(victim, { seq: BigInt(Date.now() + HOUR), expiresAt: BigInt(Date.now() - 1000) }),
      'an oversized record': (victim) =>
        craftRecord(victim, {
          seq: BigInt(Date.now() + HOUR),
          devices: [entryOf(victim, { prekeys: new Uint8Array(limits.MAX_DIRECTORY_RECORD_BYTES) })],
        }),
      'garbage bytes': () => crypto.getRandomValues(new Uint8Array(300)),
    }

    for (const [name, forge] of Object.entries(forgeries)) {
      it(`refuses ${name}`, async () => {
        const [victim, attacker, reader] = members.slice(3, 6) as [Member, Member, Member]
        const before = await reader.directory.resolve(victim.keys.accountId)
        const stored = await putCount(attacker.node, directoryKey(victim.keys.account.publicKey), forge(victim.keys, attacker.keys))
        expect(stored).toBe(0)
        const after = await reader.directory.resolve(victim.keys.accountId)
        expect(after.seq).toBe(before.seq)
        expect(after.devices[0]?.peerId).toBe(victim.node.peerId.toString())
      })
    }
  })

  describe('a malicious DHT server that stores anything', () => {
    let evil: Libp2p<{ dht: KadDHT }>

    beforeAll(async () => {
      evil = await createLibp2p({
        addresses: { listen: [LOOPBACK_TCP] },
        connectionManager: { inboundConnectionThreshold: 100 },
        transports: [tcp()],
        connectionEncrypters: [noise()],
        streamMuxers: [yamux()],
        services: {
          identify: identify(),
          ping: ping(),
          dht: kadDHT({
            protocol: DHT_PROTOCOL,
            clientMode: false,
            peerInfoMapper: passthroughMapper,
            validators: { 'xchat-dir': () => undefined },
            selectors: { 'xchat-dir': () => 0 },
          }),
        },
      })
      await Promise.all(relays.map(async (r) => evil.dial(r.getMultiaddrs())))
      // the readers must know the evil server, so connect it to them too
      const readers = [members[6], members[8]] as Member[]
      await Promise.all(readers.map(async (m) => m.node.dial(evil.getMultiaddrs())))
      await Promise.all(
        readers.map(async (m) =>
          waitUntil(
            m.node,
            'peer:identify',
            () => m.node.getPeers().some((p) => p.equals(evil.peerId)),
            10_000,
            'identify of the evil server',
          ),
        ),
      )
    }, 30_000)

    afterAll(async () => evil.stop())

    it('cannot make a reader accept a forged record of an unpublished account', async () => {
      const ghost = newDeviceKeys()
      const attacker = newDeviceKeys()
      // stored on the evil server only: every relay refuses it
      expect(await putCount(evil, directoryKey(ghost.account.publicKey), craftRecord(ghost, {}, attacker.account.privateKey()))).toBe(0)
      const reader = members[6] as Member
      // the evil server answers with the forgery and the reader's validator discards it
      const discardedFromEvil: boolean[] = []
      for await (const event of reader.node.services.dht.get(directoryKey(ghost.account.publicKey))) {
        expect(event.name).not.toBe('VALUE')
        if (event.name === 'QUERY_ERROR' && event.from.equals(evil.peerId)) discardedFromEvil.push(true)
      }
      expect(discardedFromEvil.length).toBeGreaterThan(0)
      await expectXchatErrorAsync(reader.directory.resolve(ghost.accountId), 'NOT_FOUND')
    })

    it('cannot roll a reader back to an older record', async () => {
      const victim = members[7] as Member
      const reader = members[8] as Member
      const current = await reader.directory.resolve(victim.keys.accountId)
      // relays refuse the replay (stale); only the evil server keeps it
      expect(await putCount(evil, directoryKey(victim.keys.account.publicKey), craftRecord(victim.keys, { seq: current.seq - 1n }))).toBe(0)
      expect((await reader.directory.resolve(victim.keys.accountId)).seq).toBe(current.seq)
    })
  })

  it('resolves the newest seq after a republish', async () => {
    const owner = members[9] as Member
    const reader = members[0] as Member
    const before = await reader.directory.resolve(owner.keys.accountId)
    const published = await owner.directory.publish(['/ip4/203.0.113.9/tcp/4001'])
    expect(published.seq).toBeGreaterThan(before.seq)
    expect(published.stored).toBe(3)
    const after = await reader.directory.resolve(owner.keys.accountId)
    expect(after.seq).toBe(published.seq)
    expect(after.devices[0]?.addrs).toEqual(['/ip4/203.0.113.9/tcp/4001'])
  })

  it('lets a newer record of the same account published by another node win', async () => {
    const owner = members[2] as Member
    const relayer = members[1] as Member
    const reader = members[0] as Member
    const newer = buildDirectoryRecord({
      accountPrivateKey: owner.keys.account.privateKey(),
      devices: [{ certificate: owner.keys.certificate, addrs: ['/dns4/relay.example/tcp/443/wss'] }],
      seq: BigInt(Date.now() + HOUR),
      expiresAt: Date.now() + 2 * HOUR,
    })
    expect(await putCount(relayer.node, directoryKey(owner.keys.account.publicKey), newer)).toBe(3)
    const resolved = await reader.directory.resolve(owner.keys.accountId)
    expect(resolved.devices[0]?.addrs).toEqual(['/dns4/relay.example/tcp/443/wss'])
  })

  it('republishes when a newly started peer gets its relay reservations', async () => {
    const keys = newDeviceKeys()
    const node = await startPeer(keys, { bootstrap: relays.flatMap(addrsOf), listen: [] })
    const directory = new Directory({ node, keys })
    let last: PublishResult | undefined
    directory.addEventListener('publish:success', (evt) => {
      last = evt.detail
    })
    directory.start() // before any reservation: the first record has no circuit address
    try {
      const reachable = (): boolean => last !== undefined && last.stored > 0 && last.addrs.some((a) => a.includes('/p2p-circuit'))
      await waitUntil(directory, 'publish:success', reachable, 20_000, 'a publish with relay addresses')
      const account = await (members[0] as Member).directory.resolve(keys.accountId)
      expect(account.devices[0]?.addrs.some((a) => a.includes('/p2p-circuit'))).toBe(true)
    } finally {
      directory.stop()
    }
  })

  it('republishes on start and on every interval', async () => {
    const member = members[4] as Member
    const directory = new Directory({ node: member.node, keys: member.keys, republishMs: 50 })
    const seqs: bigint[] = []
    await new Promise<void>((resolve, reject) => {
      directory.addEventListener('publish:error', (evt) => reject(evt.detail))
      directory.addEventListener('publish:success', (evt) => {
        seqs.push(evt.detail.seq)
        if (seqs.length === 2) resolve()
      })
      directory.start()
    }).finally(() => directory.stop())
    expect((seqs[1] as bigint) > (seqs[0] as bigint)).toBe(true)
  })
})
