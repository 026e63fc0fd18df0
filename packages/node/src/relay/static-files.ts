import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { RouteHandler } from './http-server.js'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Serve a built web app from `root` (index.html for `/`), refusing any path
 * that leaves the folder.
 */
export function staticFiles(root: string): RouteHandler {
  const base = normalize(root + sep)
  return async (req, res) => {
    let path: string
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://relay').pathname)
    } catch {
      return false
    }
    const file = normalize(join(base, path === '/' ? 'index.html' : path))
    if (!file.startsWith(base)) return false
    try {
      if (!(await stat(file)).isFile()) return false
      const body = await readFile(file)
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length })
      res.end(req.method === 'HEAD' ? undefined : body)
      return true
    } catch {
      return false
    }
  }
}

/** Serve one JSON document at `path` (e.g. the web app's `/bootstrap.json`), computed per request. */
export function jsonRoute(path: string, body: () => unknown): RouteHandler {
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://relay').pathname !== path) return false
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(`${JSON.stringify(body())}\n`)
    return true
  }
}
