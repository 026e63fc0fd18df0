import type { Command } from 'commander'
import { resolve } from 'node:path'
import { stat } from 'node:fs/promises'
import { startRelay, jsonLogger, staticFiles, jsonRoute } from '../relay/index.js'
import { DEFAULT_RELAY_LIMITS } from '@xchat/core'
import { intOption, untilSignal } from './options.js'
import { UsageError } from './exit-codes.js'

/** Default port of `xchat start` (env PORT overrides). */
export const DEFAULT_START_PORT = 8080

/**
 * `xchat start` (what `npm start` runs): a local relay that also serves the
 * web app and its bootstrap.json on http://127.0.0.1:8080, so a person opens
 * two browser windows and chats.
 */
export function startCommand(program: Command): void {
  program
    .command('start')
    .description('run a local relay that also serves the web app (for trying xchat on one machine)')
    .option('--web <dir>', 'the built web app to serve', 'packages/web/dist')
    .option('--port <n>', `HTTP port (default: $PORT or ${DEFAULT_START_PORT})`)
    .option('--data <dir>', 'where the local relay keeps its key and peer store', '.xchat-local/relay')
    .action(async (_flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<{ web: string; port?: string; data: string }>()
      const signalled = untilSignal()
      const port = intOption('--port', flags.port ?? process.env['PORT'] ?? String(DEFAULT_START_PORT), 0, 65535)
      const webDir = resolve(flags.web)
      if (!(await isDir(webDir))) throw new UsageError(`no built web app in ${webDir}: run "npm run build" first (npm start does)`)
      const log = jsonLogger({ level: 'warn' })
      // browsers reach the relay over WebSockets; TCP for CLI peers on this machine
      const relay = await startRelay({
        dataDir: resolve(flags.data),
        listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
        bootstrap: [],
        httpPort: port,
        httpHost: '127.0.0.1',
        limits: DEFAULT_RELAY_LIMITS,
        loopback: true,
        log,
        routes: [jsonRoute('/bootstrap.json', () => ({ relays: relay.addrs().filter((a) => a.includes('/ws/')) })), staticFiles(webDir)],
      })
      const url = `http://127.0.0.1:${relay.httpPort}/`
      process.stdout.write(`xchat is running at ${url}\n`)
      process.stdout.write('Open it in two browser windows with separate profiles (or one private window) and chat.\n')
      process.stdout.write(`CLI peers can join with: --loopback --bootstrap ${relay.addrs()[0] ?? ''}\n`)
      process.stdout.write('Press Ctrl-C to stop.\n')
      await signalled
      await relay.stop()
    })
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
