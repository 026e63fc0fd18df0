import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { XchatError, type XchatErrorCode } from '@xchat/core'
import { SOCKET_FILE, type IpcResponse } from './protocol.js'

/** A connection to a running `xchat listen`. */
export interface IpcClient {
  call<T>(method: string, params?: Record<string, unknown>): Promise<T>
  close(): void
}

/**
 * Connect to the listener of `dataDir`, or return undefined when none runs
 * (no socket, or a stale one left by a killed process).
 */
export async function connectIpc(dataDir: string): Promise<IpcClient | undefined> {
  const path = join(dataDir, SOCKET_FILE)
  const socket = await new Promise<Socket | undefined>((resolve) => {
    const s = connect(path)
    s.once('connect', () => resolve(s))
    s.once('error', () => resolve(undefined))
  })
  if (socket === undefined) return undefined
  const pending = new Map<number, (res: IpcResponse) => void>()
  let next = 1
  createInterface({ input: socket, crlfDelay: Infinity }).on('line', (line) => {
    try {
      const res = JSON.parse(line) as IpcResponse
      pending.get(res.id)?.(res)
      pending.delete(res.id)
    } catch {
      // a listener never sends a bad line; ignore rather than crash the command
    }
  })
  socket.on('close', () => {
    for (const [id, done] of pending) done({ id, error: { code: 'UNREACHABLE', message: 'the listener closed the connection' } })
    pending.clear()
  })
  return {
    call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = next++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, (res) => {
          if ('error' in res) reject(new XchatError(res.error.code as XchatErrorCode, res.error.message))
          else resolve(res.result as T)
        })
        socket.write(`${JSON.stringify({ id, method, params })}\n`)
      })
    },
    close: () => socket.end(),
  }
}
