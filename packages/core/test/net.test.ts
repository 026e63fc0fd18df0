import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { multiaddr } from '@multiformats/multiaddr'
import type { Stream } from '@libp2p/interface'
import { APP_PROTOCOL_LIMITS, DHT_PROTOCOL, createXchatNode, libp2pPrivateKey, type XchatNode } from '../src/index.js'
import { addrsOf, circuitAddrs, newDeviceKeys, startPeer, startRelay, stopAll, waitForReservations, waitUntil } from './net-fixture.js'

/** A test protocol that echoes everything back. */
const ECHO = '/xchat-test/echo/1.0.0'
/** More than circuit relay v2's default 128 KiB limit: only xchat's relay limits let it through. */
const PAYLOAD_BYTES = 384 * 1024

describe('relay and peers on loopback', () => {
  let relay: XchatNode
  let alice: XchatNode
  let bob: XchatNode

  beforeAll(async () => {
    relay = await startRelay()
    const bootstrap = addrsOf(relay)
    alice = await startPeer(newDeviceKeys(), { bootstrap })
    // no direct listen address: reachable only through a relay circuit
    bob = await startPeer(newDeviceKeys(), { bootstrap, listen: [] })
    await bob.handle(ECHO, echo, { ...APP_PROTOCOL_LIMITS, runOnLimitedConnection: true })
  })

  afterAll(stopAll)

  it('serves the xchat DHT and the circuit relay hop protocol on the relay', async () => {
    await waitUntil(
      alice,
      'peer:identify',
      () => alice.getPeers().some((p) => p.equals(relay.peerId)),
      10_000,
      'alice to identify the relay',
    )
    const info = await alice.peerStore.get(relay.peerId)
    expect(info.protocols).toContain(DHT_PROTOCOL)
    expect(info.protocols).toContain('/libp2p/circuit/relay/0.2.0/hop')
  })

  it('gives a peer with no public address a relay reservation', async () => {
    await waitForReservations(bob, 1)
    expect(addrsOf(bob).every((a) => a.includes('/p2p-circuit'))).toBe(true)
    expect(circuitAddrs(bob)[0]).toContain(relay.peerId.toString())
    expect(relay.services.relay?.reservations.has(bob.peerId)).toBe(true)
  })

  it('reaches a peer through a relay circuit and carries more than 128 KiB over it', async () => {
    await waitForReservations(bob, 1)
    const target = circuitAddrs(bob)[0]
    expect(target).toBeDefined()
    const connection = await alice.dial(multiaddr(target))
    expect(connection.remotePeer.equals(bob.peerId)).toBe(true)
    expect(connection.limits).toBeDefined() // a relayed circuit, not a direct connection

    const stream = await connection.newStream(ECHO, { runOnLimitedConnection: true })
    const payload = new Uint8Array(PAYLOAD_BYTES).map((_, i) => i % 251)
    const [, echoed] = await Promise.all([sendAll(stream, payload), readAll(stream)])
    expect(echoed.length).toBe(PAYLOAD_BYTES)
    expect(echoed).toEqual(payload)
  })
})

describe('reservations', () => {
  afterAll(stopAll)

  it('builds a browser-role node that reaches a relay over WebSockets and listens for WebRTC through it', async () => {
    const relay = await startRelay()
    const browser = await createXchatNode({
      role: 'browser',
      privateKey: libp2pPrivateKey(newDeviceKeys().device.privateKey()),
      bootstrap: addrsOf(relay).filter((a) => a.includes('/ws/')),
      loopback: true,
      rtcConfiguration: { iceServers: [] },
    })
    try {
      await waitForReservations(browser, 1)
      expect(addrsOf(browser).some((a) => a.endsWith(`/p2p-circuit/webrtc/p2p/${browser.peerId.toString()}`))).toBe(true)
    } finally {
      await browser.stop()
    }
  })

  it('keeps reservations on two relays', async () => {
    const first = await startRelay()
    const second = await startRelay({ bootstrap: addrsOf(first) })
    const carol = await startPeer(newDeviceKeys(), { bootstrap: [...addrsOf(first), ...addrsOf(second)], listen: [] })
    await waitForReservations(carol, 2)
    expect(first.services.relay?.reservations.has(carol.peerId)).toBe(true)
    expect(second.services.relay?.reservations.has(carol.peerId)).toBe(true)
  })

  it("has a relay with libp2p's default 128 KiB limit reset the same transfer (the limits are what let it through)", async () => {
    const stingy = await startRelay({ relay: { defaultDataLimit: 128 * 1024 } })
    const dave = await startPeer(newDeviceKeys(), { bootstrap: addrsOf(stingy), listen: [] })
    await dave.handle(ECHO, echo, { ...APP_PROTOCOL_LIMITS, runOnLimitedConnection: true })
    const erin = await startPeer(newDeviceKeys(), { bootstrap: addrsOf(stingy) })
    await waitForReservations(dave, 1)
    const connection = await erin.dial(multiaddr(circuitAddrs(dave)[0]))
    const stream = await connection.newStream(ECHO, { runOnLimitedConnection: true })
    const payload = new Uint8Array(PAYLOAD_BYTES)
    const outcome = await Promise.all([sendAll(stream, payload), readAll(stream)]).then(
      ([, echoed]) => echoed.length,
      () => 'reset',
    )
    expect(outcome).not.toBe(PAYLOAD_BYTES)
  })
})

/** Echo every chunk back, then close our side. */
async function echo(stream: Stream): Promise<void> {
  for await (const chunk of stream) {
    if (!stream.send(chunk)) await stream.onDrain()
  }
  await stream.close()
}

/** Send `bytes` in 16 KiB chunks honouring backpressure, then close the write side. */
async function sendAll(stream: Stream, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += 16 * 1024) {
    if (!stream.send(bytes.subarray(offset, offset + 16 * 1024))) await stream.onDrain()
  }
  await stream.close()
}

async function readAll(stream: Stream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk.subarray())
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
