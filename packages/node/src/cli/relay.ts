import type { Command } from 'commander'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { DEFAULT_RELAY_LIMITS } from '@xchat/core'
import { startRelay, jsonLogger, type LogLevel } from '../relay/index.js'
import { bootstrapList, collect, intOption, untilSignal } from './options.js'
import { UsageError } from './exit-codes.js'

/** Default relay listen addresses: localhost only, so a first run exposes nothing. */
export const DEFAULT_RELAY_LISTEN = ['/ip4/127.0.0.1/tcp/4001', '/ip4/127.0.0.1/tcp/4002/ws']
/** Default port of /health and /metrics. */
export const DEFAULT_RELAY_HTTP_PORT = 9090

interface RelayFlags {
  listen: string[]
  announce: string[]
  bootstrap: string[]
  httpPort: string
  httpHost: string
  data?: string
  maxReservations: string
  relayDataLimit: string
  relayDurationLimit: string
  loopback?: boolean
  logLevel: string
  json?: boolean
}

/** `xchat relay`: run a relay/bootstrap node until SIGINT/SIGTERM. */
export function relayCommand(program: Command): void {
  program
    .command('relay')
    .description('run a relay/bootstrap node: DHT server, circuit relay, /health and /metrics')
    .option('--listen <multiaddr>', `listen address, repeatable (default: ${DEFAULT_RELAY_LISTEN.join(' ')})`, collect, [])
    .option('--announce <multiaddr>', 'address to advertise instead of the listen addresses (public DNS/IP), repeatable', collect, [])
    .option(
      '--bootstrap <multiaddr>',
      'another relay to join (…/p2p/<id>), repeatable; also $XCHAT_BOOTSTRAP, comma-separated',
      collect,
      [],
    )
    .option('--http-port <n>', 'port of /health and /metrics (0 picks one)', String(DEFAULT_RELAY_HTTP_PORT))
    .option('--http-host <host>', 'interface of the HTTP server', '127.0.0.1')
    .option('--data <dir>', 'relay data folder: key and peer store (default: $XCHAT_RELAY_DATA or ~/.xchat-relay)')
    .option('--max-reservations <n>', 'circuit relay reservations at once', String(DEFAULT_RELAY_LIMITS.maxReservations))
    .option('--relay-data-limit <bytes>', 'bytes per relayed connection, both directions', String(DEFAULT_RELAY_LIMITS.defaultDataLimit))
    .option(
      '--relay-duration-limit <seconds>',
      'seconds a relayed connection may last',
      String(DEFAULT_RELAY_LIMITS.defaultDurationLimit / 1000),
    )
    .option('--loopback', 'keep loopback/private addresses in the DHT (local runs, LANs, tests)')
    .option('--log-level <level>', 'debug | info | warn | error', 'info')
    .option('--json', 'print the ready line as JSON')
    .action(async (_flags: RelayFlags, cmd: Command) => {
      // global --data/--json may be given before or after the command name
      const flags = cmd.optsWithGlobals<RelayFlags>()
      // from the first moment: a signal during start-up still shuts down cleanly
      const signalled = untilSignal()
      if (!['debug', 'info', 'warn', 'error'].includes(flags.logLevel))
        throw new UsageError(`--log-level expects debug, info, warn or error, got "${flags.logLevel}"`)
      const log = jsonLogger({ level: flags.logLevel as LogLevel })
      const dataDir = resolve(flags.data ?? process.env['XCHAT_RELAY_DATA'] ?? join(homedir(), '.xchat-relay'))
      const relay = await startRelay({
        dataDir,
        listen: flags.listen.length > 0 ? flags.listen : DEFAULT_RELAY_LISTEN,
        announce: flags.announce,
        bootstrap: bootstrapList(flags.bootstrap),
        httpPort: intOption('--http-port', flags.httpPort, 0, 65535),
        httpHost: flags.httpHost,
        limits: {
          maxReservations: intOption('--max-reservations', flags.maxReservations, 1),
          defaultDataLimit: BigInt(intOption('--relay-data-limit', flags.relayDataLimit, 1)),
          defaultDurationLimit: intOption('--relay-duration-limit', flags.relayDurationLimit, 1) * 1000,
        },
        loopback: flags.loopback === true,
        log,
      })
      const ready = {
        type: 'ready',
        peerId: relay.node.peerId.toString(),
        addrs: relay.addrs(),
        http: `http://${flags.httpHost}:${relay.httpPort}`,
        dataDir,
      }
      if (flags.json === true) process.stdout.write(`${JSON.stringify(ready)}\n`)
      else {
        process.stdout.write(`xchat relay ${ready.peerId}\n`)
        for (const a of ready.addrs) process.stdout.write(`  ${a}\n`)
        process.stdout.write(`  health and metrics: ${ready.http}/health ${ready.http}/metrics\n`)
      }
      log.info('ready', { peerId: ready.peerId, addrs: ready.addrs.join(' ') })
      const sig = await signalled
      log.info('signal', { signal: sig })
      await relay.stop()
    })
}
