/**
 * Messaging test fixture: relays with DHT, circuit relay and a mailbox
 * service on loopback; devices with a real level database in a temp folder
 * and an xchat client.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import {
  createClient,
  DeviceKeys,
  generateMnemonic,
  mailboxService,
  type CreateClientInit,
  type MailboxService,
  type MailboxLimits,
  type MessageView,
  type MessengerEvents,
  type XchatClient,
  type XchatNode,
} from '../src/index.js'
import { addrsOf, startPeer, startRelay, stopAll, waitForReservations, waitUntil, LOOPBACK_TCP } from './net-fixture.js'

/** A relay with its mailbox service. */
export interface TestRelay {
  readonly node: XchatNode
  readonly service: MailboxService
  readonly db: Level<string, Uint8Array>
}

/** A running device. */
export interface TestDevice {
  readonly keys: DeviceKeys
  readonly node: XchatNode
  readonly db: Level<string, Uint8Array>
  readonly path: string
  readonly client: XchatClient
  /** Every `message:received`, in event order. */
  readonly received: MessageView[]
}

const folders: string[] = []
const relays: TestRelay[] = []
const devices: TestDevice[] = []

export async function tempFolder(prefix = 'xchat-msg-'): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  folders.push(path)
  return path
}

/** `count` relays that bootstrap from each other, each with a mailbox service on its own level database. */
export async function startRelays(count: number, options: { limits?: Partial<MailboxLimits> } = {}): Promise<TestRelay[]> {
  const started: TestRelay[] = []
  for (let i = 0; i < count; i++) {
    const db = new Level<string, Uint8Array>(await tempFolder('xchat-relay-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    const node = await startRelay({ privateKey: await generateKeyPair('Ed25519'), bootstrap: started.flatMap((r) => addrsOf(r.node)) })
    const service = mailboxService({ db, ...(options.limits === undefined ? {} : { limits: options.limits }) })({
      peerId: node.peerId,
      registrar: node,
    })
    await service.start()
    started.push({ node, service, db })
  }
  relays.push(...started)
  return started
}

/** A new account's device `index` (or another device of `of`). */
export function deviceKeys(of?: DeviceKeys, index = 0): DeviceKeys {
  const secrets = of?.secrets()
  return DeviceKeys.fromSecrets({
    mnemonic: secrets?.mnemonic ?? generateMnemonic().phrase,
    passphrase: secrets?.passphrase ?? '',
    deviceIndex: index,
    createdAt: Date.now(),
  })
}

/** Options of {@link startDevice}. */
export interface DeviceOptions {
  readonly keys?: DeviceKeys
  /** Reuse a database folder (a restart). */
  readonly path?: string
  readonly ports?: CreateClientInit['ports']
  /** Wrap the client init (e.g. to wrap a port around the node). */
  readonly wrap?: (init: CreateClientInit) => CreateClientInit
  /** Skip publishing the directory entry. */
  readonly publish?: boolean
}

/**
 * Start a device on the relays: node with 2 reservations, level database,
 * client started and published (so others can resolve it).
 */
export async function startDevice(on: readonly TestRelay[], options: DeviceOptions = {}): Promise<TestDevice> {
  const keys = options.keys ?? deviceKeys()
  const path = options.path ?? (await tempFolder())
  const db = new Level<string, Uint8Array>(path, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const node = await startPeer(keys, { bootstrap: on.flatMap((r) => addrsOf(r.node)), listen: [LOOPBACK_TCP] })
  await waitForReservations(node, Math.min(2, on.length), 30_000)
  const base: CreateClientInit = { node, db, keys, ...(options.ports === undefined ? {} : { ports: options.ports }) }
  const client = await createClient(options.wrap?.(base) ?? base)
  const received: MessageView[] = []
  client.events.addEventListener('message:received', (e) => received.push(e.detail))
  await client.start()
  if (options.publish !== false) {
    const published = await client.publish()
    if (published.stored === 0) throw new Error('no relay stored the directory record')
  }
  const device = { keys, node, db, path, client, received }
  devices.push(device)
  return device
}

/** Stop a device's client and node and close its database (its folder stays for a restart). */
export async function stopDevice(device: TestDevice): Promise<void> {
  const i = devices.indexOf(device)
  if (i >= 0) devices.splice(i, 1)
  await device.client.stop()
  await device.node.stop()
  await device.db.close()
}

/** Wait until `check()` holds, re-checked on every `event` of the device's client. */
export async function waitFor(
  device: TestDevice,
  event: keyof MessengerEvents,
  check: () => boolean,
  timeoutMs = 20_000,
  what: string = event,
): Promise<void> {
  await waitUntil(device.client.events, event, check, timeoutMs, what)
}

/** Stop everything this fixture started and remove the temp folders. */
export async function cleanupMessaging(): Promise<void> {
  for (const d of devices.splice(0)) {
    await settle(async () => d.client.stop())
    await settle(async () => d.node.stop())
    await settle(async () => d.db.close())
  }
  for (const r of relays.splice(0)) {
    await settle(async () => r.service.stop())
    await settle(async () => r.node.stop())
    await settle(async () => r.db.close())
  }
  await Promise.all(folders.splice(0).map(async (f) => rm(f, { recursive: true, force: true })))
}

async function settle(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch {
    // already stopped
  }
}

/** Alice and Bob, each the first device of a new account, on two relays of their own. */
export async function startPair(): Promise<{ alice: TestDevice; bob: TestDevice }> {
  const relays = await startRelays(2)
  const [alice, bob] = await Promise.all([startDevice(relays), startDevice(relays)])
  return { alice, bob }
}

/** Stop every device, relay and node the fixtures started, and remove their folders. */
export async function stopMessaging(): Promise<void> {
  await cleanupMessaging()
  await stopAll()
}
