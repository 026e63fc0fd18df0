import { createServer, type Server, type Socket } from 'node:net'
import { chmod, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { isXchatError } from '@xchat/core'
import { MAX_LINE_BYTES, SOCKET_FILE, type IpcHandlers, type IpcRequest, type IpcResponse } from './protocol.js'

/** A running control socket. */
export interface IpcServer {
  readonly path: string
  close(): Promise<void>
}

/**
 * Serve `handlers` on `<dataDir>/xchat.sock`. A stale socket from a killed
 * listener is replaced: the data folder's database lock already guarantees
 * that only one listener runs.
 */
export async function serveIpc(dataDir: string, handlers: IpcHandlers): Promise<IpcServer> {
  const path = join(dataDir, SOCKET_FILE)
  await rm(path, { force: true })
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    const lines = createInterface({ input: socket, crlfDelay: Infinity })
    lines.on('line', (line) => void answer(line, handlers).then((res) => socket.write(`${JSON.stringify(res)}\n`)))
  })
  server.maxConnections = 64
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => resolve())
  })
  await chmod(path, 0o600)
  return {
    path,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(path, { force: true })
    },
  }
}

async function answer(line: string, handlers: IpcHandlers): Promise<IpcResponse> {
  let req: IpcRequest
  try {
    if (line.length > MAX_LINE_BYTES) throw new Error('request too large')
    req = JSON.parse(line) as IpcRequest
    if (typeof req.id !== 'number' || typeof req.method !== 'string' || typeof req.params !== 'object' || req.params === null)
      throw new Error('not a request')
  } catch {
    return { id: -1, error: { code: 'MALFORMED', message: 'malformed request' } }
  }
  const handler = handlers[req.method]
  if (handler === undefined) return { id: req.id, error: { code: 'UNKNOWN_METHOD', message: `unknown method "${req.method}"` } }
  try {
    return { id: req.id, result: await handler(req.params) }
  } catch (err) {
    const code = isXchatError(err) ? err.code : 'INTERNAL'
    return { id: req.id, error: { code, message: err instanceof Error ? err.message : String(err) } }
  }
}
