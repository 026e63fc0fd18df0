/**
 * A group file offer is stored like a 1:1 one: after the sender restarts on
 * the same database, a member that was offline when it was sent still gets
 * the file, a member removed since is still refused, and the offer ends once
 * every member it went to holds the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { bytesSource, memorySink, GroupRelay, type CreateClientInit, type GroupMessageRecord, type XchatClient } from '../src/index.js'
import { startDevice, startRelays, stopDevice, stopMessaging, type TestDevice, type TestRelay } from './messaging-fixture.js'
import { waitUntil } from './net-fixture.js'

/** Wait until a client's group history holds a message matching `check`. */
async function groupMessage(
  client: XchatClient,
  group: string,
  check: (m: GroupMessageRecord) => boolean,
  what: string,
): Promise<GroupMessageRecord> {
  const started = Date.now()
  for (;;) {
    const found = client.groups().some((g) => g.id === group) ? (await client.groupHistory(group)).find(check) : undefined
    if (found !== undefined) return found
    if (Date.now() - started > 30_000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Poll `check` (state kept in memory, not raised as an event) until it holds. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 30_000
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('group file offers survive a sender restart', () => {
  let relays: TestRelay[]
  let a: TestDevice
  let b: TestDevice
  let c: TestDevice
  let d: TestDevice
  const stops: (() => Promise<void>)[] = []
  // the platform's files, by locator (a path on Node)
  const files = new Map<string, Uint8Array>()
  const openSource = (locator: string): Promise<ReturnType<typeof bytesSource>> => {
    const bytes = files.get(locator)
    return bytes === undefined ? Promise.reject(new Error('gone')) : Promise.resolve(bytesSource(bytes))
  }
  const withSources = { wrap: (init: CreateClientInit): CreateClientInit => ({ ...init, openSource }) }

  beforeAll(async () => {
    relays = await startRelays(2)
    // the relays fan group topics out (and keep them) as `xchat relay` does
    for (const r of relays) {
      const groupRelay = new GroupRelay(r.node)
      await groupRelay.start()
      stops.push(async () => groupRelay.stop())
    }
    ;[a, b, c, d] = await Promise.all([startDevice(relays, withSources), startDevice(relays), startDevice(relays), startDevice(relays)])
  }, 90_000)
  afterAll(async () => {
    for (const stop of stops) await stop().catch(() => undefined)
    await stopMessaging()
  })

  it('serves a member that was offline after the sender restarts; a removed member stays refused', async () => {
    const view = await a.client.createGroup('kept', [b.client.accountId, c.client.accountId, d.client.accountId])
    for (const m of [b, c, d]) {
      await waitUntil(m.client.groupEvents, 'group:changed', () => m.client.groups().some((g) => g.id === view.id), 30_000, 'the group')
    }
    // c is offline when the file is sent
    const cKeys = c.keys
    const cPath = c.path
    await stopDevice(c)

    const bytes = new Uint8Array(randomBytes(700 * 1024 + 5))
    files.set('/files/kept.bin', bytes)
    const sent = await a.client.sendGroupFile(view.id, bytesSource(bytes), { name: 'kept.bin' }, { locator: '/files/kept.bin' })
    const atB = await groupMessage(b.client, view.id, (m) => m.id === sent.id, 'the file message at b')
    const atD = await groupMessage(d.client, view.id, (m) => m.id === sent.id, 'the file message at d')

    // b fetches it while the sender first runs: counted
    const atBSink = memorySink()
    await b.client.receiveGroupFile(atB, atBSink)
    expect(Buffer.compare(atBSink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
    await eventually(() => a.client.groupFileStatus(sent.fileId)?.complete === 1, 'b counted')
    expect(a.client.groupFileStatus(sent.fileId)).toMatchObject({ state: 'serving', members: 3, complete: 1 })

    // d is removed (it holds the manifest); then the sender stops
    await a.client.remove(view.id, [d.client.accountId])
    await waitUntil(
      d.client.groupEvents,
      'group:changed',
      () => !d.client.groups().find((g) => g.id === view.id)?.member,
      30_000,
      'd removed',
    )
    const aKeys = a.keys
    const aPath = a.path
    await stopDevice(a)

    // the sender restarts on the same database: the offer is served again, b's completion remembered
    a = await startDevice(relays, { ...withSources, keys: aKeys, path: aPath })
    expect(a.client.groupFileStatus(sent.fileId)).toMatchObject({
      fileId: sent.fileId,
      group: view.id,
      state: 'serving',
      members: 2,
      complete: 1,
      completedBy: [b.client.accountId],
    })

    // c comes online, catches up on the group, and gets every byte, verified
    c = await startDevice(relays, { keys: cKeys, path: cPath })
    const atC = await groupMessage(c.client, view.id, (m) => m.id === sent.id, 'the file message at c')
    // d, removed before the restart, is refused as if the file were unknown
    await expect(d.client.receiveGroupFile(atD, memorySink())).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
    const atCSink = memorySink()
    await c.client.receiveGroupFile(atC, atCSink)
    expect(atCSink.state).toBe('finished')
    expect(Buffer.compare(atCSink.bytes() ?? new Uint8Array(), bytes)).toBe(0)

    // every member it went to (and still in the group) has it: the offer ends, and is not served again after a restart
    await eventually(() => a.client.groupFileStatus(sent.fileId)?.state === 'complete', 'the offer complete')
    expect(a.client.groupFileStatus(sent.fileId)).toMatchObject({ state: 'complete', members: 2, complete: 2 })
    await expect(b.client.receiveGroupFile(atB, memorySink())).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
    await stopDevice(a)
    a = await startDevice(relays, { ...withSources, keys: aKeys, path: aPath })
    expect(a.client.groupFileStatus(sent.fileId)).toBeUndefined()
  }, 240_000)

  it('forgets a stored group offer when it is cancelled (its message expired): not served after a restart', async () => {
    const view = await a.client.createGroup('cancelled', [b.client.accountId])
    await waitUntil(b.client.groupEvents, 'group:changed', () => b.client.groups().some((g) => g.id === view.id), 30_000, 'the group at b')
    const bytes = new Uint8Array(randomBytes(50 * 1024))
    files.set('/files/gone.bin', bytes)
    const sent = await a.client.sendGroupFile(view.id, bytesSource(bytes), { name: 'gone.bin' }, { locator: '/files/gone.bin' })
    const atB = await groupMessage(b.client, view.id, (m) => m.id === sent.id, 'the file message at b')
    expect(await a.client.cancelFile(sent.fileId)).toBe(true)
    const { keys, path } = a
    await stopDevice(a)
    a = await startDevice(relays, { ...withSources, keys, path })
    expect(a.client.groupFileStatus(sent.fileId)).toBeUndefined()
    await expect(b.client.receiveGroupFile(atB, memorySink())).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
  }, 180_000)
})
