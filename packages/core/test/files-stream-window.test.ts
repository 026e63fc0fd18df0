import { afterEach, describe, expect, it } from 'vitest'
import { multiaddr } from '@multiformats/multiaddr'
import { FILE_STREAM_WINDOW, widenReceiveWindow } from '../src/files/stream-window.js'
import { addrsOf, newDeviceKeys, startPeer, stopAll } from './net-fixture.js'
import { randomFile } from './files-fixture.js'

const PROTOCOL = '/xchat-test/window/1.0.0'
const MiB = 1024 * 1024

afterEach(async () => {
  await stopAll()
})

/** Window updates the receiving side of a real yamux stream sends while `bytes` arrive, with or without widening. */
async function receiveCountingUpdates(
  bytes: Uint8Array,
  widen: boolean,
): Promise<{ updates: number; got: Uint8Array; window: number; granted: number }> {
  const sender = await startPeer(newDeviceKeys())
  const receiver = await startPeer(newDeviceKeys())
  await sender.handle(PROTOCOL, async (stream) => {
    // nothing is sent before the receiver says go: its window is measured before any data
    for await (const go of stream) if (go.byteLength > 0) break
    for (let at = 0; at < bytes.length; at += 256 * 1024) {
      if (!stream.send(bytes.subarray(at, at + 256 * 1024))) await stream.onDrain()
    }
    await stream.close()
  })
  const stream = await receiver.dialProtocol(multiaddr(addrsOf(sender)[0]), PROTOCOL)
  const s = stream as unknown as { sendWindowUpdate(): void; recvWindowCapacity: number; recvWindow: number }
  // count the updates that grant credit (the muxer calls this after every data frame)
  let updates = 0
  const original = s.sendWindowUpdate.bind(s)
  s.sendWindowUpdate = () => {
    const before = s.recvWindowCapacity
    original()
    if (s.recvWindowCapacity !== before) updates++
  }
  if (widen) expect(widenReceiveWindow(stream)).toBe(true)
  // the credit granted before any data arrived
  const granted = s.recvWindowCapacity
  stream.send(new Uint8Array([1]))
  const parts: Uint8Array[] = []
  for await (const part of stream) parts.push(part.subarray())
  return { updates, got: Buffer.concat(parts), window: s.recvWindow, granted }
}

describe('files stream receive window', () => {
  it('grants a 4 MiB window in few updates, and every byte still arrives in order', async () => {
    const bytes = randomFile(12 * MiB)
    const plain = await receiveCountingUpdates(bytes, false)
    const wide = await receiveCountingUpdates(bytes, true)
    expect(Buffer.compare(wide.got, bytes)).toBe(0)
    expect(Buffer.compare(plain.got, bytes)).toBe(0)
    // yamux's own tuning may double it further once it is used quickly
    expect(wide.window).toBeGreaterThanOrEqual(FILE_STREAM_WINDOW)
    // credit goes back once half the window (≥ 2 MiB) is used: ≤ 6 for 12 MiB, plus the first grant
    expect(wide.updates).toBeLessThanOrEqual(12 / 2 + 2)
    // granted up front, before any data: the default stream starts at yamux's 256 KiB
    expect(wide.granted).toBeGreaterThanOrEqual(FILE_STREAM_WINDOW)
    expect(plain.granted).toBe(256 * 1024)
  })

  it('leaves a stream that is not a yamux stream alone', () => {
    const other = { send: () => true }
    expect(widenReceiveWindow(other)).toBe(false)
    expect(widenReceiveWindow(undefined)).toBe(false)
    expect(other).toEqual({ send: other.send })
  })
})
