import { afterEach, describe, expect, it } from 'vitest'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { GossipFanout, GroupRelay, createXchatNode, topicOf, type XchatNode } from '../src/index.js'
import { until } from './groups-fixture.js'

const nodes: XchatNode[] = []
afterEach(async () => {
  for (const n of nodes.splice(0).reverse()) await Promise.resolve(n.stop()).catch(() => undefined)
})

const LOOP = '/ip4/127.0.0.1/tcp/0'

/** Peers in a node's gossip mesh for a topic (gossipsub's method, typed here for the linter). */
function meshOf(node: XchatNode, topic: string): number {
  return (node.services.pubsub as unknown as { getMeshPeers(topic: string): readonly string[] }).getMeshPeers(topic).length
}

describe('group fan-out over gossipsub', () => {
  it('a relay serves more than 10 peers that share one IP address (no colocation penalty graylisting them)', async () => {
    const relayNode = await createXchatNode({
      role: 'relay',
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOP],
      loopback: true,
      bootstrap: [],
    })
    nodes.push(relayNode)
    const relay = new GroupRelay(relayNode)
    await relay.start()
    const topic = topicOf('cd'.repeat(32))
    const got: Uint8Array[][] = []
    const fanouts: GossipFanout[] = []
    // gossipsub's default penalty starts above 10 peers per IP; every peer here is 127.0.0.1
    for (let i = 0; i < 24; i++) {
      const node = await createXchatNode({
        role: 'peer',
        privateKey: await generateKeyPair('Ed25519'),
        listen: [LOOP],
        loopback: true,
        reservations: 0,
        bootstrap: relayNode.getMultiaddrs().map(String),
      })
      nodes.push(node)
      const fanout = new GossipFanout({ node, relays: () => [relayNode.peerId.toString()] })
      const inbox: Uint8Array[] = []
      fanout.subscribe(topic, (bytes) => inbox.push(bytes))
      got.push(inbox)
      fanouts.push(fanout)
    }
    await until(() => relayNode.services.pubsub.getSubscribers(topic).length === 24, 60_000, 'every subscription at the relay')
    // the relay forwards along its mesh: every peer in it (before, peers past the 10th were pruned from it)
    await until(() => meshOf(relayNode, topic) === 24, 60_000, 'every peer in the relay mesh')
    await fanouts[0]?.publish(topic, Uint8Array.of(1, 2, 3))
    await until(() => got.slice(1).every((inbox) => inbox.length === 1), 30_000, 'the message at every other peer')
    expect(got.slice(1).every((inbox) => inbox[0]?.join() === '1,2,3')).toBe(true)
    await relay.stop()
  }, 120_000)
})
