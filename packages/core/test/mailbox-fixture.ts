/**
 * Mailbox test fixture: relays with a mailbox service on a real level
 * database in a temp folder, and peers with a MailboxClient, all on loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PrivateKey, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import {
  MailboxClient,
  MAILBOX_PROTOCOL,
  mailboxService,
  type DeviceKeys,
  type MailboxLimits,
  type MailboxService,
  type XchatNode,
} from '../src/index.js'
import { decodeResponse } from '../src/mailbox/framing.js'
import type { MailboxResponsePb } from '../src/wire/index.js'
import { newDeviceKeys, startPeer, startRelay } from './net-fixture.js'

/** A relay with its mailbox service and database. */
export interface MailboxRelay {
  readonly node: XchatNode
  readonly service: MailboxService
  readonly db: Level<string, Uint8Array>
  readonly path: string
  readonly privateKey: PrivateKey
}

/** A device: its keys, node and client. */
export interface MailboxPeer {
  readonly keys: DeviceKeys
  readonly node: XchatNode
  readonly client: MailboxClient
}

const folders: string[] = []
const relays: MailboxRelay[] = []

/** A controllable clock starting now. */
export function testClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = start
  return { now: () => t, advance: (ms) => (t += ms) }
}

/** A fresh folder under the OS temp dir, removed by {@link cleanupMailbox}. */
export async function tempFolder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'xchat-mailbox-'))
  folders.push(path)
  return path
}

/** Open a level database the way the relay CLI does. */
export async function openDb(path: string): Promise<Level<string, Uint8Array>> {
  const db = new Level<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  return db
}

/**
 * Start a relay with a mailbox service. Pass `path` and `privateKey` of an
 * earlier relay to restart it.
 */
export async function startMailboxRelay(
  options: { path?: string; privateKey?: PrivateKey; now?: () => number; limits?: Partial<MailboxLimits> } = {},
): Promise<MailboxRelay> {
  const path = options.path ?? (await tempFolder())
  const privateKey = options.privateKey ?? (await generateKeyPair('Ed25519'))
  const db = await openDb(path)
  const node = await startRelay({ privateKey })
  const service = mailboxService({ db, ...(options.now && { now: options.now }), ...(options.limits && { limits: options.limits }) })({
    peerId: node.peerId,
    registrar: node,
  })
  await service.start()
  const relay = { node, service, db, path, privateKey }
  relays.push(relay)
  return relay
}

/** Stop a relay's service and node and close its database (as a restart or crash-free shutdown does). */
export async function stopMailboxRelay(relay: MailboxRelay): Promise<void> {
  const i = relays.indexOf(relay)
  if (i >= 0) relays.splice(i, 1)
  await relay.service.stop()
  await relay.node.stop()
  await relay.db.close()
}

/** A device with a node that dials relays directly, and its client. */
export async function startMailboxPeer(options: { now?: () => number; keys?: DeviceKeys } = {}): Promise<MailboxPeer> {
  const keys = options.keys ?? newDeviceKeys()
  const node = await startPeer(keys, { reservations: 0 })
  const client = new MailboxClient({ node, owner: keys.device, ...(options.now && { now: options.now }) })
  return { keys, node, client }
}

/** Stop every mailbox relay still running and remove the temp folders (nodes: net-fixture's stopAll). */
export async function cleanupMailbox(): Promise<void> {
  for (const relay of relays.splice(0)) {
    await settle(async () => relay.service.stop())
    await settle(async () => relay.node.stop())
    await settle(async () => relay.db.close())
  }
  await Promise.all(folders.splice(0).map(async (f) => rm(f, { recursive: true, force: true })))
}

/** Open a raw mailbox stream from `from` to `relay`. */
export async function rawStream(from: XchatNode, relay: XchatNode): Promise<Stream> {
  return from.dialProtocol(relay.getMultiaddrs(), MAILBOX_PROTOCOL, { runOnLimitedConnection: true })
}

/**
 * Send raw bytes (already framed, or a frame body when `frame` is true) and
 * read one response; undefined when the relay closed or reset the stream instead.
 */
export async function rawExchange(stream: Stream, bytes: Uint8Array, frame = true): Promise<MailboxResponsePb | undefined> {
  const lp = lpStream(stream, { maxDataLength: 2 * 1024 * 1024 })
  try {
    if (frame) await lp.write(bytes)
    else stream.send(bytes)
    const response = await lp.read({ signal: AbortSignal.timeout(10_000) })
    return decodeResponse(response.subarray())
  } catch {
    return undefined
  } finally {
    stream.abort(new Error('test done'))
  }
}

async function settle(fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch {
    // already stopped
  }
}
