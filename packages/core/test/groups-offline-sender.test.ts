/**
 * A member that was offline when a group message was sent gets it when it
 * comes back, even though the sender is gone by then: the message from the
 * relays' group store, the sender's key for the epoch from the member's relay
 * mailbox. With one relay too (a device whose directory entry names a single
 * relay can be reached only through that relay's mailbox).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { GroupRelay, type GroupMessageRecord, type XchatClient } from '../src/index.js'
import { startDevice, startRelays, stopDevice, stopMessaging, type TestRelay } from './messaging-fixture.js'
import { waitUntil } from './net-fixture.js'

const stops: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop().catch(() => undefined)
  await stopMessaging()
})

/** Relays that also fan group topics out and keep them, as `xchat relay` does. */
async function groupRelays(count: number): Promise<TestRelay[]> {
  const relays = await startRelays(count)
  for (const r of relays) {
    const groupRelay = new GroupRelay(r.node)
    await groupRelay.start()
    stops.push(async () => groupRelay.stop())
  }
  return relays
}

/** Poll a client's history of `group` (kept in its store, not raised as one event) until it holds a message matching `check`. */
async function groupMessage(client: XchatClient, group: string, check: (m: GroupMessageRecord) => boolean, what: string): Promise<void> {
  const until = Date.now() + 60_000
  while (!(client.groups().some((g) => g.id === group) && (await client.groupHistory(group)).some(check))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.each([1, 2])('groups with %i relay(s)', (count) => {
  it('a member offline when a message was sent gets it from the relays after the sender went offline', async () => {
    const relays = await groupRelays(count)
    const [a, b] = [await startDevice(relays), await startDevice(relays)]
    let c = await startDevice(relays)
    const view = await a.client.createGroup('away', [b.client.accountId, c.client.accountId])
    for (const m of [b, c])
      await waitUntil(m.client.groupEvents, 'group:changed', () => m.client.groups().some((g) => g.id === view.id), 30_000, 'the group')

    // c goes offline; a's first message opens a's chain for the epoch: its key goes to c's mailbox
    const cKeys = c.keys
    const cPath = c.path
    const cAccount = c.client.accountId
    await stopDevice(c)
    let keyMailed = false
    a.client.events.addEventListener('message:sent', (e) => {
      if (e.detail.conversation === cAccount && e.detail.via === 'mailbox') keyMailed = true
    })
    const sent = await a.client.sendGroup(view.id, 'while c was away')
    await groupMessage(b.client, view.id, (m) => m.id === sent.id, 'the message at b')
    await waitUntil(a.client.events, 'message:sent', () => keyMailed, 60_000, "a's sender key in c's mailbox")

    // the sender goes offline for good; c comes back and gets the message with nobody else online but b
    await stopDevice(a)
    c = await startDevice(relays, { keys: cKeys, path: cPath })
    await groupMessage(c.client, view.id, (m) => m.id === sent.id, 'the message at c')
    const history = await c.client.groupHistory(view.id)
    expect(history.find((m) => m.id === sent.id)).toMatchObject({ text: 'while c was away', sender: a.client.accountId })
  }, 180_000)
})
