/**
 * TCP whose connections hand the kernel one vectored write per send instead
 * of one write per buffer. Noise turns every yamux frame into a list of small
 * buffers (a 2-byte length, the ciphertext pieces, a 16-byte tag, per 64 KiB
 * message) and @libp2p/tcp writes each with its own `socket.write`: with
 * `noDelay` that is ~25 syscalls and as many TCP segments per 256 KiB file
 * chunk, and as many 'data' events on the receiving side. Corking the socket
 * for the duration of one `sendData` makes Node pass them to a single writev.
 * The bytes on the wire are unchanged.
 */
import { tcp, type TCPOptions } from '@libp2p/tcp'
import type { Transport, Upgrader, MultiaddrConnection } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

type TcpFactory = ReturnType<typeof tcp>

/** The part of a Node net.Socket used here (core has no Node types). */
interface CorkableSocket {
  cork(): void
  uncork(): void
  write(buf: Uint8Array): boolean
  readonly writableLength: number
  readonly writableHighWaterMark: number
}

function isCorkable(socket: unknown): socket is CorkableSocket {
  const s = socket as Partial<Record<keyof CorkableSocket, unknown>> | null | undefined
  return (
    typeof s?.cork === 'function' &&
    typeof s.uncork === 'function' &&
    typeof s.write === 'function' &&
    typeof s.writableLength === 'number' &&
    typeof s.writableHighWaterMark === 'number'
  )
}

/** What `sendData` of a libp2p message stream returns (@libp2p/utils SendResult). */
interface SendResult {
  sentBytes: number
  canSendMore: boolean
}

/**
 * `tcp(init)` with coalesced writes; anything else about it is @libp2p/tcp's.
 * @example createLibp2p({ transports: [coalescingTcp()] })
 */
export function coalescingTcp(init?: TCPOptions): TcpFactory {
  const factory = tcp(init)
  return (components) => {
    const transport: Transport = factory(components)
    const dial = transport.dial.bind(transport)
    const createListener = transport.createListener.bind(transport)
    transport.dial = async (ma, options) => dial(ma, { ...options, upgrader: coalescingUpgrader(options.upgrader) })
    transport.createListener = (options) => createListener({ ...options, upgrader: coalescingUpgrader(options.upgrader) })
    return transport
  }
}

function coalescingUpgrader(upgrader: Upgrader): Upgrader {
  // libp2p always passes one; anything else is handed on untouched
  if (typeof upgrader !== 'object' || upgrader === null) return upgrader
  return new Proxy(upgrader, {
    get(target, prop) {
      if (prop === 'upgradeInbound') {
        return async (maConn: MultiaddrConnection, opts: Parameters<Upgrader['upgradeInbound']>[1]) =>
          target.upgradeInbound(coalesceWrites(maConn), opts)
      }
      if (prop === 'upgradeOutbound') {
        return async (maConn: MultiaddrConnection, opts: Parameters<Upgrader['upgradeOutbound']>[1]) =>
          target.upgradeOutbound(coalesceWrites(maConn), opts)
      }
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/**
 * Replace the connection's `sendData` with one corked write of all its
 * buffers. Only a connection that exposes its net.Socket the way
 * @libp2p/tcp 11 does is changed; any other is returned as it is.
 */
export function coalesceWrites(maConn: MultiaddrConnection): MultiaddrConnection {
  const conn = maConn as MultiaddrConnection & { socket?: unknown; sendData?: unknown }
  const socket = conn.socket
  if (!isCorkable(socket) || typeof conn.sendData !== 'function') return maConn
  conn.sendData = (data: Uint8ArrayList | Uint8Array): SendResult => {
    socket.cork()
    // every buffer is taken even past the high-water mark, as the original
    // loop takes the one that crosses it; the caller waits for 'drain' after
    for (const buf of data instanceof Uint8Array ? [data] : data) socket.write(buf)
    socket.uncork()
    return { sentBytes: data.byteLength, canSendMore: socket.writableLength < socket.writableHighWaterMark }
  }
  return maConn
}
