import { join } from 'node:path'
import { mkdir } from 'node:fs/promises'
import type { Server } from 'node:http'
import { LevelDatastore } from 'datastore-level'
import { ClassicLevel } from 'classic-level'
import {
  createXchatNode,
  libp2pPrivateKey,
  mailboxService,
  vaultService,
  type VaultLimits,
  type VaultService,
  GroupRelay,
  DHT_DATASTORE_PREFIX,
  type MailboxLimits,
  type MailboxService,
  type RelayLimits,
  type XchatNode,
} from '@xchat/core'
import type { SingleKadDHT } from '@libp2p/kad-dht'
import { loadOrCreateRelayKey } from './relay-key.js'
import { relayMetrics, type RelayMetrics } from './metrics.js'
import type { ConnectionGater } from '@libp2p/interface'
import { startRelayHttp, type RouteHandler } from './http-server.js'
import type { Logger } from './logger.js'

/** Everything a relay needs to start. */
export interface RelayOptions {
  readonly dataDir: string
  readonly listen: readonly string[]
  readonly announce?: readonly string[]
  readonly bootstrap: readonly string[]
  readonly httpPort: number
  readonly httpHost: string
  readonly limits: RelayLimits
  /** Mailbox quotas and rate limits; defaults `DEFAULT_MAILBOX_LIMITS`. */
  readonly mailboxLimits?: Partial<MailboxLimits>
  /** Vault quotas and rate limits; defaults `DEFAULT_VAULT_LIMITS`. */
  readonly vaultLimits?: Partial<VaultLimits>
  /** Keep loopback/private addresses in the DHT (local runs, LANs, tests). */
  readonly loopback: boolean
  readonly log: Logger
  /** Extra HTTP routes (e.g. the web app for `xchat start`). */
  readonly routes?: readonly RouteHandler[]
}

/** A running relay. */
export interface RunningRelay {
  readonly node: XchatNode
  readonly httpPort: number
  /** Full multiaddrs, each ending in /p2p/<PeerId>. */
  addrs(): string[]
  /** Close connections, stop HTTP, flush storage. Safe to call twice. */
  stop(): Promise<void>
}

/**
 * Start a relay: DHT server, circuit relay v2 server, HTTP /health and
 * /metrics. Its key and peer store live under `dataDir`, so a restart keeps
 * its PeerId and the peers it knew.
 */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const { log } = options
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const key = await loadOrCreateRelayKey(options.dataDir)
  const datastore = new LevelDatastore(join(options.dataDir, 'datastore'))
  await datastore.open()
  // created before the node: the connection gater counts its refusals here
  let node: XchatNode | undefined
  let mailbox: MailboxService | undefined
  let vault: VaultService | undefined
  let groupRelay: GroupRelay | undefined
  const metrics = relayMetrics({
    mailbox: () => mailbox?.stats(),
    vault: () => vault?.stats(),
    groups: () => groupRelay?.store.stats(),
    connections: () => node?.getConnections().length ?? 0,
    reservations: () => node?.services.relay?.reservations.size ?? 0,
    // kad-dht's concrete service is a SingleKadDHT; the KadDHT interface omits its routing table
    routingTableSize: () => (node?.services.dht as Partial<SingleKadDHT> | undefined)?.routingTable?.size ?? 0,
    dhtRecords: () => countKeys(datastore, `${DHT_DATASTORE_PREFIX}/record`),
  })
  try {
    node = await createXchatNode({
      role: 'relay',
      privateKey: libp2pPrivateKey(key),
      listen: options.listen,
      bootstrap: options.bootstrap,
      relay: options.limits,
      datastore,
      loopback: options.loopback,
      connectionGater: relayGater(() => node, metrics, options.loopback, log),
      ...(options.announce && options.announce.length > 0 ? { announce: options.announce } : {}),
    })
  } catch (err) {
    await datastore.close()
    throw err
  }
  const running = node
  const startedAt = Date.now()
  // sealed mail for offline devices: its own LevelDB, fsynced writes (acked only once durable)
  const mailDb = new ClassicLevel<string, Uint8Array>(join(options.dataDir, 'mailbox'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  try {
    await mailDb.open()
    mailbox = mailboxService({ db: mailDb, ...(options.mailboxLimits ? { limits: options.mailboxLimits } : {}) })({
      peerId: running.peerId,
      registrar: running,
    })
    await mailbox.start()
    // account vaults share the mail database (sublevel "vault"): same fsynced writes, one folder to back up
    vault = vaultService({ db: mailDb, ...(options.vaultLimits ? { limits: options.vaultLimits } : {}) })({
      peerId: running.peerId,
      registrar: running,
    })
    await vault.start()
    // group topics: follow what peers follow, keep the newest messages for members that were offline
    // (in the mail database, sublevel "group-store": synced writes, a restart keeps them)
    groupRelay = new GroupRelay(running, { db: mailDb })
    await groupRelay.start()
  } catch (err) {
    await groupRelay?.stop()
    await vault?.stop()
    await mailbox?.stop()
    await running.stop()
    await mailDb.close()
    await datastore.close()
    throw err
  }
  const addrs = (): string[] => running.getMultiaddrs().map((a) => a.toString())
  let http: { server: Server; port: number }
  try {
    http = await startRelayHttp({
      port: options.httpPort,
      host: options.httpHost,
      registry: metrics.registry,
      health: () => ({
        peerId: running.peerId.toString(),
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        connections: running.getConnections().length,
        addrs: addrs(),
      }),
      routes: options.routes ?? [],
    })
  } catch (err) {
    await groupRelay.stop()
    await vault.stop()
    await mailbox.stop()
    await running.stop()
    await mailDb.close()
    await datastore.close()
    throw err
  }
  running.addEventListener('peer:connect', (evt) => log.debug('peer connected', { peer: evt.detail.toString() }))
  running.services.relay?.addEventListener('relay:reservation', () =>
    log.debug('reservation', { reservations: running.services.relay?.reservations.size }),
  )
  let stopping: Promise<void> | undefined
  return {
    node: running,
    httpPort: http.port,
    addrs,
    stop() {
      stopping ??= (async () => {
        log.info('stopping', { connections: running.getConnections().length })
        await new Promise<void>((resolve) => {
          http.server.close(() => resolve())
          http.server.closeAllConnections()
        })
        await vault?.stop()
        await groupRelay?.stop()
        await mailbox?.stop()
        await running.stop()
        await mailDb.close()
        await datastore.close()
        log.info('stopped')
      })()
      return stopping
    },
  }
}

async function countKeys(datastore: LevelDatastore, prefix: string): Promise<number> {
  let n = 0
  for await (const key of datastore.queryKeys({ prefix })) if (key !== undefined) n++
  return n
}

/**
 * Connections one peer may hold to this relay. A peer needs one (a few during
 * reconnects); more is one peer trying to use up the relay's connection slots.
 */
export const MAX_CONNECTIONS_PER_PEER = 4

/** The relay's connection gater: per-peer connection cap, counted in xchat_refused_total. */
function relayGater(node: () => XchatNode | undefined, metrics: RelayMetrics, loopback: boolean, log: Logger): ConnectionGater {
  return {
    ...(loopback ? { denyDialMultiaddr: () => false } : {}),
    denyInboundEncryptedConnection: (peer) => {
      const open = node()?.getConnections(peer).length ?? 0
      if (open < MAX_CONNECTIONS_PER_PEER) return false
      metrics.refused.inc({ reason: 'connections_per_peer' })
      log.warn('refused connection: too many from one peer', { peer: peer.toString(), open })
      return true
    },
  }
}
