import { describe, it, expect, afterEach } from 'vitest'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { Uint8ArrayList } from 'uint8arraylist'
import type { MultiaddrConnection } from '@libp2p/interface'
import { coalesceWrites } from '../src/net/tcp-coalesce.js'

let server: Server | undefined
const sockets: Socket[] = []

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  await new Promise((r) => (server ? server.close(r) : r(undefined)))
  server = undefined
})

/** A loopback socket pair: what the client writes, the server side collects. */
async function pair(): Promise<{ client: Socket; received: () => Promise<Buffer> }> {
  const chunks: Buffer[] = []
  let ended: () => void = () => undefined
  const done = new Promise<void>((r) => (ended = r))
  server = createServer((s) => {
    sockets.push(s)
    s.on('data', (d: Buffer) => chunks.push(d))
    s.on('end', () => ended())
  })
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const client = connect(port, '127.0.0.1')
  sockets.push(client)
  await new Promise((r) => client.once('connect', r))
  return {
    client,
    received: async () => {
      client.end()
      await done
      return Buffer.concat(chunks)
    },
  }
}

describe('coalesced TCP writes', () => {
  it('hands all buffers of one send to a single vectored write, bytes in order', async () => {
    const { client, received } = await pair()
    let original = 0
    const maConn = {
      socket: client,
      sendData: () => {
        original++
        return { sentBytes: 0, canSendMore: true }
      },
    } as unknown as MultiaddrConnection & { sendData(d: Uint8ArrayList): { sentBytes: number; canSendMore: boolean } }
    expect(coalesceWrites(maConn)).toBe(maConn)
    const writes = { writev: 0, write: 0 }
    const s = client as unknown as { _writev: (...a: unknown[]) => unknown; _write: (...a: unknown[]) => unknown }
    const writev = s._writev.bind(client)
    const write = s._write.bind(client)
    s._writev = (...a) => (writes.writev++, writev(...a))
    s._write = (...a) => (writes.write++, write(...a))
    // a noise message as it reaches the transport: length, ciphertext pieces, tag
    const parts = Array.from({ length: 40 }, (_, i) => new Uint8Array(i % 3 === 0 ? 2 : 1000).fill(i))
    const result = maConn.sendData(new Uint8ArrayList(...parts))
    expect(result.sentBytes).toBe(parts.reduce((n, p) => n + p.length, 0))
    expect(writes).toEqual({ writev: 1, write: 0 })
    expect(original).toBe(0)
    expect(await received()).toEqual(Buffer.concat(parts))
  })

  it('leaves a connection without a Node socket as it is', () => {
    const sendData = (): { sentBytes: number; canSendMore: boolean } => ({ sentBytes: 0, canSendMore: true })
    const maConn = { sendData } as unknown as MultiaddrConnection & { sendData: unknown }
    coalesceWrites(maConn)
    expect(maConn.sendData).toBe(sendData)
  })
})
