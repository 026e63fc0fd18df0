import { afterEach, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { GossipFanout, createXchatNode, groupConstants, topicOf, type XchatNode } from '@xchat/core'
import { jsonLogger, startRelay, type RunningRelay } from '../src/relay/index.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined)
})

async function relayOn(dataDir: string): Promise<RunningRelay> {
  const relay = await startRelay({
    dataDir,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: [],
    httpPort: 0,
    httpHost: '127.0.0.1',
    limits: { maxReservations: 16, defaultDataLimit: 1n << 24n, defaultDurationLimit: 60_000 },
    loopback: true,
    log: jsonLogger({ level: 'error', write: () => undefined }),
  })
  cleanups.push(async () => relay.stop())
  return relay
}

async function peerOf(relay: RunningRelay): Promise<XchatNode> {
  const node = await createXchatNode({
    role: 'peer',
    privateKey: await generateKeyPair('Ed25519'),
    listen: ['/ip4/127.0.0.1/tcp/0'],
    loopback: true,
    reservations: 0,
    bootstrap: relay.addrs(),
  })
  cleanups.push(async () => node.stop())
  return node
}

async function metric(relay: RunningRelay, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${relay.httpPort}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  return line === undefined ? NaN : Number(line.split(' ')[1])
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('the relay keeps group messages on disk', () => {
  it('a restarted relay still hands an offline member the newest 256 messages of a topic', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xchat-relay-groups-'))
    cleanups.push(async () => rm(dataDir, { recursive: true, force: true }))
    const topic = topicOf('ab'.repeat(32))
    const total = groupConstants.RELAY_MESSAGES_PER_TOPIC + 4
    const message = (i: number): Uint8Array => Uint8Array.of(1, i >> 8, i & 255)

    let relay = await relayOn(dataDir)
    const sender = await peerOf(relay)
    const fanout = new GossipFanout({ node: sender, relays: () => [relay.node.peerId.toString()] })
    fanout.subscribe(topic, () => undefined)
    for (let i = 0; i < total; i++) await fanout.publish(topic, message(i))
    await until(async () => (await metric(relay, 'xchat_group_stored')) === total, 30_000, 'every message stored')
    expect(await metric(relay, 'xchat_group_messages')).toBe(groupConstants.RELAY_MESSAGES_PER_TOPIC)
    await sender.stop()
    await relay.stop()

    relay = await relayOn(dataDir)
    expect(await metric(relay, 'xchat_group_messages')).toBe(groupConstants.RELAY_MESSAGES_PER_TOPIC)
    // a member that was offline all along: it asks the relay for what it holds
    const late = await peerOf(relay)
    const lateFanout = new GossipFanout({ node: late, relays: () => [relay.node.peerId.toString()] })
    await until(async () => Promise.resolve(late.getConnections(relay.node.peerId).length > 0), 20_000, 'the late member connected')
    const held = await lateFanout.fetch(topic)
    expect(held).toHaveLength(groupConstants.RELAY_MESSAGES_PER_TOPIC)
    expect(Uint8Array.from(held[0] ?? [])).toEqual(message(total - groupConstants.RELAY_MESSAGES_PER_TOPIC))
    expect(Uint8Array.from(held.at(-1) ?? [])).toEqual(message(total - 1))
  }, 120_000)
})
