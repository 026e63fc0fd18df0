import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import {
  bytesSource,
  memorySink,
  GossipFanout,
  GroupRelay,
  keepUntilOf,
  topicOf,
  type GroupMessageRecord,
  type XchatClient,
} from '../src/index.js'
import { startDevice, startRelays, stopMessaging, type TestDevice } from './messaging-fixture.js'
import { waitUntil } from './net-fixture.js'

/** Wait until a client's group history holds a message matching `check`. */
async function groupMessage(
  client: XchatClient,
  group: string,
  check: (m: GroupMessageRecord) => boolean,
  what: string,
): Promise<GroupMessageRecord> {
  let found: GroupMessageRecord | undefined
  const look = async (): Promise<boolean> => {
    found = client.groups().some((g) => g.id === group) ? (await client.groupHistory(group)).find(check) : undefined
    return found !== undefined
  }
  const started = Date.now()
  while (!(await look())) {
    if (Date.now() - started > 30_000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return found as GroupMessageRecord
}

describe('files in groups over real nodes', () => {
  let a: TestDevice
  let b: TestDevice
  let c: TestDevice
  const stops: (() => Promise<void>)[] = []
  /** The relays' clock: real time plus an offset the test moves. */
  let relayOffset = 0
  let relayIds: string[] = []
  beforeAll(async () => {
    const relays = await startRelays(2)
    // the relays fan group topics out (and keep them) as `xchat relay` does
    for (const r of relays) {
      const groupRelay = new GroupRelay(r.node, { now: () => Date.now() + relayOffset })
      await groupRelay.start()
      stops.push(async () => groupRelay.stop())
    }
    relayIds = relays.map((r) => r.node.peerId.toString())
    ;[a, b, c] = await Promise.all([startDevice(relays), startDevice(relays), startDevice(relays)])
  }, 90_000)
  afterAll(async () => {
    for (const stop of stops) await stop().catch(() => undefined)
    await stopMessaging()
  })

  it('serves a group file to the current members only: a removed member cannot fetch its chunks', async () => {
    const view = await a.client.createGroup('files', [b.client.accountId, c.client.accountId])
    await waitUntil(b.client.groupEvents, 'group:changed', () => b.client.groups().some((g) => g.id === view.id), 30_000, 'the group at b')
    await waitUntil(c.client.groupEvents, 'group:changed', () => c.client.groups().some((g) => g.id === view.id), 30_000, 'the group at c')

    const bytes = new Uint8Array(randomBytes(600 * 1024))
    const sent = await a.client.sendGroupFile(view.id, bytesSource(bytes), { name: 'plan.bin' })
    const atB = await groupMessage(b.client, view.id, (m) => m.id === sent.id, 'the file message at b')
    const atC = await groupMessage(c.client, view.id, (m) => m.id === sent.id, 'the file message at c')
    expect(atC.file).toEqual(atB.file)

    // c is removed before it asks for the chunks: the sender refuses it as if the file were unknown
    await a.client.remove(view.id, [c.client.accountId])
    await waitUntil(
      c.client.groupEvents,
      'group:changed',
      () => !c.client.groups().find((g) => g.id === view.id)?.member,
      30_000,
      'c removed',
    )
    await expect(c.client.receiveGroupFile(atC, memorySink())).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })

    // b, still a member, gets every byte, and the sender counts it
    const sink = memorySink()
    await b.client.receiveGroupFile(atB, sink)
    expect(Buffer.compare(sink.bytes() ?? new Uint8Array(), bytes)).toBe(0)
    const until = Date.now() + 20_000
    while (a.client.groupFileStatus(sent.fileId)?.complete !== 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
    // c was removed: b is every member it went to still in the group, so the offer ends
    expect(a.client.groupFileStatus(sent.fileId)).toMatchObject({ fileId: sent.fileId, group: view.id, members: 1, complete: 1 })
    expect(a.client.groupFileStatus(sent.fileId)?.state).toBe('complete')
    await expect(b.client.receiveGroupFile(atB, memorySink())).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
  }, 120_000)

  it('a withdrawn group offer is served to nobody', async () => {
    const view = await a.client.createGroup('withdrawn', [b.client.accountId])
    await waitUntil(b.client.groupEvents, 'group:changed', () => b.client.groups().some((g) => g.id === view.id), 30_000, 'the group at b')
    const sent = await a.client.sendGroupFile(view.id, bytesSource(new Uint8Array(randomBytes(10 * 1024))), { name: 'w.bin' })
    const atB = await groupMessage(b.client, view.id, (m) => m.id === sent.id, 'the file message at b')
    expect(a.client.groupFileStatus(sent.fileId)).toMatchObject({ state: 'serving', members: 1, complete: 0 })
    sent.withdraw()
    expect(a.client.groupFileStatus(sent.fileId)).toBeUndefined()
    await expect(b.client.receiveGroupFile(atB, memorySink())).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
  }, 120_000)

  it('relays stop handing out a disappearing group message once its time is up', async () => {
    const view = await a.client.createGroup('timed', [b.client.accountId])
    await waitUntil(b.client.groupEvents, 'group:changed', () => b.client.groups().some((g) => g.id === view.id), 30_000, 'the group at b')
    const sent = await a.client.sendGroup(view.id, 'gone in five seconds', { expireAfterMs: 5000 })
    const kept = await a.client.sendGroup(view.id, 'no timer')
    await groupMessage(b.client, view.id, (m) => m.id === kept.id, 'delivery at b')
    const fanout = new GossipFanout({ node: b.node, relays: () => relayIds })
    try {
      const before = await fanout.fetch(topicOf(view.id))
      expect(before.filter((m) => keepUntilOf(m) !== undefined)).toHaveLength(1)
      expect(before).toHaveLength(2)
      relayOffset = 6000
      const after = await fanout.fetch(topicOf(view.id))
      // the untimed message is still held: only the expired copy is gone
      expect(after).toHaveLength(1)
      expect(keepUntilOf(after[0] as Uint8Array)).toBeUndefined()
    } finally {
      relayOffset = 0
      fanout.close()
    }
    expect(sent.id).not.toBe(kept.id)
  }, 120_000)
})
