/**
 * Disappearing-message fixtures: a controllable clock per device (real time
 * plus an offset the test moves), and relays whose mailbox service runs on such a clock.
 */
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { Directory, mailboxService, openStore, type CreateClientInit, type XchatStore } from '../src/index.js'
import { addrsOf, startRelay } from './net-fixture.js'
import { tempFolder, type TestDevice, type TestRelay } from './messaging-fixture.js'

/** Real time plus an offset: the network keeps working while a test moves one device's time. */
export class TestClock {
  offset = 0
  readonly now = (): number => Date.now() + this.offset
  advance(ms: number): void {
    this.offset += ms
  }
}

/** Run a device on `clock`; its directory lookups stay on real time (a skewed clock would refuse others' records). */
export function onClock(clock: TestClock, realTimeDirectory = false): (init: CreateClientInit) => CreateClientInit {
  return (init) => ({
    ...init,
    now: clock.now,
    ...(realTimeDirectory ? { ports: { ...init.ports, directory: new Directory({ node: init.node }) } } : {}),
  })
}

const started: TestRelay[] = []

/** `count` relays whose mailbox services run on `clock`. */
export async function startClockedRelays(count: number, clock: TestClock): Promise<TestRelay[]> {
  const out: TestRelay[] = []
  for (let i = 0; i < count; i++) {
    const db = new Level<string, Uint8Array>(await tempFolder('xchat-relay-'), { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    const node = await startRelay({ privateKey: await generateKeyPair('Ed25519'), bootstrap: out.flatMap((r) => addrsOf(r.node)) })
    const service = mailboxService({ db, now: clock.now })({ peerId: node.peerId, registrar: node })
    await service.start()
    out.push({ node, service, db })
  }
  started.push(...out)
  return out
}

/** Stop what {@link startClockedRelays} started. */
export async function stopClockedRelays(): Promise<void> {
  for (const r of started.splice(0)) {
    for (const stop of [async () => r.service.stop(), async () => r.node.stop(), async () => r.db.close()]) {
      await stop().catch(() => undefined)
    }
  }
}

/** A second view of a running device's store (same database), to look at what is really stored. */
export async function storeOf(device: TestDevice): Promise<XchatStore> {
  return openStore({ db: device.db, devicePrivateKey: device.keys.device.privateKey() })
}

/** Every `message:expired` id of a device, in order. */
export function expiredIds(device: TestDevice): string[] {
  const ids: string[] = []
  device.client.events.addEventListener('message:expired', (e) => ids.push(e.detail.id))
  return ids
}
