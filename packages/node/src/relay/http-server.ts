import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Registry } from 'prom-client'

/** An extra route handler: return true when it answered the request. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean

/** What the HTTP side of a relay serves. */
export interface RelayHttpOptions {
  readonly port: number
  readonly host: string
  readonly registry: Registry
  /** Body of /health: the relay's status. */
  readonly health: () => Record<string, unknown>
  /** Tried in order after /health and /metrics (e.g. the web app's static files). */
  readonly routes?: readonly RouteHandler[]
}

/**
 * Start the relay's HTTP server: `/health` (JSON) and Prometheus `/metrics`.
 * @returns the server, listening, and the port it got (port 0 picks one)
 */
export async function startRelayHttp(options: RelayHttpOptions): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    void handle(options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('internal error\n')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const addr = server.address()
  return { server, port: typeof addr === 'object' && addr !== null ? addr.port : options.port }
}

async function handle(options: RelayHttpOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://relay').pathname
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  if (path === '/health') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(`${JSON.stringify({ status: 'ok', ...options.health() })}\n`)
    return
  }
  if (path === '/metrics') {
    const body = await options.registry.metrics()
    res.writeHead(200, { 'content-type': options.registry.contentType })
    res.end(body)
    return
  }
  for (const route of options.routes ?? []) if (await route(req, res)) return
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
}
