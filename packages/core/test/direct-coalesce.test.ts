/**
 * Direct messaging writes a burst of frames to one peer in few stream writes
 * (several length-prefixed frames per yamux/Noise frame); the receiver parses
 * frames however they are chunked, and a bad frame inside a chunk stops the
 * stream after the good frames before it are answered.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { lpStream } from '@libp2p/utils'
import { DirectMessages, MSG_PROTOCOL, type XchatNode } from '../src/index.js'
import { FrameWriter, MAX_COALESCED_BYTES, type FrameSink } from '../src/net/frame-writer.js'
import { nextTurn } from '../src/net/next-turn.js'
import { addrsOf, newDeviceKeys, startPeer, stopAll } from './net-fixture.js'

afterEach(async () => {
  await stopAll()
})

/** A sink that records each stream write as the list of frames it carried. */
function recordingSink(): FrameSink & { readonly writes: number[][] } {
  const writes: number[][] = []
  return {
    writes,
    write: async (frame) => {
      writes.push([frame[0] ?? -1])
      return Promise.resolve()
    },
    writeV: async (frames) => {
      writes.push(frames.map((f) => f[0] ?? -1))
      return Promise.resolve()
    },
  }
}

const turn = async (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Two peers; `b` answers each request frame with the frame reversed. */
async function echoPair(): Promise<{ a: DirectMessages; b: XchatNode; target: { peerId: string; addrs: string[] } }> {
  const [na, nb] = await Promise.all([startPeer(newDeviceKeys()), startPeer(newDeviceKeys())])
  const b = new DirectMessages({ node: nb, maxRequestBytes: 1000 })
  await b.handle(async (frame) => Promise.resolve(Uint8Array.from(frame).reverse()))
  return { a: new DirectMessages({ node: na }), b: nb, target: { peerId: nb.peerId.toString(), addrs: addrsOf(nb) } }
}

/** A raw stream from a fresh peer to `to` on the messaging protocol. */
async function rawStream(to: XchatNode): Promise<ReturnType<typeof lpStream>> {
  const from = await startPeer(newDeviceKeys())
  await from.peerStore.merge(to.peerId, { multiaddrs: to.getMultiaddrs() })
  return lpStream(await from.dialProtocol(to.peerId, MSG_PROTOCOL), { maxDataLength: 1000 })
}

/** An unsigned LEB128 varint (the length prefix of lpStream). */
function varint(n: number): Uint8Array {
  const out: number[] = []
  for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n & 0x7f) | 0x80)
  out.push(n)
  return Uint8Array.from(out)
}

function prefixed(frame: Uint8Array): Uint8Array {
  return concat(varint(frame.length), frame)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

describe('direct messaging: coalesced frames', () => {
  it('writes the first frame of a turn alone and the rest of the turn together, in call order', async () => {
    const sink = recordingSink()
    const writer = new FrameWriter(sink)
    const done = Array.from({ length: 10 }, async (_, i) => writer.write(Uint8Array.of(i)))
    await Promise.all(done)
    expect(sink.writes).toEqual([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9]])
    // a later lone frame leaves at once again
    await turn()
    await turn()
    await writer.write(Uint8Array.of(42))
    expect(sink.writes.at(-1)).toEqual([42])
  })

  it('runs the next turn after the microtasks of this one, also where there is no setImmediate (browsers)', async () => {
    const saved = globalThis.setImmediate
    const order: string[] = []
    try {
      ;(globalThis as { setImmediate?: unknown }).setImmediate = undefined
      const ran = new Promise<void>((resolve) =>
        nextTurn(() => {
          order.push('turn')
          resolve()
        }),
      )
      void Promise.resolve().then(() => order.push('microtask'))
      await ran
    } finally {
      globalThis.setImmediate = saved
    }
    expect(order).toEqual(['microtask', 'turn'])
  })

  it('does not hold more than MAX_COALESCED_BYTES back', async () => {
    const sink = recordingSink()
    const writer = new FrameWriter(sink)
    const big = (n: number): Uint8Array => new Uint8Array(MAX_COALESCED_BYTES / 2).fill(n)
    await Promise.all([writer.write(big(1)), writer.write(big(2)), writer.write(big(3)), writer.write(big(4))])
    expect(sink.writes).toEqual([[1], [2, 3], [4]])
  })

  it('fails every frame of a batch whose stream write fails', async () => {
    const writer = new FrameWriter({
      write: async () => Promise.resolve(),
      writeV: async () => Promise.reject(new Error('stream reset')),
    })
    const results = await Promise.allSettled([
      writer.write(Uint8Array.of(1)),
      writer.write(Uint8Array.of(2)),
      writer.write(Uint8Array.of(3)),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected'])
  })

  it('answers every request of a burst of 200 with its own answer over real libp2p', async () => {
    const { a, target } = await echoPair()
    const frames = Array.from({ length: 200 }, (_, i) => Uint8Array.of(i & 0xff, i >> 8, 7, 9))
    const answers = await Promise.all(frames.map(async (f) => a.request(target, f)))
    expect(answers.map((x) => Uint8Array.from(x))).toEqual(frames.map((f) => Uint8Array.from(f).reverse()))
    await a.unhandle()
  })

  it('carries a burst in fewer stream chunks than frames, and the receiver reads every frame', async () => {
    const [na, nb] = await Promise.all([startPeer(newDeviceKeys()), startPeer(newDeviceKeys())])
    let chunks = 0
    const got: number[] = []
    await nb.handle(MSG_PROTOCOL, async (stream) => {
      stream.addEventListener('message', () => chunks++)
      const lp = lpStream(stream)
      for (;;) {
        const frame = (await lp.read()).subarray()
        got.push(frame[0] ?? -1)
        await lp.write(Uint8Array.of(1))
      }
    })
    const a = new DirectMessages({ node: na })
    const target = { peerId: nb.peerId.toString(), addrs: addrsOf(nb) }
    await a.request(target, Uint8Array.of(255)) // the stream is open before the burst
    await Promise.all(Array.from({ length: 100 }, async (_, i) => a.request(target, Uint8Array.of(i))))
    expect(got).toEqual([255, ...Array.from({ length: 100 }, (_, i) => i)])
    expect(chunks).toBeLessThan(50)
    await a.unhandle()
  })

  it('answers the good frames of a chunk and resets the stream at an oversized one behind them', async () => {
    const { b } = await echoPair()
    const lp = await rawStream(b)
    const oversized = concat(varint(5000), new Uint8Array(20))
    lp.unwrap().send(concat(prefixed(Uint8Array.of(1, 2)), prefixed(Uint8Array.of(3, 4)), oversized))
    const stream = lpStream(lp.unwrap(), { maxDataLength: 1000 })
    expect(Uint8Array.from((await stream.read()).subarray())).toEqual(Uint8Array.of(2, 1))
    expect(Uint8Array.from((await stream.read()).subarray())).toEqual(Uint8Array.of(4, 3))
    await expect(stream.read()).rejects.toThrow()
  })

  it('answers the whole frames of a chunk whose last frame is truncated, then ends the stream', async () => {
    const { b } = await echoPair()
    const lp = await rawStream(b)
    const raw = lp.unwrap()
    const truncated = concat(varint(100), new Uint8Array(10))
    raw.send(concat(prefixed(Uint8Array.of(5, 6)), truncated))
    await raw.close()
    const stream = lpStream(raw, { maxDataLength: 1000 })
    expect(Uint8Array.from((await stream.read()).subarray())).toEqual(Uint8Array.of(6, 5))
    await expect(stream.read()).rejects.toThrow()
  })
})
